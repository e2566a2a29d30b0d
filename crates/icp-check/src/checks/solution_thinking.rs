//! `solution-thinking`: the ICP described by the product instead of the customer.

use crate::diagnostic::{Diagnostic, Severity};
use crate::lexicon::Kind;

use super::context::Ctx;
use super::doc::{CheckDoc, diag};
use super::vague_term::join;

pub static DOC: CheckDoc = CheckDoc {
    code: "solution-thinking",
    severity: Severity::Warning,
    summary: "The ICP is defined by the product: \"companies that need X\", \"use our product\".",
    what: "Prose that describes the customer through the product. Three signals: the \
           vendor speaking of itself (\"our\", \"ours\", \"us\", \"we\": \"operators who \
           should switch to our app\", \"teams that lack a tool like ours\"); needing, lacking \
           or looking for a product (\"clinics that need a better intake solution\", \
           \"companies looking for a scheduling tool\"); and listed phrases (\"would benefit \
           from\", \"our platform\"). Jobs and pains may be written in the customer's own \
           voice (\"close our books in 5 days\"), so there a pronoun counts only when it points \
           at a tool (\"with our app\", \"adopt our platform\"), when the customer is spoken of \
           in the third person (\"they can't see our alerts\"), or as `ours`. \"US\" in capitals \
           is the country. Needing to meet an obligation (\"banks that need to report CECL \
           allowances\") is a trait, not solution-thinking. It is read in the same places as \
           `vague-term`: the icp's title, prose criteria, jobs, pains, personas and segment \
           titles.",
    why: "An ICP defined by the product (\"companies that need our analytics platform\") is \
          circular: it names no trait sales could find in an account list, and it assumes the \
          need instead of describing the situation that creates it. Jobs to be done are the \
          customer's jobs, which exist without you.",
    invalid: r#"icp buyers "HR teams at SaaS companies with 200-2,000 employees" {
  job "Companies that need our analytics platform" {
    kind functional
  }
}
"#,
    valid: r#"icp buyers "HR teams at SaaS companies with 200-2,000 employees" {
  job "Report people metrics to the board without assembling spreadsheets by hand" {
    kind functional
  }
}
"#,
    notes: "**How it works.** Rules over the words of the prose, no model: the vendor's \
            pronouns, a verb of needing or lacking followed within a few words by a product \
            noun (\"tool\", \"platform\", \"solution\", \"app\", \"CRM\", ...), and a \
            short list of phrases. Every finding quotes the words that triggered it.\n\n\
            **How well it works.** Measured on the same labelled corpus as `vague-term` \
            (1,603 phrases in 22 industries, split once into `dev` for tuning and `test` for \
            scoring; see `vague-term` and `docs/benchmarks.md`). On `test`, \
            `solution-thinking` has precision 0.98 and recall 1.00 on 39 labelled phrases; \
            with `weak-trigger`, precision 0.99 and recall 1.00 on 85 (on `dev`, 1.00 and \
            0.99). The `test` split is small, so one phrase moves these figures by 2-3 \
            points, and the corpus and the rules were written by the same people.\n\n\
            **Its limits.** A product described without a product noun or a pronoun (\"no \
            good answer exists for them today\") is missed; so is a product noun the list \
            lacks (\"a fix\", \"an answer\"). A pain in the customer's voice that says \
            \"they\" of someone else and \"our\" of itself can be flagged.",
};

pub fn run(cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for prose in &cx.prose {
        let hits: Vec<_> = prose
            .hits
            .iter()
            .filter(|h| h.kind == Kind::Solution)
            .collect();
        let Some(first) = hits.first() else { continue };
        let quoted: Vec<String> = hits
            .iter()
            .map(|h| format!("\"{}\"", &prose.text[h.start..h.end]))
            .collect();
        let mut d = diag(
            &DOC,
            cx.sub_span(prose.text, prose.span, first.start, first.end),
            format!(
                "{} defines the customer by the product ({}): it names no trait you could find in an account list",
                prose.place.describe(),
                join(&quoted)
            ),
        )
        .with_help("describe the customer's situation or goal as it exists without your product, e.g. \"Report people metrics to the board without spreadsheets\"");
        for h in &hits[1..] {
            d = d.with_label(
                cx.sub_span(prose.text, prose.span, h.start, h.end),
                "also about the product",
            );
        }
        out.push(d);
    }
}
