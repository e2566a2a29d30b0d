//! The tokens made ready for the parser: cut short where they nest too deeply, brackets across
//! lines joined, brackets left open closed.

use super::input::{Sp, T, sp};
use super::messages::SyntaxError;
use crate::lexer::Tok;

/// Deepest nesting of brackets and `not`, and longest `and`/`or` chain, the parser accepts.
/// Real profiles stay far below; the limits keep recursion (in the parser, the checks and
/// dropping the tree) bounded on hostile input.
const MAX_DEPTH: usize = 100;
const MAX_CHAIN: usize = 1000;

/// What one pass over the tokens finds before the parser runs.
pub(super) struct Scan {
    /// How many tokens to parse: all of them, or those before the first one that nests too
    /// deep (which is then reported).
    pub limit: usize,
    /// Whether [`brackets`] has work to do: a line starts inside a bracket, or a bracket is
    /// left open at a brace or at the end of the file.
    pub brackets: bool,
    /// Where items may begin: tokens `schema`, `icp` or `test` that start a line outside every
    /// brace and bracket. In a valid file each is the start of an item, so the items between
    /// two of them can be parsed apart from the rest (see [`super::pieces`]).
    pub items: Vec<usize>,
}

/// Finds, in one pass, where the tokens nest too deeply and whether brackets need repair (most
/// files need neither, so this pass is all they pay).
pub(super) fn scan(tokens: &[(T<'_>, Sp)], errors: &mut Vec<SyntaxError>) -> Scan {
    let mut depth = 0usize;
    let mut nots = 0usize;
    let mut chain = 0usize;
    // The brackets open since the last brace, by kind (only a matching closer closes one).
    let mut open: Vec<Tok> = Vec::new();
    let mut needed = false;
    let mut items = Vec::new();
    for (i, (t, s)) in tokens.iter().enumerate() {
        needed |= t.line_start && !open.is_empty();
        match t.kind {
            Tok::Ident => {
                if depth == 0 && t.line_start && matches!(t.text, "schema" | "icp" | "test") {
                    items.push(i);
                }
                if t.text == "not" {
                    nots += 1;
                } else {
                    nots = 0;
                    if t.text == "and" || t.text == "or" {
                        chain += 1;
                    }
                }
            }
            Tok::LBrace | Tok::RBrace => {
                nots = 0;
                chain = 0;
                depth = if t.kind == Tok::LBrace {
                    depth + 1
                } else {
                    depth.saturating_sub(1)
                };
                needed |= !open.is_empty();
                open.clear();
            }
            Tok::LBracket | Tok::LParen => {
                nots = 0;
                depth += 1;
                open.push(t.kind);
            }
            Tok::RBracket | Tok::RParen => {
                nots = 0;
                depth = depth.saturating_sub(1);
                if open.last().is_some_and(|k| closer_of(*k) == t.kind) {
                    open.pop();
                }
            }
            _ => nots = 0,
        }
        if depth > MAX_DEPTH || nots > MAX_DEPTH || chain > MAX_CHAIN {
            errors.push(SyntaxError {
                span: sp(*s),
                message: format!(
                    "this is nested too deeply (more than {MAX_DEPTH} levels, or {MAX_CHAIN} `and`/`or` in one block): split the criterion"
                ),
            });
            return Scan {
                limit: i,
                brackets: false,
                items: Vec::new(),
            };
        }
    }
    Scan {
        limit: tokens.len(),
        brackets: needed || !open.is_empty(),
        items,
    }
}

/// The closer of an opening `[` or `(`.
fn closer_of(k: Tok) -> Tok {
    match k {
        Tok::LBracket => Tok::RBracket,
        _ => Tok::RParen,
    }
}

/// Brackets across lines, and brackets left open.
///
/// Inside a `[` or `(` that is closed later no statement can begin, so a line break there is
/// plain white space: the tokens after it are marked as not starting a line (a long list may
/// be broken over lines).
///
/// A `[` or `(` still open at a `{`, a `}` or the end of the file was left unfinished (as it is
/// while being typed). It ends before the first later line that starts at or left of the
/// indentation of the line it opened on (that line begins the next statement), or before the
/// brace; a closer with no text is put there, which the parser never accepts, so the unfinished
/// statement is one error and the lines after it parse as if it were not there. Returns
/// whether such a closer was put. Only called when [`scan`] found work for it.
pub(super) fn brackets(src: &str, toks: &mut Vec<(T<'_>, Sp)>) -> bool {
    let opener = |k: Tok| matches!(k, Tok::LBracket | Tok::LParen);
    // First: which openers are closed (before any brace).
    let mut closed = vec![false; toks.len()];
    let mut stack: Vec<usize> = Vec::new();
    let mut needed = false;
    for (i, (t, _)) in toks.iter().enumerate() {
        // A line starting inside a bracket, or a bracket left open: work to do below.
        needed |= t.line_start && !stack.is_empty();
        match t.kind {
            k if opener(k) => stack.push(i),
            Tok::RBracket | Tok::RParen => {
                if let Some(&top) = stack.last() {
                    if closer_of(toks[top].0.kind) == t.kind {
                        closed[top] = true;
                        stack.pop();
                    }
                }
            }
            Tok::LBrace | Tok::RBrace => {
                needed |= !stack.is_empty();
                stack.clear();
            }
            _ => {}
        }
    }
    if !needed && stack.is_empty() {
        return false;
    }
    let column = |offset: u32| -> u32 {
        let before = &src.as_bytes()[..offset as usize];
        let line = before
            .iter()
            .rposition(|&b| b == b'\n' || b == b'\r')
            .map_or(0, |i| i + 1);
        offset - line as u32
    };
    // Open brackets: (kind, whether closed later, indentation of the line it opened on).
    let mut open: Vec<(Tok, bool, u32)> = Vec::new();
    let mut out: Vec<(T<'_>, Sp)> = Vec::with_capacity(toks.len());
    let mut put = false;
    let mut indent = 0u32;
    let close_from = |open: &mut Vec<(Tok, bool, u32)>, from: usize, out: &mut Vec<(T<'_>, Sp)>| {
        let end = out.last().map_or(0, |(_, s): &(T<'_>, Sp)| s.end);
        for (k, _, _) in open.drain(from..).rev() {
            let kind = closer_of(k);
            out.push((
                T {
                    kind,
                    text: "",
                    line_start: false,
                    escaped: false,
                },
                Sp::from(end..end),
            ));
        }
    };
    for (i, (mut t, span)) in toks.drain(..).enumerate() {
        if t.line_start {
            indent = column(span.start);
            if !open.is_empty() {
                let unfinished = open.iter().position(|(_, c, _)| !c);
                let ends_it = matches!(unfinished, Some(u) if indent <= open[u].2);
                if ends_it && !matches!(t.kind, Tok::RBracket | Tok::RParen) {
                    close_from(&mut open, unfinished.unwrap_or(0), &mut out);
                    put = true;
                } else {
                    t.line_start = false;
                }
            }
        }
        match t.kind {
            k if opener(k) => open.push((k, closed[i], indent)),
            Tok::RBracket | Tok::RParen
                if open.last().is_some_and(|(k, _, _)| closer_of(*k) == t.kind) =>
            {
                open.pop();
            }
            Tok::LBrace | Tok::RBrace if !open.is_empty() => {
                close_from(&mut open, 0, &mut out);
                put = true;
            }
            _ => {}
        }
        out.push((t, span));
    }
    if !open.is_empty() {
        close_from(&mut open, 0, &mut out);
        put = true;
    }
    *toks = out;
    put
}
