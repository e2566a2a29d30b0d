//! `suppression-without-reason`: an `# icp: allow(..)` comment with no `-- reason`.
//!
//! The suppressions themselves are read and applied in [`crate::suppress`].

use crate::diagnostic::Severity;

use super::doc::CheckDoc;

pub static DOC: CheckDoc = CheckDoc {
    code: "suppression-without-reason",
    severity: Severity::Warning,
    summary: "An `# icp: allow(..)` comment without `-- reason`.",
    what: "A suppression comment that does not say why: nothing, or nothing but spaces, after \
           `--`. The suppression still applies.",
    why: "A suppressed finding is a decision. Without its reason the next reader cannot tell a \
          deliberate exception from a warning someone wanted gone, and the ICP's rigour erodes \
          one comment at a time.",
    invalid: r#"icp buyers "Innovative HR teams" {   # icp: allow(vague-term)
}
"#,
    valid: r#"icp buyers "Innovative HR teams" {   # icp: allow(vague-term) -- the title is quoted from the brief
}
"#,
    notes: "",
};
