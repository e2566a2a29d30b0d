//! What a syntax error says: chumsky's expected and found in the user's words, a did-you-mean
//! for a misspelt keyword, and the place the mistake is (the end of an unfinished line, a stray
//! character inside a name).

use chumsky::prelude::*;

use super::input::{Sp, T, sp};
use crate::keywords::{RESERVED, SUGGESTED};
use crate::lexer::Tok;
use crate::span::Span;

/// A syntax error: where, and what was expected in the user's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub span: Span,
    pub message: String,
}

/// The syntax error a chumsky error makes, in the user's words and at the place the mistake is.
pub(super) fn report(e: &Rich<'_, T<'_>, Sp>, src: &str, toks: &[(T<'_>, Sp)]) -> SyntaxError {
    let mut span = sp(*e.span());
    let mut message = describe_error(e, src);
    // An error found at a token that starts a line and could start a statement is about
    // the unfinished line before it: point at the end of that line.
    let at = toks.partition_point(|(_, s)| s.start < span.start);
    let after_complete =
        at > 0 && matches!(toks[at - 1].0.kind, Tok::RBrace | Tok::LBrace | Tok::Semi);
    // A misspelt keyword (`firmographic {`) is the mistake itself: it is reported on the
    // word, with its did-you-mean, not at the end of the line before.
    let misspelt = |t: &T<'_>| {
        t.kind == Tok::Ident
            && SUGGESTED
                .iter()
                .any(|k| *k != t.text && edit_distance(k, t.text) <= 2 && k.len() > 3)
    };
    let starts_statement = |(t, s): &(T<'_>, Sp)| {
        !after_complete
            && t.line_start
            && s.start == span.start
            && !misspelt(t)
            && (t.kind == Tok::Str
                || t.kind == Tok::RBrace
                || (t.kind == Tok::Ident && !RESERVED.contains(&t.text)))
    };
    if at > 0 && toks.get(at).is_some_and(starts_statement) {
        let prev = toks[at - 1].1;
        if let Some(found) = message.rfind(", found ") {
            message.truncate(found);
            message.push_str(", found the end of the line");
        }
        span = Span::new(prev.end as usize, prev.end as usize);
    }
    stray_inside_word(toks, at, &mut span, &mut message);
    SyntaxError { span, message }
}

fn describe_found(t: Option<&T<'_>>) -> String {
    match t {
        None => "the end of the file".into(),
        Some(t) if t.text.is_empty() => "the end of the line".into(),
        Some(t) if t.kind == Tok::Ident => format!("`{}`", t.text),
        Some(t) if t.kind == Tok::Number || t.kind == Tok::Date => format!("`{}`", t.text),
        Some(t) if t.kind == Tok::Error => format!("the character {}", visible(t.text)),
        Some(t) => t.kind.describe().to_string(),
    }
}

/// A character as a message shows it: in backquotes, or by its code point when it cannot be
/// seen (a control character such as NUL, a zero-width or direction character).
fn visible(text: &str) -> String {
    match text.chars().next() {
        Some('\0') => "U+0000 (NUL)".into(),
        Some(c)
            if c.is_control()
                || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}'
                    | '\u{2060}'..='\u{2069}' | '\u{FEFF}') =>
        {
            format!("U+{:04X}", c as u32)
        }
        _ => format!("`{text}`"),
    }
}

/// A name cut in two by a character that cannot be in one (`te<NUL>xt`): the error found at
/// the first half is about that character, so the message names it and points at it.
fn stray_inside_word(toks: &[(T<'_>, Sp)], at: usize, span: &mut Span, message: &mut String) {
    let (Some((word, ws)), Some((stray, ss))) = (toks.get(at), toks.get(at + 1)) else {
        return;
    };
    if word.kind != Tok::Ident
        || ws.start != span.start
        || stray.kind != Tok::Error
        || ss.start != ws.end
    {
        return;
    }
    let Some(found) = message.rfind(", found ") else {
        return;
    };
    message.truncate(found);
    message.push_str(&format!(
        ", found `{}` followed by the character {}, which cannot be part of a name: delete it",
        word.text,
        visible(stray.text)
    ));
    *span = Span::new(ss.start as usize, ss.end as usize);
}

fn describe_error(e: &Rich<'_, T<'_>, Sp>, src: &str) -> String {
    let span = e.span();
    let found = match (e.found(), src.get(span.start as usize..span.end as usize)) {
        (None, Some(text)) if !text.is_empty() => {
            format!("`{}`", text.lines().next().unwrap_or(text))
        }
        (found, _) => describe_found(found),
    };
    match e.reason() {
        chumsky::error::RichReason::Custom(msg) => msg.clone(),
        _ => {
            let mut expected: Vec<String> = Vec::new();
            for p in e.expected() {
                let s = match p {
                    chumsky::error::RichPattern::Label(l) => l.to_string(),
                    chumsky::error::RichPattern::Token(t) => t.kind.describe().to_string(),
                    chumsky::error::RichPattern::EndOfInput => "the end of the file".into(),
                    chumsky::error::RichPattern::Identifier(i) => format!("`{i}`"),
                    _ => continue,
                };
                // A label may itself list alternatives (`\`,\` or \`]\``): each is said once.
                for atom in alternatives(&s) {
                    if !expected.iter().any(|e| e == atom) {
                        expected.push(atom.to_string());
                    }
                }
            }
            let hint = match e.found() {
                Some(t) if t.kind == Tok::Ident => SUGGESTED
                    .iter()
                    .find(|k| **k != t.text && edit_distance(k, t.text) <= 2 && k.len() > 3)
                    .map(|k| format!("; did you mean `{k}`?"))
                    .unwrap_or_default(),
                _ => String::new(),
            };
            let message = match expected.len() {
                0 => format!("unexpected {found}"),
                1 => format!("expected {}, found {found}", expected[0]),
                n => format!(
                    "expected {} or {}, found {found}",
                    expected[..n - 1].join(", "),
                    expected[n - 1]
                ),
            };
            message + &hint
        }
    }
}

/// The alternatives a label lists, when it is only a list of quoted symbols (`` `,` or `]` ``);
/// otherwise the label itself.
fn alternatives(label: &str) -> Vec<&str> {
    let parts: Vec<&str> = label
        .split(" or ")
        .flat_map(|p| p.split(", "))
        .map(str::trim)
        .collect();
    let quoted = |p: &&str| {
        p.len() >= 3 && p.starts_with('`') && p.ends_with('`') && !p[1..p.len() - 1].contains('`')
    };
    if parts.len() > 1 && parts.iter().all(quoted) {
        parts
    } else {
        vec![label]
    }
}

/// Levenshtein distance, for short words.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}
