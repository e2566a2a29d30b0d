//! Completion at the `$0` marker of small sources.

use super::*;
use crate::test_support::*;

fn labels(src: &str) -> Vec<String> {
    let (text, at) = marked(src);
    let a = analysis(&text);
    complete(&text, &a.model, at)
        .into_iter()
        .map(|i| i.label)
        .collect()
}

/// A profile with most blocks, and without `behaviors` and `messaging`.
const PROFILE: &str = r#"schema crm {
  country: text
  employees: int
  industry: enum [saas, services, manufacturing, retail, healthcare, public_sector]
  hris: enum [workday, bamboohr, rippling, in_house, none]
  bi_tools: set [looker, tableau, mode, power_bi]
  vp_people_hired: date
  pain_confirmed: bool
  decision_in: duration
}

icp hr_analytics "HR analytics buyers at US companies with 200-2000 employees" {
  uses crm
  owner "product-marketing@acme.example"

  firmographics {
    country in ["US"]
    employees in 200..2000
    industry in [saas, services]
  }

  tech_stack {
    hris in [workday, bamboohr]
    bi_tools has any [looker, tableau, mode]
  }

  persona hr_director "HR Director" {
    role "Owns people analytics"
  }

  job "Publish board-ready people metrics" {
    kind functional
  }

  triggers {
    vp_people_hired within 60d
  }

  reach {
    channel podcast "HR Brew"
  }

  disqualify {
    employees < 50 because "No HR team beyond an HR-of-one"
  }

  rubric {
    rule size_fit : employees in 200..2000
    rule ready : pain_confirmed
    tier strong when score >= 1
    tier weak otherwise
  }

  segment ideal_of_ideal "Ideal of the ideal" {
    employees in 500..1500
  }
}
"#;

/// Completion in [`PROFILE`] with `needle` replaced by `with`, which holds the `$0` marker.
fn in_profile(needle: &str, with: &str) -> Vec<String> {
    assert!(PROFILE.contains(needle), "{needle:?} is in the profile");
    labels(&PROFILE.replacen(needle, with, 1))
}

#[test]
fn top_level_offers_items() {
    let l = labels("$0");
    assert!(
        l.contains(&"schema".to_string()) && l.contains(&"icp".to_string()),
        "{l:?}"
    );
}

#[test]
fn icp_body_offers_missing_dimensions_only() {
    let l = in_profile("  segment ideal_of_ideal", "  $0\n  segment ideal_of_ideal");
    // The profile has firmographics, rubric, …; it has no behaviors and no messaging.
    assert!(
        l.contains(&"behaviors".to_string()) && l.contains(&"messaging".to_string()),
        "{l:?}"
    );
    assert!(!l.contains(&"firmographics".to_string()), "{l:?}");
    assert!(!l.contains(&"rubric".to_string()), "{l:?}");
    assert!(
        l.contains(&"persona".to_string()),
        "several personas are allowed: {l:?}"
    );
    assert!(
        !l.contains(&"uses".to_string()) && !l.contains(&"owner".to_string()),
        "{l:?}"
    );
}

#[test]
fn fields_where_a_criterion_starts() {
    let l = in_profile("    country in [\"US\"]", "    $0");
    for f in [
        "country",
        "employees",
        "industry",
        "bi_tools",
        "decision_in",
    ] {
        assert!(l.contains(&f.to_string()), "{f} in {l:?}");
    }
    let l = in_profile("employees < 50 because", "employees < 50 and $0 because");
    assert!(l.contains(&"hris".to_string()), "{l:?}");
}

#[test]
fn fields_after_a_rule_colon() {
    let l = in_profile(": pain_confirmed", ": pain_c$0");
    assert!(l.contains(&"pain_confirmed".to_string()), "{l:?}");
}

#[test]
fn operators_fit_the_type() {
    let ops = |needle: &str, with: &str| in_profile(needle, with);
    let int = ops("employees in 200..2000\n", "employees $0\n");
    assert!(
        int.contains(&">=".to_string()) && int.contains(&"in".to_string()),
        "{int:?}"
    );
    assert!(!int.contains(&"has any".to_string()));
    let set = ops("bi_tools has any [looker, tableau, mode]", "bi_tools $0");
    assert_eq!(set, vec!["has any", "has all", "has none"]);
    let date = ops("vp_people_hired within 60d", "vp_people_hired $0");
    assert!(date.contains(&"within".to_string()), "{date:?}");
    let en = ops("industry in [saas, services]\n", "industry $0\n");
    assert!(
        en.contains(&"==".to_string()) && !en.contains(&"<".to_string()),
        "{en:?}"
    );
}

#[test]
fn list_values_leave_out_those_listed() {
    let l = in_profile("industry in [saas, services]\n", "industry in [saas, $0]\n");
    assert!(!l.contains(&"saas".to_string()), "{l:?}");
    assert!(
        l.contains(&"services".to_string()) && l.contains(&"retail".to_string()),
        "{l:?}"
    );
    let set = in_profile(
        "bi_tools has any [looker, tableau, mode]",
        "bi_tools has any [looker, $0]",
    );
    assert_eq!(set, vec!["tableau", "mode", "power_bi"]);
}

#[test]
fn values_in_an_unclosed_list_leave_out_only_those_of_this_list() {
    // `industry in [` at the end of a line, more criteria below, one of them a list of
    // industries: this list is empty, so every value is offered.
    let l = in_profile(
        "industry in [saas, services]\n",
        "industry in [$0\n    industry not in [retail, healthcare]\n",
    );
    assert_eq!(
        l,
        vec![
            "saas",
            "services",
            "manufacturing",
            "retail",
            "healthcare",
            "public_sector"
        ]
    );
    let l = in_profile(
        "industry in [saas, services]\n",
        "industry in [saas, $0\n    industry not in [retail]\n",
    );
    assert_eq!(
        l,
        vec![
            "services",
            "manufacturing",
            "retail",
            "healthcare",
            "public_sector"
        ]
    );
    // Lines indented deeper continue the list.
    let l = in_profile(
        "industry in [saas, services]\n",
        "industry in [saas,\n        retail, $0\n    employees > 10\n",
    );
    assert!(
        !l.contains(&"retail".to_string()) && !l.contains(&"saas".to_string()),
        "{l:?}"
    );
}

#[test]
fn fields_on_the_line_after_an_unclosed_list() {
    // The line below an unfinished `industry in [` begins a criterion: fields, not values.
    let l = in_profile(
        "    employees in 200..2000\n",
        "    industry in [\n    $0\n",
    );
    assert!(l.contains(&"employees".to_string()), "{l:?}");
    assert!(!l.contains(&"saas".to_string()), "{l:?}");
    let l = in_profile(
        "    employees in 200..2000\n",
        "    industry in [\n    employees $0\n",
    );
    assert!(
        l.contains(&"in".to_string()) && l.contains(&">=".to_string()),
        "{l:?}"
    );
}

#[test]
fn types_kinds_and_channels() {
    let l = labels("schema s {\n  a: $0\n}\n");
    assert!(
        l.contains(&"int".to_string()) && l.contains(&"enum".to_string()),
        "{l:?}"
    );
    let l = in_profile("kind functional", "kind $0");
    assert_eq!(l, vec!["functional", "emotional", "social"]);
    let l = in_profile("channel podcast", "channel $0");
    assert!(
        l.contains(&"podcast".to_string()) && l.contains(&"partner".to_string()),
        "{l:?}"
    );
}

#[test]
fn snippets_for_skeletons() {
    let (text, at) = marked("schema s { a: int }\nicp x \"X\" {\n  uses s\n  $0\n}\n");
    let a = analysis(&text);
    let items = complete(&text, &a.model, at);
    let persona = items
        .iter()
        .find(|i| i.label == "persona")
        .expect("persona");
    assert!(persona.is_snippet && persona.insert_text.contains("role"));
    let job = items.iter().find(|i| i.label == "job").expect("job");
    assert_eq!(
        snippet_to_plain(&job.insert_text),
        "job \"The progress they are trying to make\" {\n  kind functional\n  success \"How they measure it\"\n}"
    );
    let (text, at) = marked("icp x \"X\" {\n  rubric {\n    $0\n  }\n}\n");
    let l: Vec<String> = complete(&text, &a.model, at)
        .into_iter()
        .map(|i| i.label)
        .collect();
    assert_eq!(l, vec!["rule", "tier"]);
}

#[test]
fn works_with_syntax_errors() {
    // An unclosed icp and a broken line above the cursor.
    let l = labels(
        "schema s { size: int\n flag: bool }\nicp x \"X\" {\n  uses s\n  firmographics {\n    size >>\n    $0",
    );
    assert!(
        l.contains(&"size".to_string()) && l.contains(&"flag".to_string()),
        "{l:?}"
    );
}

#[test]
fn codes_in_suppressions() {
    let l = labels("# icp: allow(vag$0\nschema s {}\n");
    assert!(l.contains(&"vague-term".to_string()), "{l:?}");
    assert!(labels("# just a comment $0\n").is_empty());
    assert!(labels("icp x \"in a str$0ing\" {}").is_empty());
}

#[test]
fn any_offset_is_safe() {
    // Every offset of the profile, past its end and inside a multi-byte character.
    let a = analysis(PROFILE);
    for at in 0..PROFILE.len() + 3 {
        let _ = complete(PROFILE, &a.model, at);
    }
    let _ = complete("a😀b", &a.model, 2);
}
