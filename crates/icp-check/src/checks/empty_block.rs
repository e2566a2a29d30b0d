//! `empty-block`: a dimension block with nothing in it.

use icp_syntax::ast::{Item, StmtKind};

use crate::diagnostic::{Diagnostic, Severity};

use super::context::Ctx;
use super::doc::{CheckDoc, diag};

pub static DOC: CheckDoc = CheckDoc {
    code: "empty-block",
    severity: Severity::Warning,
    summary: "A dimension block with nothing in it (`firmographics {}`).",
    what: "A block of an icp — `firmographics`, `tech_stack`, `behaviors`, `triggers`, \
           `alternatives`, `budget`, `reach`, `disqualify`, `rubric`, `messaging`, or a \
           segment that is not `secondary` — that holds no criterion, line or channel \
           (comments do not count). `missing-dimension` counts a block as present, so an \
           empty one would silence it.",
    why: "An empty block looks like a decision in review and in `icpc export` while deciding \
          nothing: `firmographics {}` admits every company, `disqualify {}` throws no one out. \
          The skeletons of `icpc check --fix` are empty blocks to fill in, not a finished \
          profile.",
    invalid: r#"schema crm {
  employees: int
}

icp buyers "Companies with 200-2,000 employees" {
  uses crm
  firmographics {
    # employees in 200..2000
  }
}
"#,
    valid: r#"schema crm {
  employees: int
}

icp buyers "Companies with 200-2,000 employees" {
  uses crm
  firmographics {
    employees in 200..2000
  }
}
"#,
    notes: "",
};

pub fn run(cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for item in &cx.file.items {
        let Item::Icp(icp) = item else { continue };
        for st in &icp.body {
            let empty = match &st.kind {
                StmtKind::Criteria { items, .. } => items.is_empty(),
                StmtKind::Alternatives(v) | StmtKind::Messaging(v) => v.is_empty(),
                StmtKind::Budget(v) => v.is_empty(),
                StmtKind::Reach(v) => v.is_empty(),
                StmtKind::Disqualify(v) => v.is_empty(),
                StmtKind::Rubric(v) => v.is_empty(),
                StmtKind::Segment(s) => s.items.is_empty() && s.secondary.is_none(),
                _ => false,
            };
            if !empty {
                continue;
            }
            let kw = st.kind.keyword();
            out.push(
                diag(
                    &DOC,
                    st.keyword,
                    format!("the `{kw}` block is empty: it decides nothing"),
                )
                .with_label(st.span, "no criterion or line in this block")
                .with_help(format!(
                    "write what the `{kw}` block should say, or remove it"
                )),
            );
        }
    }
}
