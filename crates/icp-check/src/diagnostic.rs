//! Diagnostics: what every front end (CLI, language server) shows for a finding.

use icp_syntax::Span;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A secondary span that explains a finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// One text replacement, in byte offsets of the checked source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// Whether applying a fix keeps the profile's meaning, as ruff labels its fixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Safety {
    /// The meaning is unchanged (suppression syntax, layout): `icpc check --fix` applies it.
    Safe,
    /// The meaning changes (a guessed name, a narrowed range, a skeleton block, a
    /// placeholder): applied only with `--unsafe-fixes`, marked as such in the editor.
    Unsafe,
}

impl Safety {
    pub fn as_str(self) -> &'static str {
        match self {
            Safety::Safe => "safe",
            Safety::Unsafe => "unsafe",
        }
    }
}

/// A fix. A safe one is applied by `icpc check --fix`, an unsafe one only with
/// `--unsafe-fixes`; one whose value is a placeholder for the author to confirm (`confirm`,
/// always unsafe) is only offered in the editor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub confirm: bool,
    pub safety: Safety,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The stable kebab-case code, e.g. `unknown-field`.
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    /// How to fix it, in one sentence.
    pub help: Option<String>,
    pub span: Span,
    pub labels: Vec<Label>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn new(
        code: &'static str,
        severity: Severity,
        span: Span,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            code,
            severity,
            message: message.into(),
            help: None,
            span,
            labels: Vec::new(),
            fix: None,
        }
    }

    pub fn error(code: &'static str, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(code, Severity::Error, span, message)
    }

    pub fn warning(code: &'static str, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(code, Severity::Warning, span, message)
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// A fix that keeps the meaning (see [`Safety::Safe`]).
    pub fn with_fix(mut self, title: impl Into<String>, edits: Vec<Edit>) -> Diagnostic {
        self.fix = Some(Fix {
            title: title.into(),
            edits,
            confirm: false,
            safety: Safety::Safe,
        });
        self
    }

    /// A fix that changes the meaning (see [`Safety::Unsafe`]).
    pub fn with_unsafe_fix(mut self, title: impl Into<String>, edits: Vec<Edit>) -> Diagnostic {
        self.fix = Some(Fix {
            title: title.into(),
            edits,
            confirm: false,
            safety: Safety::Unsafe,
        });
        self
    }

    /// A fix with a placeholder value the author must confirm: offered as a quick fix, never
    /// applied by `icpc check --fix`.
    pub fn with_suggestion(mut self, title: impl Into<String>, edits: Vec<Edit>) -> Diagnostic {
        self.fix = Some(Fix {
            title: title.into(),
            edits,
            confirm: true,
            safety: Safety::Unsafe,
        });
        self
    }
}

/// The closest candidate to a misspelt name, if one is close enough to be a likely intent.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let mut best: Option<(&str, f64)> = None;
    for c in candidates {
        let score = strsim::normalized_damerau_levenshtein(&name.to_lowercase(), &c.to_lowercase());
        if score >= 0.6 && best.is_none_or(|(_, s)| score > s) {
            best = Some((c, score));
        }
    }
    best.map(|(c, _)| c)
}

/// Where the documentation of the checks is published.
pub const DOCS_HOME: &str = "https://github.com/icpc-lang/icpc/tree/main/docs/checks";

/// The page that explains a code.
pub fn docs_url(code: &str) -> String {
    format!("{DOCS_HOME}/{code}.md")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_are_close_names_only() {
        assert_eq!(did_you_mean("hriss", ["hris", "industry"]), Some("hris"));
        assert_eq!(
            did_you_mean("servces", ["saas", "services", "retail"]),
            Some("services")
        );
        assert_eq!(did_you_mean("zzz", ["hris", "industry"]), None);
    }
}
