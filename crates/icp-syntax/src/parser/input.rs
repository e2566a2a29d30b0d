//! The parser's input and error types: tokens as chumsky reads them, and the two error types
//! a pass runs with.

use chumsky::input::ValueInput;
use chumsky::prelude::*;

use crate::lexer::{self, Tok, Token};
use crate::span::Span;

/// A token as the parser sees it: kind, text, whether it starts a line and (for a string)
/// whether it has escapes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct T<'a> {
    pub kind: Tok,
    pub text: &'a str,
    pub line_start: bool,
    pub escaped: bool,
}

pub(super) type Err<'a, Er> = extra::Err<Er>;

/// The error types the parser can run with: `Rich` for messages, `EmptyErr` for speed.
///
/// The fast pass (`EmptyErr`) reports nothing, so it also skips labels, whose bookkeeping runs
/// on every token.
pub trait ParseError<'a, I: chumsky::input::Input<'a>>:
    chumsky::error::Error<'a, I> + chumsky::error::LabelError<'a, I, &'static str> + 'a
{
    /// A parser with a label for errors, or the parser itself when errors carry none.
    type Labelled<O, P: Parser<'a, I, O, extra::Err<Self>> + Clone>: Parser<'a, I, O, extra::Err<Self>>
        + Clone;

    fn label<O, P: Parser<'a, I, O, extra::Err<Self>> + Clone>(
        parser: P,
        label: &'static str,
    ) -> Self::Labelled<O, P>;
}

impl<'a, I: chumsky::input::Input<'a>> ParseError<'a, I> for EmptyErr {
    type Labelled<O, P: Parser<'a, I, O, extra::Err<Self>> + Clone> = P;

    fn label<O, P: Parser<'a, I, O, extra::Err<Self>> + Clone>(
        parser: P,
        _label: &'static str,
    ) -> P {
        parser
    }
}

impl<'a, I> ParseError<'a, I> for Rich<'a, T<'a>, Sp>
where
    I: chumsky::input::Input<'a, Token = T<'a>, Span = Sp>,
{
    type Labelled<O, P: Parser<'a, I, O, extra::Err<Self>> + Clone> =
        chumsky::label::Labelled<P, &'static str>;

    fn label<O, P: Parser<'a, I, O, extra::Err<Self>> + Clone>(
        parser: P,
        label: &'static str,
    ) -> Self::Labelled<O, P> {
        parser.labelled(label)
    }
}

/// `.lbl::<I, _, Er>(label)`: `labelled` for the error types that keep labels.
pub(super) trait Label<'a>: Sized {
    fn lbl<I, O, Er>(self, label: &'static str) -> Er::Labelled<O, Self>
    where
        I: chumsky::input::Input<'a>,
        Er: ParseError<'a, I>,
        Self: Parser<'a, I, O, Err<'a, Er>> + Clone,
    {
        Er::label(self, label)
    }
}

impl<P> Label<'_> for P {}

/// The parser's spans: byte offsets in 32 bits, like the tree's, so a token is 32 bytes.
pub(super) type Sp = SimpleSpan<u32>;

pub(super) fn sp(s: Sp) -> Span {
    Span::new(s.start as usize, s.end as usize)
}

/// Lexes `src` into the parser's tokens; also returns the comments and the lexer's errors.
pub(super) fn tokens(src: &str) -> (Vec<(T<'_>, Sp)>, Vec<Span>, Vec<lexer::LexError>) {
    let mut toks: Vec<(T<'_>, Sp)> = Vec::with_capacity(src.len() / 4);
    let (comments, errors) = lexer::lex_each(src, |t: Token| {
        let range = t.span.range();
        toks.push((
            T {
                kind: t.kind,
                text: &src[range],
                line_start: t.line_start,
                escaped: t.escaped,
            },
            Sp::from(t.span.start..t.span.end),
        ));
    });
    (toks, comments, errors)
}

/// The parser's input: tokens with their spans. Like chumsky's `split_token_span`, but the
/// splitting is a closure, not a function pointer, so each token read is inlined.
pub(super) fn token_input<'a>(
    toks: &'a [(T<'a>, Sp)],
    eoi: Sp,
) -> impl ValueInput<'a, Token = T<'a>, Span = Sp> {
    toks.map(eoi, |(t, s)| (t, s))
}
