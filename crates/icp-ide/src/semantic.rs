//! Semantic tokens: what each word of the file is, so that an editor colours a field, an enum
//! value, a schema and a keyword differently even where the grammar alone cannot tell.

use icp_syntax::Span;
use icp_syntax::keywords;
use icp_syntax::lexer::{self, Tok};

use crate::Analysis;
use crate::navigation::{self, Def};

/// The token types, in the order of the legend the server announces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TokenType {
    Keyword,
    /// A schema name.
    Schema,
    /// An icp name.
    Icp,
    Field,
    /// An enum or set value, a job kind, a channel kind, a cadence.
    Value,
    Type,
    /// A number, with its unit (`20M`, `30%`, `60d`), or a date.
    Number,
    /// A string: a label, a title, prose.
    String,
    Comment,
    Operator,
    /// A rule, tier, segment or persona name.
    Name,
}

impl TokenType {
    pub const ALL: [TokenType; 11] = [
        TokenType::Keyword,
        TokenType::Schema,
        TokenType::Icp,
        TokenType::Field,
        TokenType::Value,
        TokenType::Type,
        TokenType::Number,
        TokenType::String,
        TokenType::Comment,
        TokenType::Operator,
        TokenType::Name,
    ];

    /// The index in [`TokenType::ALL`].
    pub fn index(self) -> u32 {
        TokenType::ALL.iter().position(|t| *t == self).unwrap_or(0) as u32
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SemanticToken {
    pub span: Span,
    pub ty: TokenType,
    /// Whether the token declares what it names.
    pub declaration: bool,
}

/// The keyword groups coloured as keywords wherever they appear. The words of tests (`test`,
/// `account`, `expect`, `at`, `by`…) are left to the grammar's highlighting.
const KEYWORD_GROUPS: &[&[&str]] = &[
    keywords::SCHEMA,
    keywords::HEADER,
    keywords::DIMENSIONS,
    keywords::CRITERION,
    keywords::DISQUALIFY,
    keywords::RUBRIC,
    keywords::SEGMENT,
    keywords::REACH,
    keywords::BUDGET,
    keywords::JOB,
    keywords::PERSONA,
    keywords::PAIN,
];

fn is_keyword(text: &str) -> bool {
    (keywords::ITEMS.contains(&text) && text != "test")
        || KEYWORD_GROUPS.iter().any(|g| g.contains(&text))
}

/// Words coloured as values: booleans, and the values of `refresh`, a job's `kind` and a
/// `channel`.
fn is_value(text: &str) -> bool {
    matches!(text, "true" | "false" | "yes" | "no")
        || keywords::REFRESH_CADENCES.contains(&text)
        || keywords::JOB_KINDS.contains(&text)
        || keywords::CHANNEL_KINDS.contains(&text)
}

/// The semantic tokens of the file that overlap `range` (all of them for `None`), in order.
pub fn semantic_tokens(src: &str, a: &Analysis, range: Option<Span>) -> Vec<SemanticToken> {
    let occ = navigation::occurrences(a);
    let mut occ_at = occ.iter().peekable();
    let lexed = lexer::lex(src);
    let in_range = |s: Span| {
        range.is_none_or(|r| s.start < r.end.max(r.start + 1) && r.start < s.end.max(s.start + 1))
    };
    let in_type = |s: Span| {
        a.file.schemas().any(|sc| {
            sc.span.contains(s.start as usize)
                && sc
                    .fields
                    .iter()
                    .any(|f| f.ty.span.contains(s.start as usize))
        })
    };
    let mut out = Vec::new();
    for t in &lexed.tokens {
        if !in_range(t.span) {
            continue;
        }
        let text = &src[t.span.range()];
        let ty = match t.kind {
            Tok::Ident => {
                while occ_at.peek().is_some_and(|o| o.span.start < t.span.start) {
                    occ_at.next();
                }
                if let Some(o) = occ_at.peek().filter(|o| o.span == t.span) {
                    let ty = match o.def {
                        Def::Schema { .. } => TokenType::Schema,
                        Def::Icp { .. } => TokenType::Icp,
                        Def::Field { .. } => TokenType::Field,
                        Def::Value { .. } => TokenType::Value,
                        Def::Rule { .. }
                        | Def::Tier { .. }
                        | Def::Segment { .. }
                        | Def::Persona { .. } => TokenType::Name,
                    };
                    out.push(SemanticToken {
                        span: t.span,
                        ty,
                        declaration: o.is_decl,
                    });
                    continue;
                }
                if icp_syntax::ast::TypeName::from_name(text).is_some() && in_type(t.span) {
                    TokenType::Type
                } else if is_keyword(text) {
                    TokenType::Keyword
                } else if is_value(text) {
                    TokenType::Value
                } else {
                    continue;
                }
            }
            Tok::Number | Tok::Date => TokenType::Number,
            Tok::Str => TokenType::String,
            Tok::EqEq | Tok::NotEq | Tok::Lt | Tok::Le | Tok::Gt | Tok::Ge | Tok::DotDot => {
                TokenType::Operator
            }
            Tok::Plus | Tok::Minus => TokenType::Operator,
            _ => continue,
        };
        out.push(SemanticToken {
            span: t.span,
            ty,
            declaration: false,
        });
    }
    for c in &lexed.comments {
        if in_range(*c) {
            out.push(SemanticToken {
                span: *c,
                ty: TokenType::Comment,
                declaration: false,
            });
        }
    }
    out.sort_by_key(|t| t.span.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::*;

    /// The tokens of `src` in the range between its two `$0` markers (all of them when it has
    /// none), one `text Kind` a line, with `(declaration)` on the names it declares.
    #[track_caller]
    fn check(fixture: &str, expected: &str) {
        let (src, range) = match fixture.match_indices("$0").count() {
            0 => (fixture.to_string(), None),
            2 => {
                let (once, start) = marked(fixture);
                let (src, end) = marked(&once);
                (src, Some(Span::new(start, end)))
            }
            n => panic!("{n} markers: a range needs two"),
        };
        let a = analysis(&src);
        let toks = semantic_tokens(&src, &a, range);
        assert!(
            toks.windows(2).all(|w| w[0].span.end <= w[1].span.start),
            "tokens are ordered and disjoint: {toks:?}"
        );
        let got: Vec<String> = toks
            .iter()
            .map(|t| {
                let decl = if t.declaration { " (declaration)" } else { "" };
                format!("{} {:?}{decl}", &src[t.span.range()], t.ty)
            })
            .collect();
        assert_eq!(got.join("\n"), expected, "the tokens of:\n{fixture}");
    }

    const PROFILE: &str = r#"# Accounts.
schema crm {
  employees: int
  revenue: money
  industry: enum [saas, services]
}

icp x "X" {
  uses crm
  firmographics {
    employees in 200..2000
    industry in [saas]
    revenue >= 20M
  }
  job "Report" {
    kind functional
  }
}
"#;

    #[test]
    fn kinds_of_words() {
        check(
            PROFILE,
            r#"# Accounts. Comment
schema Keyword
crm Schema (declaration)
employees Field (declaration)
int Type
revenue Field (declaration)
money Type
industry Field (declaration)
enum Type
saas Value (declaration)
services Value (declaration)
icp Keyword
x Icp (declaration)
"X" String
uses Keyword
crm Schema
firmographics Keyword
employees Field
in Keyword
200 Number
.. Operator
2000 Number
industry Field
in Keyword
saas Value
revenue Field
>= Operator
20M Number
job Keyword
"Report" String
kind Keyword
functional Value"#,
        );
    }

    #[test]
    fn ranges_limit_the_tokens() {
        check(
            &PROFILE.replace("firmographics", "$0firmographics$0"),
            "firmographics Keyword",
        );
        check(
            &PROFILE.replace("    industry in [saas]", "    $0industry in [saas]$0"),
            "industry Field\nin Keyword\nsaas Value",
        );
    }
}
