//! Criteria: `and`, `or`, `not`, parentheses, the tests of a field and prose.

use chumsky::input::ValueInput;
use chumsky::prelude::*;

use super::input::{Err, Label, ParseError, Sp, T, sp};
use super::leaves::{cmp_op, field, kw, list, range, string, tok, value};
use crate::ast::*;
use crate::lexer::Tok;
use crate::span::Span;

const CRITERION: &str = "a criterion such as `employees in 200..2000`";

/// A criterion expression: `and`, `or`, `not`, parentheses, field tests and prose.
pub(super) fn expr<'a, I, Er>() -> chumsky::Boxed<'a, 'a, I, Expr, Err<'a, Er>>
where
    I: ValueInput<'a, Token = T<'a>, Span = Sp>,
    Er: ParseError<'a, I>,
{
    recursive(|expr| {
        let paren = expr
            .delimited_by(tok(Tok::LParen), tok(Tok::RParen))
            .map(|e: Expr| ExprKind::Paren(Box::new(e)));
        let prose = string("prose")
            .then(kw!("within").ignore_then(value()).or_not())
            .map(|(text, within)| ExprKind::Prose { text, within });
        let set_mode = choice((
            kw!("any").to(HasMode::Any),
            kw!("all").to(HasMode::All),
            kw!("none").to(HasMode::None),
        ))
        .lbl::<I, _, Er>("`any`, `all` or `none`");
        let in_target = choice((range().map(Ok), list().map(Err)))
            .lbl::<I, _, Er>("a range such as `200..2000` or a list such as `[a, b]`");
        let tail = choice((
            cmp_op()
                .then(value())
                .map(|((op, op_span), v)| Tail::Cmp(op, op_span, v)),
            kw!("in")
                .ignore_then(in_target.clone())
                .map(|t| Tail::In(false, t)),
            kw!("not")
                .ignore_then(kw!("in"))
                .ignore_then(in_target)
                .map(|t| Tail::In(true, t)),
            kw!("has")
                .ignore_then(set_mode)
                .then(list())
                .map(|(m, l)| Tail::Has(m, l)),
            kw!("within").ignore_then(value()).map(Tail::Within),
            kw!("graded")
                .ignore_then(range())
                .map(|(lo, hi)| Tail::Graded(lo, hi)),
        ));
        let test = field().then(tail.or_not()).map(|(field, tail)| match tail {
            None => ExprKind::Field(field),
            Some(Tail::Cmp(op, op_span, value)) => ExprKind::Compare {
                field,
                op,
                op_span,
                value,
            },
            Some(Tail::In(negated, Ok((lo, hi)))) => ExprKind::InRange {
                field,
                negated,
                lo,
                hi,
            },
            Some(Tail::In(negated, Err(list))) => ExprKind::InList {
                field,
                negated,
                list,
            },
            Some(Tail::Has(mode, list)) => ExprKind::Has { field, mode, list },
            Some(Tail::Within(duration)) => ExprKind::Within { field, duration },
            Some(Tail::Graded(lo, hi)) => ExprKind::Graded { field, lo, hi },
        });
        let atom = choice((test, prose, paren))
            .map_with(|kind, e| Expr {
                kind,
                span: sp(e.span()),
            })
            .lbl::<I, _, Er>(CRITERION);
        let unary = kw!("not")
            .repeated()
            .foldr_with(atom, |_, e: Expr, ex| Expr {
                kind: ExprKind::Not(Box::new(e)),
                span: sp(ex.span()),
            });
        let and = unary
            .clone()
            .foldl_with(kw!("and").ignore_then(unary).repeated(), |a, b, ex| Expr {
                kind: ExprKind::And(Box::new(a), Box::new(b)),
                span: sp(ex.span()),
            });
        and.clone()
            .foldl_with(kw!("or").ignore_then(and).repeated(), |a, b, ex| Expr {
                kind: ExprKind::Or(Box::new(a), Box::new(b)),
                span: sp(ex.span()),
            })
            .lbl::<I, _, Er>(CRITERION)
    })
    .boxed()
}

enum Tail {
    Cmp(CmpOp, Span, Value),
    In(bool, Result<(Value, Value), List>),
    Has(HasMode, List),
    Within(Value),
    Graded(Value, Value),
}
