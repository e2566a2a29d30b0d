//! `weak-trigger`: a trigger with no time window, or one that names no event.

use icp_syntax::ast::CriteriaBlock;

use crate::diagnostic::{Diagnostic, Severity};
use crate::lexicon::Kind;
use crate::model::{FieldType, Pred, PredKind, SchemaModel};

use super::context::Ctx;
use super::doc::{CheckDoc, diag};
use super::vague_term::join;

pub static DOC: CheckDoc = CheckDoc {
    code: "weak-trigger",
    severity: Severity::Warning,
    summary: "A trigger with no time window, or one of the weak phrases (\"they might want it\").",
    what: "In a `triggers` block: prose without `within` (\"New CFO joined\" says what happened \
           but not how recently), a field test that is not about a date (`employees > 500` is a \
           state, not an event), and prose that names an attitude instead of an event: a state \
           of mind (\"curious about\", \"keen on\", \"worried about\", \"open to\", \
           \"exploring\", \"thinking about\"), a possibility (\"might\", \"could\", \
           \"likely\", \"would like\") or a possession (\"has budget\", \"in the market\"). \
           A trigger that opens with something that happened (a past verb: \"Hired\", \
           \"Announced\", \"Won\"; or \"New ...\") is an event whatever follows. Date tests \
           count as timed: `new_vp_eng within 60d`, `last_funding >= 2026-01-01`; in an `and`, \
           one timed part is enough, in an `or`, every side must be timed.",
    why: "A trigger is why an account buys *now*. Without a window, sales cannot tell a live \
          signal from one two years old; without an event, there is nothing to watch for \
          (\"ICP without trigger event\").",
    invalid: r#"icp buyers "HR teams at SaaS companies with 200-2,000 employees" {
  triggers {
    "New CFO joined"
  }
}
"#,
    valid: r#"icp buyers "HR teams at SaaS companies with 200-2,000 employees" {
  triggers {
    "New CFO joined" within 90d
  }
}
"#,
    notes: "**How it works.** Rules over the words of the trigger, no model: a trigger that \
            opens with a past verb (a regular `-ed` form that is not an attitude, or one of \
            about 25 irregular ones) or with \"New\" is an event; otherwise an attitude word \
            (about sixty: states of mind, possibilities, possessions) or phrase (\"open to\", \
            \"has budget\", \"in the market\") is flagged.\n\n\
            **How well it works.** Measured on the same labelled corpus as `vague-term` \
            (1,603 phrases in 22 industries, split once into `dev` for tuning and `test` for \
            scoring; see `vague-term` and `docs/benchmarks.md`). On `test`, `weak-trigger` \
            has precision 1.00 and recall 1.00 on 46 labelled triggers; with \
            `solution-thinking`, precision 0.99 and recall 1.00 on 85 (on `dev`, 1.00 and \
            0.99). The `test` split is small and the corpus and the rules were written by the \
            same people: expect misses on wordings neither foresaw.\n\n\
            **Its limits.** An attitude in words the list lacks (\"has a soft spot for\") is \
            missed. An event that does not open the trigger (\"the board announced ...\") does \
            not protect an attitude word after it, and an opening `-ed` word that is not an \
            event (\"Bored with spreadsheets\") protects the rest.",
};

/// Whether a trigger says when it happened.
fn timed(schema: Option<&SchemaModel>, p: &Pred) -> bool {
    let is_date = |f: usize| {
        schema
            .and_then(|s| s.fields.get(f))
            .is_some_and(|x| x.ty == FieldType::Date)
    };
    match &p.kind {
        PredKind::Within { .. } | PredKind::Invalid => true,
        PredKind::Cmp { field, .. }
        | PredKind::Range {
            field,
            negated: false,
            ..
        }
        | PredKind::In {
            field,
            negated: false,
            ..
        } => is_date(*field),
        PredKind::Prose { within, .. } => within.is_some(),
        PredKind::And(a, b) => timed(schema, a) || timed(schema, b),
        PredKind::Or(a, b) => timed(schema, a) && timed(schema, b),
        _ => false,
    }
}

pub fn run(cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for (i, icp, schema) in cx.icps() {
        for p in icp.block_preds(CriteriaBlock::Triggers) {
            let weak: Vec<String> = cx
                .prose_of(i)
                .iter()
                .filter(|x| {
                    x.expr_span
                        .is_some_and(|s| p.span.start <= s.start && s.end <= p.span.end)
                })
                .flat_map(|x| {
                    x.hits
                        .iter()
                        .filter(|h| h.kind == Kind::Weak)
                        .map(|h| format!("\"{}\"", &x.text[h.start..h.end]))
                })
                .collect();
            let has_window = timed(schema, p);
            let prose = matches!(p.kind, PredKind::Prose { .. });
            let text = cx.quote(p.span);
            let d = match (weak.is_empty(), has_window, prose) {
                (true, true, _) => continue,
                (false, false, _) => diag(
                    &DOC,
                    p.span,
                    format!("{text} names no event ({}) and gives no time window: it cannot tell you why an account would buy now", join(&weak)),
                )
                .with_help("name a change you could see at the account, with a window, as in `\"New VP People hired\" within 60d`"),
                (false, true, _) => diag(
                    &DOC,
                    p.span,
                    format!("this trigger describes an attitude ({}), not an event you could observe", join(&weak)),
                )
                .with_help("name a change at the account: a new leader, a funding round, a tool being replaced, a team hired"),
                (true, false, true) => diag(
                    &DOC,
                    p.span,
                    format!("the trigger {text} has no time window: sales cannot tell a fresh signal from an old one"),
                )
                .with_help(format!("add a window, as in `{text} within 90d`")),
                (true, false, false) => diag(
                    &DOC,
                    p.span,
                    format!("`{text}` is a state, not an event: it does not say why this account would buy now"),
                )
                .with_help("test a date with a window, as in `new_vp_eng within 60d`, or move the test to firmographics"),
            };
            out.push(d);
        }
    }
}
