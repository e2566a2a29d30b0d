//! Where the cursor is, read from the tokens around it rather than from the syntax tree, so that
//! it works in a file that is half typed: which blocks enclose the cursor, which statement it is
//! in and what comes before it there, and the word being typed.
//!
//! Only the top-level item around the cursor is lexed: items start at a line that begins with
//! `schema` or `icp` (no string spans lines, so such a line is never inside one). This keeps
//! completion fast in a long file.

use icp_syntax::Span;
use icp_syntax::lexer::{self, Tok, Token};

use crate::clamp_offset;

/// A bracket that encloses the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Frame {
    /// `{ … }` of a statement: the keyword that starts the statement (`icp`, `firmographics`,
    /// `persona`, …) and the index of the `{` token.
    Block { keyword: String, open: usize },
    /// `[ … ]`, with the index of the `[` token.
    List { open: usize },
    /// `( … )`, with the index of the `(` token.
    Paren { open: usize },
}

/// The cursor's surroundings.
#[derive(Clone, Debug)]
pub struct CursorContext {
    /// Every token of the item around the cursor, with spans in the whole text.
    pub tokens: Vec<Token>,
    /// The word under the cursor that a completion replaces (empty at a blank).
    pub word: Span,
    /// The enclosing frames, outermost first; empty at top level.
    pub frames: Vec<Frame>,
    /// Indices of the tokens of the statement the cursor is in, before the word being typed,
    /// inside the innermost `{ }` (for a list or parentheses: after its opening bracket).
    pub before: Vec<usize>,
    /// Whether the cursor is inside a string literal.
    pub in_string: bool,
    /// The comment the cursor is in, if any.
    pub comment: Option<Span>,
}

impl CursorContext {
    /// The keyword of the innermost `{ }` block, or `""` at top level.
    pub fn block(&self) -> &str {
        self.frames
            .iter()
            .rev()
            .find_map(|f| match f {
                Frame::Block { keyword, .. } => Some(keyword.as_str()),
                _ => None,
            })
            .unwrap_or("")
    }

    /// The innermost frame.
    pub fn innermost(&self) -> Option<&Frame> {
        self.frames.last()
    }

    /// The text of token `i`.
    pub fn text<'s>(&self, src: &'s str, i: usize) -> &'s str {
        self.tokens
            .get(i)
            .and_then(|t| src.get(t.span.range()))
            .unwrap_or("")
    }

    /// The kinds and texts of the statement tokens before the cursor.
    pub fn before_texts<'s>(&self, src: &'s str) -> Vec<&'s str> {
        self.before.iter().map(|&i| self.text(src, i)).collect()
    }

    /// The index of the `{` of the enclosing block with this keyword, if any.
    pub fn block_open(&self, keyword: &str) -> Option<usize> {
        self.frames.iter().rev().find_map(|f| match f {
            Frame::Block { keyword: k, open } if k == keyword => Some(*open),
            _ => None,
        })
    }

    /// The tokens that start statements directly inside the block opened at token `open`
    /// (the whole block, after the cursor too), leaving out the statement at the cursor.
    pub fn statement_starts(&self, open: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut depth = 0usize;
        let mut expect_start = true;
        for i in open + 1..self.tokens.len() {
            let t = self.tokens[i];
            if depth == 0
                && (expect_start || t.line_start)
                && t.kind != Tok::RBrace
                && (t.span != self.word || self.word.is_empty())
            {
                out.push(i);
            }
            expect_start = false;
            match t.kind {
                Tok::LBrace | Tok::LBracket | Tok::LParen => depth += 1,
                Tok::RBrace if depth == 0 => break,
                Tok::RBrace | Tok::RBracket | Tok::RParen => {
                    depth = depth.saturating_sub(1);
                    expect_start = depth == 0 && t.kind == Tok::RBrace;
                }
                Tok::Semi if depth == 0 => expect_start = true,
                _ => {}
            }
        }
        out
    }
}

/// The column (in bytes) of `offset` on its line.
fn column(src: &str, offset: usize) -> usize {
    let offset = offset.min(src.len());
    offset
        - src.as_bytes()[..offset]
            .iter()
            .rposition(|&b| b == b'\n' || b == b'\r')
            .map_or(0, |i| i + 1)
}

/// The column of the first token of the line of token `i`.
fn line_indent(src: &str, tokens: &[Token], i: usize) -> usize {
    let first = tokens[..=i].iter().rposition(|t| t.line_start).unwrap_or(0);
    column(src, tokens[first].span.start as usize)
}

/// Where the contents of the `[` or `(` at token `open` end, as the parser reads them: at its
/// closing bracket, or, when it is never closed (before a brace or the end), before the first
/// later line that starts at or left of the indentation of its line, or before the brace.
/// Returns the index of the token after the contents and whether the bracket is closed.
pub fn bracket_end(src: &str, tokens: &[Token], open: usize) -> (usize, bool) {
    let mut depth = 0usize;
    let mut brace = tokens.len();
    for (i, t) in tokens.iter().enumerate().skip(open + 1) {
        match t.kind {
            Tok::LBracket | Tok::LParen => depth += 1,
            Tok::RBracket | Tok::RParen if depth == 0 => return (i, true),
            Tok::RBracket | Tok::RParen => depth -= 1,
            Tok::LBrace | Tok::RBrace => {
                brace = i;
                break;
            }
            _ => {}
        }
    }
    let indent = line_indent(src, tokens, open);
    let cut = tokens[open + 1..brace]
        .iter()
        .position(|t| t.line_start && column(src, t.span.start as usize) <= indent)
        .map_or(brace, |p| open + 1 + p);
    (cut, false)
}

/// Words that continue the statement of the line before when they start a line.
const CONTINUATIONS: &[&str] = &[
    "and",
    "or",
    "from",
    "because",
    "within",
    "in",
    "has",
    "graded",
    "up",
    "to",
    "when",
    "otherwise",
];

/// The byte range of the top-level item around `offset`: from the last line at or before it
/// that starts with `schema` or `icp` to the next such line after it.
pub fn item_window(src: &str, offset: usize) -> std::ops::Range<usize> {
    let starts_item = |at: usize| {
        let rest = &src.as_bytes()[at..];
        ["schema", "icp"].iter().any(|kw| {
            rest.starts_with(kw.as_bytes())
                && !rest
                    .get(kw.len())
                    .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
        })
    };
    let line_start = src[..offset].rfind('\n').map_or(0, |i| i + 1);
    let mut start = 0;
    let mut at = line_start;
    loop {
        if starts_item(at) {
            start = at;
            break;
        }
        match src[..at.saturating_sub(1)].rfind('\n') {
            Some(i) if at > 0 => at = i + 1,
            _ => {
                if at > 0 && starts_item(0) {
                    start = 0;
                }
                break;
            }
        }
    }
    let mut end = src.len();
    let mut from = offset;
    while let Some(i) = src[from..].find('\n') {
        let next = from + i + 1;
        if next < src.len() && starts_item(next) {
            end = next;
            break;
        }
        from = next;
    }
    start..end
}

/// Reads the cursor's surroundings at `offset`.
pub fn at(src: &str, offset: usize) -> CursorContext {
    let offset = clamp_offset(src, offset);
    let window = item_window(src, offset);
    let base = window.start;
    let lexed = lexer::lex(&src[window]);
    let shift = |s: Span| Span::new(s.start as usize + base, s.end as usize + base);
    let tokens: Vec<Token> = lexed
        .tokens
        .iter()
        .map(|t| Token {
            span: shift(t.span),
            ..*t
        })
        .collect();
    let comment = lexed.comments.iter().map(|&c| shift(c)).find(|c| {
        c.start as usize <= offset && offset <= c.end as usize && (c.start as usize) < offset
    });
    let mut in_string = false;
    let mut word = Span::new(offset, offset);
    // The token that the cursor is inside or just after.
    let touching = tokens
        .iter()
        .position(|t| (t.span.start as usize) < offset && offset <= t.span.end as usize);
    if let Some(i) = touching {
        let t = tokens[i];
        match t.kind {
            Tok::Str => {
                let closed =
                    t.span.len() >= 2 && src.as_bytes().get(t.span.end as usize - 1) == Some(&b'"');
                in_string = offset < t.span.end as usize || !closed;
            }
            Tok::Ident => word = t.span,
            _ => {}
        }
    }
    let end = if word.is_empty() {
        offset
    } else {
        word.start as usize
    };
    let upto = tokens.partition_point(|t| (t.span.end as usize) <= end);

    let mut frames: Vec<Frame> = Vec::new();
    // The start of the current statement in each frame, parallel to `frames` (+ top level).
    let mut stmt_start: Vec<Option<usize>> = vec![None];
    // An unfinished `[` or `(` ends where the parser ends it (see [`bracket_end`]): the line
    // that starts at its statement's indentation is a statement of its own.
    let unclosed_top = |frames: &[Frame]| -> Option<(usize, usize)> {
        match frames.last() {
            Some(Frame::List { open } | Frame::Paren { open }) => {
                let (end, closed) = bracket_end(src, &tokens, *open);
                (!closed).then_some((end, *open))
            }
            _ => None,
        }
    };
    for i in 0..upto {
        let t = tokens[i];
        let text = &src[t.span.range()];
        if t.line_start {
            while unclosed_top(&frames).is_some_and(|(e, _)| e <= i) {
                frames.pop();
                stmt_start.pop();
                let top = stmt_start.len() - 1;
                stmt_start[top] = None;
            }
        }
        let top = stmt_start.len() - 1;
        let in_brackets = matches!(
            frames.last(),
            Some(Frame::List { .. } | Frame::Paren { .. })
        );
        if !in_brackets {
            let continuation = t.kind != Tok::Ident && t.kind != Tok::Str && t.kind != Tok::RBrace
                || (t.kind == Tok::Ident && CONTINUATIONS.contains(&text));
            if stmt_start[top].is_none() || (t.line_start && !continuation) {
                stmt_start[top] = Some(i);
            }
        } else if stmt_start[top].is_none() {
            stmt_start[top] = Some(i);
        }
        match t.kind {
            Tok::LBrace => {
                let keyword = stmt_start[top]
                    .filter(|&s| s < i)
                    .map(|s| src[tokens[s].span.range()].to_string())
                    .unwrap_or_default();
                frames.push(Frame::Block { keyword, open: i });
                stmt_start.push(None);
            }
            Tok::LBracket => {
                frames.push(Frame::List { open: i });
                stmt_start.push(None);
            }
            Tok::LParen => {
                frames.push(Frame::Paren { open: i });
                stmt_start.push(None);
            }
            Tok::RBrace => {
                // Close everything up to and including the innermost block.
                while let Some(f) = frames.pop() {
                    stmt_start.pop();
                    if matches!(f, Frame::Block { .. }) {
                        break;
                    }
                }
                if stmt_start.is_empty() {
                    stmt_start.push(None);
                }
                let top = stmt_start.len() - 1;
                // The block ended the statement that opened it.
                stmt_start[top] = None;
            }
            Tok::RBracket | Tok::RParen => {
                let want_list = t.kind == Tok::RBracket;
                if matches!(
                    (frames.last(), want_list),
                    (Some(Frame::List { .. }), true) | (Some(Frame::Paren { .. }), false)
                ) {
                    frames.pop();
                    stmt_start.pop();
                }
            }
            Tok::Semi if !in_brackets => stmt_start[top] = None,
            _ => {}
        }
    }
    // The cursor on a line of its own after an unfinished bracket is outside it.
    let line_begin = src[..end].rfind('\n').map_or(0, |n| n + 1);
    while unclosed_top(&frames).is_some_and(|(_, open)| {
        line_begin > tokens[open].span.end as usize
            && src[line_begin..end].trim().is_empty()
            && column(src, end) <= line_indent(src, &tokens, open)
    }) {
        frames.pop();
        stmt_start.pop();
        let top = stmt_start.len() - 1;
        stmt_start[top] = None;
    }
    let top = stmt_start.len() - 1;
    let before = match stmt_start[top] {
        Some(s) => {
            // A word at the start of a line begins a new statement, unless it continues one.
            let cursor_starts_line = {
                let line_start = src[..end].rfind('\n').map_or(0, |i| i + 1);
                src[line_start..end].trim().is_empty()
            };
            let brackets = matches!(
                frames.last(),
                Some(Frame::List { .. } | Frame::Paren { .. })
            );
            if cursor_starts_line && !brackets {
                Vec::new()
            } else {
                (s..upto).collect()
            }
        }
        None => Vec::new(),
    };
    CursorContext {
        tokens,
        word,
        frames,
        before,
        in_string,
        comment,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::marked;

    fn ctx(src: &str) -> (String, CursorContext) {
        let (text, at_) = marked(src);
        let c = at(&text, at_);
        (text, c)
    }

    #[test]
    fn blocks_and_statements() {
        let (t, c) = ctx(
            "schema s { a: int }\nicp x \"X\" {\n  uses s\n  firmographics {\n    a > 3 and $0\n  }\n}\n",
        );
        assert_eq!(c.block(), "firmographics");
        assert_eq!(c.before_texts(&t), vec!["a", ">", "3", "and"]);
        assert!(c.word.is_empty());
    }

    #[test]
    fn the_word_being_typed() {
        let (t, c) = ctx("icp x \"X\" {\n  firm$0\n}\n");
        assert_eq!(c.block(), "icp");
        assert_eq!(&t[c.word.range()], "firm");
        assert!(c.before.is_empty());
    }

    #[test]
    fn unclosed_blocks_and_lists() {
        let (t, c) = ctx("icp x \"X\" {\n  rubric {\n    rule r : industry in [saas, $0");
        assert_eq!(c.innermost(), Some(&Frame::List { open: 11 }));
        assert_eq!(c.block(), "rubric");
        assert_eq!(c.before_texts(&t), vec!["saas", ","]);
    }

    #[test]
    fn strings_and_comments() {
        let (_, c) = ctx("icp x \"X $0\" {}");
        assert!(c.in_string);
        let (_, c) = ctx("icp x \"X\" { # icp: allow($0\n}");
        assert!(c.comment.is_some());
    }

    #[test]
    fn window_starts_at_the_item() {
        let src = "schema s { a: int }\n\nicp x \"X\" {\n  uses s\n}\nicp y \"Y\" {}\n";
        let w = item_window(src, src.find("uses").expect("uses"));
        assert_eq!(&src[w], "icp x \"X\" {\n  uses s\n}\n");
    }

    #[test]
    fn closed_blocks_end_statements() {
        let (t, c) = ctx("icp x \"X\" {\n  job \"j\" { kind functional }\n  $0\n}");
        assert_eq!(c.block(), "icp");
        assert!(c.before.is_empty(), "{:?}", c.before_texts(&t));
        let starts: Vec<&str> = c
            .statement_starts(c.block_open("icp").expect("icp"))
            .iter()
            .map(|&i| c.text(&t, i))
            .collect();
        assert_eq!(starts, vec!["job"]);
    }
}
