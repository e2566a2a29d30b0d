//! Differential test: the streaming evaluator against a small reference written only for this
//! test — it walks the resolved criteria directly, keeps rows as `HashMap`s of strings, reads
//! cells with plain string handling and computes every score with rationals. Slow and
//! obviously correct; thousands of generated accounts must come out the same from both.

use std::collections::HashMap;

use icp_check::model::{FieldType, IcpModel, Lit, Model, Pred, PredKind, SchemaModel};
use icp_eval::{InputFormat, Job, Options, OutputFormat, Program};
use icp_syntax::ast::{CmpOp, HasMode};
use icp_syntax::literal::{Rational, days_from_civil, format_rational};

const AS_OF: (i32, u32, u32) = (2026, 11, 23);

// ---------------------------------------------------------------------------------------
// The reference.

#[derive(Clone, Debug, PartialEq)]
enum V {
    Unknown,
    Num(Rational),
    Day(i64),
    Bool(bool),
    Text(String),
    /// `None` for a value the schema does not list.
    Enum(Option<usize>),
    Set(Vec<usize>),
}

fn r(n: i128) -> Rational {
    Rational::from_integer(n)
}

/// Reads a decimal such as `-1,234.5` exactly; `None` when it is not one.
fn ref_decimal(s: &str) -> Option<Rational> {
    let (neg, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if int.contains(',') {
        let groups: Vec<&str> = int.split(',').collect();
        let ok = !groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3);
        if !ok {
            return None;
        }
    }
    let int: String = int.chars().filter(|c| *c != ',').collect();
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    if !int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let digits = format!("{int}{frac}");
    let v = Rational::new(digits.parse::<i128>().ok()?, 10i128.pow(frac.len() as u32));
    Some(if neg { -v } else { v })
}

/// A number with an optional magnitude suffix (`K`, `M`, `B`).
fn ref_number(s: &str) -> Option<Rational> {
    let s = s.trim();
    for (suffix, m) in [
        ("K", 1_000),
        ("k", 1_000),
        ("M", 1_000_000),
        ("B", 1_000_000_000),
    ] {
        if let Some(rest) = s.strip_suffix(suffix) {
            return ref_decimal(rest.trim()).map(|v| v * r(m));
        }
    }
    ref_decimal(s)
}

fn ref_money(s: &str) -> Option<Rational> {
    let mut s = s.trim();
    for prefix in ["$", "€", "USD "] {
        s = s.strip_prefix(prefix).unwrap_or(s);
    }
    ref_number(s).filter(|v| *v >= r(0))
}

fn ref_date(s: &str) -> Option<i64> {
    let p: Vec<&str> = s.trim().split('-').collect();
    if p.len() != 3 || p[0].len() != 4 || p[1].len() != 2 || p[2].len() != 2 {
        return None;
    }
    let (y, m, d): (i32, u32, u32) = (p[0].parse().ok()?, p[1].parse().ok()?, p[2].parse().ok()?);
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days_in = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&m) || d == 0 || d > days_in[m as usize - 1] {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

fn ref_duration(s: &str) -> Option<i64> {
    let s = s.trim();
    for (suffix, per) in [("mo", 30), ("d", 1), ("w", 7), ("y", 365)] {
        if let Some(n) = s.strip_suffix(suffix) {
            return n.parse::<i64>().ok().map(|n| n * per);
        }
    }
    s.parse::<i64>().ok()
}

fn norm(s: &str) -> String {
    s.trim().to_lowercase().replace([' ', '-'], "_")
}

struct Reference<'a> {
    schema: &'a SchemaModel,
    icp: &'a IcpModel,
    src: &'a str,
    as_of: i64,
}

#[derive(Debug, PartialEq)]
struct Expected {
    score: String,
    score_max: String,
    tier: String,
    rules: String,
    unknown: String,
    disqualified_by: String,
    segments: String,
    error: bool,
}

impl Reference<'_> {
    fn value(&self, field: usize, row: &HashMap<String, String>) -> Result<V, String> {
        let f = &self.schema.fields[field];
        let Some(cell) = row.get(&f.column.to_lowercase()) else {
            return Ok(V::Unknown);
        };
        let cell = cell.trim();
        if cell.is_empty() {
            return Ok(V::Unknown);
        }
        let bad = || format!("{}: {cell:?}", f.column);
        Ok(match &f.ty {
            FieldType::Int => {
                let v = ref_number(cell).ok_or_else(bad)?;
                if v < r(0) || !v.is_integer() {
                    return Err(bad());
                }
                V::Num(v)
            }
            FieldType::Number => V::Num(ref_number(cell).ok_or_else(bad)?),
            FieldType::Money => V::Num(ref_money(cell).ok_or_else(bad)?),
            FieldType::Percent => match cell.strip_suffix('%') {
                Some(p) => V::Num(ref_decimal(p.trim()).ok_or_else(bad)? / r(100)),
                None => V::Num(ref_decimal(cell).ok_or_else(bad)?),
            },
            FieldType::Text => V::Text(cell.to_string()),
            FieldType::Bool => match cell.to_lowercase().as_str() {
                "true" | "yes" | "y" | "1" => V::Bool(true),
                "false" | "no" | "n" | "0" => V::Bool(false),
                _ => return Err(bad()),
            },
            FieldType::Date => V::Day(ref_date(cell).ok_or_else(bad)?),
            FieldType::Duration => V::Day(ref_duration(cell).ok_or_else(bad)?),
            FieldType::Enum(values) => V::Enum(values.iter().position(|v| *v == norm(cell))),
            FieldType::Set(values) => {
                let items: Vec<usize> = cell
                    .split([';', ','])
                    .filter(|p| !p.trim().is_empty())
                    .filter_map(|p| values.iter().position(|v| *v == norm(p)))
                    .collect();
                V::Set(items)
            }
        })
    }

    fn lit(l: &Lit) -> V {
        match l {
            Lit::Num(n) => V::Num(*n),
            Lit::Date(d) | Lit::Duration(d) => V::Day(*d),
            Lit::Text(t) => V::Text(t.to_string()),
            Lit::Enum(i) => V::Enum(Some(*i)),
            Lit::Bool(b) => V::Bool(*b),
        }
    }

    fn order(a: &V, b: &V) -> Option<std::cmp::Ordering> {
        match (a, b) {
            (V::Num(x), V::Num(y)) => Some(x.cmp(y)),
            (V::Day(x), V::Day(y)) => Some(x.cmp(y)),
            _ => None,
        }
    }

    /// `None` is unknown.
    fn holds(&self, p: &Pred, row: &HashMap<String, String>) -> Option<bool> {
        let get = |f: usize| match self.value(f, row) {
            Ok(V::Unknown) | Err(_) => None,
            Ok(v) => Some(v),
        };
        match &p.kind {
            PredKind::Cmp { field, op, value } => {
                let v = get(*field)?;
                let l = Self::lit(value);
                Some(match op {
                    CmpOp::Eq => v == l,
                    CmpOp::Ne => v != l,
                    CmpOp::Lt => Self::order(&v, &l)?.is_lt(),
                    CmpOp::Le => Self::order(&v, &l)?.is_le(),
                    CmpOp::Gt => Self::order(&v, &l)?.is_gt(),
                    CmpOp::Ge => Self::order(&v, &l)?.is_ge(),
                })
            }
            PredKind::Range {
                field,
                negated,
                lo,
                hi,
            } => {
                let v = get(*field)?;
                let inside = Self::order(&v, &Self::lit(lo))?.is_ge()
                    && Self::order(&v, &Self::lit(hi))?.is_le();
                Some(inside != *negated)
            }
            PredKind::In {
                field,
                negated,
                values,
            } => {
                let v = get(*field)?;
                Some(values.iter().any(|l| Self::lit(l) == v) != *negated)
            }
            PredKind::Has {
                field,
                mode,
                values,
            } => {
                let V::Set(items) = get(*field)? else {
                    return None;
                };
                Some(match mode {
                    HasMode::Any => values.iter().any(|v| items.contains(v)),
                    HasMode::All => values.iter().all(|v| items.contains(v)),
                    HasMode::None => !values.iter().any(|v| items.contains(v)),
                })
            }
            PredKind::Within { field, days } => match get(*field)? {
                V::Day(d) => Some(d >= self.as_of - days),
                _ => None,
            },
            PredKind::Bool { field } => match get(*field)? {
                V::Bool(b) => Some(b),
                _ => None,
            },
            PredKind::Not(a) => self.holds(a, row).map(|b| !b),
            PredKind::And(a, b) => match (self.holds(a, row), self.holds(b, row)) {
                (Some(false), _) | (_, Some(false)) => Some(false),
                (Some(true), Some(true)) => Some(true),
                _ => None,
            },
            PredKind::Or(a, b) => match (self.holds(a, row), self.holds(b, row)) {
                (Some(true), _) | (_, Some(true)) => Some(true),
                (Some(false), Some(false)) => Some(false),
                _ => None,
            },
            PredKind::Graded { .. } | PredKind::Prose { .. } | PredKind::Invalid => None,
        }
    }

    fn all(&self, preds: &[&Pred], row: &HashMap<String, String>) -> Option<bool> {
        let results: Vec<Option<bool>> = preds.iter().map(|p| self.holds(p, row)).collect();
        if results.contains(&Some(false)) {
            Some(false)
        } else if results.contains(&None) {
            None
        } else {
            Some(true)
        }
    }

    fn text(&self, p: &Pred) -> String {
        self.src[p.span.range()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn expect(&self, row: &HashMap<String, String>, ragged: bool) -> Expected {
        let mut preds: Vec<&Pred> = Vec::new();
        preds.extend(self.icp.core_preds());
        preds.extend(self.icp.disqualifiers.iter().map(|d| &d.pred));
        preds.extend(self.icp.rules.iter().map(|r| &r.pred));
        preds.extend(self.icp.segments.iter().flat_map(|s| s.preds.iter()));
        let mut error = ragged;
        for p in &preds {
            for f in p.fields() {
                error |= self.value(f, row).is_err();
            }
        }
        let (mut lo, mut hi) = (r(0), r(0));
        let (mut rules, mut unknown) = (Vec::new(), Vec::new());
        for rule in &self.icp.rules {
            let w = rule.weight;
            if let PredKind::Graded {
                field,
                lo: glo,
                hi: ghi,
            } = &rule.pred.kind
            {
                match self.value(*field, row) {
                    Ok(V::Num(v)) => {
                        let frac = ((v - glo) / (ghi - glo)).clamp(r(0), r(1));
                        lo += w * frac;
                        hi += w * frac;
                        if frac > r(0) {
                            rules.push(rule.name.clone());
                        }
                    }
                    _ => {
                        lo += w.min(r(0));
                        hi += w.max(r(0));
                        unknown.push(rule.name.to_string());
                    }
                }
                continue;
            }
            match self.holds(&rule.pred, row) {
                Some(true) => {
                    lo += w;
                    hi += w;
                    rules.push(rule.name.clone());
                }
                Some(false) => {}
                None => {
                    lo += w.min(r(0));
                    hi += w.max(r(0));
                    unknown.push(rule.name.to_string());
                }
            }
        }
        let mut disqualified_by = Vec::new();
        for d in &self.icp.disqualifiers {
            match self.holds(&d.pred, row) {
                Some(true) => disqualified_by.push(self.text(&d.pred)),
                None => unknown.push(format!("disqualify: {}", self.text(&d.pred))),
                Some(false) => {}
            }
        }
        let core: Vec<&Pred> = self.icp.core_preds().collect();
        let mut segments = Vec::new();
        for s in &self.icp.segments {
            let mut all: Vec<&Pred> = s.preds.iter().collect();
            if !s.secondary {
                all.extend(core.iter().copied());
            }
            match self.all(&all, row) {
                Some(true) => segments.push(s.name.to_string()),
                None => segments.push(format!("{}?", s.name)),
                Some(false) => {}
            }
        }
        let tier = if error {
            "error".to_string()
        } else if !disqualified_by.is_empty() {
            "disqualified".to_string()
        } else {
            self.icp
                .tiers
                .iter()
                .find(|t| match &t.condition {
                    None => true,
                    Some((op, v)) => match op {
                        CmpOp::Eq => lo == *v,
                        CmpOp::Ne => lo != *v,
                        CmpOp::Lt => lo < *v,
                        CmpOp::Le => lo <= *v,
                        CmpOp::Gt => lo > *v,
                        CmpOp::Ge => lo >= *v,
                    },
                })
                .map_or(String::new(), |t| t.name.to_string())
        };
        Expected {
            score: format_rational(&lo),
            score_max: format_rational(&hi),
            tier,
            rules: rules.join(";"),
            unknown: unknown.join(";"),
            disqualified_by: disqualified_by.join(";"),
            segments: segments.join(";"),
            error,
        }
    }
}

// ---------------------------------------------------------------------------------------
// Generated accounts.

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len() as u64) as usize]
    }
}

fn with_commas(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A cell for each column, mostly valid in the many forms CRMs write, sometimes empty,
/// sometimes bad.
fn gen_row(g: &mut Rng, i: usize) -> Vec<String> {
    let empty = |g: &mut Rng| g.below(10) == 0;
    let bad = |g: &mut Rng| g.below(60) == 0;
    let mut row = vec![format!("acct-{i}")];
    // Employees.
    row.push(if empty(g) {
        String::new()
    } else if bad(g) {
        g.pick(&["lots", "-5", "1.5", "12,00"]).to_string()
    } else {
        let v =
            g.pick(&[5, 15, 50, 99, 100, 250, 300, 499, 500, 501, 1200, 2500]) as u64 + g.below(3);
        match g.below(4) {
            0 => with_commas(v),
            1 if v % 100 == 0 && v >= 1000 => format!("{}.{}K", v / 1000, (v % 1000) / 100),
            _ => v.to_string(),
        }
    });
    // Growth.
    row.push(if empty(g) {
        String::new()
    } else if bad(g) {
        "fast".into()
    } else {
        let v = g.below(600) as i64 - 300;
        let s = format!(
            "{}{}.{}",
            if v < 0 { "-" } else { "" },
            v.abs() / 10,
            v.abs() % 10
        );
        if v > 0 && g.below(3) == 0 {
            format!("+{s}")
        } else {
            s
        }
    });
    // ARR.
    row.push(if empty(g) {
        String::new()
    } else if bad(g) {
        "-$5".into()
    } else {
        let v = g.pick(&[
            500u64, 999, 1000, 50_000, 1_000_000, 1_200_000, 50_000_000, 60_000_000,
        ]);
        match g.below(5) {
            0 => format!("${}", with_commas(v)),
            1 if v % 100_000 == 0 && v >= 1_000_000 => {
                format!("{}.{}M", v / 1_000_000, (v % 1_000_000) / 100_000)
            }
            2 => format!("€{v}"),
            3 => format!("USD {v}"),
            _ => v.to_string(),
        }
    });
    // Margin.
    row.push(if empty(g) {
        String::new()
    } else if bad(g) {
        "35 percent".into()
    } else {
        let v = g.below(80) as i64 - 20;
        if g.below(2) == 0 {
            format!("{v}%")
        } else {
            format!(
                "{}{}.{:02}",
                if v < 0 { "-" } else { "" },
                v.abs() / 100,
                v.abs() % 100
            )
        }
    });
    // Country.
    row.push(if empty(g) {
        String::new()
    } else {
        g.pick(&["US", "CA", "DE", "us", " US "]).to_string()
    });
    // Active.
    row.push(if empty(g) {
        String::new()
    } else if bad(g) {
        "maybe".into()
    } else {
        g.pick(&["true", "false", "Yes", "no", "Y", "n", "1", "0"])
            .to_string()
    });
    // Signed.
    row.push(if empty(g) {
        String::new()
    } else if bad(g) {
        "2026-02-30".into()
    } else {
        format!(
            "{}-{:02}-{:02}",
            2025 + g.below(2),
            1 + g.below(12),
            1 + g.below(28)
        )
    });
    // Cycle.
    row.push(if empty(g) {
        String::new()
    } else if bad(g) {
        "soon".into()
    } else {
        g.pick(&[
            "30d", "90d", "6mo", "5mo", "2w", "1y", "45", "179", "180", "181",
        ])
        .to_string()
    });
    // Level.
    row.push(if empty(g) {
        String::new()
    } else {
        g.pick(&["Gold", "silver", "Bronze Plus", "bronze-plus", "platinum"])
            .to_string()
    });
    // Tools.
    row.push(if empty(g) {
        String::new()
    } else {
        let n = 1 + g.below(3);
        let items: Vec<&str> = (0..n)
            .map(|_| g.pick(&["Slack", "jira", "GitHub", "Power BI", "teams"]))
            .collect();
        items.join(g.pick(&[";", ", ", ","]))
    });
    // Grade.
    row.push(if empty(g) {
        String::new()
    } else {
        g.pick(&["0", "1", "2", "3", "4"]).to_string()
    });
    row
}

fn check(rows: &[Vec<String>], ragged: impl Fn(usize) -> bool, threads: usize) {
    let src = include_str!("data/kitchen-sink.icp");
    let analysis = icp_check::analyze(src, &icp_check::Config::default());
    let model: &Model = &analysis.model;
    let icp = model.icp("sink").expect("the test icp");
    let schema = model.schema_of(icp).expect("its schema");
    let as_of = days_from_civil(AS_OF.0, AS_OF.1, AS_OF.2);
    let prog = Program::compile(model, icp, src, as_of).expect("compiles");
    let reference = Reference {
        schema,
        icp,
        src,
        as_of,
    };

    let header: Vec<&str> = schema.fields.iter().map(|f| f.column.as_str()).collect();
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    w.write_record(&header).expect("header");
    for (i, row) in rows.iter().enumerate() {
        if ragged(i) {
            w.write_record(&row[..row.len() - 1]).expect("row");
        } else {
            w.write_record(row).expect("row");
        }
    }
    let input = w.into_inner().expect("csv");
    let opts = Options {
        input: InputFormat::Csv,
        output: OutputFormat::Csv,
        keep: Some(vec!["ID".into()]),
        threads,
        block_bytes: 4096,
    };
    let job = Job::open(&prog, Box::new(std::io::Cursor::new(input)), opts).expect("opens");
    let mut out = Vec::new();
    let summary = job.run(&mut out, &mut |_| {}).expect("runs");
    assert_eq!(summary.rows, rows.len() as u64);

    let mut rd = csv::Reader::from_reader(out.as_slice());
    let got: Vec<csv::StringRecord> = rd
        .records()
        .collect::<Result<_, _>>()
        .expect("output is CSV");
    assert_eq!(got.len(), rows.len(), "one output row per input row");
    let mut errors = 0;
    for (i, (row, out)) in rows.iter().zip(&got).enumerate() {
        let mut map: HashMap<String, String> = HashMap::new();
        for (j, h) in header.iter().enumerate() {
            if ragged(i) && j == header.len() - 1 {
                continue;
            }
            map.insert(h.to_lowercase(), row[j].clone());
        }
        let e = reference.expect(&map, ragged(i));
        let actual = Expected {
            score: out[1].to_string(),
            score_max: out[2].to_string(),
            tier: out[3].to_string(),
            rules: out[4].to_string(),
            unknown: out[5].to_string(),
            disqualified_by: out[6].to_string(),
            segments: out[7].to_string(),
            error: !out[8].is_empty(),
        };
        assert_eq!(&out[0], row[0].as_str(), "row {i} is in input order");
        assert_eq!(actual, e, "row {i}: {row:?}");
        errors += usize::from(e.error);
    }
    assert_eq!(summary.errors as usize, errors);
    assert!(
        errors > rows.len() / 20,
        "the generator makes bad cells ({errors} of {})",
        rows.len()
    );
}

#[test]
fn the_evaluator_agrees_with_the_reference_on_generated_accounts() {
    let mut g = Rng(7);
    let rows: Vec<Vec<String>> = (0..6000).map(|i| gen_row(&mut g, i)).collect();
    // Cells with commas are quoted: these blocks go through the CSV parser.
    check(&rows, |i| i % 97 == 50, 2);
}

#[test]
fn plain_blocks_agree_with_the_reference_too() {
    let mut g = Rng(11);
    // Without commas in any cell nothing is quoted, and blocks are cut by `memchr` alone.
    let rows: Vec<Vec<String>> = (0..20_000)
        .map(|i| gen_row(&mut g, i))
        .filter(|r| r.iter().all(|c| !c.contains(',')))
        .take(4000)
        .collect();
    assert!(rows.len() == 4000);
    check(&rows, |i| i % 101 == 7, 3);
}
