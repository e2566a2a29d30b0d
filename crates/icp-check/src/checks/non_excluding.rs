//! `non-excluding`: a criterion no account can fail, a tier every account reaches, a
//! disqualifier every account matches.

use icp_syntax::ast::CriteriaBlock;

use crate::diagnostic::{Diagnostic, Severity};
use crate::domain::{Domain, Truth, each_conjunct};
use crate::model::{FieldType, IcpModel, Pred, PredKind, SchemaModel};
use crate::scores::Reach;

use super::context::Ctx;
use super::criteria::{Pos, atom_field, criteria};
use super::doc::{CheckDoc, diag};
use super::format::{fmt_num, type_phrase};

pub static DOC: CheckDoc = CheckDoc {
    code: "non-excluding",
    severity: Severity::Warning,
    summary: "A criterion no account can fail, or a tier every account reaches.",
    what: "A criterion that every possible account passes, judged from the schema's types and \
           values rather than the text: `revenue >= 0` on money (never negative), \
           `industry in [..]` listing every value of the enum, `hris != x or hris == x`. Also a \
           rubric tier whose condition every remaining account meets (`tier ok when score >= 0` \
           when no score can be negative: write `otherwise` if a catch-all is meant), a rubric \
           whose first tier is `otherwise` (every account lands in it), and a \
           disqualifier that every account matches, which leaves the icp with no account at all.\n\n\
           Each conjunct of an `and` is judged on its own: `industry in [..every value..] and \
           employees > 200` is flagged on its first half.",
    why: "A real ICP excludes most companies. A criterion that excludes no one makes the profile \
          look sharper than it is, and a rubric rule every account gets adds the same points to \
          everyone: it moves no account from one tier to another.",
    invalid: r#"schema crm {
  revenue: money
}

icp buyers "Companies with over 20M in revenue" {
  uses crm
  firmographics {
    revenue >= 0
  }
}
"#,
    valid: r#"schema crm {
  revenue: money
}

icp buyers "Companies with over 20M in revenue" {
  uses crm
  firmographics {
    revenue >= 20M
  }
}
"#,
    notes: "A disqualifier that can never match is reported as `unsatisfiable`: the codes \
            describe what a criterion admits (nothing, or everything), whatever block it is in, \
            and the message says what that means for a disqualifier.",
};

/// Why no account fails `p`, in words.
pub(super) fn why_always(schema: &SchemaModel, p: &Pred) -> String {
    let name = |f: usize| schema.fields.get(f).map_or("?", |x| x.name.as_str());
    let ty = |f: usize| schema.fields.get(f).map(|x| &x.ty);
    match &p.kind {
        PredKind::In {
            field,
            negated: false,
            values,
        } if matches!(ty(*field), Some(FieldType::Enum(_))) => {
            let n = ty(*field).map_or(0, |t| t.values().len());
            if values.len() >= n {
                format!("it lists every value of `{}`", name(*field))
            } else {
                format!("every value of `{}` passes it", name(*field))
            }
        }
        PredKind::Cmp { field, .. } | PredKind::Range { field, .. }
            if ty(*field).and_then(FieldType::lower_bound).is_some() =>
        {
            let t = ty(*field).map_or("a number", type_phrase);
            format!("`{}` is {t}, which is never negative", name(*field))
        }
        PredKind::Has { values, .. } if values.is_empty() => "its list is empty".into(),
        PredKind::Or(..) => "every account passes one side of the `or` or the other".into(),
        PredKind::Not(_) => "what it negates can never hold".into(),
        _ => match atom_field(p) {
            Some(f) => format!("every value of `{}` passes it", name(f)),
            None => "every account passes it".into(),
        },
    }
}

fn help_for(schema: &SchemaModel, p: &Pred) -> String {
    match atom_field(p).and_then(|f| schema.fields.get(f)) {
        Some(f) if matches!(f.ty, FieldType::Enum(_)) => {
            format!(
                "keep only the values of `{}` your best customers have, or remove the criterion",
                f.name
            )
        }
        Some(f) if f.ty.is_ordered() => {
            format!(
                "set `{}` to the bound your best customers meet, or remove the criterion",
                f.name
            )
        }
        _ => "test what sets your best customers apart, or remove the criterion".into(),
    }
}

fn field_label(d: Diagnostic, schema: &SchemaModel, p: &Pred) -> Diagnostic {
    match atom_field(p).and_then(|f| schema.fields.get(f)) {
        Some(f) => {
            let what = match &f.ty {
                FieldType::Enum(v) => format!("`{}` has {} values", f.name, v.len()),
                t => format!("`{}` is declared {} here", f.name, type_phrase(t)),
            };
            d.with_label(f.name_span, what)
        }
        None => d,
    }
}

pub fn run(cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for (i, icp, schema) in cx.icps() {
        let Some(schema) = schema else { continue };
        let dom = cx.domain(schema);
        criteria_checks(cx, i, &dom, icp, schema, out);
        tiers(cx, i, icp, out);
    }
}

fn criteria_checks(
    cx: &Ctx<'_>,
    i: usize,
    dom: &Domain<'_>,
    icp: &IcpModel,
    schema: &SchemaModel,
    out: &mut Vec<Diagnostic>,
) {
    for (pos, pred) in criteria(icp) {
        if let Pos::Disqualifier(_) = pos {
            if cx.truth(i, dom, pred) == Truth::Always {
                let d = diag(
                    &DOC,
                    pred.span,
                    format!(
                        "every account matches this disqualifier ({}), so the icp `{}` admits no account",
                        why_always(schema, pred),
                        icp.name
                    ),
                )
                .with_help("a disqualifier names the accounts to drop: narrow it to those, or remove it");
                out.push(field_label(d, schema, pred));
            }
            continue;
        }
        for c in each_conjunct(pred) {
            if cx.truth(i, dom, c) != Truth::Always {
                continue;
            }
            let (what, matters) = match pos {
                Pos::Rule(i) => (
                    format!(
                        "the rule `{}`",
                        icp.rules.get(i).map_or("", |r| r.name.as_str())
                    ),
                    "it adds the same points to every account",
                ),
                Pos::Segment(_) => (
                    "this segment criterion".to_string(),
                    "it narrows the segment not at all",
                ),
                Pos::Block(CriteriaBlock::Triggers) => {
                    ("this trigger".to_string(), "it fires for every account")
                }
                _ => (
                    "this criterion".to_string(),
                    "a real ICP excludes most companies",
                ),
            };
            let d = diag(
                &DOC,
                c.span,
                format!(
                    "no account can fail {what}: {}; {matters}",
                    why_always(schema, c)
                ),
            )
            .with_help(help_for(schema, c));
            out.push(field_label(d, schema, c));
        }
    }
}

fn tiers(cx: &Ctx<'_>, i: usize, icp: &IcpModel, out: &mut Vec<Diagnostic>) {
    let Some(first) = icp.tiers.first() else {
        return;
    };
    // `tier qualified otherwise` first (the skeleton `--fix` writes): every account that is
    // not disqualified lands in it, whatever its score.
    let written_otherwise = cx
        .src
        .get(first.span.start as usize..first.span.end as usize)
        .is_some_and(|t| t.trim_end().ends_with("otherwise"));
    if first.condition.is_none() && written_otherwise {
        out.push(
            diag(
                &DOC,
                first.span,
                format!(
                    "the rubric's first tier `{}` is `otherwise`: every account that is not disqualified lands in it, so the rubric ranks no one",
                    first.name
                ),
            )
            .with_help(format!(
                "add a tier with a score line above it, such as `tier strong when score >= 3`, and keep `tier {} otherwise` last for the rest",
                first.name
            )),
        );
        return;
    }
    let Some(rubric) = cx.rubric(i) else {
        return;
    };
    let range = &rubric.range;
    for (t, r) in icp
        .tiers
        .iter()
        .zip(rubric.tiers.iter().map(|t| t.reach.clone()))
    {
        let Reach::Everyone { first } = r else {
            continue;
        };
        let message = if first {
            format!(
                "every account reaches the tier `{}`: the lowest possible score is {}",
                t.name,
                fmt_num(&range.min)
            )
        } else {
            format!(
                "every account the tiers above leave reaches the tier `{}`, so it excludes no one",
                t.name
            )
        };
        let mut d = diag(&DOC, t.span, message).with_help(format!(
            "raise the threshold so that only qualified accounts reach `{}`, or write `tier {} otherwise` if it is meant to catch the rest",
            t.name, t.name
        ));
        for (rule, rr) in icp.rules.iter().zip(&range.rules) {
            if rr.lo < num_rational::Ratio::from_integer(0) {
                d = d.with_label(rule.span, format!("can take off {}", fmt_num(&-rr.lo)));
            }
        }
        out.push(d);
    }
}
