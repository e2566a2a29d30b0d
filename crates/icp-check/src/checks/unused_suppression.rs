//! `unused-suppression`: an `# icp: allow(..)` comment that suppresses nothing.
//!
//! The suppressions themselves are read and applied in [`crate::suppress`].

use crate::diagnostic::Severity;

use super::doc::CheckDoc;

pub static DOC: CheckDoc = CheckDoc {
    code: "unused-suppression",
    severity: Severity::Warning,
    summary: "An `# icp: allow(..)` comment that suppresses nothing, or cannot be read.",
    what: "A suppression comment naming a code that no finding in its scope has (the problem \
           was fixed, or the comment sits on the wrong line), a code that does not exist, an \
           error of the language (which cannot be allowed), or an `# icp:` comment that is not \
           of the form `# icp: allow(code, …) -- reason`. `icpc check --fix` removes the unused \
           codes (and the comment when none is left), corrects a misspelt code, and sorts the \
           codes that stay. Codes of checks turned off in `icp.toml` are not reported.",
    why: "A stale suppression hides the next real finding on its line or block, and tells \
          readers a problem exists where none does.",
    invalid: r#"icp buyers "HR teams at SaaS companies with 200-2,000 employees" {   # icp: allow(vague-term) -- the title is quoted from the brief
}
"#,
    valid: r#"icp buyers "Innovative HR teams" {   # icp: allow(vague-term) -- the title is quoted from the brief
}
"#,
    notes: "Syntax: `# icp: allow(code, code) -- reason` at the end of a line covers findings \
            that start on that line; on a line of its own it covers the next statement or block \
            (an icp, a schema, a block, a rule), wherever its findings start.",
};
