//! The statements of an icp: its header, criteria blocks, narrative blocks (persona, job,
//! pain), budget, reach, disqualifiers, rubric, segments and string lists.

use chumsky::input::ValueInput;
use chumsky::prelude::*;

use super::blocks::{block, criteria, criterion, error_criterion, props, strings};
use super::expr::expr;
use super::input::{Err, Label, ParseError, Sp, T, sp};
use super::leaves::{cmp_op, kw, kw_, name, number_value, string, tok, value};
use crate::ast::*;
use crate::keywords;
use crate::lexer::Tok;
use crate::span::Span;

pub(super) fn icp_stmt<'a, I, Er>() -> impl Parser<'a, I, Stmt, Err<'a, Er>> + Clone
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
            keywords::PERSONA,
            "`role`, `tenure`, `motivation` or `objection`",
        ))
        .map(|(((k, name), title), props)| (StmtKind::Persona { name, title, props }, k));
    let job = kw!("job")
        .then(string("the job statement"))
        .then(props(keywords::JOB, "`kind` or `success`"))
        .map(|((k, statement), props)| (StmtKind::Job { statement, props }, k));
    let pain = kw!("pain")
        .then(string("the pain statement"))
        .then(props(keywords::PAIN, "`before`, `after` or `cost`"))
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
            Some(w) if keywords::HEADER.contains(&w) => inp.parse(&header),
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

#[derive(Clone)]
enum SegItem {
    Secondary(Span),
    Crit(Criterion),
}
