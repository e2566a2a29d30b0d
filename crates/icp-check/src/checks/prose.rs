//! The prose of a file that the text checks read, each piece judged once.

use std::sync::Arc;

use icp_syntax::Span;
use icp_syntax::ast::{self, Expr, ExprKind};

use crate::lexicon::prose::{Context, judge};
use crate::lexicon::{Hit, Lexicon};

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

/// Collects every prose position the text checks read, with its phrases.
pub(super) fn collect_prose<'a>(
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
