//! Forms other languages use that a new user writes in a criterion: `between A and B`,
//! `$5M`, `25000 USD`, `40 percent`, `== [a, b]`, `!in`. The parser reads none of them and its
//! recovery reports each as two or three errors (one suggests declaring a field named
//! `between`); this pass finds them in the tokens and replaces the errors of that line by one
//! that says the rewrite, with a fix where the rewrite is exact.

use icp_syntax::Span;
use icp_syntax::lexer::{Tok, Token, lex};

use crate::checks::errors;
use crate::diagnostic::{Diagnostic, Edit};

/// One foreign form: where it is, what to say, and the exact rewrite when there is one.
struct Found {
    span: Span,
    message: String,
    help: String,
    fix: Option<(String, Vec<Edit>)>,
}

fn text<'a>(src: &'a str, t: &Token) -> &'a str {
    &src[t.span.start as usize..t.span.end as usize]
}

/// `25000` → `25K`, `5000000` → `5M`: the shortest exact form with a suffix.
fn with_suffix(n: &str) -> Option<String> {
    let digits: String = n.chars().filter(|c| *c != '_' && *c != ',').collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) || digits.is_empty() {
        return None;
    }
    let v: u128 = digits.parse().ok()?;
    for (div, s) in [(1_000_000_000u128, "B"), (1_000_000, "M"), (1_000, "K")] {
        if v >= div && v % div == 0 {
            return Some(format!("{}{s}", v / div));
        }
    }
    Some(digits)
}

const CURRENCIES: &[&str] = &["usd", "eur", "gbp", "dollars", "euros", "cad", "aud", "chf"];

fn scan(src: &str) -> Vec<Found> {
    let toks = lex(src).tokens;
    let mut out = Vec::new();
    let word = |i: usize, w: &str| {
        toks.get(i)
            .is_some_and(|t| t.kind == Tok::Ident && text(src, t).eq_ignore_ascii_case(w))
    };
    let kind = |i: usize, k: Tok| toks.get(i).is_some_and(|t| t.kind == k);
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        // FIELD between A and B
        if i > 0
            && kind(i - 1, Tok::Ident)
            && word(i, "between")
            && kind(i + 1, Tok::Number)
            && word(i + 2, "and")
            && kind(i + 3, Tok::Number)
        {
            let (a, b) = (text(src, &toks[i + 1]), text(src, &toks[i + 3]));
            let span = Span::new(t.span.start as usize, toks[i + 3].span.end as usize);
            let rewrite = format!("in {a}..{b}");
            out.push(Found {
                span,
                message: format!(
                    "`between {a} and {b}` is not how a range is written: write `{rewrite}`"
                ),
                help: format!(
                    "a range is `lo..hi`, both ends included: `{} {rewrite}`",
                    text(src, &toks[i - 1])
                ),
                fix: Some((
                    format!("write `{rewrite}`"),
                    vec![Edit {
                        span,
                        replacement: rewrite.clone(),
                    }],
                )),
            });
            i += 4;
            continue;
        }
        // $5M: the currency sign is for data cells.
        if t.kind == Tok::Error
            && text(src, &t) == "$"
            && kind(i + 1, Tok::Number)
            && toks[i + 1].span.start == t.span.end
        {
            let n = text(src, &toks[i + 1]);
            out.push(Found {
                span: Span::new(t.span.start as usize, toks[i + 1].span.end as usize),
                message: format!("`${n}`: amounts in criteria are written without a currency sign: write `{n}`"),
                help: "`$` and currency codes are read in data cells (`$20,000,000`); in the profile a money amount is a number with K, M or B: `5M`".into(),
                fix: Some((format!("write `{n}`"), vec![Edit { span: t.span, replacement: String::new() }])),
            });
            i += 2;
            continue;
        }
        // 25000 USD / 40 percent
        if t.kind == Tok::Number
            && toks
                .get(i + 1)
                .is_some_and(|u| u.kind == Tok::Ident && !u.line_start)
        {
            let n = text(src, &t);
            let unit = text(src, &toks[i + 1]).to_ascii_lowercase();
            let span = Span::new(t.span.start as usize, toks[i + 1].span.end as usize);
            if CURRENCIES.contains(&unit.as_str()) {
                if let Some(short) = with_suffix(n) {
                    out.push(Found {
                        span,
                        message: format!("`{}`: amounts in criteria are written without a currency: write `{short}`", &src[span.range()]),
                        help: "the schema says a field is `money`; its criteria use plain numbers with K, M or B: `25K`, `5M`".into(),
                        fix: Some((format!("write `{short}`"), vec![Edit { span, replacement: short.clone() }])),
                    });
                    i += 2;
                    continue;
                }
            }
            if (unit == "percent" || unit == "pct") && !n.ends_with('%') {
                let rewrite = format!("{n}%");
                out.push(Found {
                    span,
                    message: format!(
                        "`{}`: a percent is written with `%`: write `{rewrite}`",
                        &src[span.range()]
                    ),
                    help: "percent literals end in `%`: `30%`".into(),
                    fix: Some((
                        format!("write `{rewrite}`"),
                        vec![Edit {
                            span,
                            replacement: rewrite.clone(),
                        }],
                    )),
                });
                i += 2;
                continue;
            }
        }
        // == [a, b] / != [a, b]
        if (t.kind == Tok::EqEq || t.kind == Tok::NotEq) && kind(i + 1, Tok::LBracket) {
            let rewrite = if t.kind == Tok::EqEq { "in" } else { "not in" };
            out.push(Found {
                span: t.span,
                message: format!(
                    "`{}` compares with one value; to test a list, write `{rewrite} [..]`",
                    text(src, &t)
                ),
                help: format!("membership in a list is `field {rewrite} [a, b]`"),
                fix: Some((
                    format!("write `{rewrite}`"),
                    vec![Edit {
                        span: t.span,
                        replacement: rewrite.into(),
                    }],
                )),
            });
            i += 2;
            continue;
        }
        // !in
        if t.kind == Tok::Error
            && text(src, &t) == "!"
            && word(i + 1, "in")
            && toks[i + 1].span.start == t.span.end
        {
            let span = Span::new(t.span.start as usize, toks[i + 1].span.end as usize);
            out.push(Found {
                span,
                message: "`!in` is written `not in`".into(),
                help: "the negations are `not in [..]`, `!=` and `not field`".into(),
                fix: Some((
                    "write `not in`".into(),
                    vec![Edit {
                        span,
                        replacement: "not in".into(),
                    }],
                )),
            });
            i += 2;
            continue;
        }
        i += 1;
    }
    out
}

/// Codes of the cascade a foreign form draws on its line.
const CASCADE: [&str; 4] = [
    errors::SYNTAX.code,
    errors::UNKNOWN_FIELD.code,
    errors::TYPE_MISMATCH.code,
    errors::UNKNOWN_VALUE.code,
];

/// Replaces the errors on the line of each foreign form by one error that says the rewrite.
pub fn reword(src: &str, diags: &mut Vec<Diagnostic>) {
    if !diags
        .iter()
        .any(|d| CASCADE.contains(&d.code) && d.severity == crate::Severity::Error)
    {
        return;
    }
    for f in scan(src) {
        let line_start = src[..f.span.start as usize]
            .rfind('\n')
            .map_or(0, |p| p + 1);
        let line_end = src[f.span.end as usize..]
            .find('\n')
            .map_or(src.len(), |p| f.span.end as usize + p);
        let on_line = |d: &Diagnostic| {
            CASCADE.contains(&d.code)
                && (d.span.start as usize) >= line_start
                && (d.span.start as usize) <= line_end
        };
        // Only a form the parser did not read: a line without an error is left alone.
        if !diags
            .iter()
            .any(|d| on_line(d) && d.severity == crate::Severity::Error)
        {
            continue;
        }
        diags.retain(|d| !on_line(d));
        let mut d = Diagnostic::error(errors::SYNTAX.code, f.span, f.message).with_help(f.help);
        if let Some((title, edits)) = f.fix {
            d = d.with_fix(title, edits);
        }
        diags.push(d);
    }
}
