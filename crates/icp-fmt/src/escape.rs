//! Canonical string literals: one way to write each string value.
//!
//! A string is written with its characters as they are, except the ones a reader could not see
//! or that would end the literal: `"` and `\` are escaped, a line break is `\n`, a tab `\t`, and
//! any other control or invisible formatting character (zero-width spaces, direction marks, a
//! byte-order mark) is `\u{hex}` in lowercase hex. So `"caf\u{e9}"` becomes `"café"`, and a
//! zero-width space pasted from a web page becomes visible as `\u{200b}`.

use std::fmt::Write as _;

/// Whether `c` must be written as an escape to be seen or to keep the literal on one line.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00ad}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
        )
}

/// Appends the canonical literal (quotes included) of a string's value to `out`.
pub(crate) fn push_canonical(value: &str, out: &mut String) {
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => {
                // Writing to a String cannot fail.
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Appends the canonical form of a string literal given its source text (quotes included).
/// Most literals are already canonical and are copied as they are.
pub(crate) fn push_literal(raw: &str, out: &mut String) {
    let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
    let plain_ascii = inner
        .bytes()
        .all(|b| (0x20..0x7f).contains(&b) && b != b'\\');
    if plain_ascii || (!inner.contains('\\') && !inner.chars().any(needs_escape)) {
        out.push_str(raw);
        return;
    }
    let mut ignored = Vec::new();
    let value = icp_syntax::lexer::unescape(raw, 0, &mut ignored);
    push_canonical(&value, out);
}

/// The canonical literal of a string value.
pub(crate) fn canonical(value: &str) -> String {
    let mut s = String::with_capacity(value.len() + 2);
    push_canonical(value, &mut s);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(raw: &str) -> String {
        let mut s = String::new();
        push_literal(raw, &mut s);
        s
    }

    #[test]
    fn plain_strings_are_copied() {
        assert_eq!(lit(r#""SaaS or services""#), r#""SaaS or services""#);
        assert_eq!(lit(r#""""#), r#""""#);
    }

    #[test]
    fn escapes_are_canonical() {
        assert_eq!(lit(r#""caf\u{e9}""#), r#""café""#);
        assert_eq!(lit(r#""a\u{22}b""#), r#""a\"b""#);
        assert_eq!(lit(r#""tab\u{9}""#), r#""tab\t""#);
        assert_eq!(lit(r#""q\"\\\n""#), r#""q\"\\\n""#);
        assert_eq!(lit("\"zero\u{200b}width\""), r#""zero\u{200b}width""#);
        assert_eq!(lit("\"raw\ttab\""), r#""raw\ttab""#);
        assert_eq!(lit(r#""bell\u{0007}""#), r#""bell\u{7}""#);
    }
}
