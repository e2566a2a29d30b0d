//! The whole statement: the source columns, the cell readers, the criteria, the score
//! interval and the output columns; and the `CREATE VIEW` and dbt forms of it.

use icp_eval::Program;
use icp_eval::program::{RuleKind, SlotType};

use super::criteria::sql_op;
use super::layers::{Gen, SCALE};
use super::options::Options;
use super::scale::{pow10, scale_of};
use crate::SqlError;
use crate::dialect::{Caps, Target};

/// Splits a dotted name (`schema.table`) and quotes each part.
fn table_name(caps: &Caps, from: &str) -> Result<String, SqlError> {
    from.split('.')
        .map(|p| caps.ident(p))
        .collect::<Result<Vec<_>, _>>()
        .map(|v| v.join("."))
}

/// The `SELECT` that scores every row of the table.
pub fn compile_select(prog: &Program, opts: &Options) -> Result<String, SqlError> {
    let caps = opts.target.caps();
    let scale = scale_of(prog, caps)?;
    let mut g = Gen {
        caps,
        prog,
        opts,
        layers: Vec::new(),
        guard: None,
        spelled: vec![false; prog.slots.len()],
        never_fail: vec![false; prog.slots.len()],
    };
    // The source columns, under names of our own.
    let mut src = Vec::new();
    for (i, k) in opts.keep.iter().enumerate() {
        src.push(format!("{} AS k{i}", caps.ident(k)?));
    }
    for (i, s) in prog.slots.iter().enumerate() {
        let col = caps.ident(&s.column)?;
        let typed_field = !matches!(s.ty, SlotType::Enum | SlotType::Set | SlotType::Text);
        match caps
            .typed_tests
            .as_ref()
            .filter(|_| opts.typed && typed_field)
        {
            Some(tests) => {
                let msg = caps.lit(&format!(
                    "{}: the column is text; --typed reads {} fields from typed columns \
                     (compile without --typed to read the text)",
                    s.column,
                    s.ty.as_str()
                ))?;
                src.push(format!("{} AS c{i}", (tests.refuse_text)(&col, &msg)));
            }
            None => src.push(format!("{col} AS c{i}")),
        }
        let text = format!("CAST({col} AS {})", caps.text);
        let t = g.trimmed(&text)?;
        match caps.typed_tests.as_ref().filter(|_| opts.typed) {
            Some(tests) => src.push(format!(
                "CASE WHEN {} THEN {text} ELSE {t} END AS t{i}",
                (tests.untrimmed)(&col)
            )),
            // Counts, amounts and durations are trimmed by their readers, for the cells that
            // are not plain digits; where the engine has a cast that cannot fail, `u{i}` is
            // the cell read as an unsigned integer (see `Caps::try_cast`).
            None if !opts.typed && super::cells::read_late(s.ty) => {
                if let (Some(tc), true) = (&caps.try_cast, s.ty != SlotType::Bool) {
                    let uint = (tc.uint)(&text);
                    // An integer column (engines that adapt) is read as it is.
                    src.push(match g.adapts() {
                        Some(tests) => format!(
                            "CASE WHEN {} THEN NULL ELSE {uint} END AS u{i}",
                            (tests.integer)(&col)
                        ),
                        None => format!("{uint} AS u{i}"),
                    });
                }
            }
            // A date read at once where it can be (`Gen::read_date`): the cell as a date.
            None if s.ty == SlotType::Date && g.dates_at_once() => {
                if let Some(tc) = &caps.try_cast {
                    let date = (tc.date)(&text);
                    // A date column (engines that adapt) is read as it is.
                    src.push(match g.adapts() {
                        Some(tests) => format!(
                            "CASE WHEN {} THEN NULL ELSE {date} END AS u{i}",
                            (tests.date)(&col)
                        ),
                        None => format!("{date} AS u{i}"),
                    });
                }
            }
            None => src.push(format!("{t} AS t{i}")),
        }
    }
    if src.is_empty() {
        src.push("1 AS icp_one".into());
    }
    let mut next = 1;
    for (i, s) in prog.slots.iter().enumerate() {
        let end = match s.ty {
            SlotType::Int | SlotType::Number | SlotType::Money | SlotType::Percent => {
                g.read_number(i, s.ty)?
            }
            SlotType::Date => g.read_date(i)?,
            SlotType::Duration => g.read_duration(i)?,
            SlotType::Bool => g.read_bool(i)?,
            SlotType::Enum => g.read_listed(i, false)?,
            SlotType::Set => g.read_listed(i, true)?,
            SlotType::Text => g.read_text(i),
        };
        next = next.max(end);
    }
    // Criteria.
    let l = next;
    // The cells' messages, less those that are NULL whatever the cell.
    let errors: Vec<String> = (0..prog.slots.len())
        .filter(|&i| !g.never_fail[i])
        .map(|i| format!("e{i}"))
        .collect();
    g.put(
        l,
        "icp_error".into(),
        (caps.join)(&caps.lit("; ")?, &errors),
    );
    for (j, r) in prog.rules.iter().enumerate() {
        let e = match &r.kind {
            RuleKind::Pred(n) => g.node(*n)?,
            RuleKind::Graded { slot, lo, .. } => format!("(v{slot} > {})", g.num(*lo, &r.text)?),
        };
        g.put(l, format!("r{j}"), e);
    }
    for (j, d) in prog.disqualifiers.iter().enumerate() {
        g.put(l, format!("d{j}"), g.node(d.node)?);
    }
    // The icp's own criteria, each with whether it costs a pattern match per row.
    let core: Option<Vec<(String, bool)>> =
        if (prog.uses_fit() || prog.segments.iter().any(|s| !s.secondary)) && !prog.core.is_empty()
        {
            Some(
                prog.core
                    .iter()
                    .map(|(n, _)| Ok((g.node(*n)?, g.costly(*n))))
                    .collect::<Result<Vec<_>, SqlError>>()?,
            )
        } else {
            None
        };
    // Whether the account fits the icp (`and fit` in a tier): NULL when unknown.
    if prog.uses_fit() {
        let fit = match &core {
            Some(c) => g.all_of(c),
            None => "TRUE".to_string(),
        };
        g.put(l, "icp_fit".into(), fit);
    }
    for (j, s) in prog.segments.iter().enumerate() {
        let mut parts = Vec::new();
        if !s.secondary {
            parts.extend(core.iter().flatten().cloned());
        }
        for (n, _) in &s.preds {
            parts.push((g.node(*n)?, g.costly(*n)));
        }
        let e = if parts.is_empty() {
            "TRUE".to_string()
        } else {
            g.all_of(&parts)
        };
        g.put(l, format!("g{j}"), e);
    }
    // The score interval, in units of 1/d.
    let plan = prog
        .plan
        .as_ref()
        .ok_or_else(|| SqlError("no score plan".into()))?;
    // Scores are counted in the engine's 64-bit integers when every value the count and its
    // printing reach fits them, and in `big` otherwise.
    let k = scale
        .factors
        .iter()
        .filter(|(p, _)| *p == 2 || *p == 5)
        .map(|(_, e)| *e)
        .max()
        .unwrap_or(0);
    let fits64 = scale
        .bound
        .max(scale.d)
        .checked_mul(pow10(k))
        .is_some_and(|x| x < i128::from(i64::MAX));
    let big = match caps.score_int {
        Some(t) if fits64 => t,
        _ => caps.big,
    };
    let slit = |v: i128| {
        if big == caps.big {
            caps.big_lit(v)
        } else {
            format!("CAST({v} AS {big})")
        }
    };
    let (mut lo, mut hi) = (Vec::new(), Vec::new());
    for (j, r) in prog.rules.iter().enumerate() {
        let w = plan.weight_units[j] * scale.m;
        let (wl, wh) = (slit(w.min(0)), slit(w.max(0)));
        let wb = slit(w);
        match &r.kind {
            RuleKind::Pred(_) => {
                // Two branches: an unknown rule counts as holding (`NOT r` is NULL) or not.
                let (holds, unknown_too) = (
                    format!("CASE WHEN r{j} THEN {wb} ELSE {} END", slit(0)),
                    format!("CASE WHEN NOT r{j} THEN {} ELSE {wb} END", slit(0)),
                );
                if w >= 0 {
                    lo.push(holds);
                    hi.push(unknown_too);
                } else {
                    lo.push(unknown_too);
                    hi.push(holds);
                }
            }
            RuleKind::Graded {
                slot,
                lo: glo,
                hi: ghi,
            } => {
                let (sn, sd) = plan.graded_slope[j].ok_or_else(|| SqlError("no slope".into()))?;
                let k = sn * (scale.m / (sd * pow10(SCALE)));
                let e = |unknown: &str| -> Result<String, SqlError> {
                    Ok(format!(
                        "CASE WHEN v{slot} IS NULL THEN {unknown} WHEN v{slot} <= {l} THEN {zero} WHEN v{slot} >= {h} THEN {wb} ELSE {k} * (v{slot} - {l}) END",
                        l = g.num(*glo, &r.text)?,
                        h = g.num(*ghi, &r.text)?,
                        zero = slit(0),
                        k = caps.big_lit(k),
                    ))
                };
                lo.push(e(&wl)?);
                hi.push(e(&wh)?);
            }
        }
    }
    let sum = |v: &[String]| {
        if v.is_empty() {
            slit(0)
        } else {
            v.iter()
                .map(|e| format!("CAST({e} AS {big})"))
                .collect::<Vec<_>>()
                .join(" + ")
        }
    };
    g.put(l + 1, "icp_min".into(), sum(&lo));
    g.put(l + 1, "icp_max".into(), sum(&hi));
    // The common factor of each score and d, from d's prime factors.
    let gcd_of = |n: &str| -> String {
        let abs = format!("abs({n})");
        let parts: Vec<String> = scale
            .factors
            .iter()
            .map(|(p, e)| {
                let mut c = String::from("CASE");
                for k in (1..=*e).rev() {
                    let pk = slit(p.pow(k));
                    c.push_str(&format!(" WHEN {} = 0 THEN {pk}", (caps.imod)(&abs, &pk)));
                }
                c.push_str(&format!(" ELSE {} END", slit(1)));
                c
            })
            .collect();
        if parts.is_empty() {
            slit(1)
        } else {
            parts.join(" * ")
        }
    };
    g.put(l + 2, "icp_gmin".into(), gcd_of("icp_min"));
    g.put(l + 2, "icp_gmax".into(), gcd_of("icp_max"));
    let dl = slit(scale.d);
    for s in ["min", "max"] {
        g.put(
            l + 3,
            format!("icp_p{s}"),
            (caps.idiv)(&format!("icp_{s}"), &format!("icp_g{s}")),
        );
        g.put(
            l + 3,
            format!("icp_q{s}"),
            (caps.idiv)(&dl, &format!("icp_g{s}")),
        );
    }
    // Output.
    let text = caps.text;
    let tostr = |e: &str| format!("CAST({e} AS {text})");
    let d25: i128 = scale
        .factors
        .iter()
        .filter(|(p, _)| *p == 2 || *p == 5)
        .map(|(p, e)| p.pow(*e))
        .product();
    let fmt = |s: &str| -> Result<String, SqlError> {
        let (p, q) = (format!("icp_p{s}"), format!("icp_q{s}"));
        if scale.d == 1 {
            return Ok(tostr(&p));
        }
        let tk = slit(pow10(k));
        let sc = format!("abs({p}) * {}", (caps.idiv)(&tk, &q));
        let decimal = format!(
            "CASE WHEN {p} < 0 THEN '-' ELSE '' END || {} || '.' || {}",
            tostr(&(caps.idiv)(&sc, &tk)),
            (caps.rtrim)(
                &format!("lpad({}, {k}, '0')", tostr(&(caps.imod)(&sc, &tk))),
                "'0'"
            )
        );
        Ok(format!(
            "CASE WHEN {q} = 1 THEN {} WHEN {} = 0 THEN {decimal} ELSE {} || '/' || {} END",
            tostr(&p),
            (caps.imod)(&slit(d25), &q),
            tostr(&p),
            tostr(&q)
        ))
    };
    let mut out = Vec::new();
    for (i, kname) in opts.keep.iter().enumerate() {
        out.push(format!("k{i} AS {}", caps.ident(kname)?));
    }
    out.push(format!("{} AS score", fmt("min")?));
    out.push(format!("{} AS score_max", fmt("max")?));
    let mut tier = String::from("CASE WHEN icp_error <> '' THEN 'error'");
    if !prog.disqualifiers.is_empty() {
        let any: Vec<String> = (0..prog.disqualifiers.len())
            .map(|j| format!("d{j}"))
            .collect();
        tier.push_str(&format!(
            " WHEN COALESCE({}, FALSE) THEN 'disqualified'",
            any.join(" OR ")
        ));
    }
    let mut closed = false;
    for (j, t) in prog.tiers.iter().enumerate() {
        let name = caps.lit(&t.name)?;
        match (&t.condition, plan.tier_units[j]) {
            (None, _) => {
                tier.push_str(&format!(" ELSE {name} END"));
                closed = true;
                break;
            }
            (Some((op, _)), Some(u)) => tier.push_str(&format!(
                " WHEN icp_min {} {}{} THEN {name}",
                sql_op(*op),
                slit(u * scale.m),
                if t.fit {
                    " AND COALESCE(icp_fit, FALSE)"
                } else {
                    ""
                }
            )),
            (Some(_), None) => return Err(SqlError("a tier line outside the score plan".into())),
        }
    }
    if !closed {
        tier.push_str(" ELSE '' END");
    }
    out.push(format!("{tier} AS tier"));
    if prog.uses_fit() {
        out.push(
            "CASE WHEN icp_error <> '' THEN '' WHEN icp_fit THEN 'yes' WHEN NOT icp_fit THEN 'no' ELSE 'unknown' END AS fit"
                .into(),
        );
    }
    let names = |items: Vec<(String, String)>| -> Result<String, SqlError> {
        if let Some(list_at) = caps.list_at.filter(|_| !items.is_empty()) {
            return names_by_table(caps, list_at, &items);
        }
        let parts = items
            .into_iter()
            .map(|(cond, name)| Ok(format!("CASE WHEN {cond} THEN {} END", caps.lit(&name)?)))
            .collect::<Result<Vec<_>, SqlError>>()?;
        Ok((caps.join)("';'", &parts))
    };
    let rules = names(
        prog.rules
            .iter()
            .enumerate()
            .map(|(j, r)| (format!("r{j}"), r.name.clone()))
            .collect(),
    )?;
    out.push(format!("{rules} AS rules"));
    let mut unknown: Vec<(String, String)> = prog
        .rules
        .iter()
        .enumerate()
        .map(|(j, r)| (format!("r{j} IS NULL"), r.name.clone()))
        .collect();
    unknown.extend(
        prog.disqualifiers
            .iter()
            .enumerate()
            .map(|(j, d)| (format!("d{j} IS NULL"), format!("disqualify: {}", d.text))),
    );
    out.push(format!("{} AS unknown", names(unknown)?));
    let dq = names(
        prog.disqualifiers
            .iter()
            .enumerate()
            .map(|(j, d)| (format!("d{j}"), d.text.clone()))
            .collect(),
    )?;
    out.push(format!("{dq} AS disqualified_by"));
    // One segment: its text or `''` (joining one text costs more); more: the joined texts.
    let single = prog.segments.len() == 1;
    let segs = prog
        .segments
        .iter()
        .enumerate()
        .map(|(j, s)| {
            Ok(format!(
                "CASE WHEN g{j} THEN {} WHEN g{j} IS NULL THEN {}{} END",
                caps.lit(&s.name)?,
                caps.lit(&format!("{}?", s.name))?,
                if single { " ELSE ''" } else { "" }
            ))
        })
        .collect::<Result<Vec<_>, SqlError>>()?;
    let segments = if single {
        segs.concat()
    } else {
        (caps.join)("';'", &segs)
    };
    out.push(format!("{segments} AS segments"));
    out.push("icp_error AS error".into());

    let mut sql = format!(
        "WITH icp_l0 {} (\n  SELECT {}\n  FROM {}\n)",
        caps.cte_as,
        src.join(",\n    "),
        table_name(caps, &opts.from)?
    );
    let mut prev = 0;
    for (n, cols) in g.layers.iter().enumerate().skip(1) {
        if cols.is_empty() {
            continue;
        }
        let defs: Vec<String> = cols
            .iter()
            .map(|(name, e)| format!("{e} AS {name}"))
            .collect();
        sql.push_str(&format!(
            ",\nicp_l{n} {} (\n  SELECT *,\n    {}\n  FROM icp_l{prev}\n)",
            caps.cte_as,
            defs.join(",\n    ")
        ));
        prev = n;
    }
    sql.push_str(&format!(
        "\nSELECT\n  {}\nFROM icp_l{prev}\n",
        out.join(",\n  ")
    ));
    Ok(sql)
}

/// Rules (or criteria) per table of names: each held condition sets a bit of a number, which
/// picks the `;`-joined names of that combination from a list of them all. Up to nine
/// conditions make one table; more go in groups of [`NAMES_PER_TABLE`] (256 combinations
/// each), whose texts are joined, an empty group being NULL. Same text as joining one
/// conditional name per condition.
fn names_by_table(
    caps: &Caps,
    list_at: fn(&[String], &str) -> String,
    items: &[(String, String)],
) -> Result<String, SqlError> {
    // Nine conditions still make one table (512 entries), which costs less than two picks
    // joined; more go in groups of eight.
    let one = items.len() <= NAMES_PER_TABLE + 1;
    let size = if one {
        items.len().max(1)
    } else {
        NAMES_PER_TABLE
    };
    let mut parts = Vec::new();
    for group in items.chunks(size) {
        let mut entries = Vec::with_capacity(1 << group.len());
        for m in 0..(1usize << group.len()) {
            let held: Vec<&str> = group
                .iter()
                .enumerate()
                .filter(|(k, _)| m >> k & 1 == 1)
                .map(|(_, (_, name))| name.as_str())
                .collect();
            entries.push(if held.is_empty() && !one {
                format!("CAST(NULL AS {})", caps.text)
            } else {
                caps.lit(&held.join(";"))?
            });
        }
        let bits: Vec<String> = group
            .iter()
            .enumerate()
            .map(|(k, (cond, _))| format!("CASE WHEN {cond} THEN {} ELSE 0 END", 1u32 << k))
            .collect();
        let picked = list_at(&entries, &format!("1 + {}", bits.join(" + ")));
        if one {
            return Ok(picked);
        }
        parts.push(picked);
    }
    Ok((caps.join)("';'", &parts))
}

/// Conditions per table in [`names_by_table`].
const NAMES_PER_TABLE: usize = 8;

/// `CREATE VIEW name AS SELECT …`.
pub fn create_view(target: Target, name: &str, select: &str) -> Result<String, SqlError> {
    let caps = target.caps();
    Ok(format!(
        "CREATE VIEW {} AS\n{}",
        table_name(caps, name)?,
        select.trim_end()
    ) + ";\n")
}

/// A dbt model: the select over `{{ ref('<from>') }}`.
pub fn dbt_model(prog: &Program, opts: &Options) -> Result<String, SqlError> {
    if opts.from.is_empty()
        || !opts
            .from
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return Err(SqlError(format!(
            "a dbt model refers to its input as ref('{}'); the model name must be letters, digits and `_`",
            opts.from
        )));
    }
    let caps = opts.target.caps();
    // Compile against a placeholder table, then put the ref in its place.
    let placeholder = "icp_dbt_input_placeholder";
    let mut o = opts.clone();
    o.from = placeholder.into();
    let sql = compile_select(prog, &o)?;
    let quoted = caps.ident(placeholder)?;
    Ok(format!(
        "-- Scores `{from}` against the icp `{icp}`; generated by `icpc compile --format dbt`.\n{{{{ config(materialized='view') }}}}\n\n{}",
        sql.replace(&quoted, &format!("{{{{ ref('{}') }}}}", opts.from)),
        from = opts.from,
        icp = prog.icp,
    ))
}

/// The dbt `schema.yml` that documents the model's columns.
pub fn dbt_schema(prog: &Program, model: &str, keep: &[String]) -> String {
    let q = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let mut y = format!(
        "version: 2\n\nmodels:\n  - name: {}\n    description: {}\n    columns:\n",
        q(model),
        q(&format!("Accounts scored against the icp `{}`.", prog.icp))
    );
    for k in keep {
        y.push_str(&format!(
            "      - name: {}\n        description: {}\n",
            q(k),
            q("Copied from the input.")
        ));
    }
    let docs = [
        (
            "score",
            "The lowest score the data allows, exact: 7, 2.5 or 235/3.",
        ),
        (
            "score_max",
            "The highest score the data allows (equal to score when nothing is unknown).",
        ),
        (
            "tier",
            "A rubric tier, disqualified, error, or empty when no tier holds; decided by score.",
        ),
        (
            "fit",
            "yes, no or unknown: whether every firmographics and tech_stack criterion holds (only when a tier says `and fit`).",
        ),
        ("rules", "The rules that held, ;-separated."),
        (
            "unknown",
            "The rules and `disqualify: …` criteria that could not be decided, ;-separated.",
        ),
        (
            "disqualified_by",
            "The disqualifying criteria that held, ;-separated.",
        ),
        (
            "segments",
            "The segments the account is in; `name?` when unknown.",
        ),
        (
            "error",
            "Why the row is an error (a cell that cannot be read); empty otherwise.",
        ),
    ];
    for (name, doc) in docs {
        if name == "fit" && !prog.uses_fit() {
            continue;
        }
        y.push_str(&format!(
            "      - name: {name}\n        description: {}\n",
            q(doc)
        ));
    }
    y
}
