//! The document as Markdown (CommonMark with GitHub tables): a heading per icp and per
//! section, the rubric as tables.

use std::fmt::Write;

use crate::layout::{self, Line, Part, Span};
use crate::{Document, NOT_DEFINED};

/// Escapes text so that Markdown shows it as written: punctuation that would start markup is
/// backslash-escaped, `&` and `<` never form HTML.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            // `_` inside a word is never emphasis; at a word's edge it may be.
            '_' => {
                let inner = |j: Option<&char>| j.is_some_and(|c| c.is_alphanumeric());
                if !(inner(i.checked_sub(1).and_then(|j| chars.get(j))) && inner(chars.get(i + 1)))
                {
                    out.push('\\');
                }
                out.push('_');
            }
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A paragraph or list item; a leading `-`, `+` or `=` could start a list or an underline.
fn line(l: &Line) -> String {
    let s: String = l
        .iter()
        .map(|s| match s {
            Span::Plain(t) => esc(t),
            Span::Strong(t) => format!("**{}**", esc(t)),
        })
        .collect();
    match s.chars().next() {
        Some('-' | '+' | '=') => format!("\\{s}"),
        _ => s,
    }
}

/// The whole document as Markdown.
pub fn markdown(doc: &Document) -> String {
    let mut o = String::new();
    if doc.icps.is_empty() {
        let _ = writeln!(
            o,
            "# {}\n\n{NOT_DEFINED} The file has no icp.",
            esc(&doc.source)
        );
    }
    for (n, p) in doc.icps.iter().enumerate() {
        if n > 0 {
            o.push_str("\n---\n\n");
        }
        let title = p.title.as_deref().unwrap_or(&p.name);
        let _ = writeln!(o, "# {}\n", esc(title));
        for f in layout::facts(p) {
            let _ = writeln!(o, "- {}", line(&f));
        }
        o.push('\n');
        for s in layout::sections(p) {
            let _ = writeln!(o, "## {}\n", s.title);
            for part in &s.parts {
                match part {
                    Part::Missing => {
                        let _ = writeln!(o, "_{NOT_DEFINED}_\n");
                    }
                    Part::Para(l) => {
                        let _ = writeln!(o, "{}\n", line(l));
                    }
                    Part::Sub(t) => {
                        let _ = writeln!(o, "### {}\n", esc(t));
                    }
                    Part::List(items) => {
                        for l in items {
                            let _ = writeln!(o, "- {}", line(l));
                        }
                        o.push('\n');
                    }
                    Part::Table { head, rows } => {
                        let _ = writeln!(
                            o,
                            "| {} |",
                            head.iter().map(|h| esc(h)).collect::<Vec<_>>().join(" | ")
                        );
                        let _ = writeln!(o, "|{}", "---|".repeat(head.len()));
                        for r in rows {
                            let _ = writeln!(
                                o,
                                "| {} |",
                                r.iter().map(|c| esc(c)).collect::<Vec<_>>().join(" | ")
                            );
                        }
                        o.push('\n');
                    }
                }
            }
        }
    }
    let _ = writeln!(o, "_Exported from {} by icpc._", esc(&doc.source));
    o
}
