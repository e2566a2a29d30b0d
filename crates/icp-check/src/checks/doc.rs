//! What a code is documented by, and how a check's finding starts.

use icp_syntax::Span;

use crate::diagnostic::{Diagnostic, Severity};

/// The documentation of one code, in three parts plus examples. `docs/checks/CODE.md` and
/// `icpc explain CODE` are rendered from it, and the tests run both examples.
#[derive(Clone, Copy, Debug)]
pub struct CheckDoc {
    pub code: &'static str,
    pub severity: Severity,
    /// One line: what the code flags.
    pub summary: &'static str,
    /// What it flags, in detail.
    pub what: &'static str,
    /// Why that hurts an ICP.
    pub why: &'static str,
    /// A whole `.icp` file that draws exactly one finding of this code.
    pub invalid: &'static str,
    /// The same file, fixed: no finding of this code.
    pub valid: &'static str,
    /// Configuration and other notes (Markdown), or empty.
    pub notes: &'static str,
}

/// A diagnostic of a check with its default severity (the configuration is applied later).
pub fn diag(doc: &CheckDoc, span: Span, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(doc.code, doc.severity, span, message)
}
