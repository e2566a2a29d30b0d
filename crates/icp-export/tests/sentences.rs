//! Every criterion form as a sentence, read from real source through the parser and the
//! checker's model (field types decide the wording).

use icp_check::{Config, analyze};
use icp_export::sentence::{Sentences, duration, words};
use icp_syntax::ast::{Item, StmtKind};

const SCHEMA: &str = r#"
schema crm {
  employees: int
  founded: int
  revenue: money
  growth: percent
  margin: number
  country: text
  industry: enum [saas, services, retail, public_sector]
  hris: enum [workday, in_house]
  bi_tools: set [looker, tableau, mode]
  stack: set [kubernetes, terraform]
  vp_people_hired: date
  signed: date
  decision_in: duration
  pain_confirmed: bool
  grade: int
}
"#;

/// The sentence of each criterion written in a `firmographics` block (or as the rule of a
/// rubric for `graded`).
fn say_all(criteria: &[&str]) -> Vec<String> {
    let body: String = criteria.iter().map(|c| format!("    {c}\n")).collect();
    let src = format!("{SCHEMA}\nicp t \"T\" {{\n  uses crm\n  firmographics {{\n{body}  }}\n}}\n");
    let a = analyze(&src, &Config::default());
    let errors: Vec<_> = a
        .diagnostics
        .iter()
        .filter(|d| d.severity == icp_check::Severity::Error)
        .map(|d| d.message.clone())
        .collect();
    assert!(errors.is_empty(), "{errors:?} in\n{src}");
    let say = Sentences {
        src: &src,
        schema: a.model.schemas.first(),
    };
    let Some(Item::Icp(icp)) = a.file.items.get(1) else {
        panic!("no icp");
    };
    icp.body
        .iter()
        .find_map(|s| match &s.kind {
            StmtKind::Criteria { items, .. } => {
                Some(items.iter().map(|c| say.criterion(&c.expr)).collect())
            }
            _ => None,
        })
        .expect("a criteria block")
}

fn say(criterion: &str) -> String {
    say_all(&[criterion]).remove(0)
}

#[test]
fn ranges_read_as_spans() {
    assert_eq!(say("employees in 200..2000"), "200 to 2,000 employees");
    assert_eq!(
        say("employees not in 200..2000"),
        "fewer than 200 or more than 2,000 employees"
    );
    assert_eq!(say("revenue in 5M..20M"), "revenue of 5M to 20M");
    assert_eq!(
        say("founded in 2000..2020"),
        "founded between 2000 and 2020"
    );
    assert_eq!(
        say("employees in 10_000..250000"),
        "10,000 to 250,000 employees"
    );
    assert_eq!(
        say("signed in 2026-01-01..2026-06-30"),
        "signed between 2026-01-01 and 2026-06-30"
    );
    assert_eq!(
        say("signed not in 2026-01-01..2026-06-30"),
        "signed before 2026-01-01 or after 2026-06-30"
    );
    assert_eq!(say("growth in 10%..50%"), "growth of 10% to 50%");
}

#[test]
fn comparisons_read_by_field_kind() {
    assert_eq!(say("revenue >= 5M"), "revenue of at least 5M");
    assert_eq!(say("revenue < 1500000"), "revenue of less than 1,500,000");
    assert_eq!(say("employees < 50"), "fewer than 50 employees");
    assert_eq!(say("employees <= 2000"), "at most 2,000 employees");
    assert_eq!(say("employees > 50"), "more than 50 employees");
    assert_eq!(say("employees >= 200"), "at least 200 employees");
    assert_eq!(say("employees == 7"), "exactly 7 employees");
    assert_eq!(say("employees != 7"), "other than 7 employees");
    assert_eq!(say("founded <= 2021"), "founded is at most 2021");
    assert_eq!(say("margin > -3.5"), "margin of more than -3.5");
    assert_eq!(say("growth >= 30%"), "growth of at least 30%");
    assert_eq!(say("country == \"US\""), "country is \"US\"");
    assert_eq!(say("country != \"US\""), "country is not \"US\"");
    assert_eq!(say("hris == in_house"), "HRIS is in house");
    assert_eq!(say("hris != workday"), "HRIS is not workday");
}

#[test]
fn durations_and_dates_are_spelt_out() {
    assert_eq!(say("decision_in <= 6mo"), "decision in is at most 6 months");
    assert_eq!(say("decision_in < 1w"), "decision in is less than 1 week");
    assert_eq!(
        say("vp_people_hired within 60d"),
        "VP people hired within the last 60 days"
    );
    assert_eq!(say("signed within 2y"), "signed within the last 2 years");
    assert_eq!(say("signed >= 2026-10-05"), "signed on or after 2026-10-05");
    assert_eq!(say("signed < 2026-10-05"), "signed before 2026-10-05");
    assert_eq!(say("signed == 2026-10-05"), "signed on 2026-10-05");
    assert_eq!(duration("1d"), "1 day");
    assert_eq!(duration("1_000d"), "1,000 days");
}

#[test]
fn membership_keeps_value_names() {
    assert_eq!(
        say("industry in [saas, services]"),
        "industry is SaaS or services"
    );
    assert_eq!(
        say("industry in [saas, services, public_sector]"),
        "industry is SaaS, services or public sector"
    );
    assert_eq!(say("industry not in [retail]"), "industry is not retail");
    assert_eq!(
        say("industry not in [retail, services]"),
        "industry is neither retail nor services"
    );
    assert_eq!(
        say("industry not in [retail, services, saas]"),
        "industry is none of retail, services and SaaS"
    );
    assert_eq!(
        say("country in [\"US\", \"CA\"]"),
        "country is \"US\" or \"CA\""
    );
}

#[test]
fn set_tests_read_as_include() {
    assert_eq!(say("bi_tools has any [looker]"), "BI tools include looker");
    assert_eq!(
        say("bi_tools has any [looker, tableau, mode]"),
        "BI tools include looker, tableau or mode"
    );
    assert_eq!(
        say("stack has all [kubernetes, terraform]"),
        "stack includes kubernetes and terraform"
    );
    assert_eq!(
        say("bi_tools has none [looker]"),
        "BI tools do not include looker"
    );
    assert_eq!(
        say("bi_tools has none [looker, mode]"),
        "BI tools include neither looker nor mode"
    );
    assert_eq!(
        say("not bi_tools has any [looker, mode]"),
        "BI tools include neither looker nor mode"
    );
}

#[test]
fn bools_not_and_or() {
    assert_eq!(say("pain_confirmed"), "pain confirmed is true");
    assert_eq!(say("not pain_confirmed"), "pain confirmed is false");
    assert_eq!(say("not employees >= 200"), "fewer than 200 employees");
    assert_eq!(
        say("not (employees in 1..5)"),
        "fewer than 1 or more than 5 employees"
    );
}

#[test]
fn connectives_group_with_parentheses() {
    assert_eq!(
        say("hris in [workday] and revenue >= 20M"),
        "HRIS is workday and revenue of at least 20M"
    );
    assert_eq!(
        say("employees >= 200 and (industry in [saas] or pain_confirmed)"),
        "at least 200 employees and (industry is SaaS or pain confirmed is true)"
    );
    assert_eq!(
        say("employees >= 200 or industry in [saas] or pain_confirmed"),
        "at least 200 employees or industry is SaaS or pain confirmed is true"
    );
    // De Morgan: "not (a and b)" is "not a or not b".
    assert_eq!(
        say("not (employees >= 200 and pain_confirmed)"),
        "fewer than 200 employees or pain confirmed is false"
    );
    assert_eq!(
        say("not vp_people_hired within 60d"),
        "VP people hired not within the last 60 days"
    );
}

#[test]
fn prose_is_kept_as_written() {
    assert_eq!(
        say("\"Runs a <b>quarterly</b> & board review\""),
        "Runs a <b>quarterly</b> & board review"
    );
}

#[test]
fn names_in_words() {
    assert_eq!(words("bi_tools"), "BI tools");
    assert_eq!(words("saas_arr"), "SaaS ARR");
    assert_eq!(words("usage"), "usage");
    assert_eq!(words("public_sector"), "public sector");
}

#[test]
fn graded_rules_and_trigger_windows() {
    let src = format!(
        "{SCHEMA}\nicp t \"T\" {{\n  uses crm\n  triggers {{\n    \"New CFO joined\" within 90d\n    signed within 1mo\n  }}\n  rubric {{\n    rule g +15 \"Grade\" : grade graded 0..3\n    rule big -2 : employees > 5000\n    tier a when score >= 10\n    tier b otherwise\n  }}\n}}\n"
    );
    let a = analyze(&src, &Config::default());
    let doc = icp_export::document(&a, &src, "t.icp", None);
    let page = &doc.icps[0];
    let triggers: Vec<&str> = page
        .triggers
        .as_ref()
        .expect("triggers")
        .iter()
        .map(|c| c.sentence.as_str())
        .collect();
    assert_eq!(
        triggers,
        [
            "New CFO joined, within the last 90 days",
            "signed within the last 1 month"
        ]
    );
    let rubric = page.rubric.as_ref().expect("rubric");
    assert_eq!(
        rubric.rules[0].criterion.sentence,
        "graded on grade from 0 (none of the weight) to 3 (all of it)"
    );
    assert_eq!(rubric.rules[0].weight, "+15");
    assert_eq!(rubric.rules[1].weight, "-2");
    assert_eq!(
        (rubric.min_score.as_str(), rubric.max_score.as_str()),
        ("-2", "15")
    );
    assert_eq!(rubric.tiers[0].condition, "a score of at least 10");
    assert_eq!(rubric.tiers[1].condition, "otherwise");
    // Sections the icp does not write are absent from the model, not empty lists.
    assert!(page.firmographics.is_none() && page.reach.is_none() && page.jobs.is_empty());
}
