//! `missing-reason`: a disqualifier without `because`.

use crate::diagnostic::{Diagnostic, Edit, Severity};

use super::context::Ctx;
use super::doc::{CheckDoc, diag};

pub static DOC: CheckDoc = CheckDoc {
    code: "missing-reason",
    severity: Severity::Warning,
    summary: "A disqualifier without `because \"reason\"`.",
    what: "A criterion in a `disqualify` block with no `because` clause. `icpc check --fix` \
           adds a placeholder reason to fill in.",
    why: "A disqualifier throws accounts away for good. Without the reason, nobody can tell \
          later whether it still holds, and a rule that once saved sales time quietly starts \
          costing deals.",
    invalid: r#"schema crm {
  employees: int
}

icp buyers "Companies with 200-2,000 employees" {
  uses crm
  disqualify {
    employees < 50
  }
}
"#,
    valid: r#"schema crm {
  employees: int
}

icp buyers "Companies with 200-2,000 employees" {
  uses crm
  disqualify {
    employees < 50 because "No HR team beyond an HR-of-one"
  }
}
"#,
    notes: "",
};

/// The placeholder `--fix` writes.
pub const PLACEHOLDER: &str = " because \"TODO: why these accounts never buy\"";

pub fn run(cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for (_, icp, _) in cx.icps() {
        for d in &icp.disqualifiers {
            if d.because.is_some() {
                continue;
            }
            let at = d.pred.span.end as usize;
            out.push(
                diag(&DOC, d.span, "this disqualifier gives no reason: nobody can tell later whether it still holds")
                    .with_help("add `because \"…\"` saying why such accounts never buy")
                    .with_unsafe_fix("add a `because` placeholder", vec![Edit { span: icp_syntax::Span::new(at, at), replacement: PLACEHOLDER.into() }]),
            );
        }
    }
}
