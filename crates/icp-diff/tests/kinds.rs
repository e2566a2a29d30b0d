//! Each kind of change on a real profile: the base fixture with one edit.

use icp_check::Config;
use icp_diff::{Change, Kind, Report, Version, diff};

const BASE: &str = include_str!("fixtures/base.icp");
const TODAY: i64 = 20_790; // 2026-12-03

fn compare(old: &str, new: &str) -> Report {
    let config = Config {
        today: Some(TODAY),
        ..Config::default()
    };
    let (oa, na) = (
        icp_check::analyze(old, &config),
        icp_check::analyze(new, &config),
    );
    assert!(
        icp_diff::syntax_errors(&oa).is_empty(),
        "old side: {:?}",
        oa.diagnostics
    );
    assert!(
        icp_diff::syntax_errors(&na).is_empty(),
        "new side: {:?}",
        na.diagnostics
    );
    diff(
        Version {
            src: old,
            analysis: &oa,
        },
        Version {
            src: new,
            analysis: &na,
        },
        TODAY,
    )
}

/// The base with `from` replaced by `to` (which must occur exactly once).
fn edit(from: &str, to: &str) -> String {
    assert_eq!(
        BASE.matches(from).count(),
        1,
        "`{from}` must occur once in the base"
    );
    BASE.replacen(from, to, 1)
}

fn only(r: &Report) -> &Change {
    assert_eq!(
        r.changes.len(),
        1,
        "expected one change, got {:#?}",
        r.changes
    );
    &r.changes[0]
}

#[test]
fn layout_comments_and_order_are_no_change_in_meaning() {
    let relaid = BASE
        .replace("  employees in 200..2000\n", "  employees   in\n    200 .. 2000   # sized for a platform team\n")
        .replace(
            "    industry in [saas, fintech, retail]\n    region in [na, emea]\n",
            "    region in [na, emea]\n    industry in [saas, fintech, retail]\n",
        )
        .replace(
            "    rule fit +2 \"Industry fit\"    : industry in [saas, fintech]\n    rule stack +2                 : stack has all [kubernetes, terraform]\n",
            "    rule stack +2 : stack has all [kubernetes, terraform]\n    rule fit +2 \"Industry fit\" : industry in [saas, fintech]\n",
        );
    assert_ne!(relaid, BASE);
    let r = compare(BASE, &relaid);
    assert!(r.changes.is_empty(), "{:#?}", r.changes);
    assert!(r.findings_added.is_empty() && r.findings_removed.is_empty());
    // The same meaning written another way is no change either.
    let r = compare(BASE, &edit("region in [na, emea]", "region != apac"));
    assert!(r.changes.is_empty(), "{:#?}", r.changes);
}

#[test]
fn widening_a_range_names_the_new_values() {
    let r = compare(
        BASE,
        &edit(
            "    employees in 200..2000\n",
            "    employees in 200..5000\n",
        ),
    );
    let c = only(&r);
    assert_eq!(c.kind, Kind::Widens);
    assert_eq!(c.path, "icp.platform.firmographics.employees");
    assert_eq!(c.icp.as_deref(), Some("platform"));
    assert_eq!(c.message, "`employees` now also admits 2,001–5,000");
    assert_eq!(c.old.as_deref(), Some("employees in 200..2000"));
    assert_eq!(c.new.as_deref(), Some("employees in 200..5000"));
}

#[test]
fn narrowing_and_changing_an_enum() {
    let r = compare(
        BASE,
        &edit(
            "industry in [saas, fintech, retail]",
            "industry in [saas, fintech]",
        ),
    );
    let c = only(&r);
    assert_eq!(c.kind, Kind::Narrows);
    assert_eq!(c.message, "`industry` no longer admits `retail`");
    let r = compare(
        BASE,
        &edit(
            "industry in [saas, fintech, retail]",
            "industry in [saas, fintech, services]",
        ),
    );
    let c = only(&r);
    assert_eq!(c.kind, Kind::Changes);
    assert_eq!(
        c.message,
        "`industry` now also admits `services`; `industry` no longer admits `retail`"
    );
}

#[test]
fn a_shifted_range_changes_both_ways() {
    let r = compare(
        BASE,
        &edit(
            "    employees in 200..2000\n",
            "    employees in 150..1500\n",
        ),
    );
    let c = only(&r);
    assert_eq!(c.kind, Kind::Changes);
    assert_eq!(
        c.message,
        "`employees` now also admits 150–199; `employees` no longer admits 1,501–2,000"
    );
}

#[test]
fn set_and_date_criteria_are_classified() {
    let r = compare(
        BASE,
        &edit(
            "    stack has all [kubernetes, terraform]\n  }\n\n  triggers",
            "    stack has any [kubernetes, terraform]\n  }\n\n  triggers",
        ),
    );
    assert_eq!(only(&r).kind, Kind::Widens);
    let r = compare(
        BASE,
        &edit("last_funding within 120d", "last_funding within 60d"),
    );
    let c = only(&r);
    assert_eq!(c.kind, Kind::Narrows);
    assert_eq!(c.path, "icp.platform.triggers.last_funding");
}

#[test]
fn added_and_removed_criteria_and_entities() {
    let r = compare(BASE, &edit("    region in [na, emea]\n", ""));
    let c = only(&r);
    assert_eq!(c.kind, Kind::Removed);
    assert_eq!(c.path, "icp.platform.firmographics.region");
    assert!(c.new.is_none() && c.new_span.is_none() && c.old_span.is_some());

    let r = compare(
        BASE,
        &edit(
            "    channel event \"KubeCon\"\n",
            "    channel event \"KubeCon\"\n    channel podcast \"Ship It\"\n",
        ),
    );
    let c = only(&r);
    assert_eq!(c.kind, Kind::Added);
    assert_eq!(c.message, "channel \"podcast Ship It\" added");

    let r = compare(
        BASE,
        &edit("  arr: money                    from \"arr_usd\"\n", ""),
    );
    let c = only(&r);
    assert_eq!(
        (c.kind, c.path.as_str()),
        (Kind::Removed, "schema.accounts.arr")
    );
}

#[test]
fn renames_are_detected_by_content() {
    let r = compare(BASE, &edit("rule fit +2", "rule industry_fit +2"));
    let c = only(&r);
    assert_eq!(c.kind, Kind::Renamed);
    assert_eq!(c.message, "rule `fit` renamed to `industry_fit`");
    let r = compare(
        BASE,
        &edit("persona head_platform", "persona platform_lead"),
    );
    assert_eq!(only(&r).kind, Kind::Renamed);
    let r = compare(BASE, &edit("segment core", "segment sweet_spot"));
    assert_eq!(only(&r).kind, Kind::Renamed);
    let r = compare(BASE, &edit("icp platform ", "icp platform_teams "));
    let c = only(&r);
    assert_eq!(
        (c.kind, c.path.as_str()),
        (Kind::Renamed, "icp.platform_teams")
    );
}

#[test]
fn reweighted_rules() {
    let r = compare(BASE, &edit("rule size +3", "rule size +4"));
    let c = only(&r);
    assert_eq!(c.kind, Kind::Reweighted);
    assert_eq!(c.path, "icp.platform.rubric.rule.size");
    assert_eq!(c.message, "rule `size` now weighs +4 (was +3)");
}

#[test]
fn a_rule_criterion_change_is_phrased_for_the_rule() {
    let r = compare(
        BASE,
        &edit(
            "industry in [saas, fintech]\n",
            "industry in [saas, fintech, retail]\n",
        ),
    );
    let c = only(&r);
    assert_eq!(c.kind, Kind::Widens);
    assert_eq!(
        c.message,
        "now also scores rule `fit` for `industry` `retail`"
    );
}

#[test]
fn retiered_thresholds_and_order() {
    let r = compare(
        BASE,
        &edit("tier a when score >= 5", "tier a when score >= 6"),
    );
    let c = only(&r);
    assert_eq!(c.kind, Kind::Retiered);
    assert_eq!(c.message, "tier `a` now starts at score >= 6 (was 5)");
    // Swapping the tiers changes which tier a score of 5 or more gets.
    let swapped = edit(
        "    tier a when score >= 5\n    tier b when score >= 3\n",
        "    tier b when score >= 3\n    tier a when score >= 5\n",
    );
    let c2 = compare(BASE, &swapped);
    assert_eq!(only(&c2).kind, Kind::Retiered);
    assert_eq!(only(&c2).path, "icp.platform.rubric.tiers");
    // Scores between 2.5 and 3 (possible with graded rules) now land in `b`.
    let r = compare(
        BASE,
        &edit("tier b when score >= 3", "tier b when score > 2.5"),
    );
    assert_eq!(only(&r).kind, Kind::Retiered);
}

#[test]
fn disqualifiers_are_phrased_as_such() {
    let r = compare(BASE, &edit("employees < 50", "employees < 80"));
    let c = only(&r);
    assert_eq!(c.kind, Kind::Widens);
    assert_eq!(c.path, "icp.platform.disqualify.employees");
    assert_eq!(c.message, "now also disqualifies `employees` 50–79");
    let r = compare(
        BASE,
        &edit(
            "because \"Churned before\"",
            "because \"Churned in the last two years\"",
        ),
    );
    assert_eq!(only(&r).kind, Kind::Changes);
}

#[test]
fn prose_and_header_changes() {
    let r = compare(BASE, &edit("reviewed 2026-11-02", "reviewed 2026-12-01"));
    let c = only(&r);
    assert_eq!(
        (c.kind, c.path.as_str()),
        (Kind::Changes, "icp.platform.reviewed")
    );
    let r = compare(
        BASE,
        &edit(
            "role \"Owns the internal developer platform\"",
            "role \"Runs the platform team\"",
        ),
    );
    assert_eq!(only(&r).kind, Kind::Changes);
}

#[test]
fn findings_added_and_removed() {
    let r = compare(
        BASE,
        &edit(
            "    employees in 200..2000\n",
            "    employees in 100..20000\n",
        ),
    );
    assert!(
        r.findings_added.iter().any(|d| d.code == "broad-range"),
        "{:?}",
        r.findings_added
    );
    assert!(r.findings_removed.is_empty());
    let back = compare(
        &edit(
            "    employees in 200..2000\n",
            "    employees in 100..20000\n",
        ),
        BASE,
    );
    assert!(
        back.findings_removed
            .iter()
            .any(|d| d.code == "broad-range")
    );
}

#[test]
fn schema_enum_values() {
    let r = compare(
        BASE,
        &edit(
            "region: enum [na, emea, apac]",
            "region: enum [na, emea, apac, latam]",
        ),
    );
    // `region in [na, emea]` admits the same accounts under both schemas: only the field
    // changed.
    let c = only(&r);
    assert_eq!(
        (c.kind, c.path.as_str()),
        (Kind::Widens, "schema.accounts.region")
    );
    assert_eq!(c.message, "`region` now also lists `latam`");
    // Listing a value the data already had does not change what `!= apac` admits.
    let old = edit("region in [na, emea]", "region != apac");
    let new = old.replace(
        "region: enum [na, emea, apac]",
        "region: enum [na, emea, apac, latam]",
    );
    assert_eq!(only(&compare(&old, &new)).path, "schema.accounts.region");
    // A removed value that a criterion names changes the criterion.
    let new = BASE
        .replace(
            "industry: enum [saas, fintech, retail, services]",
            "industry: enum [saas, fintech, services]",
        )
        .replace(
            "industry in [saas, fintech, retail]",
            "industry in [saas, fintech]",
        );
    let r = compare(BASE, &new);
    let c = r
        .changes
        .iter()
        .find(|c| c.path == "icp.platform.firmographics.industry")
        .expect("the criterion");
    assert_eq!(c.kind, Kind::Changes);
}

/// A file of many icps over one schema: `widen` picks the icps whose size band is widened.
fn many(n: usize, widen: impl Fn(usize) -> bool) -> String {
    let mut s = String::from("schema accounts {\n  employees: int\n  region: enum [na, emea]\n}\n");
    for i in 0..n {
        let hi = if widen(i) { 5000 } else { 2000 };
        s.push_str(&format!(
            "\nicp unit{i} {{\n  uses accounts\n  firmographics {{\n    employees in 200..{hi}\n    region in [na]\n  }}\n}}\n"
        ));
    }
    s
}

#[test]
fn many_changed_icps_are_reported_in_file_order_and_unchanged_ones_not_at_all() {
    // Enough changed icps to be compared on several threads.
    let n = 600;
    let widened = |i: usize| i % 3 != 1;
    let r = compare(&many(n, |_| false), &many(n, widened));
    let expected: Vec<String> = (0..n)
        .filter(|&i| widened(i))
        .map(|i| format!("unit{i}"))
        .collect();
    let got: Vec<String> = r
        .changes
        .iter()
        .map(|c| c.icp.clone().unwrap_or_default())
        .collect();
    assert_eq!(got, expected);
    assert!(
        r.changes.iter().all(|c| c.kind == Kind::Widens),
        "{:#?}",
        &r.changes[..3]
    );
}

#[test]
fn an_icp_with_the_same_text_changes_when_its_schema_field_does() {
    // The icps read the same bytes, but `employees` is now a percent: `200..2000` admits
    // other accounts. The comparison must look inside the icps, not pass them over.
    let old = many(2, |_| false);
    let new = old.replace("employees: int", "employees: percent");
    let r = compare(&old, &new);
    let icps: Vec<&str> = r
        .changes
        .iter()
        .filter(|c| {
            c.path
                == format!(
                    "icp.{}.firmographics.employees",
                    c.icp.as_deref().unwrap_or("")
                )
        })
        .map(|c| c.icp.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(icps, ["unit0", "unit1"], "{:#?}", r.changes);
}

#[test]
fn requiring_fit_in_a_tier_is_a_retiering() {
    let r = compare(
        BASE,
        &edit("tier a when score >= 5", "tier a when score >= 5 and fit"),
    );
    let c = only(&r);
    assert_eq!(c.kind, Kind::Retiered);
    assert_eq!(c.path, "icp.platform.rubric.tier.a");
    assert!(
        c.message.starts_with("tier `a` now requires fit"),
        "{}",
        c.message
    );
    let back = compare(
        &edit("tier a when score >= 5", "tier a when score >= 5 and fit"),
        BASE,
    );
    assert!(only(&back).message.contains("no longer requires fit"));
}
