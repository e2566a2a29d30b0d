//! `rubric-ignores-profile`: the rubric alone decides the tier, and it tests none of the
//! fields the firmographics constrain, so an account outside the profile can rank at the top.

use std::collections::HashSet;

use crate::diagnostic::{Diagnostic, Edit, Severity};
use icp_syntax::ast::CriteriaBlock;

use crate::model::PredKind;

use super::context::Ctx;
use super::criteria::atom_field;
use super::doc::{CheckDoc, diag};

pub static DOC: CheckDoc = CheckDoc {
    code: "rubric-ignores-profile",
    severity: Severity::Warning,
    summary: "No tier requires fit, and the rubric tests none of the fields the firmographics constrain.",
    what: "An icp whose `firmographics` constrain some fields, whose rubric has tiers, where no \
           tier says `and fit` and no rubric rule tests any of those fields. The tier then \
           ignores the firmographics entirely: they only decide the `fit` column and segment \
           membership. `icpc check --unsafe-fixes --fix` adds `and fit` to the first tier \
           with a score condition.",
    why: "A reader takes the firmographics to define who the customer is and the rubric to \
          rank accounts within them. Without `and fit` (or rules over the same fields), an \
          account that breaks every firmographic line can still land in the top tier, and the \
          sales team works accounts the profile itself rules out.",
    invalid: r#"schema crm {
  employees: int
  budget_confirmed: bool
  champion: bool
}

icp buyers "Companies with 200-2,000 employees" {
  uses crm
  firmographics {
    employees in 200..2000
  }
  rubric {
    rule budget : budget_confirmed
    rule champion : champion
    tier strong when score >= 2
    tier weak otherwise
  }
}
"#,
    valid: r#"schema crm {
  employees: int
  budget_confirmed: bool
  champion: bool
}

icp buyers "Companies with 200-2,000 employees" {
  uses crm
  firmographics {
    employees in 200..2000
  }
  rubric {
    rule budget : budget_confirmed
    rule champion : champion
    tier strong when score >= 2 and fit
    tier weak otherwise
  }
}
"#,
    notes: "`and fit` holds when every `firmographics` and `tech_stack` criterion holds for the \
            account; an account whose fit is unknown (an empty cell) does not reach the tier. \
            See [scoring.md](../scoring.md#fit-and-tiers). A rubric with a rule over a \
            firmographic field (`rule size : employees in 200..2000`) is not flagged: it ranks \
            by the profile on purpose.",
};

pub fn run(cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for (_, icp, _) in cx.icps() {
        if icp.tiers.is_empty() || icp.tiers.iter().any(|t| t.fit) {
            continue;
        }
        let mut constrained = HashSet::new();
        let mut first_block = None;
        for b in icp
            .blocks
            .iter()
            .filter(|b| b.block == CriteriaBlock::Firmographics)
        {
            for p in &b.preds {
                p.walk(&mut |q| {
                    if let Some(f) = atom_field(q) {
                        constrained.insert(f);
                        first_block.get_or_insert(b.keyword);
                    }
                });
            }
        }
        let Some(block) = first_block else { continue };
        let mut tested = false;
        for r in &icp.rules {
            r.pred.walk(&mut |q| {
                if let Some(f) = atom_field(q) {
                    tested |= constrained.contains(&f);
                }
            });
            if let PredKind::Graded { field, .. } = &r.pred.kind {
                tested |= constrained.contains(field);
            }
        }
        if tested {
            continue;
        }
        let Some(top) = icp.tiers.iter().find(|t| t.condition.is_some()) else {
            continue;
        };
        let at = top.span.end as usize;
        out.push(
            diag(
                &DOC,
                top.span,
                format!(
                    "the tier `{}` ignores the firmographics: no tier requires fit and no rule tests a field they constrain, so an account outside the profile can reach it",
                    top.name
                ),
            )
            .with_label(block, "these criteria decide only the `fit` column and segments")
            .with_help(format!(
                "add `and fit` to the tier (`tier {} when score … and fit`), or add a rule over a firmographic field",
                top.name
            ))
            .with_unsafe_fix(
                "require fit for this tier",
                vec![Edit {
                    span: icp_syntax::Span::new(at, at),
                    replacement: " and fit".into(),
                }],
            ),
        );
    }
}
