//! The parsers of single tokens and of the small phrases made of them: a token of a kind, a
//! keyword, a name, a string, a value, a list, a range, a comparison.

use chumsky::input::ValueInput;
use chumsky::prelude::*;

use super::input::{Err, Label, ParseError, Sp, T, sp};
use crate::ast::*;
use crate::keywords::RESERVED;
use crate::lexer::{self, Tok};
use crate::literal::{self, NumberLit};
use crate::span::Span;

pub(super) fn tok<'a, I, Er>(kind: Tok) -> impl Parser<'a, I, Span, Err<'a, Er>> + Clone
where
    I: ValueInput<'a, Token = T<'a>, Span = Sp>,
    Er: ParseError<'a, I>,
{
    // A closer with no text is one [`brackets`] supplied for a bracket left open: never read
    // as a real one, so the unfinished statement is an error, skipped up to it.
    select! { T { kind: k, text, .. } = e if k == kind && !text.is_empty() => sp(e.span()) }
        .lbl::<I, _, Er>(kind.describe())
}

/// A contextual keyword: an identifier with this exact text.
macro_rules! kw {
    ($w:literal) => {
        $crate::parser::leaves::kw_($w, concat!("`", $w, "`"))
    };
}
pub(super) use kw;

/// See `kw!`.
pub(super) fn kw_<'a, I, Er>(
    word: &'static str,
    label: &'static str,
) -> impl Parser<'a, I, Span, Err<'a, Er>> + Clone
where
    I: ValueInput<'a, Token = T<'a>, Span = Sp>,
    Er: ParseError<'a, I>,
{
    select! { T { kind: Tok::Ident, text, .. } = e if text == word => sp(e.span()) }
        .lbl::<I, _, Er>(label)
}

pub(super) fn name<'a, I, Er>(label: &'static str) -> impl Parser<'a, I, Ident, Err<'a, Er>> + Clone
where
    I: ValueInput<'a, Token = T<'a>, Span = Sp>,
    Er: ParseError<'a, I>,
{
    select! { T { kind: Tok::Ident, text, .. } = e => Ident { name: SmolStr::new(text), span: sp(e.span()) } }.lbl::<I, _, Er>(label)
}

pub(super) fn field<'a, I, Er>() -> impl Parser<'a, I, Ident, Err<'a, Er>> + Clone
where
    I: ValueInput<'a, Token = T<'a>, Span = Sp>,
    Er: ParseError<'a, I>,
{
    select! { T { kind: Tok::Ident, text, .. } = e if !RESERVED.contains(&text) => Ident { name: SmolStr::new(text), span: sp(e.span()) } }
        .lbl::<I, _, Er>("a field name")
}

pub(super) fn string<'a, I, Er>(label: &'static str) -> impl Parser<'a, I, Str, Err<'a, Er>> + Clone
where
    I: ValueInput<'a, Token = T<'a>, Span = Sp>,
    Er: ParseError<'a, I>,
{
    select! { T { kind: Tok::Str, text, escaped, .. } = e => Str { value: unescaped(text, escaped, e.span()), span: sp(e.span()) } }
        .lbl::<I, _, Er>(label)
}

/// A string literal's value. Its escapes were checked when the file was lexed (see [`parse`]),
/// so nothing is reported here; a string the lexer saw no backslash in is its text without the
/// quotes.
pub(super) fn unescaped(text: &str, escaped: bool, span: Sp) -> SmolStr {
    if !escaped {
        let inner = text.strip_prefix('"').unwrap_or(text);
        return SmolStr::new(inner.strip_suffix('"').unwrap_or(inner));
    }
    let mut ignored = Vec::new();
    lexer::unescape(text, span.start as usize, &mut ignored)
}

pub(super) fn number_value(text: &str, negate: bool) -> ValueKind {
    match literal::parse_number(text) {
        Ok(NumberLit::Number(mut n)) => {
            if negate {
                n.value = -n.value;
            }
            ValueKind::Number(Box::new(n))
        }
        Ok(NumberLit::Duration(d)) if !negate => ValueKind::Duration(d),
        Ok(NumberLit::Duration(_)) => {
            ValueKind::Invalid(format!("`-{text}`: a duration cannot be negative"))
        }
        Err(msg) => ValueKind::Invalid(msg),
    }
}

/// The value one token makes, if it makes one (a negative number is a minus sign and a number).
/// A bare name at the start of a line begins the next statement, never ends this one.
fn value_kind(t: &T<'_>, span: Sp) -> Option<ValueKind> {
    Some(match t.kind {
        Tok::Number => number_value(t.text, false),
        Tok::Date => match literal::parse_date(t.text) {
            Ok(d) => ValueKind::Date(d),
            Err(m) => ValueKind::Invalid(m),
        },
        Tok::Str => ValueKind::Str(unescaped(t.text, t.escaped, span)),
        Tok::Ident if !t.line_start && !RESERVED.contains(&t.text) => {
            ValueKind::Ident(SmolStr::new(t.text))
        }
        _ => return None,
    })
}

/// A literal, a string or a bare name.
pub(super) fn value<'a, I, Er>() -> impl Parser<'a, I, Value, Err<'a, Er>> + Clone
where
    I: ValueInput<'a, Token = T<'a>, Span = Sp>,
    Er: ParseError<'a, I>,
{
    // The usual values take one token read; a minus sign is tried only when that fails.
    let single = chumsky::primitive::select(|t: T<'a>, e| value_kind(&t, e.span()));
    let negative = tok(Tok::Minus)
        .ignore_then(select! { T { kind: Tok::Number, text, .. } => number_value(text, true) });
    choice((single, negative))
        .map_with(|kind, e| Value {
            kind,
            span: sp(e.span()),
        })
        .lbl::<I, _, Er>(
            "a value such as `200`, `20M`, `30%`, `60d`, `2026-10-05`, `\"text\"` or a name",
        )
}

pub(super) fn list<'a, I, Er>() -> impl Parser<'a, I, List, Err<'a, Er>> + Clone
where
    I: ValueInput<'a, Token = T<'a>, Span = Sp>,
    Er: ParseError<'a, I>,
{
    value()
        .separated_by(tok(Tok::Comma))
        .allow_trailing()
        .collect::<Vec<_>>()
        .delimited_by(
            tok(Tok::LBracket),
            tok(Tok::RBracket).lbl::<I, _, Er>("`,` or `]`"),
        )
        .map_with(|items, e| List {
            items,
            span: sp(e.span()),
        })
        .lbl::<I, _, Er>("a list such as `[saas, services]`")
}

pub(super) fn range<'a, I, Er>() -> impl Parser<'a, I, (Value, Value), Err<'a, Er>> + Clone
where
    I: ValueInput<'a, Token = T<'a>, Span = Sp>,
    Er: ParseError<'a, I>,
{
    value().then_ignore(tok(Tok::DotDot)).then(value())
}

pub(super) fn cmp_op<'a, I, Er>() -> impl Parser<'a, I, (CmpOp, Span), Err<'a, Er>> + Clone
where
    I: ValueInput<'a, Token = T<'a>, Span = Sp>,
    Er: ParseError<'a, I>,
{
    chumsky::primitive::select(|t: T<'a>, e| cmp_op_of(t.kind).map(|op| (op, sp(e.span()))))
        .lbl::<I, _, Er>("a comparison (`==`, `!=`, `<`, `<=`, `>`, `>=`)")
}

/// The comparison a token is, if it is one.
fn cmp_op_of(kind: Tok) -> Option<CmpOp> {
    Some(match kind {
        Tok::EqEq => CmpOp::Eq,
        Tok::NotEq => CmpOp::Ne,
        Tok::Lt => CmpOp::Lt,
        Tok::Le => CmpOp::Le,
        Tok::Gt => CmpOp::Gt,
        Tok::Ge => CmpOp::Ge,
        _ => return None,
    })
}
