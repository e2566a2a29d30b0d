//! `vague-term`: prose that uses fluff which excludes no one.

use crate::diagnostic::{Diagnostic, Severity};
use crate::lexicon::Kind;

use super::{CheckDoc, Cx, diag};

pub static DOC: CheckDoc = CheckDoc {
    code: "vague-term",
    severity: Severity::Warning,
    summary: "Prose uses fluff that excludes no one (\"innovative\", \"growing\", \"everyone\").",
    what: "Phrases from a curated list in the prose of an icp: its title, prose criteria of every \
           block, jobs and their success measures, pains, personas (not their objections, which \
           quote the buyer) and segment titles. The list holds words every company claims \
           (\"innovative\", \"modern\", \"forward-thinking\", \"best-in-class\", \"tech-savvy\"), \
           audiences that are everyone (\"everyone\", \"any company\", \"decision makers\", \
           \"companies that want to grow\"), and size or growth words (\"enterprise\", \
           \"mid-market\", \"growing\", \"startups\") that are vague only without a number: \
           \"Enterprise: 1,000+ employees\" is precise. Matching is on whole words, ignoring \
           case, plurals and hyphens. One finding per piece of prose, with a label on every \
           phrase. Rule labels are not read: the rule's criterion says what they mean.",
    why: "Every company thinks it is innovative and growing: a profile written in such words \
          cannot tell a good account from a bad one, and sales cannot build a list from it \
          (\"ICP = everyone\").",
    invalid: r#"icp buyers "Innovative companies that want to grow" {
}
"#,
    valid: r#"icp buyers "US HR teams at SaaS companies with 200-2,000 employees" {
}
"#,
    notes: "Configuration: `[checks.vague-term] extra-phrases = [..]` adds phrases, \
            `removed-phrases = [..]` drops built-in ones.",
};

pub fn run(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for prose in &cx.prose {
        let hits: Vec<_> = prose
            .hits
            .iter()
            .filter(|h| matches!(h.kind, Kind::Vague | Kind::VagueUnlessNumber))
            .collect();
        let Some(first) = hits.first() else { continue };
        let quoted: Vec<String> = hits
            .iter()
            .map(|h| format!("\"{}\"", &prose.text[h.start..h.end]))
            .collect();
        let message = format!(
            "{} uses {} {}, which {} no one: every company claims {}",
            prose.place.describe(),
            if hits.len() == 1 {
                "the vague phrase"
            } else {
                "the vague phrases"
            },
            join(&quoted),
            if hits.len() == 1 {
                "excludes"
            } else {
                "exclude"
            },
            if hits.len() == 1 { "it" } else { "them" },
        );
        let sized = hits.iter().any(|h| h.kind == Kind::VagueUnlessNumber);
        let help = if sized {
            "say it with a number you could filter on, as in \"Enterprise: 1,000+ employees\" or \"growing headcount 20%+ a year\""
        } else {
            "replace it with what you could check in an account list: a size, an industry, a technology, a recent event"
        };
        let mut d = diag(
            &DOC,
            cx.sub_span(prose.text, prose.span, first.start, first.end),
            message,
        )
        .with_help(help);
        for h in &hits[1..] {
            d = d.with_label(
                cx.sub_span(prose.text, prose.span, h.start, h.end),
                "also vague",
            );
        }
        out.push(d);
    }
}

/// `a`, `a and b`, `a, b and c`.
pub(super) fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
