//! `solution-thinking`: the ICP described by the product instead of the customer.

use crate::diagnostic::{Diagnostic, Severity};
use crate::lexicon::Kind;

use super::vague_term::join;
use super::{CheckDoc, Cx, diag};

pub static DOC: CheckDoc = CheckDoc {
    code: "solution-thinking",
    severity: Severity::Warning,
    summary: "The ICP is defined by the product: \"companies that need X\", \"use our product\".",
    what: "Prose that describes the customer through the product: \"companies that need …\", \
           \"would benefit from our …\", \"use our product\", \"our platform\". It is read in \
           the same places as `vague-term`: the icp's title, prose criteria, jobs, pains, \
           personas and segment titles.",
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
    notes: "",
};

pub fn run(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
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
