//! `unmeasurable-criterion`: prose where a measurable test belongs.

use crate::diagnostic::{Diagnostic, Severity};

use super::context::Ctx;
use super::doc::{CheckDoc, diag};
use super::prose::Place;

pub static DOC: CheckDoc = CheckDoc {
    code: "unmeasurable-criterion",
    severity: Severity::Warning,
    summary: "Prose in a measurable block (firmographics, tech_stack, disqualify, rubric).",
    what: "A string standing as a criterion in `firmographics`, `tech_stack`, `disqualify` or a \
           rubric rule. Prose is allowed in `behaviors`, `triggers` and segments' neighbours, \
           but these four blocks exist to be measured.",
    why: "\"Could I send this list to my BDR tomorrow?\" A prose criterion cannot become a list \
          query, cannot be scored, and cannot disqualify an account automatically: it is \
          ignored by every tool downstream.",
    invalid: r#"schema crm {
  employees: int
}

icp buyers "Companies with 1,000-5,000 employees" {
  uses crm
  firmographics {
    "Large companies with 1,000-5,000 employees"
  }
}
"#,
    valid: r#"schema crm {
  employees: int
}

icp buyers "Companies with 1,000-5,000 employees" {
  uses crm
  firmographics {
    employees in 1000..5000
  }
}
"#,
    notes: "",
};

pub fn run(cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for prose in &cx.prose {
        let Place::Criterion(block) = prose.place else {
            continue;
        };
        if !matches!(
            block,
            "firmographics" | "tech_stack" | "disqualify" | "rubric"
        ) {
            continue;
        }
        let span = prose.expr_span.unwrap_or(prose.span);
        out.push(
            diag(
                &DOC,
                span,
                format!("this {block} criterion is prose: it cannot be turned into a list query, scored or applied to an account"),
            )
            .with_help("test a schema field instead, as in `employees >= 1000` or `hris in [workday]`; describe behaviour in `behaviors`, `job` or `pain`"),
        );
    }
}
