//! `stale-review`: the icp's `reviewed` date is older than its refresh cadence.

use icp_syntax::literal::civil_from_days;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::CADENCES;

use super::context::Ctx;
use super::doc::{CheckDoc, diag};
use super::format::fmt_num;

pub static DOC: CheckDoc = CheckDoc {
    code: "stale-review",
    severity: Severity::Warning,
    summary: "`reviewed` is older than the refresh cadence.",
    what: "An icp whose `reviewed` date lies further back than its `refresh` cadence (its own \
           `refresh` statement, else the configured default, quarterly = 92 days), as of \
           today. `icpc check --today DATE` sets today, for reproducible runs. The example is \
           judged as of 2026-11-23.",
    why: "Markets, products and the accounts that buy move. A profile nobody has revisited in \
          a year steers sales towards last year's customers (\"revisit the ICP quarterly\").",
    invalid: r#"icp buyers "HR teams at SaaS companies with 200-2,000 employees" {
  reviewed 2024-01-15
  refresh quarterly
}
"#,
    valid: r#"icp buyers "HR teams at SaaS companies with 200-2,000 employees" {
  reviewed 2026-10-05
  refresh quarterly
}
"#,
    notes: "Configuration: `[checks.stale-review] cadence = \"quarterly\"` (or \"monthly\", \
            \"yearly\", a duration such as \"90d\") for icps without a `refresh` statement.",
};

fn cadence_name(days: i64) -> String {
    match CADENCES.iter().find(|(_, d)| *d == days) {
        Some((name, _)) => format!("{days} days ({name})"),
        None => format!("{days} days"),
    }
}

pub fn run(cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for (_, icp, _) in cx.icps() {
        let Some((reviewed, span)) = icp.reviewed else {
            continue;
        };
        let (cadence, from) = match icp.refresh {
            Some((d, s)) => (d, Some(s)),
            None => (cx.config.cadence_days, None),
        };
        let age = cx.today.saturating_sub(reviewed);
        if age <= cadence {
            continue;
        }
        let date = civil_from_days(reviewed);
        let today = civil_from_days(cx.today);
        let mut d = diag(
            &DOC,
            span,
            format!(
                "the icp `{}` was last reviewed on {date}, longer ago than its refresh cadence of {}",
                icp.name,
                cadence_name(cadence)
            ),
        )
        .with_help(format!(
            "it is {} days old as of {today}: review the profile against recent wins and losses, then set `reviewed` to the date of that review",
            fmt_num(&icp_syntax::literal::Rational::from_integer(i128::from(age)))
        ));
        match from {
            Some(s) => d = d.with_label(s, "the cadence is set here"),
            None => {
                let src = if cx.config.source.is_some() {
                    "set in icp.toml"
                } else {
                    "the default"
                };
                d.message.push_str(&format!(", {src}"));
            }
        }
        out.push(d);
    }
}
