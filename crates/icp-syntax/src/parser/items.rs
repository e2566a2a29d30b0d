//! The items of a file: `schema`, `icp` and `test`, each recovering on its own.

use chumsky::input::ValueInput;
use chumsky::prelude::*;

use super::blocks::{block, skip_statement};
use super::input::{Err, Label, ParseError, Sp, T, sp};
use super::leaves::{kw, list, name, range, string, tok, value};
use super::stmt::icp_stmt;
use crate::ast::*;
use crate::lexer::Tok;
use crate::span::Span;

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

pub(super) fn file_parser<'a, I, Er>() -> impl Parser<'a, I, Vec<Item>, Err<'a, Er>>
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
