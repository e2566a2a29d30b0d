//! Blocks of statements and their recovery: a statement that cannot be read is skipped up to
//! the next line (or the block's `}`), and a block left open is closed at the end of the file.

use chumsky::input::ValueInput;
use chumsky::prelude::*;

use super::input::{Err, Label, ParseError, Sp, T, sp};
use super::leaves::{string, tok, value};
use crate::ast::*;
use crate::keywords::RESERVED;
use crate::lexer::Tok;
use crate::span::Span;

/// Skips a statement that could not be read: at least one token, then up to the next token
/// that starts a line, or the `}` that closes the enclosing block, keeping brackets balanced.
pub(super) fn skip_statement<'a, I, Er>() -> impl Parser<'a, I, (), Err<'a, Er>> + Clone
where
    I: ValueInput<'a, Token = T<'a>, Span = Sp>,
    Er: ParseError<'a, I>,
{
    custom(|inp| {
        let before = inp.cursor();
        let first: Option<T<'a>> = inp.peek();
        match first {
            None => {
                return Err(Er::expected_found(
                    None::<&'static str>,
                    None,
                    inp.span_since(&before),
                ));
            }
            Some(t) if t.kind == Tok::RBrace => {
                return Err(Er::expected_found(
                    None::<&'static str>,
                    None,
                    inp.span_since(&before),
                ));
            }
            Some(_) => {}
        }
        let mut depth = 0usize;
        while let Some(t) = inp.next() {
            let t: T<'a> = t;
            match t.kind {
                Tok::LBrace | Tok::LBracket | Tok::LParen => depth += 1,
                Tok::RBrace | Tok::RBracket | Tok::RParen => depth = depth.saturating_sub(1),
                _ => {}
            }
            let next: Option<T<'a>> = inp.peek();
            match next {
                None => break,
                Some(n) if depth == 0 && (n.line_start || n.kind == Tok::RBrace) => break,
                Some(_) => {}
            }
        }
        Ok(())
    })
}

/// Where a statement may end: before a line break, a `;` (read by the caller), a `}` or the end
/// of the file. Anything else on the same line means the statement was not finished (`industry`
/// of `industry in [` is not a statement of its own), so the whole line is one error.
fn statement_end<'a, I, Er>() -> impl Parser<'a, I, (), Err<'a, Er>> + Clone
where
    I: ValueInput<'a, Token = T<'a>, Span = Sp>,
    Er: ParseError<'a, I>,
{
    custom(|inp| {
        let before = inp.cursor();
        let next: Option<T<'a>> = inp.peek();
        match next {
            None => Ok(()),
            Some(t) if t.line_start || t.kind == Tok::RBrace || t.kind == Tok::Semi => Ok(()),
            // `not` begins a criterion, but `not in` continues the one before.
            Some(t) if t.kind == Tok::Ident && t.text == "not" => {
                let at = inp.save();
                inp.skip();
                let then: Option<T<'a>> = inp.peek();
                let continues = then.is_some_and(|n| n.kind == Tok::Ident && n.text == "in");
                inp.rewind(at);
                if continues {
                    inp.skip();
                    Err(Er::expected_found(
                        None::<&'static str>,
                        None,
                        inp.span_since(&before),
                    ))
                } else {
                    Ok(())
                }
            }
            // Another statement on the same line: allowed, as before. A word that continues a
            // criterion (`in`, `and`…) never begins one.
            Some(t)
                if (t.kind == Tok::Ident && !RESERVED.contains(&t.text))
                    || t.kind == Tok::Str
                    || t.kind == Tok::LParen =>
            {
                Ok(())
            }
            Some(_) => {
                inp.skip();
                Err(Er::expected_found(
                    None::<&'static str>,
                    None,
                    inp.span_since(&before),
                ))
            }
        }
    })
}

/// `{ item* }`, each item recovering on its own, the `}` supplied at the end of the file.
pub(super) fn block<'a, I, Er, O, P>(
    item: P,
    error: O,
) -> impl Parser<'a, I, Vec<O>, Err<'a, Er>> + Clone
where
    I: ValueInput<'a, Token = T<'a>, Span = Sp>,
    Er: ParseError<'a, I>,
    P: Parser<'a, I, O, Err<'a, Er>> + Clone,
    O: Clone + 'a,
{
    let item = item
        .then_ignore(tok(Tok::Semi).or_not())
        .then_ignore(statement_end())
        .recover_with(via_parser(skip_statement().to(error)));
    tok(Tok::LBrace)
        .ignore_then(item.repeated().collect::<Vec<_>>())
        .then_ignore(tok(Tok::RBrace).recover_with(via_parser(end().to(Span::default()))))
}

pub(super) fn criterion<'a, I, Er>(
    e: impl Parser<'a, I, Expr, Err<'a, Er>> + Clone,
) -> impl Parser<'a, I, Criterion, Err<'a, Er>> + Clone
where
    I: ValueInput<'a, Token = T<'a>, Span = Sp>,
    Er: ParseError<'a, I>,
{
    e.map(|expr: Expr| Criterion {
        span: expr.span,
        expr,
    })
}

pub(super) fn error_criterion() -> Criterion {
    Criterion {
        expr: Expr {
            kind: ExprKind::Error,
            span: Span::default(),
        },
        span: Span::default(),
    }
}

pub(super) fn props<'a, I, Er>(
    keys: &'static [&'static str],
    label: &'static str,
) -> impl Parser<'a, I, Vec<Prop>, Err<'a, Er>> + Clone
where
    I: ValueInput<'a, Token = T<'a>, Span = Sp>,
    Er: ParseError<'a, I>,
{
    let key = select! { T { kind: Tok::Ident, text, .. } = e if keys.contains(&text) => Ident { name: SmolStr::new(text), span: sp(e.span()) } }
        .lbl::<I, _, Er>(label);
    let prop = key.then(value()).map_with(|(key, value), e| Prop {
        key,
        value,
        span: sp(e.span()),
    });
    let bad = Prop {
        key: Ident {
            name: SmolStr::default(),
            span: Span::default(),
        },
        value: Value {
            kind: ValueKind::Invalid(String::new()),
            span: Span::default(),
        },
        span: Span::default(),
    };
    block(prop, bad).map(|v: Vec<Prop>| v.into_iter().filter(|p| !p.key.name.is_empty()).collect())
}

pub(super) fn strings<'a, I, Er>() -> impl Parser<'a, I, Vec<Str>, Err<'a, Er>> + Clone
where
    I: ValueInput<'a, Token = T<'a>, Span = Sp>,
    Er: ParseError<'a, I>,
{
    let bad = Str {
        value: SmolStr::default(),
        span: Span::default(),
    };
    block(string("a string"), bad).map(|v: Vec<Str>| {
        v.into_iter()
            .filter(|s| s.span != Span::default())
            .collect()
    })
}

pub(super) fn criteria<'a, I, Er>(
    e: impl Parser<'a, I, Expr, Err<'a, Er>> + Clone,
) -> impl Parser<'a, I, Vec<Criterion>, Err<'a, Er>> + Clone
where
    I: ValueInput<'a, Token = T<'a>, Span = Sp>,
    Er: ParseError<'a, I>,
{
    block(criterion(e), error_criterion())
}
