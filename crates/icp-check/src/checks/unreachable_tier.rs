//! `unreachable-tier`: a rubric tier no possible score reaches.

use icp_syntax::ast::CmpOp;
use num_rational::Ratio;

use crate::diagnostic::{Diagnostic, Severity};
use crate::domain::Truth;
use crate::scores::Reach;

use super::context::Ctx;
use super::doc::{CheckDoc, diag};
use super::format::fmt_num;

pub static DOC: CheckDoc = CheckDoc {
    code: "unreachable-tier",
    severity: Severity::Warning,
    summary: "A rubric tier no possible score reaches.",
    what: "A tier whose threshold lies above the highest score the rubric can give (or below \
           the lowest, for `<` and `<=`), or whose scores the tiers before it already take. \
           The highest score sums the positive weights of the rules that can hold (a graded \
           rule gives up to its weight, a rule that can never hold gives nothing); the lowest \
           sums the negative weights and the weights of rules that always hold. The labels show \
           the rules that bound the score.",
    why: "A tier nobody can reach is a promise the rubric cannot keep: sales waits for \
          \"strong\" leads that never come, usually because a rule was removed or re-weighted \
          and the thresholds were not.",
    invalid: r#"schema crm {
  employees: int
  pain_confirmed: bool
}

icp buyers "Companies with 200-2000 employees" {
  uses crm
  rubric {
    rule size : employees in 200..2000
    rule pain : pain_confirmed
    tier strong when score >= 3
    tier rest otherwise
  }
}
"#,
    valid: r#"schema crm {
  employees: int
  pain_confirmed: bool
}

icp buyers "Companies with 200-2000 employees" {
  uses crm
  rubric {
    rule size : employees in 200..2000
    rule pain : pain_confirmed
    tier strong when score >= 2
    tier rest otherwise
  }
}
"#,
    notes: "",
};

fn needs(op: CmpOp, t: &str) -> String {
    match op {
        CmpOp::Ge => format!("a score of at least {t}"),
        CmpOp::Gt => format!("a score above {t}"),
        CmpOp::Le => format!("a score of at most {t}"),
        CmpOp::Lt => format!("a score below {t}"),
        CmpOp::Eq => format!("a score of exactly {t}"),
        CmpOp::Ne => format!("a score other than {t}"),
    }
}

pub fn run(cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for (i, icp, _) in cx.icps() {
        if icp.tiers.is_empty() {
            continue;
        }
        let Some(rubric) = cx.rubric(i) else {
            continue;
        };
        let range = &rubric.range;
        for (t, r) in icp
            .tiers
            .iter()
            .zip(rubric.tiers.iter().map(|t| t.reach.clone()))
        {
            let Reach::Unreachable { outside, taken_by } = r else {
                continue;
            };
            let zero = Ratio::from_integer(0);
            let mut d = match (t.condition, outside) {
                (Some((op, th)), true) => {
                    let high = matches!(op, CmpOp::Ge | CmpOp::Gt | CmpOp::Eq);
                    let (bound, word) = if high {
                        (&range.max, "highest")
                    } else {
                        (&range.min, "lowest")
                    };
                    let mut d = diag(
                        &DOC,
                        t.span,
                        format!(
                            "no account can reach the tier `{}`: it needs {}, and the {word} possible score is {}",
                            t.name,
                            needs(op, &fmt_num(&th)),
                            fmt_num(bound)
                        ),
                    )
                    .with_help(format!(
                        "set the threshold within the possible scores ({} to {}), or add rules that can {} the score",
                        fmt_num(&range.min),
                        fmt_num(&range.max),
                        if high { "raise" } else { "lower" }
                    ));
                    let mut n = 0;
                    for (rule, rr) in icp.rules.iter().zip(&range.rules) {
                        if n >= 12 {
                            break;
                        }
                        let label = match rr.truth {
                            Truth::Never => Some("can never hold: adds nothing".to_string()),
                            _ if high && rr.hi > zero => {
                                Some(format!("adds at most {}", fmt_num(&rr.hi)))
                            }
                            _ if !high && rr.lo < zero => {
                                Some(format!("takes off at most {}", fmt_num(&-rr.lo)))
                            }
                            _ => None,
                        };
                        if let Some(l) = label {
                            d = d.with_label(rule.span, l);
                            n += 1;
                        }
                    }
                    d
                }
                _ => {
                    let mut d = diag(
                        &DOC,
                        t.span,
                        format!("no account can reach the tier `{}`: the tiers before it take every score it admits", t.name),
                    )
                    .with_help("reorder the tiers from the highest threshold down, or remove this one");
                    if let Some(i) = taken_by.and_then(|i| icp.tiers.get(i)) {
                        d = d.with_label(
                            i.span,
                            format!("`{}` takes every remaining account", i.name),
                        );
                    }
                    d
                }
            };
            d.labels.dedup();
            out.push(d);
        }
    }
}
