//! The ICP-quality checks, one file per check, and the registry from code to check.
//!
//! Each check file holds its documentation ([`CheckDoc`]: what it flags, why that hurts an
//! ICP, an invalid and a valid example) and its `run` function. The registry [`REGISTRY`]
//! lists every code the tool can emit — the language errors and the suppression findings too —
//! so that `icpc explain`, the generated `docs/checks/` pages, SARIF rule metadata and the
//! configuration all read one table.

use std::sync::{Arc, Mutex};

use icp_syntax::Span;
use icp_syntax::ast::{self, Expr, ExprKind};

use crate::analysis::Ctx;
use crate::diagnostic::{Diagnostic, Severity};
use crate::domain::Domain;
use crate::lexicon::prose::{Context, judge};
use crate::lexicon::{Hit, Lexicon};
use crate::model::{IcpModel, SchemaModel};

pub mod bidi_character;
pub mod broad_range;
pub mod data;
pub mod errors;
pub mod missing_dimension;
pub mod missing_reason;
pub mod placeholder;
pub mod empty_block;
pub mod label_mismatch;
pub mod non_excluding;
pub mod rubric_ignores_profile;
pub mod solution_thinking;
pub mod stale_review;
pub mod suppression_without_reason;
pub mod unmeasurable_criterion;
pub mod unreachable_tier;
pub mod unsatisfiable;
pub mod unused_field;
pub mod unused_suppression;
pub mod vague_term;
pub mod weak_trigger;

/// The documentation of one code, in three parts plus examples. `docs/checks/CODE.md` and
/// `icpc explain CODE` are rendered from it, and the tests run both examples.
#[derive(Clone, Copy, Debug)]
pub struct CheckDoc {
    pub code: &'static str,
    pub severity: Severity,
    /// One line: what the code flags.
    pub summary: &'static str,
    /// What it flags, in detail.
    pub what: &'static str,
    /// Why that hurts an ICP.
    pub why: &'static str,
    /// A whole `.icp` file that draws exactly one finding of this code.
    pub invalid: &'static str,
    /// The same file, fixed: no finding of this code.
    pub valid: &'static str,
    /// Configuration and other notes (Markdown), or empty.
    pub notes: &'static str,
}

/// Where a code comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// Errors of the language: the file means nothing until they are fixed.
    Language,
    /// ICP-quality checks.
    Quality,
    /// Findings about `# icp: allow(..)` comments.
    Suppression,
    /// Findings that only the accounts can show (`icpc check --data`).
    Data,
}

impl Group {
    pub fn title(self) -> &'static str {
        match self {
            Group::Language => "Language errors",
            Group::Quality => "ICP quality",
            Group::Suppression => "Suppressions",
            Group::Data => "Data",
        }
    }
}

/// A check's entry point.
pub type RunFn = fn(&Cx<'_>, &mut Vec<Diagnostic>);

/// One row of the registry.
#[derive(Debug)]
pub struct Check {
    pub doc: &'static CheckDoc,
    pub group: Group,
    /// `None` for codes emitted elsewhere (the parser, the resolver, suppressions).
    pub run: Option<RunFn>,
}

/// Every code, in the order the docs list them.
pub static REGISTRY: &[Check] = &[
    Check {
        doc: &errors::SYNTAX,
        group: Group::Language,
        run: None,
    },
    Check {
        doc: &errors::UNKNOWN_FIELD,
        group: Group::Language,
        run: None,
    },
    Check {
        doc: &errors::UNKNOWN_VALUE,
        group: Group::Language,
        run: None,
    },
    Check {
        doc: &errors::UNKNOWN_SCHEMA,
        group: Group::Language,
        run: None,
    },
    Check {
        doc: &errors::TYPE_MISMATCH,
        group: Group::Language,
        run: None,
    },
    Check {
        doc: &errors::DUPLICATE_NAME,
        group: Group::Language,
        run: None,
    },
    Check {
        doc: &errors::RESERVED_NAME,
        group: Group::Language,
        run: None,
    },
    Check {
        doc: &errors::INVALID_RANGE,
        group: Group::Language,
        run: None,
    },
    Check {
        doc: &errors::INVALID_LITERAL,
        group: Group::Language,
        run: None,
    },
    Check {
        doc: &errors::INCOMPLETE_TEST,
        group: Group::Language,
        run: None,
    },
    Check {
        doc: &bidi_character::DOC,
        group: Group::Language,
        run: None,
    },
    Check {
        doc: &data::ADMITS_EVERYONE,
        group: Group::Data,
        run: None,
    },
    Check {
        doc: &data::ADMITS_NO_ONE,
        group: Group::Data,
        run: None,
    },
    Check {
        doc: &data::MOSTLY_UNKNOWN,
        group: Group::Data,
        run: None,
    },
    Check {
        doc: &data::UNMAPPED_COLUMN,
        group: Group::Data,
        run: None,
    },
    Check {
        doc: &data::UNLISTED_VALUES,
        group: Group::Data,
        run: None,
    },
    Check {
        doc: &vague_term::DOC,
        group: Group::Quality,
        run: Some(vague_term::run),
    },
    Check {
        doc: &broad_range::DOC,
        group: Group::Quality,
        run: Some(broad_range::run),
    },
    Check {
        doc: &non_excluding::DOC,
        group: Group::Quality,
        run: Some(non_excluding::run),
    },
    Check {
        doc: &unsatisfiable::DOC,
        group: Group::Quality,
        run: Some(unsatisfiable::run),
    },
    Check {
        doc: &unreachable_tier::DOC,
        group: Group::Quality,
        run: Some(unreachable_tier::run),
    },
    Check {
        doc: &rubric_ignores_profile::DOC,
        group: Group::Quality,
        run: Some(rubric_ignores_profile::run),
    },
    Check {
        doc: &missing_dimension::DOC,
        group: Group::Quality,
        run: Some(missing_dimension::run),
    },
    Check {
        doc: &weak_trigger::DOC,
        group: Group::Quality,
        run: Some(weak_trigger::run),
    },
    Check {
        doc: &solution_thinking::DOC,
        group: Group::Quality,
        run: Some(solution_thinking::run),
    },
    Check {
        doc: &stale_review::DOC,
        group: Group::Quality,
        run: Some(stale_review::run),
    },
    Check {
        doc: &unmeasurable_criterion::DOC,
        group: Group::Quality,
        run: Some(unmeasurable_criterion::run),
    },
    Check {
        doc: &missing_reason::DOC,
        group: Group::Quality,
        run: Some(missing_reason::run),
    },
    Check {
        doc: &placeholder::DOC,
        group: Group::Quality,
        run: Some(placeholder::run),
    },
    Check {
        doc: &empty_block::DOC,
        group: Group::Quality,
        run: Some(empty_block::run),
    },
    Check {
        doc: &label_mismatch::DOC,
        group: Group::Quality,
        run: Some(label_mismatch::run),
    },
    Check {
        doc: &unused_field::DOC,
        group: Group::Quality,
        run: Some(unused_field::run),
    },
    Check {
        doc: &unused_suppression::DOC,
        group: Group::Suppression,
        run: None,
    },
    Check {
        doc: &suppression_without_reason::DOC,
        group: Group::Suppression,
        run: None,
    },
];

/// The registry row of a code.
pub fn lookup(code: &str) -> Option<&'static Check> {
    REGISTRY.iter().find(|c| c.doc.code == code)
}

/// Every code, in registry order.
pub fn codes() -> impl Iterator<Item = &'static str> {
    REGISTRY.iter().map(|c| c.doc.code)
}

/// `text` as a message quotes it: its tokens, one space apart except where the formatter
/// writes none (`200..2000`, `[a, b]`, `(x)`), with comments and line breaks left out. Two
/// texts that differ only in layout or comments are quoted alike.
pub fn quote(text: &str) -> String {
    use icp_syntax::lexer::Tok;
    let lexed = icp_syntax::lexer::lex(text);
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<Tok> = None;
    for t in &lexed.tokens {
        let tight = match (prev, t.kind) {
            (None, _) => true,
            (Some(Tok::DotDot | Tok::LBracket | Tok::LParen | Tok::Plus | Tok::Minus), _) => true,
            (_, Tok::DotDot | Tok::RBracket | Tok::RParen | Tok::Comma | Tok::Semi) => true,
            _ => false,
        };
        if !tight {
            out.push(' ');
        }
        out.push_str(&text[t.span.range()]);
        prev = Some(t.kind);
    }
    out
}

/// Where a piece of prose sits, which decides the checks that read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    IcpTitle,
    /// A prose criterion of a block (`firmographics`, `triggers`, …, `disqualify`, `rubric`,
    /// `segment`).
    Criterion(&'static str),
    Job,
    Pain,
    Persona,
    SegmentTitle,
}

impl Place {
    pub fn describe(self) -> String {
        match self {
            Place::IcpTitle => "the icp's title".into(),
            Place::Criterion(b) => format!("this {b} criterion"),
            Place::Job => "this job".into(),
            Place::Pain => "this pain".into(),
            Place::Persona => "this persona".into(),
            Place::SegmentTitle => "the segment's title".into(),
        }
    }

    /// What the prose at this place describes, for [`judge`].
    pub fn context(self) -> Context {
        match self {
            Place::IcpTitle => Context::Title,
            Place::Criterion("triggers") => Context::Trigger,
            Place::Criterion("segment") => Context::Segment,
            Place::Criterion(_) => Context::Criterion,
            Place::Job => Context::Job,
            Place::Pain => Context::Pain,
            Place::Persona => Context::Persona,
            Place::SegmentTitle => Context::Segment,
        }
    }
}

/// One piece of prose with the phrases found in it.
#[derive(Debug)]
pub struct Prose<'a> {
    pub icp: usize,
    pub place: Place,
    /// The string's value (escapes resolved).
    pub text: &'a str,
    /// The string literal, quotes included.
    pub span: Span,
    /// The span of the whole criterion (with its `within`), for prose criteria.
    pub expr_span: Option<Span>,
    /// Whether a prose criterion carries a `within` window.
    pub has_window: bool,
    pub hits: Arc<[Hit]>,
}

/// What every check sees: the analysed file and what is shared between checks.
pub struct Cx<'a> {
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

/// The judgements of one icp's criteria, shared by `non-excluding`, `unsatisfiable` and
/// `unreachable-tier` so that each criterion is analysed once.
#[derive(Debug, Default)]
pub struct Facts {
    /// Every criterion and conjunct, by [`span_key`].
    truths: Vec<(u64, crate::domain::Truth)>,
    /// [`Domain::truth`] of each top-level criterion where it was judged whole, by the
    /// criterion's address (a criterion whose conjuncts decided it is not here). Hashed: the
    /// addresses come in no order, and sorting them costs more than hashing.
    whole: rustc_hash::FxHashMap<usize, crate::domain::Truth>,
    /// The rubric's possible scores.
    pub scores: Option<crate::scores::ScoreRange>,
    /// How each tier fares, when the scores are known.
    pub reach: Vec<crate::scores::Reach>,
}

/// A span as one integer that sorts as `(start, end)`: the cached judgements are searched
/// by it, and one comparison of integers is cheaper than one of pairs.
fn span_key(s: Span) -> u64 {
    (u64::from(s.start) << 32) | u64::from(s.end)
}

impl Facts {
    fn compute(src: &str, dom: &Domain<'_>, icp: &IcpModel) -> Facts {
        use crate::domain::{Truth, each_conjunct};
        let n = criteria(icp).count();
        let mut truths = Vec::with_capacity(2 * n);
        let mut whole =
            rustc_hash::FxHashMap::with_capacity_and_hasher(n, rustc_hash::FxBuildHasher);
        for (_, pred) in criteria(icp) {
            let mut parts = 0;
            let mut last = Truth::Sometimes;
            let mut any_never = false;
            let mut all_always = true;
            for c in each_conjunct(pred) {
                let t = dom.truth(c);
                any_never |= t == Truth::Never;
                all_always &= t == Truth::Always;
                truths.push((span_key(c.span), t));
                parts += 1;
                last = t;
            }
            let key = std::ptr::from_ref(pred) as usize;
            if parts > 1 {
                let t = if any_never {
                    Truth::Never
                } else if all_always {
                    Truth::Always
                } else {
                    let t = dom.truth(pred);
                    whole.insert(key, t);
                    t
                };
                truths.push((span_key(pred.span), t));
            } else {
                // The criterion is its own only conjunct.
                whole.insert(key, last);
            }
        }
        truths.sort_by_key(|(k, _)| *k);
        let mut f = Facts {
            truths,
            whole,
            scores: None,
            reach: Vec::new(),
        };
        if !icp.tiers.is_empty() {
            f.scores =
                crate::scores::score_range(dom, icp, |p| f.get(p).unwrap_or_else(|| dom.truth(p)));
            if let Some(range) = &f.scores {
                f.reach = crate::scores::tier_reach(range, &icp.tiers, |t| {
                    src.get(t.span.range())
                        .unwrap_or("")
                        .trim_end()
                        .ends_with("otherwise")
                });
            }
        }
        f
    }

    /// The judgement of a criterion or conjunct, if it was made.
    pub fn get(&self, p: &crate::model::Pred) -> Option<crate::domain::Truth> {
        self.truths
            .binary_search_by_key(&span_key(p.span), |(k, _)| *k)
            .ok()
            .map(|i| self.truths[i].1)
    }

    /// [`Domain::truth`] of a top-level criterion, if it was judged whole.
    pub fn whole(&self, p: &crate::model::Pred) -> Option<crate::domain::Truth> {
        self.whole.get(&(std::ptr::from_ref(p) as usize)).copied()
    }
}

impl<'a> Cx<'a> {
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

    /// The prose of one icp (a slice of [`Cx::prose`], which is in icp order).
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

    /// The possible scores of an icp's rubric.
    pub fn scores(&self, icp: usize) -> Option<&crate::scores::ScoreRange> {
        self.facts
            .get(icp)
            .and_then(Option::as_ref)
            .and_then(|f| f.scores.as_ref())
    }

    /// The possible scores of an icp's rubric and how each of its tiers fares (parallel to
    /// the tiers), when the icp has tiers and the scores are known.
    pub fn tier_reach(
        &self,
        icp: usize,
    ) -> Option<(&crate::scores::ScoreRange, &[crate::scores::Reach])> {
        let f = self.facts.get(icp).and_then(Option::as_ref)?;
        Some((f.scores.as_ref()?, &f.reach))
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

/// The lexicon for a configuration: the built-in one, or one built for the configured changes
/// and kept until the changes differ (the language server re-checks with one configuration).
fn lexicon_for(config: &crate::config::Config) -> Arc<Lexicon> {
    type Cache = Mutex<Option<((Vec<String>, Vec<String>), Arc<Lexicon>)>>;
    static CACHE: Cache = Mutex::new(None);
    if config.extra_vague.is_empty() && config.removed_vague.is_empty() {
        static BUILTIN: std::sync::LazyLock<Arc<Lexicon>> =
            std::sync::LazyLock::new(|| Arc::new(Lexicon::builtin().clone()));
        return BUILTIN.clone();
    }
    let key = (config.extra_vague.clone(), config.removed_vague.clone());
    let mut guard = match CACHE.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    };
    if let Some((k, lex)) = guard.as_ref() {
        if *k == key {
            return lex.clone();
        }
    }
    let lex = Arc::new(Lexicon::with_changes(
        &config.extra_vague,
        &config.removed_vague,
    ));
    *guard = Some((key, lex.clone()));
    lex
}

/// Collects every prose position the text checks read, with its phrases.
fn collect_prose<'a>(
    file: &'a ast::File,
    model: &crate::model::Model,
    lex: &Lexicon,
) -> Vec<Prose<'a>> {
    let mut out: Vec<Prose<'a>> = Vec::new();
    // Files repeat their prose (persona titles, pains, segment names): each text is scanned once.
    let mut scanned: rustc_hash::FxHashMap<(&'a str, Context), Arc<[Hit]>> = Default::default();
    for (icp_index, m) in model.icps.iter().enumerate() {
        // Icps of a file look alike: room for as much prose in each as the first had, rather
        // than growing (copying) a long list many times.
        if icp_index == 1 {
            out.reserve(out.len() * (model.icps.len() - 1));
        }
        let Some(ast::Item::Icp(icp)) = file.items.get(m.item) else {
            continue;
        };
        let mut push =
            |place: Place, text: &'a str, span: Span, expr_span: Option<Span>, has_window: bool| {
                let context = place.context();
                let hits = scanned
                    .entry((text, context))
                    .or_insert_with(|| judge(lex, text, context).into())
                    .clone();
                out.push(Prose {
                    icp: icp_index,
                    place,
                    text,
                    span,
                    expr_span,
                    has_window,
                    hits,
                });
            };
        if let Some(t) = &icp.title {
            push(Place::IcpTitle, &t.value, t.span, None, false);
        }
        let criteria =
            |block: &'static str,
             e: &'a Expr,
             push: &mut dyn FnMut(Place, &'a str, Span, Option<Span>, bool)| {
                e.walk(&mut |x| {
                    if let ExprKind::Prose { text, within } = &x.kind {
                        push(
                            Place::Criterion(block),
                            &text.value,
                            text.span,
                            Some(x.span),
                            within.is_some(),
                        );
                    }
                });
            };
        for st in &icp.body {
            match &st.kind {
                ast::StmtKind::Criteria { block, items } => {
                    for c in items {
                        criteria(block.keyword(), &c.expr, &mut push);
                    }
                }
                ast::StmtKind::Disqualify(ds) => {
                    for d in ds {
                        criteria("disqualify", &d.expr, &mut push);
                    }
                }
                ast::StmtKind::Rubric(items) => {
                    for it in items {
                        if let ast::RubricItem::Rule(r) = it {
                            criteria("rubric", &r.expr, &mut push);
                        }
                    }
                }
                ast::StmtKind::Segment(s) => {
                    if let Some(t) = &s.title {
                        push(Place::SegmentTitle, &t.value, t.span, None, false);
                    }
                    for c in &s.items {
                        criteria("segment", &c.expr, &mut push);
                    }
                }
                ast::StmtKind::Job { statement, props } => {
                    push(Place::Job, &statement.value, statement.span, None, false);
                    // A success measure is prose of the job.
                    for p in props.iter().filter(|p| p.key.name == "success") {
                        if let ast::ValueKind::Str(s) = &p.value.kind {
                            push(Place::Job, s, p.value.span, None, false);
                        }
                    }
                }
                ast::StmtKind::Pain { statement, .. } => {
                    push(Place::Pain, &statement.value, statement.span, None, false)
                }
                ast::StmtKind::Persona { title, props, .. } => {
                    if let Some(t) = title {
                        push(Place::Persona, &t.value, t.span, None, false);
                    }
                    // The objection quotes the buyer; the rest describes them.
                    for p in props.iter().filter(|p| p.key.name != "objection") {
                        if let ast::ValueKind::Str(s) = &p.value.kind {
                            push(Place::Persona, s, p.value.span, None, false);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// Runs every enabled quality check over an analysed file.
pub fn run_all(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let config = ctx.config;
    let today = config.today();
    let text_checks = [
        "vague-term",
        "solution-thinking",
        "weak-trigger",
        "unmeasurable-criterion",
    ];
    let prose = if text_checks.iter().any(|c| config.enabled(c)) {
        collect_prose(ctx.file, ctx.model, &lexicon_for(config))
    } else {
        Vec::new()
    };
    let value_checks = ["non-excluding", "unsatisfiable", "unreachable-tier"];
    let facts = if value_checks.iter().any(|c| config.enabled(c)) {
        ctx.model
            .icps
            .iter()
            .map(|icp| {
                ctx.model
                    .schema_of(icp)
                    .map(|s| Facts::compute(ctx.src, &Domain::new(s, today), icp))
            })
            .collect()
    } else {
        Vec::new()
    };
    let cx = Cx {
        src: ctx.src,
        file: ctx.file,
        model: ctx.model,
        config,
        today,
        prose,
        facts,
    };
    for check in REGISTRY {
        if let Some(run) = check.run {
            if ctx.config.enabled(check.doc.code) {
                run(&cx, out);
            }
        }
    }
}

/// Where a criterion of an icp sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pos {
    Block(ast::CriteriaBlock),
    /// Index into `IcpModel::rules`.
    Rule(usize),
    /// Index into `IcpModel::segments`.
    Segment(usize),
    /// Index into `IcpModel::disqualifiers`.
    Disqualifier(usize),
}

/// Every top-level criterion of an icp, with where it sits.
pub fn criteria(icp: &IcpModel) -> impl Iterator<Item = (Pos, &crate::model::Pred)> {
    let blocks = icp
        .blocks
        .iter()
        .flat_map(|b| b.preds.iter().map(move |p| (Pos::Block(b.block), p)));
    let rules = icp
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| (Pos::Rule(i), &r.pred));
    let segments = icp
        .segments
        .iter()
        .enumerate()
        .flat_map(|(i, s)| s.preds.iter().map(move |p| (Pos::Segment(i), p)));
    let disqualifiers = icp
        .disqualifiers
        .iter()
        .enumerate()
        .map(|(i, d)| (Pos::Disqualifier(i), &d.pred));
    blocks.chain(rules).chain(segments).chain(disqualifiers)
}

/// The field an atomic test is about.
pub fn atom_field(p: &crate::model::Pred) -> Option<crate::model::FieldId> {
    use crate::model::PredKind as K;
    match &p.kind {
        K::Cmp { field, .. }
        | K::Range { field, .. }
        | K::In { field, .. }
        | K::Has { field, .. }
        | K::Within { field, .. }
        | K::Bool { field }
        | K::Graded { field, .. } => Some(*field),
        _ => None,
    }
}

/// A type named with its article, as in "`employees` is an int".
pub fn type_phrase(ty: &crate::model::FieldType) -> &'static str {
    use crate::model::FieldType as T;
    match ty {
        T::Int => "an int",
        T::Number => "a number",
        T::Money => "money",
        T::Percent => "a percent",
        T::Text => "text",
        T::Bool => "a bool",
        T::Date => "a date",
        T::Duration => "a duration",
        T::Enum(_) => "an enum",
        T::Set(_) => "a set",
    }
}

/// A number as people write it: `10,000`, `2.5`.
pub fn fmt_num(r: &icp_syntax::literal::Rational) -> String {
    let s = icp_syntax::literal::format_rational(r);
    if s.contains('/') {
        return s;
    }
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s.as_str()),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A diagnostic of a check with its default severity (the configuration is applied later).
pub fn diag(doc: &CheckDoc, span: Span, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(doc.code, doc.severity, span, message)
}
