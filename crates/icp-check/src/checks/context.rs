//! What every check sees: the analysed file and what is shared between checks.

use icp_syntax::Span;
use icp_syntax::ast::{self, Expr, ExprKind};

use crate::domain::Domain;
use crate::model::{IcpModel, SchemaModel};

use super::facts::Facts;
use super::format::quote;
use super::prose::{Prose, collect_prose};
use super::shared_lexicon::lexicon_for;

/// What a check reads beyond the file and its model. It is computed once, before the checks
/// run, and only when an enabled check needs it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Needs {
    /// Every piece of prose with the phrases the lexicon finds in it ([`Ctx::prose`]).
    pub prose: bool,
    /// What each criterion admits and the rubric's possible scores ([`Ctx::facts`]).
    pub facts: bool,
}

impl Needs {
    pub const NOTHING: Needs = Needs {
        prose: false,
        facts: false,
    };
    pub const PROSE: Needs = Needs {
        prose: true,
        facts: false,
    };
    pub const FACTS: Needs = Needs {
        prose: false,
        facts: true,
    };

    pub fn or(self, o: Needs) -> Needs {
        Needs {
            prose: self.prose || o.prose,
            facts: self.facts || o.facts,
        }
    }
}

/// What every check sees: the analysed file and what is shared between checks.
pub struct Ctx<'a> {
    pub src: &'a str,
    pub file: &'a ast::File,
    pub model: &'a crate::model::Model,
    pub config: &'a crate::config::Config,
    /// Days since 1970-01-01.
    pub today: i64,
    /// Every checked prose of the file, scanned once, in icp order.
    pub prose: Vec<Prose<'a>>,
    /// What each icp's criteria admit, judged once for the checks that reason about values;
    /// by icp index.
    pub facts: Vec<Option<Facts>>,
}

impl<'a> Ctx<'a> {
    /// The context of an analysed file, with what `needs` asks for computed once.
    pub fn new(
        src: &'a str,
        file: &'a ast::File,
        model: &'a crate::model::Model,
        config: &'a crate::config::Config,
        needs: Needs,
    ) -> Ctx<'a> {
        let today = config.today();
        let prose = if needs.prose {
            collect_prose(file, model, &lexicon_for(config))
        } else {
            Vec::new()
        };
        let facts = if needs.facts {
            model
                .icps
                .iter()
                .map(|icp| {
                    model
                        .schema_of(icp)
                        .map(|s| Facts::compute(&Domain::new(s, today), icp))
                })
                .collect()
        } else {
            Vec::new()
        };
        Ctx {
            src,
            file,
            model,
            config,
            today,
            prose,
            facts,
        }
    }

    /// The icps of the file with their syntax and, when they resolved one, their schema.
    pub fn icps(
        &self,
    ) -> impl Iterator<Item = (usize, &'a IcpModel, Option<&'a SchemaModel>)> + '_ {
        self.model
            .icps
            .iter()
            .enumerate()
            .map(|(i, m)| (i, m, self.model.schema_of(m)))
    }

    /// The prose of one icp (a slice of [`Ctx::prose`], which is in icp order).
    pub fn prose_of(&self, icp: usize) -> &[Prose<'a>] {
        let start = self.prose.partition_point(|p| p.icp < icp);
        let end = self.prose.partition_point(|p| p.icp <= icp);
        &self.prose[start..end]
    }

    pub fn domain(&self, schema: &'a SchemaModel) -> Domain<'a> {
        Domain::new(schema, self.today)
    }

    /// Whether no account, some or every account passes `p`, a criterion or conjunct of the
    /// icp `icp` (cached), or any other predicate (computed).
    pub fn truth(
        &self,
        icp: usize,
        dom: &Domain<'_>,
        p: &crate::model::Pred,
    ) -> crate::domain::Truth {
        self.cached_or_computed(icp, dom, p, Facts::get)
    }

    /// Exactly [`Domain::truth`] of `p`: cached for a top-level criterion of the icp `icp`
    /// judged whole, computed otherwise.
    pub fn exact_truth(
        &self,
        icp: usize,
        dom: &Domain<'_>,
        p: &crate::model::Pred,
    ) -> crate::domain::Truth {
        self.cached_or_computed(icp, dom, p, Facts::whole)
    }

    /// `lookup` in the icp's cached judgements, else `dom.truth(p)`.
    fn cached_or_computed(
        &self,
        icp: usize,
        dom: &Domain<'_>,
        p: &crate::model::Pred,
        lookup: impl Fn(&Facts, &crate::model::Pred) -> Option<crate::domain::Truth>,
    ) -> crate::domain::Truth {
        self.facts
            .get(icp)
            .and_then(Option::as_ref)
            .and_then(|f| lookup(f, p))
            .unwrap_or_else(|| dom.truth(p))
    }

    /// The possible scores of an icp's rubric and what each of its tiers gets, when the icp has
    /// tiers and the scores are known.
    pub fn rubric(&self, icp: usize) -> Option<&crate::scores::RubricScores> {
        self.facts
            .get(icp)
            .and_then(Option::as_ref)
            .and_then(|f| f.rubric.as_ref())
    }

    /// The syntax of an icp.
    pub fn icp_ast(&self, icp: &IcpModel) -> Option<&'a ast::Icp> {
        match self.file.items.get(icp.item) {
            Some(ast::Item::Icp(i)) => Some(i),
            _ => None,
        }
    }

    /// The source text of a span.
    pub fn text(&self, span: Span) -> &'a str {
        self.src.get(span.range()).unwrap_or("")
    }

    /// The source text of a span as a message quotes it ([`quote`]): a criterion written over
    /// two lines with a comment is quoted on one line, as the formatter writes it.
    pub fn quote(&self, span: Span) -> String {
        quote(self.text(span))
    }

    /// The source span of bytes `start..end` of a string literal's value; the whole literal
    /// when escapes make the value differ from the source.
    pub fn sub_span(&self, value: &str, literal: Span, start: usize, end: usize) -> Span {
        let inner = Span::new(
            literal.start as usize + 1,
            (literal.end as usize).saturating_sub(1),
        );
        if self.text(inner) == value {
            Span::new(inner.start as usize + start, inner.start as usize + end)
        } else {
            literal
        }
    }

    /// The syntax node of a criterion, found by its span.
    pub fn expr_at(&self, icp: &IcpModel, span: Span) -> Option<&'a Expr> {
        let mut found = None;
        let icp = self.icp_ast(icp)?;
        let mut visit = |e: &'a Expr| {
            e.walk(&mut |x| {
                if x.span == span && !matches!(x.kind, ExprKind::Paren(_)) && found.is_none() {
                    found = Some(x);
                }
            })
        };
        for st in &icp.body {
            match &st.kind {
                ast::StmtKind::Criteria { items, .. } => items.iter().for_each(|c| visit(&c.expr)),
                ast::StmtKind::Segment(s) => s.items.iter().for_each(|c| visit(&c.expr)),
                ast::StmtKind::Disqualify(ds) => ds.iter().for_each(|d| visit(&d.expr)),
                ast::StmtKind::Rubric(items) => items.iter().for_each(|it| {
                    if let ast::RubricItem::Rule(r) = it {
                        visit(&r.expr)
                    }
                }),
                _ => {}
            }
        }
        found
    }
}
