//! The chumsky token parser: tokens in, syntax tree and every syntax error out.
//!
//! Recovery works at two levels. A statement that cannot be read is skipped up to the next
//! token that starts a line (or the `}` that closes its block), keeping brackets balanced, so
//! one mistake costs one statement. A block whose closing `}` is missing at the end of the file
//! is closed there, so a file being typed still yields a tree.

use chumsky::input::ValueInput;
use chumsky::prelude::*;

use crate::ast::*;
use crate::lexer::{self, Tok, Token};
use crate::literal::{self, NumberLit};
use crate::span::Span;

/// A token as the parser sees it: kind, text and whether it starts a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct T<'a> {
    pub kind: Tok,
    pub text: &'a str,
    pub line_start: bool,
}

type Err<'a, Er> = extra::Err<Er>;

/// The error types the parser can run with: `Rich` for messages, `EmptyErr` for speed.
///
/// The fast pass (`EmptyErr`) reports nothing, so it also skips labels: their bookkeeping runs
/// on every token and cost about a sixth of the parse.
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

    /// Whether this is the fast pass, whose criteria are read by [`by_hand`].
    const FAST: bool;
}

impl<'a, I: chumsky::input::Input<'a>> ParseError<'a, I> for EmptyErr {
    type Labelled<O, P: Parser<'a, I, O, extra::Err<Self>> + Clone> = P;

    const FAST: bool = true;

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

    const FAST: bool = false;

    fn label<O, P: Parser<'a, I, O, extra::Err<Self>> + Clone>(
        parser: P,
        label: &'static str,
    ) -> Self::Labelled<O, P> {
        parser.labelled(label)
    }
}

/// `.lbl::<I, _, Er>(label)`: `labelled` for the error types that keep labels.
trait Label<'a>: Sized {
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

/// The parser's spans: byte offsets in 32 bits, like the tree's (tokens are 32 bytes, not 40).
type Sp = SimpleSpan<u32>;

fn sp(s: Sp) -> Span {
    Span::new(s.start as usize, s.end as usize)
}

/// A syntax error: where, and what was expected in the user's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub span: Span,
    pub message: String,
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
    for (t, s) in toks.iter().filter(|(t, _)| t.kind == Tok::Str) {
        if t.text.contains('\\') {
            let mut errs = Vec::new();
            lexer::unescape(t.text, s.start as usize, &mut errs);
            errors.extend(errs.into_iter().map(|e| SyntaxError {
                span: e.span,
                message: e.message,
            }));
        }
    }
    let limit = nesting_limit(&toks, &mut errors);
    let mut toks = toks;
    // Past the nesting limit the file is cut short: its brackets are not worth repairing.
    let unclosed = if limit == toks.len() {
        brackets(src, &mut toks)
    } else {
        toks.truncate(limit);
        false
    };
    let toks = &toks[..];
    let eoi = Sp::from(src.len() as u32..src.len() as u32);
    // Most files are valid: a first pass without error bookkeeping is several times faster.
    // Only a file with mistakes is parsed again to collect rich, recoverable errors.
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
    for e in errs {
        let mut span = sp(*e.span());
        let mut message = describe_error(&e, src);
        // An error found at a token that starts a line and could start a statement is about
        // the unfinished line before it: point at the end of that line.
        let at = toks.partition_point(|(_, s)| s.start < span.start);
        let after_complete =
            at > 0 && matches!(toks[at - 1].0.kind, Tok::RBrace | Tok::LBrace | Tok::Semi);
        // A misspelt keyword (`firmographic {`) is the mistake itself: it is reported on the
        // word, with its did-you-mean, not at the end of the line before.
        let misspelt = |t: &T<'_>| {
            t.kind == Tok::Ident
                && KEYWORDS
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
        stray_inside_word(&toks, at, &mut span, &mut message);
        errors.push(SyntaxError { span, message });
    }
    errors.sort_by_key(|e| (e.span.start, e.span.end));
    // Blocks left open at the end of the file all fail at the same place: one error says it.
    errors.dedup_by(|b, a| a.span.start == b.span.start);
    let file = File {
        items: items.unwrap_or_default(),
        comments,
    };
    (file, errors)
}

/// Lexes `src` into the parser's tokens; also returns the comments and the lexer's errors.
fn tokens(src: &str) -> (Vec<(T<'_>, Sp)>, Vec<Span>, Vec<lexer::LexError>) {
    let mut toks: Vec<(T<'_>, Sp)> = Vec::with_capacity(src.len() / 4);
    let (comments, errors) = lexer::lex_each(src, |t: Token| {
        let range = t.span.range();
        toks.push((
            T {
                kind: t.kind,
                text: &src[range],
                line_start: t.line_start,
            },
            Sp::from(t.span.start..t.span.end),
        ));
    });
    (toks, comments, errors)
}

/// The parser's input: tokens with their spans. Like chumsky's `split_token_span`, but the
/// splitting is a closure, not a function pointer, so each token read is inlined (reads through
/// the pointer were about a twentieth of the parse).
fn token_input<'a>(
    toks: &'a [(T<'a>, Sp)],
    eoi: Sp,
) -> impl ValueInput<'a, Token = T<'a>, Span = Sp> {
    toks.map(eoi, |(t, s)| (t, s))
}

/// Deepest nesting of brackets and `not`, and longest `and`/`or` chain, the parser accepts.
/// Real profiles stay far below; the limits keep recursion (in the parser, the checks and
/// dropping the tree) bounded on hostile input.
const MAX_DEPTH: usize = 100;
const MAX_CHAIN: usize = 1000;

/// Returns how many tokens to parse: all of them, or those before the first one that nests too
/// deep (which is then reported).
fn nesting_limit(tokens: &[(T<'_>, Sp)], errors: &mut Vec<SyntaxError>) -> usize {
    let mut depth = 0usize;
    let mut nots = 0usize;
    let mut chain = 0usize;
    for (i, (t, s)) in tokens.iter().enumerate() {
        let text = t.text;
        let is_bool_op = t.kind == Tok::Ident && (text == "and" || text == "or");
        match t.kind {
            Tok::LBrace | Tok::LBracket | Tok::LParen => depth += 1,
            Tok::RBrace | Tok::RBracket | Tok::RParen => depth = depth.saturating_sub(1),
            _ => {}
        }
        if matches!(t.kind, Tok::LBrace | Tok::RBrace) {
            chain = 0;
        }
        nots = if t.kind == Tok::Ident && text == "not" {
            nots + 1
        } else {
            0
        };
        if is_bool_op {
            chain += 1;
        }
        if depth > MAX_DEPTH || nots > MAX_DEPTH || chain > MAX_CHAIN {
            errors.push(SyntaxError {
                span: sp(*s),
                message: format!(
                    "this is nested too deeply (more than {MAX_DEPTH} levels, or {MAX_CHAIN} `and`/`or` in one block): split the criterion"
                ),
            });
            return i;
        }
    }
    tokens.len()
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
                Some(t) if t.kind == Tok::Ident => KEYWORDS
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
    let quoted =
        |p: &&str| p.len() >= 3 && p.starts_with('`') && p.ends_with('`') && !p[1..p.len() - 1].contains('`');
    if parts.len() > 1 && parts.iter().all(quoted) {
        parts
    } else {
        vec![label]
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
/// whether such a closer was put.
fn brackets(src: &str, toks: &mut Vec<(T<'_>, Sp)>) -> bool {
    let opener = |k: Tok| matches!(k, Tok::LBracket | Tok::LParen);
    let closer_of = |k: Tok| match k {
        Tok::LBracket => Tok::RBracket,
        _ => Tok::RParen,
    };
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
            Tok::RBracket | Tok::RParen => {
                if open.last().is_some_and(|(k, _, _)| closer_of(*k) == t.kind) {
                    open.pop();
                }
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

/// Statement and block keywords, for "did you mean" on a misspelt one.
const KEYWORDS: &[&str] = &[
    "schema",
    "icp",
    "uses",
    "owner",
    "reviewed",
    "refresh",
    "firmographics",
    "tech_stack",
    "behaviors",
    "persona",
    "job",
    "pain",
    "alternatives",
    "triggers",
    "budget",
    "reach",
    "disqualify",
    "rubric",
    "segment",
    "messaging",
    "rule",
    "tier",
    "channel",
    "because",
    "recommends",
    "approves",
    "secondary",
    "role",
    "tenure",
    "motivation",
    "objection",
    "kind",
    "success",
    "before",
    "after",
    "cost",
    "within",
    "graded",
    "otherwise",
    "fit",
    "test",
    "account",
    "accounts",
    "expect",
    "least",
    "holds",
    "fails",
    "disqualified",
];

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

fn tok<'a, I, Er>(kind: Tok) -> impl Parser<'a, I, Span, Err<'a, Er>> + Clone
where
    I: ValueInput<'a, Token = T<'a>, Span = Sp>,
    Er: ParseError<'a, I>,
{
    // A closer with no text is one [`brackets`] supplied for a bracket left open: never read
    // as a real one, so the unfinished statement is an error, skipped up to it.
    select! { T { kind: k, text, .. } = e if k == kind && !text.is_empty() => sp(e.span()) }.lbl::<I, _, Er>(kind.describe())
}

/// A contextual keyword: an identifier with this exact text.
macro_rules! kw {
    ($w:literal) => {
        kw_($w, concat!("`", $w, "`"))
    };
}

/// See `kw!`.
fn kw_<'a, I, Er>(
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

/// Words that continue or qualify a criterion, so they cannot name a field.
const RESERVED: &[&str] = &[
    "and", "or", "not", "in", "has", "within", "because", "graded",
];

fn name<'a, I, Er>(label: &'static str) -> impl Parser<'a, I, Ident, Err<'a, Er>> + Clone
where
    I: ValueInput<'a, Token = T<'a>, Span = Sp>,
    Er: ParseError<'a, I>,
{
    select! { T { kind: Tok::Ident, text, .. } = e => Ident { name: SmolStr::new(text), span: sp(e.span()) } }.lbl::<I, _, Er>(label)
}

fn field<'a, I, Er>() -> impl Parser<'a, I, Ident, Err<'a, Er>> + Clone
where
    I: ValueInput<'a, Token = T<'a>, Span = Sp>,
    Er: ParseError<'a, I>,
{
    select! { T { kind: Tok::Ident, text, .. } = e if !RESERVED.contains(&text) => Ident { name: SmolStr::new(text), span: sp(e.span()) } }
        .lbl::<I, _, Er>("a field name")
}

fn string<'a, I, Er>(label: &'static str) -> impl Parser<'a, I, Str, Err<'a, Er>> + Clone
where
    I: ValueInput<'a, Token = T<'a>, Span = Sp>,
    Er: ParseError<'a, I>,
{
    select! { T { kind: Tok::Str, text, .. } = e => Str { value: unescaped(text, e.span()), span: sp(e.span()) } }
        .lbl::<I, _, Er>(label)
}

/// A string literal's value. Its escapes were checked when the file was lexed (see [`parse`]),
/// so nothing is reported here.
fn unescaped(text: &str, span: Sp) -> SmolStr {
    let mut ignored = Vec::new();
    lexer::unescape(text, span.start as usize, &mut ignored)
}

fn number_value(text: &str, negate: bool) -> ValueKind {
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
        Tok::Str => ValueKind::Str(unescaped(t.text, span)),
        Tok::Ident if !t.line_start && !RESERVED.contains(&t.text) => {
            ValueKind::Ident(SmolStr::new(t.text))
        }
        _ => return None,
    })
}

/// A literal, a string or a bare name.
fn value<'a, I, Er>() -> impl Parser<'a, I, Value, Err<'a, Er>> + Clone
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

fn list<'a, I, Er>() -> impl Parser<'a, I, List, Err<'a, Er>> + Clone
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

fn range<'a, I, Er>() -> impl Parser<'a, I, (Value, Value), Err<'a, Er>> + Clone
where
    I: ValueInput<'a, Token = T<'a>, Span = Sp>,
    Er: ParseError<'a, I>,
{
    value().then_ignore(tok(Tok::DotDot)).then(value())
}

fn cmp_op<'a, I, Er>() -> impl Parser<'a, I, (CmpOp, Span), Err<'a, Er>> + Clone
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

const CRITERION: &str = "a criterion such as `employees in 200..2000`";

/// A criterion expression: `and`, `or`, `not`, parentheses, field tests and prose. The fast
/// pass reads it by hand ([`by_hand`]); the pass with messages and recovery by combinators.
fn expr<'a, I, Er>() -> chumsky::Boxed<'a, 'a, I, Expr, Err<'a, Er>>
where
    I: ValueInput<'a, Token = T<'a>, Span = Sp>,
    Er: ParseError<'a, I>,
{
    if Er::FAST {
        by_hand::expr()
    } else {
        expr_combinators()
    }
}

/// [`expr`] for the pass with messages.
fn expr_combinators<'a, I, Er>() -> chumsky::Boxed<'a, 'a, I, Expr, Err<'a, Er>>
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

/// The fast pass's criterion reader: the grammar of [`expr_combinators`], written as plain
/// recursive descent over the same tokens, sharing the token-level readings ([`value_kind`],
/// [`cmp_op_of`], [`unescaped`]). Descending through chumsky's combinators
/// for `or`, `and`, `not`, the atom, the test and its values cost about a sixth of the parse.
/// It never needs to explain a failure: a file it cannot read is parsed again by the
/// combinators, so it may be stricter than they are but never looser;
/// `fast_and_rich_passes_agree` checks that both build the same tree.
mod by_hand {
    use super::*;
    use chumsky::input::InputRef;

    type Inp<'a, 'p, I, Er> = InputRef<'a, 'p, I, Err<'a, Er>>;

    pub(super) fn expr<'a, I, Er>() -> chumsky::Boxed<'a, 'a, I, Expr, Err<'a, Er>>
    where
        I: ValueInput<'a, Token = T<'a>, Span = Sp>,
        Er: ParseError<'a, I>,
    {
        custom(|inp| or(inp)).boxed()
    }

    fn fail<'a, I, Er>(inp: &mut Inp<'a, '_, I, Er>) -> Er
    where
        I: ValueInput<'a, Token = T<'a>, Span = Sp>,
        Er: ParseError<'a, I>,
    {
        let here = inp.cursor();
        Er::expected_found(None::<&'static str>, None, inp.span_since(&here))
    }

    fn peek<'a, I, Er>(inp: &mut Inp<'a, '_, I, Er>) -> Option<T<'a>>
    where
        I: ValueInput<'a, Token = T<'a>, Span = Sp>,
        Er: ParseError<'a, I>,
    {
        inp.peek()
    }

    /// Whether the next token is of kind `kind`; if so, it is read.
    fn eat<'a, I, Er>(inp: &mut Inp<'a, '_, I, Er>, kind: Tok) -> bool
    where
        I: ValueInput<'a, Token = T<'a>, Span = Sp>,
        Er: ParseError<'a, I>,
    {
        // A closer with no text stands for a missing one (see `brackets`): never read.
        let found = peek(inp).is_some_and(|t| t.kind == kind && !t.text.is_empty());
        if found {
            inp.skip();
        }
        found
    }

    /// [`super::value`].
    fn value<'a, I, Er>(inp: &mut Inp<'a, '_, I, Er>) -> Result<Value, Er>
    where
        I: ValueInput<'a, Token = T<'a>, Span = Sp>,
        Er: ParseError<'a, I>,
    {
        let start = inp.cursor();
        let Some(t) = peek(inp) else {
            return Err(fail(inp));
        };
        inp.skip();
        let kind = if t.kind == Tok::Minus {
            match peek(inp) {
                Some(n) if n.kind == Tok::Number => {
                    inp.skip();
                    number_value(n.text, true)
                }
                _ => return Err(fail(inp)),
            }
        } else {
            let span = inp.span_since(&start);
            match value_kind(&t, span) {
                Some(kind) => kind,
                None => return Err(fail(inp)),
            }
        };
        Ok(Value {
            kind,
            span: sp(inp.span_since(&start)),
        })
    }

    /// [`super::list`]: `[`, values separated by commas (one may trail), `]`.
    fn list<'a, I, Er>(inp: &mut Inp<'a, '_, I, Er>) -> Result<List, Er>
    where
        I: ValueInput<'a, Token = T<'a>, Span = Sp>,
        Er: ParseError<'a, I>,
    {
        let start = inp.cursor();
        if !eat(inp, Tok::LBracket) {
            return Err(fail(inp));
        }
        let mut items = Vec::new();
        while !eat(inp, Tok::RBracket) {
            items.push(value(inp)?);
            if !eat(inp, Tok::Comma)
                && !matches!(peek(inp), Some(t) if t.kind == Tok::RBracket && !t.text.is_empty())
            {
                return Err(fail(inp));
            }
        }
        Ok(List {
            items,
            span: sp(inp.span_since(&start)),
        })
    }

    /// [`super::range`]: `lo..hi`.
    fn range<'a, I, Er>(inp: &mut Inp<'a, '_, I, Er>) -> Result<(Value, Value), Er>
    where
        I: ValueInput<'a, Token = T<'a>, Span = Sp>,
        Er: ParseError<'a, I>,
    {
        let lo = value(inp)?;
        if !eat(inp, Tok::DotDot) {
            return Err(fail(inp));
        }
        Ok((lo, value(inp)?))
    }

    /// Whether the next token is the word `word`.
    fn at<'a, I, Er>(inp: &mut Inp<'a, '_, I, Er>, word: &str) -> bool
    where
        I: ValueInput<'a, Token = T<'a>, Span = Sp>,
        Er: ParseError<'a, I>,
    {
        peek(inp).is_some_and(|t| t.kind == Tok::Ident && t.text == word)
    }

    fn or<'a, I, Er>(inp: &mut Inp<'a, '_, I, Er>) -> Result<Expr, Er>
    where
        I: ValueInput<'a, Token = T<'a>, Span = Sp>,
        Er: ParseError<'a, I>,
    {
        let start = inp.cursor();
        let mut e = and(inp)?;
        while at(inp, "or") {
            inp.skip();
            let b = and(inp)?;
            let span = sp(inp.span_since(&start));
            e = Expr {
                kind: ExprKind::Or(Box::new(e), Box::new(b)),
                span,
            };
        }
        Ok(e)
    }

    fn and<'a, I, Er>(inp: &mut Inp<'a, '_, I, Er>) -> Result<Expr, Er>
    where
        I: ValueInput<'a, Token = T<'a>, Span = Sp>,
        Er: ParseError<'a, I>,
    {
        let start = inp.cursor();
        let mut e = unary(inp)?;
        while at(inp, "and") {
            inp.skip();
            let b = unary(inp)?;
            let span = sp(inp.span_since(&start));
            e = Expr {
                kind: ExprKind::And(Box::new(e), Box::new(b)),
                span,
            };
        }
        Ok(e)
    }

    fn unary<'a, I, Er>(inp: &mut Inp<'a, '_, I, Er>) -> Result<Expr, Er>
    where
        I: ValueInput<'a, Token = T<'a>, Span = Sp>,
        Er: ParseError<'a, I>,
    {
        let mut nots = Vec::new();
        while at(inp, "not") {
            nots.push(inp.cursor());
            inp.skip();
        }
        let mut e = atom(inp)?;
        for before in nots.iter().rev() {
            let span = sp(inp.span_since(before));
            e = Expr {
                kind: ExprKind::Not(Box::new(e)),
                span,
            };
        }
        Ok(e)
    }

    fn atom<'a, I, Er>(inp: &mut Inp<'a, '_, I, Er>) -> Result<Expr, Er>
    where
        I: ValueInput<'a, Token = T<'a>, Span = Sp>,
        Er: ParseError<'a, I>,
    {
        let start = inp.cursor();
        let kind = match peek(inp) {
            Some(t) if t.kind == Tok::Ident && !RESERVED.contains(&t.text) => {
                inp.skip();
                let field = Ident {
                    name: SmolStr::new(t.text),
                    span: sp(inp.span_since(&start)),
                };
                test(inp, field)?
            }
            Some(t) if t.kind == Tok::Str => {
                inp.skip();
                let span = inp.span_since(&start);
                let text = Str {
                    value: unescaped(t.text, span),
                    span: sp(span),
                };
                let within = if at(inp, "within") {
                    inp.skip();
                    Some(value(inp)?)
                } else {
                    None
                };
                ExprKind::Prose { text, within }
            }
            Some(t) if t.kind == Tok::LParen => {
                inp.skip();
                let inner = or(inp)?;
                match peek(inp) {
                    Some(t) if t.kind == Tok::RParen && !t.text.is_empty() => inp.skip(),
                    _ => return Err(fail(inp)),
                }
                ExprKind::Paren(Box::new(inner))
            }
            _ => return Err(fail(inp)),
        };
        Ok(Expr {
            kind,
            span: sp(inp.span_since(&start)),
        })
    }

    /// What follows a field: a comparison, `in`, `not in`, `has`, `within`, `graded`, or
    /// nothing (a bool field alone).
    fn test<'a, I, Er>(inp: &mut Inp<'a, '_, I, Er>, field: Ident) -> Result<ExprKind, Er>
    where
        I: ValueInput<'a, Token = T<'a>, Span = Sp>,
        Er: ParseError<'a, I>,
    {
        let Some(t) = peek(inp) else {
            return Ok(ExprKind::Field(field));
        };
        if let Some(op) = cmp_op_of(t.kind) {
            let before = inp.cursor();
            inp.skip();
            let op_span = sp(inp.span_since(&before));
            let value = value(inp)?;
            return Ok(ExprKind::Compare {
                field,
                op,
                op_span,
                value,
            });
        }
        if t.kind != Tok::Ident {
            return Ok(ExprKind::Field(field));
        }
        Ok(match t.text {
            "in" | "not" => {
                inp.skip();
                let negated = t.text == "not";
                if negated {
                    if !at(inp, "in") {
                        return Err(fail(inp));
                    }
                    inp.skip();
                }
                // A list starts with `[`, which no value does.
                if peek(inp).is_some_and(|t| t.kind == Tok::LBracket) {
                    let list = list(inp)?;
                    ExprKind::InList {
                        field,
                        negated,
                        list,
                    }
                } else {
                    let (lo, hi) = range(inp)?;
                    ExprKind::InRange {
                        field,
                        negated,
                        lo,
                        hi,
                    }
                }
            }
            "has" => {
                inp.skip();
                let mode = match peek(inp).filter(|t| t.kind == Tok::Ident).map(|t| t.text) {
                    Some("any") => HasMode::Any,
                    Some("all") => HasMode::All,
                    Some("none") => HasMode::None,
                    _ => return Err(fail(inp)),
                };
                inp.skip();
                let list = list(inp)?;
                ExprKind::Has { field, mode, list }
            }
            "within" => {
                inp.skip();
                let duration = value(inp)?;
                ExprKind::Within { field, duration }
            }
            "graded" => {
                inp.skip();
                let (lo, hi) = range(inp)?;
                ExprKind::Graded { field, lo, hi }
            }
            _ => ExprKind::Field(field),
        })
    }
}

enum Tail {
    Cmp(CmpOp, Span, Value),
    In(bool, Result<(Value, Value), List>),
    Has(HasMode, List),
    Within(Value),
    Graded(Value, Value),
}

/// Skips a statement that could not be read: at least one token, then up to the next token
/// that starts a line, or the `}` that closes the enclosing block, keeping brackets balanced.
fn skip_statement<'a, I, Er>() -> impl Parser<'a, I, (), Err<'a, Er>> + Clone
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
                    Err(Er::expected_found(None::<&'static str>, None, inp.span_since(&before)))
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
                Err(Er::expected_found(None::<&'static str>, None, inp.span_since(&before)))
            }
        }
    })
}

/// `{ item* }`, each item recovering on its own, the `}` supplied at the end of the file.
fn block<'a, I, Er, O, P>(item: P, error: O) -> impl Parser<'a, I, Vec<O>, Err<'a, Er>> + Clone
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

fn criterion<'a, I, Er>(
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

fn error_criterion() -> Criterion {
    Criterion {
        expr: Expr {
            kind: ExprKind::Error,
            span: Span::default(),
        },
        span: Span::default(),
    }
}

fn props<'a, I, Er>(
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

fn strings<'a, I, Er>() -> impl Parser<'a, I, Vec<Str>, Err<'a, Er>> + Clone
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

fn criteria<'a, I, Er>(
    e: impl Parser<'a, I, Expr, Err<'a, Er>> + Clone,
) -> impl Parser<'a, I, Vec<Criterion>, Err<'a, Er>> + Clone
where
    I: ValueInput<'a, Token = T<'a>, Span = Sp>,
    Er: ParseError<'a, I>,
{
    block(criterion(e), error_criterion())
}

fn icp_stmt<'a, I, Er>() -> impl Parser<'a, I, Stmt, Err<'a, Er>> + Clone
where
    I: ValueInput<'a, Token = T<'a>, Span = Sp>,
    Er: ParseError<'a, I>,
{
    let e = expr();
    let crit_block = |word: &'static str,
                      label: &'static str,
                      block: CriteriaBlock,
                      e: chumsky::Boxed<'a, 'a, I, Expr, Err<'a, Er>>| {
        kw_(word, label)
            .then(criteria(e))
            .map(move |(k, items)| (StmtKind::Criteria { block, items }, k))
    };
    let header = choice((
        kw!("uses")
            .then(name("a schema name"))
            .map(|(k, n)| (StmtKind::Uses(n), k)),
        kw!("owner")
            .then(string("the owner, as a string"))
            .map(|(k, s)| (StmtKind::Owner(s), k)),
        kw!("reviewed")
            .then(value())
            .map(|(k, v)| (StmtKind::Reviewed(v), k)),
        kw!("refresh")
            .then(value())
            .map(|(k, v)| (StmtKind::Refresh(v), k)),
    ));
    let criteria_blocks = choice((
        crit_block(
            "firmographics",
            "`firmographics`",
            CriteriaBlock::Firmographics,
            e.clone(),
        ),
        crit_block(
            "tech_stack",
            "`tech_stack`",
            CriteriaBlock::TechStack,
            e.clone(),
        ),
        crit_block(
            "behaviors",
            "`behaviors`",
            CriteriaBlock::Behaviors,
            e.clone(),
        ),
        crit_block("triggers", "`triggers`", CriteriaBlock::Triggers, e.clone()),
    ))
    .boxed();
    let persona = kw!("persona")
        .then(name("a persona name"))
        .then(string("a title").or_not())
        .then(props(
            &["role", "tenure", "motivation", "objection"],
            "`role`, `tenure`, `motivation` or `objection`",
        ))
        .map(|(((k, name), title), props)| (StmtKind::Persona { name, title, props }, k));
    let job = kw!("job")
        .then(string("the job statement"))
        .then(props(&["kind", "success"], "`kind` or `success`"))
        .map(|((k, statement), props)| (StmtKind::Job { statement, props }, k));
    let pain = kw!("pain")
        .then(string("the pain statement"))
        .then(props(
            &["before", "after", "cost"],
            "`before`, `after` or `cost`",
        ))
        .map(|((k, statement), props)| (StmtKind::Pain { statement, props }, k));
    let narrative = choice((persona, job, pain)).boxed();

    let budget_line = choice((
        kw!("recommends").to(BudgetRole::Recommends),
        kw!("approves").to(BudgetRole::Approves),
    ))
    .lbl::<I, _, Er>("`recommends` or `approves`")
    .then(string("who, as a string"))
    .then(
        kw!("up")
            .ignore_then(kw!("to"))
            .ignore_then(value())
            .or_not(),
    )
    .map_with(|((role, who), limit), e| BudgetLine {
        role,
        who,
        limit,
        span: sp(e.span()),
    });
    let bad_budget = BudgetLine {
        role: BudgetRole::Recommends,
        who: Str {
            value: SmolStr::default(),
            span: Span::default(),
        },
        limit: None,
        span: Span::default(),
    };
    let budget = kw!("budget")
        .then(block(budget_line, bad_budget))
        .map(|(k, v)| {
            (
                StmtKind::Budget(
                    v.into_iter()
                        .filter(|b| b.span != Span::default())
                        .collect(),
                ),
                k,
            )
        });

    let channel = kw!("channel")
        .ignore_then(name("a channel kind such as `event` or `podcast`"))
        .then(string("where, as a string"))
        .map_with(|(kind, text), e| Channel {
            kind,
            text,
            span: sp(e.span()),
        });
    let bad_channel = Channel {
        kind: Ident {
            name: SmolStr::default(),
            span: Span::default(),
        },
        text: Str {
            value: SmolStr::default(),
            span: Span::default(),
        },
        span: Span::default(),
    };
    let reach = kw!("reach")
        .then(block(channel, bad_channel))
        .map(|(k, v)| {
            (
                StmtKind::Reach(
                    v.into_iter()
                        .filter(|c| c.span != Span::default())
                        .collect(),
                ),
                k,
            )
        });

    let disq = e
        .clone()
        .then(
            kw!("because")
                .ignore_then(string("the reason, as a string"))
                .or_not(),
        )
        .map_with(|(expr, because), ex| Disqualifier {
            expr,
            because,
            span: sp(ex.span()),
        });
    let bad_disq = Disqualifier {
        expr: error_criterion().expr,
        because: None,
        span: Span::default(),
    };
    let disqualify = kw!("disqualify")
        .then(block(disq, bad_disq))
        .map(|(k, v)| (StmtKind::Disqualify(v), k));

    let weight = choice((tok(Tok::Plus).to(false), tok(Tok::Minus).to(true)))
        .then(select! { T { kind: Tok::Number, text, .. } = e => (text, sp(e.span())) })
        .map_with(|(neg, (text, nspan)), e| Weight {
            value: Value {
                kind: number_value(text, neg),
                span: nspan,
            },
            span: sp(e.span()),
        });
    let rule = kw!("rule")
        .ignore_then(name("a rule name"))
        .then(weight.or_not())
        .then(string("a label").or_not())
        .then_ignore(tok(Tok::Colon).lbl::<I, _, Er>("`:` before the rule's criterion"))
        .then(e.clone())
        .map_with(|(((name, weight), label), expr), ex| {
            RubricItem::Rule(Rule {
                name,
                weight,
                label,
                expr,
                span: sp(ex.span()),
            })
        });
    let tier_cond = kw!("when")
        .ignore_then(kw!("score"))
        .ignore_then(cmp_op())
        .then(value())
        .then(kw!("and").ignore_then(kw!("fit")).or_not())
        .map_with(|(((op, op_span), threshold), fit), e| {
            Some(TierCondition {
                op,
                op_span,
                threshold,
                fit,
                span: sp(e.span()),
            })
        });
    let tier = kw!("tier")
        .ignore_then(name("a tier name"))
        .then(
            choice((tier_cond, kw!("otherwise").to(None)))
                .lbl::<I, _, Er>("`when score >= N`, `when score >= N and fit` or `otherwise`"),
        )
        .map_with(|(name, condition), e| {
            RubricItem::Tier(Tier {
                name,
                condition,
                span: sp(e.span()),
            })
        });
    let bad_item = RubricItem::Tier(Tier {
        name: Ident {
            name: SmolStr::default(),
            span: Span::default(),
        },
        condition: None,
        span: Span::default(),
    });
    let rubric = kw!("rubric")
        .then(block(
            choice((rule, tier))
                .lbl::<I, _, Er>("`rule NAME: criterion` or `tier NAME when score >= N`"),
            bad_item,
        ))
        .map(|(k, v)| {
            let v = v
                .into_iter()
                .filter(|i| !matches!(i, RubricItem::Tier(t) if t.span == Span::default()))
                .collect();
            (StmtKind::Rubric(v), k)
        });

    let seg_item = choice((
        kw!("secondary").map(SegItem::Secondary),
        criterion(e.clone()).map(SegItem::Crit),
    ));
    let segment = kw!("segment")
        .then(name("a segment name"))
        .then(string("a title").or_not())
        .then(block(seg_item, SegItem::Crit(error_criterion())))
        .map(|(((k, name), title), items)| {
            let mut secondary = None;
            let mut crits = Vec::new();
            for i in items {
                match i {
                    SegItem::Secondary(s) => secondary = Some(s),
                    SegItem::Crit(c) => crits.push(c),
                }
            }
            (
                StmtKind::Segment(Segment {
                    name,
                    title,
                    secondary,
                    items: crits,
                }),
                k,
            )
        });
    let lists = choice((
        kw!("alternatives")
            .then(strings())
            .map(|(k, v)| (StmtKind::Alternatives(v), k)),
        kw!("messaging")
            .then(strings())
            .map(|(k, v)| (StmtKind::Messaging(v), k)),
    ));
    let blocks = choice((budget, reach, disqualify, rubric, segment, lists)).boxed();

    // The statement's keyword picks its group, so a statement is not tried against every
    // keyword before its own; any other word goes through them all, for the usual message.
    let header = header.boxed();
    let all = choice((
        header.clone(),
        criteria_blocks.clone(),
        narrative.clone(),
        blocks.clone(),
    ));
    custom(move |inp| {
        let first: Option<T<'a>> = inp.peek();
        match first.filter(|t| t.kind == Tok::Ident).map(|t| t.text) {
            Some("uses" | "owner" | "reviewed" | "refresh") => inp.parse(&header),
            Some("firmographics" | "tech_stack" | "behaviors" | "triggers") => {
                inp.parse(&criteria_blocks)
            }
            Some("persona" | "job" | "pain") => inp.parse(&narrative),
            Some(
                "budget" | "reach" | "disqualify" | "rubric" | "segment" | "alternatives"
                | "messaging",
            ) => inp.parse(&blocks),
            _ => inp.parse(&all),
        }
    })
    .map_with(|(kind, keyword), e| Stmt {
        kind,
        keyword,
        span: sp(e.span()),
    })
    .lbl::<I, _, Er>(
        "a statement such as `uses`, `firmographics { … }`, `job \"…\" { … }` or `rubric { … }`",
    )
}

/// `test NAME "title"? { statements }`
fn test_item<'a, I, Er>() -> impl Parser<'a, I, Item, Err<'a, Er>> + Clone
where
    I: ValueInput<'a, Token = T<'a>, Span = Sp>,
    Er: ParseError<'a, I>,
{
    let account_field = name("a field name")
        .then(choice((
            list().map(AccountValue::List),
            value().map(AccountValue::One),
        )))
        .map_with(|(field, value), e| AccountField {
            field,
            value,
            span: sp(e.span()),
        });
    let bad_field = AccountField {
        field: Ident {
            name: SmolStr::default(),
            span: Span::default(),
        },
        value: AccountValue::List(List {
            items: Vec::new(),
            span: Span::default(),
        }),
        span: Span::default(),
    };
    let account = kw!("account")
        .then(block(account_field, bad_field))
        .map(|(k, v)| {
            let v = v
                .into_iter()
                .filter(|f| f.span != Span::default())
                .collect();
            (TestStmtKind::Account(v), k)
        });
    let outcome = choice((
        kw!("holds").to(RuleOutcome::Holds),
        kw!("fails").to(RuleOutcome::Fails),
        kw!("unknown").to(RuleOutcome::Unknown),
    ))
    .map_with(|o, e| (o, sp(e.span())))
    .lbl::<I, _, Er>("`holds`, `fails` or `unknown`");
    let expectation = choice((
        kw!("tier")
            .ignore_then(kw!("at").then(kw!("least")).or_not())
            .then(name("a tier name"))
            .map(|(at_least, tier)| ExpectKind::Tier {
                at_least: at_least.is_some(),
                tier,
            }),
        kw!("score").ignore_then(choice((
            kw!("in")
                .ignore_then(range())
                .map(|(lo, hi)| ExpectKind::ScoreIn { lo, hi }),
            value().map(ExpectKind::Score),
        ))),
        kw!("rule")
            .ignore_then(name("a rule name"))
            .then(outcome)
            .map(|(rule, (outcome, outcome_span))| ExpectKind::Rule {
                rule,
                outcome,
                outcome_span,
            }),
        kw!("not")
            .ignore_then(choice((
                kw!("disqualified").to(ExpectKind::Disqualified {
                    negated: true,
                    reason: None,
                }),
                kw!("segment")
                    .ignore_then(name("a segment name"))
                    .map(|segment| ExpectKind::Segment {
                        negated: true,
                        segment,
                    }),
            )))
            .lbl::<I, _, Er>("`not disqualified` or `not segment NAME`"),
        kw!("disqualified")
            .ignore_then(
                kw!("by")
                    .ignore_then(string("the reason, as a string"))
                    .or_not(),
            )
            .map(|reason| ExpectKind::Disqualified {
                negated: false,
                reason,
            }),
        kw!("segment")
            .ignore_then(name("a segment name"))
            .map(|segment| ExpectKind::Segment {
                negated: false,
                segment,
            }),
    ))
    .lbl::<I, _, Er>(
        "an expectation: `tier T`, `tier at least T`, `score N`, `score in A..B`, `rule R holds`, `disqualified` or `segment S`",
    );
    let stmt = choice((
        kw!("icp")
            .then(name("an icp name"))
            .map(|(k, n)| (TestStmtKind::Icp(n), k)),
        account,
        kw!("accounts")
            .then(string("the accounts file, as a string"))
            .map(|(k, s)| (TestStmtKind::Accounts(s), k)),
        kw!("expect")
            .then(expectation)
            .map(|(k, x)| (TestStmtKind::Expect(x), k)),
    ))
    .map_with(|(kind, keyword), e| TestStmt {
        kind,
        keyword,
        span: sp(e.span()),
    })
    .lbl::<I, _, Er>(
        "a test statement: `icp NAME`, `account { … }`, `accounts \"file\"` or `expect …`",
    );
    kw!("test")
        .ignore_then(name("a test name"))
        .then(string("a title").or_not())
        .map_with(|h, e| (h, sp(e.span())))
        .then(block(
            stmt,
            TestStmt {
                kind: TestStmtKind::Error,
                keyword: Span::default(),
                span: Span::default(),
            },
        ))
        .map_with(|(((name, title), header_span), body), e| {
            Item::Test(Test {
                name,
                title,
                body,
                header_span,
                span: sp(e.span()),
            })
        })
}

#[derive(Clone)]
enum SegItem {
    Secondary(Span),
    Crit(Criterion),
}

fn file_parser<'a, I, Er>() -> impl Parser<'a, I, Vec<Item>, Err<'a, Er>>
where
    I: ValueInput<'a, Token = T<'a>, Span = Sp>,
    Er: ParseError<'a, I>,
{
    let type_name = any()
        .filter_map(|t: T<'a>| if t.kind == Tok::Ident { TypeName::from_name(t.text) } else { None })
        .lbl::<I, _, Er>("a type: int, number, money, percent, text, bool, date, duration, enum [..] or set [..]");
    // A type under another language's name (`boolean`, `string`): read as the type it means,
    // so the field is declared, and reported (icp-check words the message and the fix).
    let type_typo = any()
        .filter_map(|t: T<'a>| if t.kind == Tok::Ident { TypeName::from_typo(t.text) } else { None })
        .validate(|name, e, emitter| {
            emitter.emit(Er::expected_found(
                Some("a type: int, number, money, percent, text, bool, date, duration, enum [..] or set [..]"),
                None,
                e.span(),
            ));
            name
        });
    let type_name = type_name.or(type_typo);
    let values = name("a value name")
        .separated_by(tok(Tok::Comma))
        .allow_trailing()
        .collect::<Vec<_>>()
        .delimited_by(
            tok(Tok::LBracket),
            tok(Tok::RBracket).lbl::<I, _, Er>("`,` or `]`"),
        );
    let ty = type_name
        .then(values.or_not())
        .validate(|(name, values), e, emitter| {
            let span = sp(e.span());
            match (name, values) {
                (TypeName::Enum | TypeName::Set, None) => {
                    emitter.emit(Er::expected_found(
                        Some("its values, as in `enum [a, b, c]`"),
                        None,
                        e.span(),
                    ));
                    TypeExpr {
                        name,
                        values: Vec::new(),
                        span,
                    }
                }
                (TypeName::Enum | TypeName::Set, Some(values)) => TypeExpr { name, values, span },
                (_, Some(_)) => {
                    emitter.emit(Er::expected_found(
                        Some("a type without values (only `enum` and `set` list values)"),
                        None,
                        e.span(),
                    ));
                    TypeExpr {
                        name,
                        values: Vec::new(),
                        span,
                    }
                }
                (_, None) => TypeExpr {
                    name,
                    values: Vec::new(),
                    span,
                },
            }
        });
    let field_decl = name("a field name")
        .then_ignore(tok(Tok::Colon).lbl::<I, _, Er>("`:` and the field's type"))
        .then(ty)
        .then(kw!("from").ignore_then(string("a column name")).or_not())
        .map_with(|((name, ty), from), e| FieldDecl {
            name,
            ty,
            from,
            span: sp(e.span()),
        });
    let bad_field = FieldDecl {
        name: Ident {
            name: SmolStr::default(),
            span: Span::default(),
        },
        ty: TypeExpr {
            name: TypeName::Text,
            values: Vec::new(),
            span: Span::default(),
        },
        from: None,
        span: Span::default(),
    };
    let schema = kw!("schema")
        .ignore_then(name("a schema name"))
        .then(string("a description").or_not())
        .then(block(field_decl, bad_field))
        .map_with(|((name, doc), fields), e| {
            let fields = fields
                .into_iter()
                .filter(|f| !f.name.name.is_empty())
                .collect();
            Item::Schema(Schema {
                name,
                doc,
                fields,
                span: sp(e.span()),
            })
        });
    let icp = kw!("icp")
        .ignore_then(name("an icp name"))
        .then(string("a title").or_not())
        .map_with(|h, e| (h, sp(e.span())))
        .then(block(
            icp_stmt(),
            Stmt {
                kind: StmtKind::Error,
                keyword: Span::default(),
                span: Span::default(),
            },
        ))
        .map_with(|(((name, title), header_span), body), e| {
            Item::Icp(Icp {
                name,
                title,
                body,
                header_span,
                span: sp(e.span()),
            })
        });
    let item = choice((schema, icp, test_item()))
        .lbl::<I, _, Er>(
            "`schema NAME { … }`, `icp NAME \"title\" { … }` or `test NAME \"title\" { … }`",
        )
        .recover_with(via_parser(
            skip_statement().map_with(|_, e| Item::Error(sp(e.span()))),
        ));
    item.repeated().collect::<Vec<_>>().then_ignore(end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The items each pass builds (`None` when it reports an error).
    fn both_passes(src: &str) -> (Option<Vec<Item>>, Option<Vec<Item>>) {
        let (mut toks, _, _) = tokens(src);
        brackets(src, &mut toks);
        let eoi = Sp::from(src.len() as u32..src.len() as u32);
        let fast = file_parser::<_, EmptyErr>().parse(token_input(&toks, eoi));
        let fast = if fast.has_errors() {
            None
        } else {
            fast.into_output()
        };
        let rich = file_parser::<_, Rich<'_, T<'_>, Sp>>().parse(token_input(&toks, eoi));
        let rich = if rich.has_errors() {
            None
        } else {
            rich.into_output()
        };
        (fast, rich)
    }

    /// Whenever the fast pass reads a file, the pass with messages reads it too, into the same
    /// tree (the criteria are read by hand in one and by combinators in the other).
    fn assert_agree(src: &str) {
        let (fast, rich) = both_passes(src);
        if let Some(fast) = fast {
            assert_eq!(Some(fast), rich, "the passes disagree on:\n{src}");
        }
    }

    fn files(dir: &str) -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        let mut v: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "icp"))
            .map(|p| std::fs::read_to_string(p).unwrap_or_default())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn fast_and_rich_passes_agree() {
        let mut read = 0;
        let mut sources = files("../../examples");
        sources.extend(files("tests/corpus/ok"));
        sources.push(crate::generator::generate(200_000, 7));
        // Every criterion form, nested, with the spans of `not`, parentheses and prose.
        sources.push(
            "schema s { a: int\n b: enum [x, y]\n c: set [p, q]\n d: date\n e: bool }\n\
             icp i \"t\" { uses s\n firmographics {\n\
               not not (a >= 1 or b == x) and c has none [p] or e\n\
               a not in 1..2 and b not in [x] or (d within 30d and \"prose\" within 9d)\n\
               \"prose\" and not e\n a in -5..-1\n }\n\
             rubric { rule r +2 \"l\": a graded 1..9\n rule q: (e) }\n }\n"
                .to_string(),
        );
        for src in &sources {
            let (fast, _) = both_passes(src);
            read += usize::from(fast.is_some());
            assert_agree(src);
        }
        assert!(
            read >= sources.len() / 2,
            "the fast pass read only {read} files"
        );
    }

    /// Words and symbols that build criteria, to splice into one.
    const PARTS: &[&str] = &[
        "a", "b", "e", "and", "or", "not", "in", "has", "any", "within", "graded", "(", ")", "[",
        "]", ",", "..", "1", "-2", "x", "\"p\"", "30d", "==", "<=", "!=", "\n",
    ];

    /// Criteria the language accepts, to combine into longer ones.
    const LEAVES: &[&str] = &[
        "a >= 1",
        "a < -2",
        "a != 3",
        "a in 1..2",
        "a not in -5..-1",
        "b == x",
        "b != y",
        "b in [x, y]",
        "b not in [x]",
        "e",
        "\"p\"",
        "\"p\" within 30d",
    ];

    /// A criterion built from [`LEAVES`] with `and`, `or`, `not` and parentheses; one in five
    /// has a word or symbol of [`PARTS`] spliced in, which usually breaks it.
    fn criterion() -> impl Strategy<Value = String> {
        let whole = proptest::sample::select(LEAVES)
            .prop_map(str::to_string)
            .prop_recursive(4, 32, 2, |inner| {
                prop_oneof![
                    (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{a} and {b}")),
                    (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{a} or {b}")),
                    inner.clone().prop_map(|a| format!("not ({a})")),
                    inner.prop_map(|a| format!("({a})")),
                ]
            });
        let splice = proptest::option::weighted(
            0.2,
            (
                proptest::arbitrary::any::<proptest::sample::Index>(),
                0..PARTS.len(),
            ),
        );
        (whole, splice).prop_map(|(mut c, splice)| {
            if let Some((at, part)) = splice {
                let i = at.index(c.len() + 1);
                c.insert_str(i, &format!(" {} ", PARTS[part]));
            }
            c
        })
    }

    #[test]
    fn passes_agree_on_random_criteria() {
        use proptest::test_runner::{Config, TestRunner};
        let (total, read) = (std::cell::Cell::new(0usize), std::cell::Cell::new(0usize));
        let mut runner = TestRunner::new(Config::with_cases(2000));
        let outcome = runner.run(&criterion(), |c| {
            let src = format!(
                "schema s {{ a: int\n b: enum [x, y]\n e: bool }}\n\
                 icp i {{ uses s\n firmographics {{\n {c}\n }}\n }}\n"
            );
            let (fast, rich) = both_passes(&src);
            total.set(total.get() + 1);
            read.set(read.get() + usize::from(fast.is_some() && rich.is_some()));
            assert_agree(&src);
            Ok(())
        });
        if let Err(e) = outcome {
            panic!("{e}");
        }
        // Agreement is only tested on what both read: most inputs must be read.
        let (read, total) = (read.get(), total.get());
        assert!(
            read * 10 >= total * 7,
            "both passes read only {read} of {total} generated files"
        );
    }
}
