//! The data-aware checks (`admits-everyone-in-data`, `admits-no-one-in-data`,
//! `mostly-unknown`, `unmapped-column`, `unlisted-values`), documented in
//! `icp_check::checks::data` and run through [`icp_check::analyze_extra`] so that
//! suppressions, severities and baselines apply to them as to every check.

use std::collections::BTreeSet;

use icp_check::checks::data::{
    ADMITS_EVERYONE, ADMITS_NO_ONE, MOSTLY_UNKNOWN, UNLISTED_VALUES, UNMAPPED_COLUMN,
};
use icp_check::model::{IcpModel, Model, Pred};
use icp_check::{Analysis, Config, Ctx, Diagnostic, Edit, Severity};
use icp_eval::Program;
use icp_eval::columns::Counts;
use icp_eval::program::{NodeId, SlotType};
use icp_syntax::Span;
use icp_syntax::literal::Rational;

use crate::figures::{DataSet, percent, thousands};

/// Analyses `src` as [`icp_check::analyze_with`] does, adding the data-aware findings when
/// `data` is given.
pub fn analyze(
    src: &str,
    config: &Config,
    context: Option<&Model>,
    data: Option<&DataSet>,
) -> Analysis {
    match data {
        Some(d) => {
            let extra = |ctx: &Ctx<'_>| findings(ctx, d);
            icp_check::analyze_extra(src, config, context, Some(&extra))
        }
        None => icp_check::analyze_with(src, config, context),
    }
}

/// Compiles an icp for the data figures as `icpc score` would, with the configuration's
/// reading of bare percents.
pub fn compile(model: &Model, icp: &IcpModel, src: &str, config: &Config) -> Option<Program> {
    let mut p = Program::compile(model, icp, src, config.today()).ok()?;
    p.bare_percent = config.bare_percent;
    Some(p)
}

/// Every criterion of a compiled icp that has a node of its own, with its place: the
/// firmographics and tech-stack criteria, the disqualifiers, the plain rules and the
/// segments' criteria (in the order [`Program::compile`] compiles them).
pub fn criteria<'m>(icp: &'m IcpModel, prog: &Program) -> Vec<(&'m Pred, NodeId, Kind)> {
    let mut out = Vec::new();
    for (p, (n, _)) in icp.core_preds().zip(&prog.core) {
        out.push((p, *n, Kind::Core));
    }
    for (i, (d, pd)) in icp
        .disqualifiers
        .iter()
        .zip(&prog.disqualifiers)
        .enumerate()
    {
        out.push((&d.pred, pd.node, Kind::Disqualifier(i)));
    }
    for (i, r) in icp.rules.iter().enumerate() {
        if let Some(n) = crate::figures::rule_node(prog, i) {
            out.push((&r.pred, n, Kind::Rule(i)));
        }
    }
    for (s, ps) in icp.segments.iter().zip(&prog.segments) {
        for (p, (n, _)) in s.preds.iter().zip(&ps.preds) {
            out.push((p, *n, Kind::Segment));
        }
    }
    out
}

/// Where a criterion sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Core,
    Disqualifier(usize),
    Rule(usize),
    Segment,
}

fn severity(doc: &icp_check::checks::CheckDoc) -> Severity {
    doc.severity
}

fn share_at_least(part: u64, whole: u64, pct: Rational) -> bool {
    whole > 0 && Rational::new(part as i128 * 100, whole as i128) >= pct
}

/// The data-aware findings of an analysed file.
pub fn findings(ctx: &Ctx<'_>, data: &DataSet) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let model = ctx.model;
    let file = data.name();
    let mut fields_done: BTreeSet<(usize, usize)> = BTreeSet::new();
    for icp in &model.icps {
        let Some(schema_id) = icp.schema else {
            continue;
        };
        let schema = &model.schemas[schema_id];
        let Some(prog) = compile(model, icp, ctx.src, ctx.config) else {
            continue;
        };
        if data.sheet.rows() == 0 {
            continue;
        }
        let cols = data.columns(&prog);
        // Fields: once per schema field, whichever icps use it.
        for (s, slot) in prog.slots.iter().enumerate() {
            if !fields_done.insert((schema_id, slot.field)) {
                continue;
            }
            let Some(field) = schema.fields.get(slot.field) else {
                continue;
            };
            if !data.has_column(&prog, s) {
                let mut d = Diagnostic::new(
                    UNMAPPED_COLUMN.code,
                    severity(&UNMAPPED_COLUMN),
                    field.span,
                    format!(
                        "`{}` is read from the column \"{}\", which {file} does not have: every account is unknown on it",
                        field.name, slot.column
                    ),
                );
                if let Some(h) = data.closest_header(&slot.column) {
                    let text = ctx.src.get(field.span.range()).unwrap_or("");
                    let quoted = format!("\"{}\"", slot.column);
                    let edit = match text.rfind(&quoted) {
                        Some(at) => Edit {
                            span: Span::new(
                                field.span.start as usize + at,
                                field.span.start as usize + at + quoted.len(),
                            ),
                            replacement: format!("\"{h}\""),
                        },
                        None => Edit {
                            span: Span::new(field.span.end as usize, field.span.end as usize),
                            replacement: format!(" from \"{h}\""),
                        },
                    };
                    d = d
                        .with_help(format!("the closest column in {file} is \"{h}\""))
                        .with_unsafe_fix(format!("Read `{}` from \"{h}\"", field.name), vec![edit]);
                }
                out.push(d);
                continue;
            }
            let col = &cols[s];
            let rows = col.len() as u64;
            if share_at_least(col.blank, rows, ctx.config.data_unknown_share) {
                out.push(Diagnostic::new(
                    MOSTLY_UNKNOWN.code,
                    severity(&MOSTLY_UNKNOWN),
                    field.span,
                    format!(
                        "the column \"{}\" of `{}` is blank for {} of the accounts in {file} ({} of {}): its criteria are mostly unknown",
                        slot.column,
                        field.name,
                        percent(col.blank, rows),
                        thousands(col.blank),
                        thousands(rows)
                    ),
                ));
            }
            if matches!(slot.ty, SlotType::Enum | SlotType::Set) && !col.unlisted.is_empty() {
                let shown: Vec<String> = col
                    .unlisted
                    .iter()
                    .take(5)
                    .map(|(v, n)| format!("`{v}` ({})", thousands(*n)))
                    .collect();
                let more = col.unlisted.len().saturating_sub(5);
                let more = if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                };
                out.push(
                    Diagnostic::new(
                        UNLISTED_VALUES.code,
                        severity(&UNLISTED_VALUES),
                        field.span,
                        format!(
                            "{file} holds values of `{}` that the schema does not list: {}{more}",
                            field.name,
                            shown.join(", ")
                        ),
                    )
                    .with_help("an account with an unlisted value fails every `in [..]` on the field: name the value in the schema, or correct the CRM"),
                );
            }
        }
        // Criteria.
        let mut flagged_core = false;
        for (pred, node, kind) in criteria(icp, &prog) {
            let c = data.count(&prog, node);
            if c.known() == 0 {
                continue;
            }
            let what = match kind {
                Kind::Disqualifier(_) => "this disqualifier",
                Kind::Rule(_) => "this rule's criterion",
                _ => "this criterion",
            };
            if c.holds == 0 {
                let mut d = Diagnostic::new(
                    ADMITS_NO_ONE.code,
                    severity(&ADMITS_NO_ONE),
                    pred.span,
                    format!(
                        "no account in {file} meets {what} (0 of {} known)",
                        thousands(c.known())
                    ),
                );
                if let Some(help) = closest_help(ctx.src, pred, &prog, data) {
                    d = d.with_help(help);
                }
                out.push(d);
            } else if !matches!(kind, Kind::Disqualifier(_))
                && share_at_least(c.holds, c.known(), ctx.config.data_everyone_share)
            {
                flagged_core |= kind == Kind::Core;
                out.push(Diagnostic::new(
                    ADMITS_EVERYONE.code,
                    severity(&ADMITS_EVERYONE),
                    pred.span,
                    format!(
                        "{what} admits {} of the known accounts in {file} ({} of {}): it sorts out almost no one",
                        percent(c.holds, c.known()),
                        thousands(c.holds),
                        thousands(c.known())
                    ),
                ));
            }
        }
        // The icp as a whole: its criteria together, with no disqualifier.
        if !flagged_core && icp.disqualifiers.is_empty() && !prog.core.is_empty() {
            let mut all = Counts::default();
            let cols = data.columns(&prog);
            let refs: Vec<&icp_eval::columns::Column> = cols.iter().map(|c| &**c).collect();
            let mut t = icp_eval::columns::Table::new(&prog, &refs);
            for i in 0..t.rows() {
                let mut v = icp_eval::T3::True;
                for (n, _) in &prog.core {
                    v = v.and(t.node_at(i, *n));
                }
                all.add(v);
            }
            if share_at_least(all.holds, all.known(), ctx.config.data_everyone_share) {
                out.push(Diagnostic::new(
                    ADMITS_EVERYONE.code,
                    severity(&ADMITS_EVERYONE),
                    icp.name_span,
                    format!(
                        "`{}` has no disqualifier and its criteria admit {} of the known accounts in {file} ({} of {})",
                        icp.name,
                        percent(all.holds, all.known()),
                        thousands(all.holds),
                        thousands(all.known())
                    ),
                ));
            }
        }
    }
    out
}

/// The values in the data closest to those a criterion names, for an enum, set or text
/// field.
fn closest_help(src: &str, pred: &Pred, prog: &Program, data: &DataSet) -> Option<String> {
    let fields = pred.fields();
    let field = *fields.first()?;
    let s = prog.slots.iter().position(|sl| sl.field == field)?;
    if !matches!(
        prog.slots[s].ty,
        SlotType::Enum | SlotType::Set | SlotType::Text
    ) {
        return None;
    }
    let text = src.get(pred.span.range())?;
    let name = prog.slots[s].name.as_str();
    let mut seen = BTreeSet::new();
    let mut shown = Vec::new();
    for word in text
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-' || c == ' '))
        .map(str::trim)
        .filter(|w| !w.is_empty())
    {
        let w = word
            .strip_prefix(name)
            .map(str::trim)
            .unwrap_or(word)
            .trim_start_matches("not ")
            .trim_start_matches("in")
            .trim_start_matches("has any")
            .trim_start_matches("has all")
            .trim_start_matches("has none")
            .trim();
        if w.is_empty() {
            continue;
        }
        for (v, n) in data.closest(prog, s, w) {
            if seen.insert(v.clone()) {
                shown.push(format!("`{v}` ({})", thousands(n)));
            }
        }
    }
    if shown.is_empty() {
        let top: Vec<String> = data
            .values(prog, s)
            .iter()
            .take(3)
            .map(|(v, n)| format!("`{v}` ({})", thousands(*n)))
            .collect();
        if top.is_empty() {
            return None;
        }
        return Some(format!(
            "the most common values in the data: {}",
            top.join(", ")
        ));
    }
    Some(format!(
        "the closest values in the data: {}",
        shown.join(", ")
    ))
}
