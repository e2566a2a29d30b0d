//! A completion item: its label, kind, replacement and snippet.

use icp_syntax::Span;

/// What a completion item stands for (the editor shows an icon for it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    Keyword,
    Field,
    Value,
    Operator,
    Type,
    Schema,
    Snippet,
    Code,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompletionItem {
    pub label: String,
    pub kind: CompletionKind,
    /// A short note shown beside the label (a field's type, a value's field).
    pub detail: Option<String>,
    /// Markdown documentation.
    pub documentation: Option<String>,
    /// The text inserted in place of [`CompletionItem::replace`]; a snippet (with `$1`,
    /// `${1:name}`, `${1|a,b|}` tab stops) when `is_snippet`.
    pub insert_text: String,
    pub is_snippet: bool,
    /// The word the item replaces: the part of a name already typed (empty at a blank).
    pub replace: Span,
}

impl CompletionItem {
    pub(super) fn new(
        label: impl Into<String>,
        kind: CompletionKind,
        replace: Span,
    ) -> CompletionItem {
        let label = label.into();
        CompletionItem {
            insert_text: label.clone(),
            label,
            kind,
            detail: None,
            documentation: None,
            is_snippet: false,
            replace,
        }
    }

    pub(super) fn detail(mut self, d: impl Into<String>) -> CompletionItem {
        self.detail = Some(d.into());
        self
    }

    pub(super) fn doc(mut self, d: impl Into<String>) -> CompletionItem {
        let d = d.into();
        if !d.is_empty() {
            self.documentation = Some(d);
        }
        self
    }

    pub(super) fn snippet(mut self, s: impl Into<String>) -> CompletionItem {
        self.insert_text = s.into();
        self.is_snippet = true;
        self
    }
}

/// Turns a snippet into the plain text it inserts with every placeholder at its default, for
/// editors without snippet support.
pub fn snippet_to_plain(snippet: &str) -> String {
    let mut out = String::with_capacity(snippet.len());
    let mut chars = snippet.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            '$' => match chars.peek() {
                Some('{') => {
                    chars.next();
                    let mut body = String::new();
                    let mut depth = 1;
                    for n in chars.by_ref() {
                        match n {
                            '{' => depth += 1,
                            '}' => {
                                depth -= 1;
                                if depth == 0 {
                                    break;
                                }
                            }
                            _ => {}
                        }
                        body.push(n);
                    }
                    let rest = body.trim_start_matches(|c: char| c.is_ascii_digit());
                    if let Some(default) = rest.strip_prefix(':') {
                        out.push_str(&snippet_to_plain(default));
                    } else if let Some(choices) = rest.strip_prefix('|') {
                        out.push_str(
                            choices
                                .trim_end_matches('|')
                                .split(',')
                                .next()
                                .unwrap_or(""),
                        );
                    }
                }
                Some(d) if d.is_ascii_digit() => {
                    while chars.peek().is_some_and(char::is_ascii_digit) {
                        chars.next();
                    }
                }
                _ => out.push('$'),
            },
            _ => out.push(c),
        }
    }
    out
}
