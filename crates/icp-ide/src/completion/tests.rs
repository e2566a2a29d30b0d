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

/// The labels offered at the `$0` of `fixture`, in order, joined by ", ".
#[track_caller]
fn check(fixture: &str, expected: &str) {
    assert_eq!(
        labels(fixture).join(", "),
        expected,
        "completion at $0 of:\n{fixture}"
    );
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
#[track_caller]
fn check_in_profile(needle: &str, with: &str, expected: &str) {
    assert!(PROFILE.contains(needle), "{needle:?} is in the profile");
    check(&PROFILE.replacen(needle, with, 1), expected);
}

/// The fields of [`PROFILE`]'s schema, then `not`: what starts a criterion.
const CRITERION_START: &str = "country, employees, industry, hris, bi_tools, vp_people_hired, pain_confirmed, decision_in, not";

#[test]
fn top_level_offers_items() {
    check("$0", "schema, icp, schema … { }, icp … { }");
}

#[test]
fn icp_body_offers_missing_dimensions_only() {
    // The profile has firmographics, rubric, uses, owner, …; it has no behaviors and no
    // messaging. Several personas, jobs, pains and segments are allowed.
    check_in_profile(
        "  segment ideal_of_ideal",
        "  $0\n  segment ideal_of_ideal",
        "reviewed, refresh, behaviors, persona, job, pain, alternatives, budget, segment, messaging",
    );
}

#[test]
fn fields_where_a_criterion_starts() {
    check_in_profile("    country in [\"US\"]", "    $0", CRITERION_START);
    check_in_profile(
        "employees < 50 because",
        "employees < 50 and $0 because",
        CRITERION_START,
    );
}

#[test]
fn fields_after_a_rule_colon() {
    let fixture = PROFILE.replacen(": pain_confirmed", ": pain_c$0", 1);
    check(&fixture, CRITERION_START);
    // Each replaces the word typed so far.
    let (text, at) = marked(&fixture);
    let a = analysis(&text);
    for item in complete(&text, &a.model, at) {
        assert_eq!(&text[item.replace.range()], "pain_c", "{item:?}");
    }
}

#[test]
fn operators_fit_the_type() {
    check_in_profile(
        "employees in 200..2000\n",
        "employees $0\n",
        "==, !=, <, <=, >, >=, in, not in",
    );
    check_in_profile(
        "bi_tools has any [looker, tableau, mode]",
        "bi_tools $0",
        "has any, has all, has none",
    );
    check_in_profile(
        "vp_people_hired within 60d",
        "vp_people_hired $0",
        "==, !=, <, <=, >, >=, in, not in, within",
    );
    check_in_profile(
        "industry in [saas, services]\n",
        "industry $0\n",
        "==, !=, in, not in",
    );
}

#[test]
fn list_values_leave_out_those_listed() {
    check_in_profile(
        "industry in [saas, services]\n",
        "industry in [saas, $0]\n",
        "services, manufacturing, retail, healthcare, public_sector",
    );
    check_in_profile(
        "bi_tools has any [looker, tableau, mode]",
        "bi_tools has any [looker, $0]",
        "tableau, mode, power_bi",
    );
}

#[test]
fn values_in_an_unclosed_list_leave_out_only_those_of_this_list() {
    // `industry in [` at the end of a line, more criteria below, one of them a list of
    // industries: this list is empty, so every value is offered.
    check_in_profile(
        "industry in [saas, services]\n",
        "industry in [$0\n    industry not in [retail, healthcare]\n",
        "saas, services, manufacturing, retail, healthcare, public_sector",
    );
    check_in_profile(
        "industry in [saas, services]\n",
        "industry in [saas, $0\n    industry not in [retail]\n",
        "services, manufacturing, retail, healthcare, public_sector",
    );
    // Lines indented deeper continue the list.
    check_in_profile(
        "industry in [saas, services]\n",
        "industry in [saas,\n        retail, $0\n    employees > 10\n",
        "services, manufacturing, healthcare, public_sector",
    );
}

#[test]
fn fields_on_the_line_after_an_unclosed_list() {
    // The line below an unfinished `industry in [` begins a criterion: fields, not values.
    check_in_profile(
        "    employees in 200..2000\n",
        "    industry in [\n    $0\n",
        CRITERION_START,
    );
    check_in_profile(
        "    employees in 200..2000\n",
        "    industry in [\n    employees $0\n",
        "==, !=, <, <=, >, >=, in, not in",
    );
}

#[test]
fn types_kinds_and_channels() {
    check(
        "schema s {\n  a: $0\n}\n",
        "int, number, money, percent, text, bool, date, duration, enum, set",
    );
    check_in_profile(
        "kind functional",
        "kind $0",
        "functional, emotional, social",
    );
    check_in_profile(
        "channel podcast",
        "channel $0",
        "event, podcast, community, newsletter, content, paid, outbound, partner",
    );
}

#[test]
fn snippets_for_skeletons() {
    let (text, at) = marked("schema s { a: int }\nicp x \"X\" {\n  uses s\n  $0\n}\n");
    let a = analysis(&text);
    let items = complete(&text, &a.model, at);
    let snippet = |label: &str| {
        let item = items
            .iter()
            .find(|i| i.label == label)
            .unwrap_or_else(|| panic!("no {label} in {items:#?}"));
        assert!(item.is_snippet, "{item:?}");
        item.insert_text.as_str()
    };
    assert_eq!(
        snippet("persona"),
        "persona ${1:name} \"${2:Job title}\" {\n  role \"${3:What they own}\"\n  motivation \"${4:What they are measured on}\"\n  objection \"${5:What they will say first}\"\n}"
    );
    assert_eq!(
        snippet_to_plain(snippet("job")),
        "job \"The progress they are trying to make\" {\n  kind functional\n  success \"How they measure it\"\n}"
    );
    check("icp x \"X\" {\n  rubric {\n    $0\n  }\n}\n", "rule, tier");
}

#[test]
fn works_with_syntax_errors() {
    // An unclosed icp and a broken line above the cursor.
    check(
        "schema s { size: int\n flag: bool }\nicp x \"X\" {\n  uses s\n  firmographics {\n    size >>\n    $0",
        "size, flag, not",
    );
}

#[test]
fn codes_in_suppressions() {
    // Every code the checks report, for the editor to filter by the word typed.
    assert_eq!(
        labels("# icp: allow(vag$0\nschema s {}\n"),
        crate::docs::codes()
    );
    check("# just a comment $0\n", "");
    check("icp x \"in a str$0ing\" {}", "");
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
