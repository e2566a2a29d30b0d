//! `vague-term`: prose that uses fluff which excludes no one.

use crate::diagnostic::{Diagnostic, Edit, Severity};
use crate::lexicon::Kind;
use crate::model::{FieldType, SchemaModel};

use super::context::Ctx;
use super::doc::{CheckDoc, diag};
use super::prose::Place;

pub static DOC: CheckDoc = CheckDoc {
    code: "vague-term",
    severity: Severity::Warning,
    summary: "Prose uses fluff that excludes no one (\"innovative\", \"growing\", \"everyone\").",
    what: "Prose that excludes no one, in the prose of an icp: its title, prose criteria of \
           every block, jobs and their success measures, pains, personas (not their objections, \
           which quote the buyer) and segment titles. Found by a curated list of phrases \
           (\"innovative\", \"best-in-class\", \"companies that want to grow\", cliches \
           such as \"digital transformation\") and by rules that generalise beyond it: \
           self-describing compounds (`X-forward`, `X-first`, `X-savvy`, `X-minded`, \
           `X-driven`, `X-centric`, `X-focused`, \"well-funded\", \"best-run\"); degree words \
           and evaluative nouns (\"sizeable\", \"significant\", \"strong\", \"large\", \
           \"excellence\", \"momentum\", \"trajectory\") unless a number measures them; \
           quantifiers over everyone (\"any bank\", \"every school\", \"of all sizes\") \
           unless scoped; audiences that name no role (\"security leaders\", \
           \"stakeholders\"); pains of three words or fewer with no number (\"Burnout\"); short \
           jobs that open with an aspiration verb (\"Transform patient experience\"). Names are \
           not adjectives: quoted words, capitalised words mid-sentence and runs of them \
           (\"Splunk Enterprise Security\", \"Modern Treasury\"), a product's tier \
           (\"Enterprise plan\") and a short list of known names are skipped. A number \
           sharpens a size or growth word only when it measures a quantity: \"grew headcount \
           30% in 12 months\" is precise, \"hungry for growth in 3+ states\" is not (the \
           number counts states). Every finding quotes the words and says why each is vague; \
           one finding per piece of prose. Rule labels are not read: the rule's criterion says \
           what they mean.",
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
            `removed-phrases = [..]` drops built-in ones (the rules beyond the list are not \
            configurable).\n\n\
            **Suggested criterion.** When the icp's schema has a field that measures what the \
            phrase gestures at, the help names the criterion and the language server offers \
            it as a quick fix on a prose criterion: growth words (\"fast-growing\", \
            \"hungry for growth\", \"momentum\") with a `headcount_growth`, `growth`, \
            `revenue_growth` or `arr_growth` field become `headcount_growth >= 30%`; size words \
            with an `employees` (or `headcount`) field become `employees >= 1000`, \
            `employees <= 50` or `employees in 200..2000`. The value is a placeholder: the \
            quick fix is never the preferred one and `icpc check --fix` does not apply it.\n\n\
            **How it works.** No model and no training: each piece of prose is split into \
            words once, each word is looked up once in a table of the word lists (its category \
            and the lists it belongs to), and a handful of rules look at a word's neighbours \
            (the word a number or a name attaches to, a hyphen, a quote, a capital, what a \
            quantifier is scoped to). Every finding can be traced to one list entry or one \
            rule, and the message says which. It costs a few microseconds per piece of prose, \
            and a text that repeats in a file is judged once.\n\n\
            **How well it works.** The rules are measured on a labelled corpus of 1,603 short \
            ICP phrases (titles, criteria, segments, personas, jobs, pains, triggers) in 22 \
            industries, each labelled with the codes a careful reviewer expects or none, hard \
            negatives included (names, scoped quantifiers, sharp phrases with a vague word in \
            them): `crates/icp-check/corpus/prose/phrases.tsv`. It was split once, by a hash \
            of each phrase, into `dev` (1,072 phrases, which the rules were tuned on) and `test` (531, only \
            scored). On `test`, `vague-term` has precision 0.95 and recall 0.94 (on `dev`, \
            0.98 and 0.99); `cargo run -p icp-check --example prose_eval` prints the table, \
            `docs/benchmarks.md` records it, and a test fails when `test` falls below \
            precision 0.95 or recall 0.90.\n\n\
            **Its limits.** The phrases and the rules were written by the same people, and the \
            `test` rows were seen (though not tuned on) while the rules were written, so the \
            figures measure wordings the rules were not written for, not writing by another \
            hand: expect lower figures on prose in another style, and in other languages (the \
            lists are English). Known misses: vague words the lists and patterns do not know \
            (\"rural providers\", \"quality craftsmanship\"); a vague pain of four words or \
            more with no cliche; a sharp compound with no number (\"customer-centric \
            metrics: NPS reported quarterly\" is flagged). A capital mid-sentence is read as a \
            name, so \"a Modern approach\" goes unflagged; in Title Case text capitals say \
            nothing, so only quotes, tier words and the known names protect a name there.",
};

pub fn run(cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for prose in &cx.prose {
        let hits: Vec<_> = prose
            .hits
            .iter()
            .filter(|h| matches!(h.kind, Kind::Vague | Kind::VagueUnlessNumber))
            .collect();
        let Some(first) = hits.first() else { continue };
        let quoted: Vec<String> = hits
            .iter()
            .map(|h| format!("\"{}\" ({})", &prose.text[h.start..h.end], h.why))
            .collect();
        let message = format!(
            "{} uses {} {}: {} no one",
            prose.place.describe(),
            if hits.len() == 1 {
                "the vague phrase"
            } else {
                "the vague phrases"
            },
            join(&quoted),
            if hits.len() == 1 {
                "it excludes"
            } else {
                "they exclude"
            },
        );
        let sized = hits.iter().any(|h| h.kind == Kind::VagueUnlessNumber);
        let schema = cx
            .model
            .icps
            .get(prose.icp)
            .and_then(|m| cx.model.schema_of(m));
        let suggestion = schema.and_then(|s| {
            hits.iter()
                .find_map(|h| suggest(s, &prose.text[h.start..h.end]))
        });
        let help = match &suggestion {
            Some(c) => format!(
                "say it with the field that measures it, as in `{}` ({} is a placeholder: confirm it)",
                c.criterion, c.placeholder
            ),
            None if sized => "say it with a number you could filter on, as in \"Enterprise: 1,000+ employees\" or \"growing headcount 20%+ a year\"".to_string(),
            None => "replace it with what you could check in an account list: a size, an industry, a technology, a recent event".to_string(),
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
        // A prose criterion (not a trigger, which needs an event) can become the test.
        if let (Some(c), Place::Criterion(block), Some(expr)) =
            (&suggestion, prose.place, prose.expr_span)
        {
            if block != "triggers" {
                d = d.with_suggestion(
                    format!(
                        "replace with `{}` ({} is a placeholder: confirm it)",
                        c.criterion, c.placeholder
                    ),
                    vec![Edit {
                        span: expr,
                        replacement: c.criterion.clone(),
                    }],
                );
            }
        }
        out.push(d);
    }
}

/// A criterion that says with a field of the schema what a vague phrase gestures at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub criterion: String,
    /// The value the author must confirm.
    pub placeholder: String,
}

/// Fields that measure growth and size, best first.
const GROWTH_FIELDS: &[&str] = &[
    "headcount_growth",
    "employee_growth",
    "growth",
    "revenue_growth",
    "arr_growth",
];
const SIZE_FIELDS: &[&str] = &["employees", "headcount", "employee_count", "num_employees"];

/// The suggestion for a vague phrase, when the schema has a field that measures what it
/// gestures at: growth ("fast-growing", "hungry for growth", "momentum") and a growth field
/// of percents or numbers; size ("large", "enterprise", "mid-market", "small") and a count of
/// employees.
pub fn suggest(schema: &SchemaModel, phrase: &str) -> Option<Suggestion> {
    let p = phrase.to_lowercase();
    let numeric =
        |ty: &FieldType| matches!(ty, FieldType::Int | FieldType::Number | FieldType::Percent);
    let field = |names: &[&str]| {
        names.iter().find_map(|n| {
            schema
                .fields
                .iter()
                .find(|f| f.name == *n && numeric(&f.ty))
        })
    };
    let growth = ["grow", "scal", "momentum", "trajectory", "high-growth"];
    if growth.iter().any(|g| p.contains(g)) {
        let f = field(GROWTH_FIELDS)?;
        let value = if f.ty == FieldType::Percent {
            "30%"
        } else {
            "30"
        };
        return Some(Suggestion {
            criterion: format!("{} >= {value}", f.name),
            placeholder: value.to_string(),
        });
    }
    let f = field(SIZE_FIELDS)?;
    let size = |w: &str| -> Option<(String, &'static str)> {
        Some(match w {
            "large" | "larger" | "big" | "bigger" | "huge" | "massive" | "sizeable" | "sizable"
            | "enterprise" | "substantial" | "significant" => {
                (format!("{} >= 1000", f.name), "1000")
            }
            "small" | "smaller" | "smb" | "small business" => (format!("{} <= 50", f.name), "50"),
            "mid-market" | "midmarket" | "mid-sized" | "mid-size" | "midsize" | "midsized" => {
                (format!("{} in 200..2000", f.name), "200..2000")
            }
            _ => return None,
        })
    };
    // The first size word of the phrase ("large" in "large company").
    let (criterion, placeholder) = p.split_whitespace().find_map(size)?;
    Some(Suggestion {
        criterion,
        placeholder: placeholder.to_string(),
    })
}

/// `a`, `a and b`, `a, b and c`.
pub(super) fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
