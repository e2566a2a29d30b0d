//! A hand-written lexer: turns source text into tokens with byte spans, and collects comments.
//!
//! Lexing by hand (rather than with a chumsky character parser) keeps lexing a small part of
//! the parse (figures in `docs/benchmarks.md`); the token parser in `parser/` does the
//! structural work with rich errors.

use crate::span::Span;
use smol_str::SmolStr;

/// The kinds of token. Words are all `Ident`: keywords are contextual and matched by text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tok {
    Ident,
    /// A string literal, quotes included in its span.
    Str,
    /// A number with an optional unit suffix: `200`, `2.5`, `20M`, `30%`, `60d`, `6mo`.
    Number,
    /// An ISO calendar date: `2026-10-05`.
    Date,
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    LParen,
    RParen,
    Colon,
    Comma,
    Semi,
    DotDot,
    Plus,
    Minus,
    EqEq,
    NotEq,
    Lt,
    Le,
    Gt,
    Ge,
    /// A character that starts no token.
    Error,
}

impl Tok {
    /// How the token kind is named in error messages.
    pub fn describe(self) -> &'static str {
        match self {
            Tok::Ident => "a name",
            Tok::Str => "a string",
            Tok::Number => "a number",
            Tok::Date => "a date",
            Tok::LBrace => "`{`",
            Tok::RBrace => "`}`",
            Tok::LBracket => "`[`",
            Tok::RBracket => "`]`",
            Tok::LParen => "`(`",
            Tok::RParen => "`)`",
            Tok::Colon => "`:`",
            Tok::Comma => "`,`",
            Tok::Semi => "`;`",
            Tok::DotDot => "`..`",
            Tok::Plus => "`+`",
            Tok::Minus => "`-`",
            Tok::EqEq => "`==`",
            Tok::NotEq => "`!=`",
            Tok::Lt => "`<`",
            Tok::Le => "`<=`",
            Tok::Gt => "`>`",
            Tok::Ge => "`>=`",
            Tok::Error => "an unexpected character",
        }
    }
}

/// One token: its kind, its span, and whether it is the first token on its line (statement
/// recovery resynchronises there).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: Tok,
    pub span: Span,
    pub line_start: bool,
    /// A string literal with a backslash in it: its value needs [`unescape`], and its escapes
    /// may be wrong. The lexer sees every backslash, so no later pass scans a string for one.
    pub escaped: bool,
}

/// A problem found while lexing (an unterminated string, a bad escape).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexError {
    pub span: Span,
    pub message: String,
}

/// The result of lexing a whole file.
#[derive(Clone, Debug, Default)]
pub struct Lexed {
    pub tokens: Vec<Token>,
    /// Spans of `#` comments, `#` included, line break excluded.
    pub comments: Vec<Span>,
    pub errors: Vec<LexError>,
}

pub fn lex(src: &str) -> Lexed {
    let mut tokens = Vec::with_capacity(src.len() / 4);
    let (comments, errors) = lex_each(src, |t| tokens.push(t));
    Lexed {
        tokens,
        comments,
        errors,
    }
}

/// Lexes `src`, handing each token to `emit` as it is found (the parser stores its own form
/// of them, with no intermediate vector); returns the comments and the errors.
pub fn lex_each(src: &str, mut emit: impl FnMut(Token)) -> (Vec<Span>, Vec<LexError>) {
    let bytes = src.as_bytes();
    let mut out = Lexed::default();
    // A byte order mark opening the file (some Windows editors write one) is not text.
    let mut i = if src.starts_with('\u{FEFF}') { 3 } else { 0 };
    let mut line_start = true;
    while i < bytes.len() {
        let b = bytes[i];
        let start = i;
        let mut escaped = false;
        let kind = match b {
            // A line ends at `\n`, `\r\n` or a lone `\r`.
            b'\n' => {
                line_start = true;
                i += 1;
                continue;
            }
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => {
                line_start = true;
                i += 1;
                continue;
            }
            b' ' | b'\t' | b'\r' | 0x0c => {
                i += 1;
                // Indentation comes in runs of spaces.
                while bytes.get(i) == Some(&b' ') {
                    i += 1;
                }
                continue;
            }
            b'#' => {
                i += memchr::memchr2(b'\n', b'\r', &bytes[i..]).unwrap_or(bytes.len() - i);
                out.comments.push(Span::new(start, i));
                continue;
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                i += 1 + bytes[i + 1..]
                    .iter()
                    .position(|&c| !is_word_byte(c))
                    .unwrap_or(bytes.len() - i - 1);
                Tok::Ident
            }
            b'0'..=b'9' => {
                if is_date_at(bytes, i) {
                    i += 10;
                    Tok::Date
                } else {
                    i = scan_number(bytes, i);
                    Tok::Number
                }
            }
            b'"' => {
                (i, escaped) = scan_string(src, i, &mut out.errors);
                Tok::Str
            }
            b'{' => one(&mut i, Tok::LBrace),
            b'}' => one(&mut i, Tok::RBrace),
            b'[' => one(&mut i, Tok::LBracket),
            b']' => one(&mut i, Tok::RBracket),
            b'(' => one(&mut i, Tok::LParen),
            b')' => one(&mut i, Tok::RParen),
            b':' => one(&mut i, Tok::Colon),
            b',' => one(&mut i, Tok::Comma),
            b';' => one(&mut i, Tok::Semi),
            b'+' => one(&mut i, Tok::Plus),
            b'-' => one(&mut i, Tok::Minus),
            b'.' if bytes.get(i + 1) == Some(&b'.') => {
                i += 2;
                Tok::DotDot
            }
            b'=' if bytes.get(i + 1) == Some(&b'=') => {
                i += 2;
                Tok::EqEq
            }
            b'!' if bytes.get(i + 1) == Some(&b'=') => {
                i += 2;
                Tok::NotEq
            }
            b'<' | b'>' => {
                let eq = bytes.get(i + 1) == Some(&b'=');
                i += if eq { 2 } else { 1 };
                match (b, eq) {
                    (b'<', false) => Tok::Lt,
                    (b'<', true) => Tok::Le,
                    (_, false) => Tok::Gt,
                    (_, true) => Tok::Ge,
                }
            }
            _ => {
                // One whole character, never half of a multi-byte one.
                i += src[i..].chars().next().map_or(1, char::len_utf8);
                Tok::Error
            }
        };
        emit(Token {
            kind,
            span: Span::new(start, i),
            line_start,
            escaped,
        });
        line_start = false;
    }
    (out.comments, out.errors)
}

/// Bytes that continue a name: ASCII letters, digits and `_`.
const WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    t
};

fn is_word_byte(c: u8) -> bool {
    WORD[c as usize]
}

fn one(i: &mut usize, t: Tok) -> Tok {
    *i += 1;
    t
}

fn is_date_at(b: &[u8], i: usize) -> bool {
    let d = |k: usize| b.get(i + k).is_some_and(u8::is_ascii_digit);
    d(0) && d(1)
        && d(2)
        && d(3)
        && b.get(i + 4) == Some(&b'-')
        && d(5)
        && d(6)
        && b.get(i + 7) == Some(&b'-')
        && d(8)
        && d(9)
        && !b
            .get(i + 10)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
}

/// Digits with `_` separators, an optional fraction (a `.` followed by a digit, so that
/// `200..2000` is a range), then any letters or `%` as the unit suffix.
fn scan_number(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
        i += 1;
    }
    if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
        i += 1;
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
            i += 1;
        }
    }
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'%' || b[i] == b'_') {
        i += 1;
    }
    i
}

/// Scans a string from its opening quote; returns the offset after the closing quote and
/// whether a backslash was seen. An unterminated string ends at the line break and is reported.
fn scan_string(src: &str, start: usize, errors: &mut Vec<LexError>) -> (usize, bool) {
    let b = src.as_bytes();
    let mut i = start + 1;
    let mut escaped = false;
    while i < b.len() {
        // Skip the plain bytes of the string in one step; a `\r` among them ends the line.
        let run = memchr::memchr3(b'"', b'\\', b'\n', &b[i..]).unwrap_or(b.len() - i);
        if let Some(cr) = memchr::memchr(b'\r', &b[i..i + run]) {
            i += cr;
            break;
        }
        i += run;
        match b.get(i) {
            Some(b'"') => return (i + 1, escaped),
            Some(b'\\') if i + 1 < b.len() && !matches!(b[i + 1], b'\n' | b'\r') => {
                escaped = true;
                i += 2
            }
            Some(b'\\') => {
                escaped = true;
                i += 1
            }
            _ => break,
        }
    }
    let mut end = i.min(b.len());
    while end > start && !src.is_char_boundary(end) {
        end -= 1;
    }
    errors.push(LexError {
        span: Span::new(start, end),
        message: "this string is not closed: add a `\"` before the end of the line".into(),
    });
    (end, escaped)
}

/// The value of a string literal's source text (quotes included); escape errors are reported
/// with their spans (relative to the file, given the literal's start offset).
pub fn unescape(raw: &str, offset: usize, errors: &mut Vec<LexError>) -> SmolStr {
    let inner = raw.strip_prefix('"').unwrap_or(raw);
    let inner = inner.strip_suffix('"').unwrap_or(inner);
    if !inner.contains('\\') {
        return SmolStr::new(inner);
    }
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.char_indices().peekable();
    while let Some((pos, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let at = offset + 1 + pos;
        match chars.next() {
            Some((_, 'n')) => out.push('\n'),
            Some((_, 't')) => out.push('\t'),
            Some((_, '"')) => out.push('"'),
            Some((_, '\\')) => out.push('\\'),
            Some((_, 'u')) => {
                let mut hex = String::new();
                let mut closed = false;
                if chars.peek().map(|p| p.1) == Some('{') {
                    chars.next();
                    for (_, h) in chars.by_ref() {
                        if h == '}' {
                            closed = true;
                            break;
                        }
                        hex.push(h);
                    }
                }
                match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    Some(ch) if closed => out.push(ch),
                    _ => {
                        // The escape runs to where scanning stopped, on a character boundary.
                        let end = chars.peek().map_or(inner.len(), |p| p.0);
                        errors.push(LexError {
                            span: Span::new(at, offset + 1 + end),
                            message: "a `\\u` escape needs a Unicode scalar value in hex, like `\\u{e9}`".into(),
                        })
                    }
                }
            }
            Some((_, other)) => errors.push(LexError {
                span: Span::new(at, at + 1 + other.len_utf8()),
                message: format!(
                    "unknown escape `\\{other}`: strings know `\\\"`, `\\\\`, `\\n`, `\\t` and `\\u{{..}}`"
                ),
            }),
            None => {}
        }
    }
    SmolStr::from(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<Tok> {
        lex(src).tokens.iter().map(|t| t.kind).collect()
    }

    #[test]
    fn ranges_are_not_decimals() {
        assert_eq!(
            kinds("200..2000"),
            vec![Tok::Number, Tok::DotDot, Tok::Number]
        );
        assert_eq!(kinds("2.5"), vec![Tok::Number]);
    }

    #[test]
    fn dates_and_units() {
        assert_eq!(
            kinds("2026-10-05 60d 6mo 20M 30% 10_000"),
            vec![
                Tok::Date,
                Tok::Number,
                Tok::Number,
                Tok::Number,
                Tok::Number,
                Tok::Number
            ]
        );
    }

    #[test]
    fn comments_are_collected_not_tokens() {
        let l = lex("a # note\nb");
        assert_eq!(l.tokens.len(), 2);
        assert_eq!(l.comments, vec![Span::new(2, 8)]);
        assert!(l.tokens[1].line_start);
    }

    #[test]
    fn lone_cr_ends_lines_and_comments() {
        let l = lex("# note\ricp x\r\"open\ry # c\r\nz");
        assert_eq!(l.comments, vec![Span::new(0, 6), Span::new(21, 24)]);
        let starts: Vec<bool> = l.tokens.iter().map(|t| t.line_start).collect();
        // icp, x, "open (unterminated at the `\r`), y, z
        assert_eq!(starts, vec![true, false, true, true, true]);
        assert_eq!(l.tokens[2].span, Span::new(13, 18));
        assert_eq!(l.errors.len(), 1);
    }

    #[test]
    fn unterminated_string_is_reported() {
        let l = lex("\"abc\nx");
        assert_eq!(l.errors.len(), 1);
        assert_eq!(l.tokens[0].kind, Tok::Str);
        assert_eq!(l.tokens[1].kind, Tok::Ident);
    }

    #[test]
    fn escapes() {
        let mut errs = vec![];
        assert_eq!(unescape(r#""a\"b\\c\n\u{e9}""#, 0, &mut errs), "a\"b\\c\né");
        assert!(errs.is_empty());
        unescape(r#""\q""#, 0, &mut errs);
        assert_eq!(errs.len(), 1);
    }
}
