//! Editor features of the `.icp` language, as plain functions over a source text, its
//! [`Analysis`] and byte offsets: hover, completion, navigation, rename, symbols, folding, code
//! actions, semantic tokens, inlay hints and formatting.
//!
//! Architecture invariant: this crate knows nothing of the Language Server Protocol, URIs or
//! UTF-16. Every position it takes or returns is a byte offset into the text it was given, so
//! each feature is tested here without a server; `icp-lsp` converts positions and types.
//!
//! Every function accepts any offset, including one past the end of the text or inside a
//! multi-byte character, and any text, including one with syntax errors: it answers with what
//! it can find, never panics.

pub mod actions;
pub mod completion;
pub mod context;
pub mod docs;
pub mod folding;
pub mod format;
pub mod hover;
pub mod incremental;
pub mod inlay;
pub mod navigation;
pub mod plain;
pub mod score;
pub mod semantic;
pub mod symbols;

pub use icp_check::Analysis;
pub use icp_syntax::Span;

/// One replacement in the text, in byte offsets of the text the feature was given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    pub span: Span,
    pub new_text: String,
}

impl TextEdit {
    pub fn new(span: Span, new_text: impl Into<String>) -> TextEdit {
        TextEdit {
            span,
            new_text: new_text.into(),
        }
    }
}

/// Clamps an offset to the text and moves it back to the start of the character it falls in.
pub fn clamp_offset(src: &str, offset: usize) -> usize {
    let mut o = offset.min(src.len());
    while o > 0 && !src.is_char_boundary(o) {
        o -= 1;
    }
    o
}

/// Applies edits (which must not overlap) to a text; used by tests and by callers that want
/// the result of a set of edits.
pub fn apply_edits(src: &str, edits: &[TextEdit]) -> String {
    let mut edits: Vec<&TextEdit> = edits.iter().collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(src.len());
    let mut at = 0;
    for e in edits {
        let start = clamp_offset(src, e.span.start as usize).max(at);
        let end = clamp_offset(src, e.span.end as usize).max(start);
        out.push_str(&src[at..start]);
        out.push_str(&e.new_text);
        at = end;
    }
    out.push_str(&src[at..]);
    out
}

/// Whether a name is a valid `.icp` identifier: `[a-z_][a-z0-9_]*`.
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some('a'..='z' | '_'))
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_'))
}

/// Words that continue or qualify a criterion, so that they cannot name a field.
pub const RESERVED: &[&str] = &[
    "and", "or", "not", "in", "has", "within", "because", "graded",
];

#[cfg(test)]
pub(crate) mod test_support {
    use icp_check::{Analysis, Config, analyze};

    /// A source with one `$0` marker: the text without it, and the marker's offset.
    pub fn marked(src: &str) -> (String, usize) {
        let at = src.find("$0").expect("the test source has a $0 marker");
        (format!("{}{}", &src[..at], &src[at + 2..]), at)
    }

    pub fn analysis(src: &str) -> Analysis {
        analyze(src, &Config::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers() {
        assert!(is_identifier("hr_analytics2"));
        assert!(is_identifier("_x"));
        assert!(!is_identifier("Hr"));
        assert!(!is_identifier("2x"));
        assert!(!is_identifier(""));
        assert!(!is_identifier("a-b"));
    }

    #[test]
    fn clamping_never_splits_a_character() {
        let s = "a😀b";
        assert_eq!(clamp_offset(s, 3), 1);
        assert_eq!(clamp_offset(s, 99), s.len());
    }

    #[test]
    fn edits_apply_in_order() {
        let out = apply_edits(
            "abcdef",
            &[
                TextEdit::new(Span::new(4, 5), "E"),
                TextEdit::new(Span::new(0, 1), "A"),
            ],
        );
        assert_eq!(out, "AbcdEf");
    }
}
