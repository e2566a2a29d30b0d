//! Check codes inside a suppression comment (`# icp: allow(…)`).

use icp_syntax::Span;

use super::item::{CompletionItem, CompletionKind};
use crate::docs;

/// Check codes inside `# icp: allow(…)`.
pub(super) fn suppression_codes(src: &str, comment: Span, offset: usize) -> Vec<CompletionItem> {
    let start = comment.start as usize;
    let Some(text) = src.get(start..offset) else {
        return Vec::new();
    };
    let Some(open) = text.find("allow(") else {
        return Vec::new();
    };
    let inside = &text[open + 6..];
    if !text[..open]
        .trim_start_matches('#')
        .trim()
        .starts_with("icp:")
        || inside.contains(')')
    {
        return Vec::new();
    }
    let typed = inside.rsplit([',', ' ']).next().unwrap_or("");
    let word = Span::new(offset - typed.len(), offset);
    docs::codes()
        .into_iter()
        .map(|code| {
            CompletionItem::new(code, CompletionKind::Code, word).doc(docs::explain_code(code))
        })
        .collect()
}
