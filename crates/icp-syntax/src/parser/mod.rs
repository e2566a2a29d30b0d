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
        let fast = file_parser::<_, EmptyErr>().parse(token_input(toks, eoi));
        if !fast.has_errors() {
            if let Some(items) = fast.into_output() {
                return (File { items, comments }, errors);
            }
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
