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

/// Distinct texts past which the judging is shared among threads (a few milliseconds of work).
const JUDGE_ON_THREADS: usize = 2048;

/// Judges each distinct (text, context), in order; on several threads when there are many
/// (the judgment of one text depends on nothing else).
fn judge_all(lex: &Lexicon, keys: &[(&str, Context)]) -> Vec<Arc<[Hit]>> {
    let threads = if keys.len() < JUDGE_ON_THREADS {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    };
    judge_on(lex, keys, threads)
}

/// [`judge_all`] on `threads` threads.
fn judge_on(lex: &Lexicon, keys: &[(&str, Context)], threads: usize) -> Vec<Arc<[Hit]>> {
    let judge_run = |run: &[(&str, Context)]| -> Vec<Arc<[Hit]>> {
        run.iter().map(|&(t, c)| judge(lex, t, c).into()).collect()
    };
    if threads <= 1 || keys.len() < 2 {
        return judge_run(keys);
    }
    let size = keys.len().div_ceil(threads);
    std::thread::scope(|s| {
        let mut runs = keys.chunks(size);
        let first = runs.next().unwrap_or_default();
        let handles: Vec<_> = runs.map(|run| s.spawn(move || judge_run(run))).collect();
        let mut out = judge_run(first);
        for h in handles {
            match h.join() {
                Ok(more) => out.extend(more),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
}

/// A piece of prose found, before its text is judged: the [`Prose`] fields and the index of
/// its (text, context) among the distinct ones.
type Found<'a> = (usize, Place, &'a str, Span, Option<Span>, bool, u32);

/// Collects every prose position the text checks read, with its phrases.
pub(super) fn collect_prose<'a>(
    file: &'a ast::File,
    model: &crate::model::Model,
    lex: &Lexicon,
) -> Vec<Prose<'a>> {
    let mut found: Vec<Found<'a>> = Vec::new();
    // Files repeat their prose (persona titles, pains, segment names): each text is judged once.
    let mut keys: Vec<(&'a str, Context)> = Vec::new();
    let mut seen: rustc_hash::FxHashMap<(&'a str, Context), u32> = Default::default();
    for (icp_index, m) in model.icps.iter().enumerate() {
        // Icps of a file look alike: room for as much prose in each as the first had, rather
        // than growing (copying) a long list many times.
        if icp_index == 1 {
            found.reserve(found.len() * (model.icps.len() - 1));
        }
        let Some(ast::Item::Icp(icp)) = file.items.get(m.item) else {
            continue;
        };
        let mut push =
            |place: Place, text: &'a str, span: Span, expr_span: Option<Span>, has_window: bool| {
                let key = (text, place.context());
                let at = *seen.entry(key).or_insert_with(|| {
                    keys.push(key);
                    (keys.len() - 1) as u32
                });
                found.push((icp_index, place, text, span, expr_span, has_window, at));
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
    let judged = judge_all(lex, &keys);
    found
        .into_iter()
        .map(
            |(icp, place, text, span, expr_span, has_window, at)| Prose {
                icp,
                place,
                text,
                span,
                expr_span,
                has_window,
                hits: judged[at as usize].clone(),
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_judged_on_threads_are_judged_as_on_one() {
        let lex = crate::lexicon::Lexicon::builtin();
        let texts = [
            "Innovative companies that want to grow",
            "Splunk Enterprise Security customers",
            "Hired a VP of People in the last 90 days",
            "Curious about AI",
            "Teams that lack a tool like ours",
            "US HR teams at SaaS companies with 200-2,000 employees",
            "Fast-growing fintechs",
        ];
        let contexts = [
            Context::Criterion,
            Context::Trigger,
            Context::Title,
            Context::Pain,
        ];
        let keys: Vec<(&str, Context)> = texts
            .iter()
            .flat_map(|t| contexts.iter().map(move |c| (*t, *c)))
            .collect();
        let one = judge_on(lex, &keys, 1);
        assert_eq!(one.len(), keys.len());
        assert!(one.iter().filter(|h| !h.is_empty()).count() >= 8);
        for threads in [2, 3, 5, 64] {
            assert_eq!(judge_on(lex, &keys, threads), one, "{threads} threads");
        }
    }
}
