//! The chumsky token parser: tokens in, syntax tree and every syntax error out.
//!
//! Recovery works at two levels. A statement that cannot be read is skipped up to the next
//! token that starts a line (or the `}` that closes its block), keeping brackets balanced, so
//! one mistake costs one statement. A block whose closing `}` is missing at the end of the file
//! is closed there, so a file being typed still yields a tree.

mod blocks;
mod expr;
mod input;
mod items;
mod leaves;
mod messages;
mod prepare;
mod stmt;
#[cfg(test)]
mod tests;

use chumsky::prelude::*;

pub use input::{ParseError, T};
use input::{Sp, token_input, tokens};
use items::file_parser;
pub use messages::SyntaxError;
use messages::report;
use prepare::{brackets, scan};

use crate::ast::File;
use crate::lexer;

/// Files with fewer tokens than this (about 1 MB of profile) are parsed on one thread: the
/// others would cost more to start than they save.
const PIECE_TOKENS: usize = 200_000;

/// How many threads to parse `tokens` tokens on.
fn threads(tokens: usize) -> usize {
    if tokens < PIECE_TOKENS {
        return 1;
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    cores.min(tokens / PIECE_TOKENS).max(1)
}

/// Cuts the token range `0..len` into at most `n` pieces at item starts (`items`, in order),
/// as near equal in size as the items allow. Every piece but the first begins at an item
/// start, so in a valid file each piece is a run of whole items.
fn pieces(len: usize, items: &[usize], n: usize) -> Vec<std::ops::Range<usize>> {
    let mut cuts = vec![0];
    for k in 1..n {
        let target = len * k / n;
        // The first item start at or after the target; none past the last one.
        let at = items.partition_point(|&i| i < target);
        if let Some(&cut) = items.get(at) {
            if cut > *cuts.last().unwrap_or(&0) {
                cuts.push(cut);
            }
        }
    }
    cuts.push(len);
    cuts.windows(2).map(|w| w[0]..w[1]).collect()
}

/// The fast pass (no error bookkeeping) over each piece, the pieces after the first on threads
/// of their own. `None` when any piece fails: the file is then parsed again whole, with rich
/// errors and recovery, so what a file with mistakes reports does not depend on the pieces.
/// A valid file's items are the same either way: an item ends at the `}` that closes it, so
/// no item of the whole file spans two pieces (`parses_the_same_in_pieces` checks it).
fn parse_fast<'a>(
    toks: &'a [(T<'a>, Sp)],
    pieces: &[std::ops::Range<usize>],
    eoi: Sp,
) -> Option<Vec<crate::ast::Item>> {
    let one = |range: std::ops::Range<usize>| {
        // A piece ends where the next begins.
        let end = toks
            .get(range.end)
            .map_or(eoi, |(_, s)| Sp::from(s.start..s.start));
        let fast = file_parser::<_, EmptyErr>().parse(token_input(&toks[range], end));
        if fast.has_errors() {
            None
        } else {
            fast.into_output()
        }
    };
    let (first, rest) = pieces.split_first()?;
    if rest.is_empty() {
        return one(first.clone());
    }
    std::thread::scope(|s| {
        let handles: Vec<_> = rest
            .iter()
            .map(|r| {
                let r = r.clone();
                s.spawn(move || one(r))
            })
            .collect();
        let mut items = one(first.clone())?;
        for h in handles {
            // A thread that panicked is a bug in the parser: let it surface as one.
            let more = match h.join() {
                Ok(more) => more?,
                Err(panic) => std::panic::resume_unwind(panic),
            };
            items.extend(more);
        }
        Some(items)
    })
}

/// Parses a whole file. Never fails: returns the tree it could build and every error.
pub fn parse(src: &str) -> (File, Vec<SyntaxError>) {
    let (toks, comments, lex_errors) = tokens(src);
    let mut errors: Vec<SyntaxError> = lex_errors
        .into_iter()
        .map(|e| SyntaxError {
            span: e.span,
            message: e.message,
        })
        .collect();
    // Escape errors are found here once, so the parser can unescape without reporting.
    for (t, s) in toks.iter().filter(|(t, _)| t.escaped) {
        let mut errs = Vec::new();
        lexer::unescape(t.text, s.start as usize, &mut errs);
        errors.extend(errs.into_iter().map(|e| SyntaxError {
            span: e.span,
            message: e.message,
        }));
    }
    let scanned = scan(&toks, &mut errors);
    let mut toks = toks;
    // Past the nesting limit the file is cut short: its brackets are not worth repairing.
    let unclosed = if scanned.limit < toks.len() {
        toks.truncate(scanned.limit);
        false
    } else {
        scanned.brackets && brackets(src, &mut toks)
    };
    let toks = &toks[..];
    let eoi = Sp::from(src.len() as u32..src.len() as u32);
    // Most files are valid: a first pass keeps no error bookkeeping, and only a file with
    // mistakes is parsed again to collect rich, recoverable errors.
    if errors.is_empty() && !unclosed {
        let pieces = pieces(toks.len(), &scanned.items, threads(toks.len()));
        if let Some(items) = parse_fast(toks, &pieces, eoi) {
            return (File { items, comments }, errors);
        }
    }
    let (items, errs) = file_parser::<_, Rich<'_, T<'_>, Sp>>()
        .parse(token_input(toks, eoi))
        .into_output_errors();
    errors.extend(errs.iter().map(|e| report(e, src, toks)));
    errors.sort_by_key(|e| (e.span.start, e.span.end));
    // Blocks left open at the end of the file all fail at the same place: one error says it.
    errors.dedup_by(|b, a| a.span.start == b.span.start);
    let file = File {
        items: items.unwrap_or_default(),
        comments,
    };
    (file, errors)
}
