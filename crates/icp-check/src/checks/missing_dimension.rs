//! `missing-dimension`: an icp lacks a required dimension block.

use crate::diagnostic::{Diagnostic, Edit, Severity};
use crate::model::IcpModel;

use super::context::Ctx;
use super::doc::{CheckDoc, diag};
use super::vague_term::join;

pub static DOC: CheckDoc = CheckDoc {
    code: "missing-dimension",
    severity: Severity::Warning,
    summary: "An icp lacks a required block (default: firmographics, job, triggers, reach, disqualify, rubric).",
    what: "An icp without one or more of the required dimension blocks. One finding per icp, \
           at its header, lists every missing block. `icpc check --fix` adds a skeleton of \
           each missing block, with comments and placeholders to fill in.",
    why: "Each required block answers a question sales will ask: who (firmographics), what \
          for (job), why now (triggers), where to find them (reach: an unreachable ICP is \
          academic), who is out (disqualify) and how to qualify a lead (rubric). A missing \
          block is a question left to each rep's guess.",
    invalid: r#"icp buyers "HR teams at SaaS companies with 200-2,000 employees" {
  firmographics {
  }
  job "Report people metrics to the board without spreadsheets" {
    kind functional
  }
  triggers {
    "New CFO joined" within 90d
  }
  disqualify {
  }
  rubric {
    tier all otherwise
  }
}
"#,
    valid: r#"icp buyers "HR teams at SaaS companies with 200-2,000 employees" {
  firmographics {
  }
  job "Report people metrics to the board without spreadsheets" {
    kind functional
  }
  triggers {
    "New CFO joined" within 90d
  }
  reach {
    channel event "SHRM Annual Conference"
  }
  disqualify {
  }
  rubric {
    tier all otherwise
  }
}
"#,
    notes: "Configuration: `[checks.missing-dimension] required = [\"firmographics\", …]` sets \
            the required blocks.",
};

/// Why each block matters, for the message.
fn purpose(block: &str) -> &'static str {
    match block {
        "firmographics" => "who they are",
        "tech_stack" => "what they run",
        "behaviors" => "how they buy",
        "persona" => "who signs",
        "job" => "what they hire you for",
        "pain" => "what hurts",
        "alternatives" => "what they do today",
        "triggers" => "why now",
        "budget" => "who pays",
        "reach" => "where to find them",
        "disqualify" => "who is out",
        "rubric" => "how to qualify a lead",
        "segment" => "the ideal of the ideal",
        "messaging" => "what to say",
        _ => "",
    }
}

/// A block to fill in, at one level of indentation inside the icp.
fn skeleton(block: &str, ind: &str) -> String {
    let body: &[&str] = match block {
        "firmographics" => &["firmographics {", "  # employees in 200..2000", "}"],
        "tech_stack" => &["tech_stack {", "  # crm in [salesforce, hubspot]", "}"],
        "behaviors" => &[
            "behaviors {",
            "  # \"Evaluates tools through a free trial\"",
            "}",
        ],
        "persona" => &[
            "persona buyer \"TODO: the buyer's title\" {",
            "  role \"TODO: what they own\"",
            "}",
        ],
        "job" => &[
            "job \"TODO: the job your customer needs done\" {",
            "  kind functional",
            "}",
        ],
        "pain" => &[
            "pain \"TODO: what hurts today\" {",
            "  cost \"TODO: what it costs them\"",
            "}",
        ],
        "alternatives" => &["alternatives {", "  \"TODO: how they do it today\"", "}"],
        "triggers" => &[
            "triggers {",
            "  \"TODO: the event that makes them buy now\" within 90d",
            "}",
        ],
        "budget" => &["budget {", "  recommends \"TODO: who recommends\"", "}"],
        "reach" => &[
            "reach {",
            "  channel community \"TODO: where they gather\"",
            "}",
        ],
        "disqualify" => &[
            "disqualify {",
            "  # field == value because \"why these accounts never buy\"",
            "}",
        ],
        "rubric" => &[
            "rubric {",
            "  # rule NAME +1 \"label\" : criterion",
            "  tier qualified otherwise",
            "}",
        ],
        "segment" => &[
            "segment ideal \"TODO: the ideal of the ideal\" {",
            "  # criteria narrower than the icp's",
            "}",
        ],
        "messaging" => &["messaging {", "  \"TODO: what to say to them\"", "}"],
        _ => &[],
    };
    body.iter().map(|l| format!("{ind}{l}\n")).collect()
}

/// The edit that adds the skeletons before the icp's closing brace.
fn fix(cx: &Ctx<'_>, icp: &IcpModel, missing: &[&str]) -> Option<Edit> {
    let end = icp.span.end as usize;
    let close = end.checked_sub(1)?;
    if cx.src.as_bytes().get(close) != Some(&b'}') {
        return None;
    }
    let ast = cx.icp_ast(icp)?;
    // One indentation step: the column of the first statement, else two spaces.
    let ind = match ast.body.first() {
        Some(st) => {
            let start = st.span.start as usize;
            let line_start = cx.src.get(..start)?.rfind('\n').map_or(0, |i| i + 1);
            let lead = cx.src.get(line_start..start)?;
            if !lead.is_empty() && lead.chars().all(|c| c == ' ' || c == '\t') {
                lead.to_string()
            } else {
                "  ".into()
            }
        }
        None => "  ".into(),
    };
    let text: String = missing.iter().map(|b| skeleton(b, &ind)).collect();
    let line_start = cx.src.get(..close)?.rfind('\n').map_or(0, |i| i + 1);
    let before = cx.src.get(line_start..close)?;
    if before.trim().is_empty() && line_start > 0 {
        Some(Edit {
            span: icp_syntax::Span::new(line_start, line_start),
            replacement: text,
        })
    } else {
        Some(Edit {
            span: icp_syntax::Span::new(close, close),
            replacement: format!("\n{text}"),
        })
    }
}

pub fn run(cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for (_, icp, _) in cx.icps() {
        let missing: Vec<&str> = cx
            .config
            .required
            .iter()
            .map(String::as_str)
            .filter(|b| !icp.dimensions.contains(b))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let names: Vec<String> = missing
            .iter()
            .map(|b| format!("`{b}` ({})", purpose(b)))
            .collect();
        let mut d = diag(
            &DOC,
            icp.header_span,
            format!(
                "the icp `{}` has no {} {}: sales would have to guess",
                icp.name,
                join(&names),
                if missing.len() == 1 {
                    "block"
                } else {
                    "blocks"
                }
            ),
        )
        .with_help(format!(
            "add {}; `icpc check --fix` adds {} to fill in",
            join(
                &missing
                    .iter()
                    .map(|b| format!("a `{b}` block"))
                    .collect::<Vec<_>>()
            ),
            if missing.len() == 1 {
                "a skeleton"
            } else {
                "skeletons"
            }
        ));
        if let Some(e) = fix(cx, icp, &missing) {
            d = d.with_unsafe_fix(
                format!(
                    "add {}",
                    join(&missing.iter().map(|b| format!("`{b}`")).collect::<Vec<_>>())
                ),
                vec![e],
            );
        }
        out.push(d);
    }
}
