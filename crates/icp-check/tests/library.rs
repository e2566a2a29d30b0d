//! The library around the checks: the phrase lists on real sentences, fixes, baselines,
//! configuration discovery, and analysis that never panics.

use icp_check::baseline::Baseline;
use icp_check::fix::FixMode;
use icp_check::lexicon::{Kind, Lexicon};
use icp_check::{Config, Safety, analyze};
use proptest::prelude::*;

fn config() -> Config {
    Config {
        today: Some(20_780),
        ..Config::default()
    } // 2026-11-23
}

fn example(name: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name);
    std::fs::read_to_string(p).expect("example")
}

/// Prose from the bundled sharp examples and more like it: none of it is vague or about the
/// product.
const SHARP: &[&str] = &[
    "HR analytics buyers at US companies with 200-2000 employees",
    "Owns people analytics and board reporting",
    "5+ years in role",
    "Be a strategic partner to the CFO",
    "Be a strategic partner to the CFO and CEO instead of assembling reports by hand",
    "Board-ready people metrics in under one day per quarter",
    "Quarterly people reporting is assembled manually in spreadsheets",
    "3 analyst-days per quarter",
    "New CFO joined",
    "HR analyst departed",
    "Ideal of the ideal",
    "Platform engineering teams at post-Series B software companies",
    "Ship infrastructure changes without a ticket queue to the platform team",
    "Median infra change lead time under one day",
    "Be seen as the team that unblocked product engineering",
    "Platform team is a ticket queue; product teams wait days for environments",
    "2-5 days of lead time per change",
    "APAC expansion bet",
    "Enterprise: 1,000+ employees",
    "Mid-market SaaS with 100-1,000 employees",
    "Growing headcount 20% a year or more",
    "Startups that raised a Series A in the last 6 months",
    "Finance teams closing the books in more than 10 days",
    "Runs Kubernetes and Terraform in production",
    "Leadership changed in the last quarter",
    "Growth teams running paid acquisition",
    "Evaluates tools with a two-week free trial",
    "Hospitals with 3+ sites in the EU",
];

/// Prose that must be flagged, with the kind of phrase it holds.
const FLAGGED: &[(&str, Kind)] = &[
    ("Innovative companies that want to grow", Kind::Vague),
    ("Enterprise companies", Kind::VagueUnlessNumber),
    ("Forward-thinking leaders", Kind::Vague),
    ("Modern HR teams", Kind::Vague),
    ("Everyone in sales", Kind::Vague),
    ("Any company with a website", Kind::Vague),
    ("Tech-savvy buyers", Kind::Vague),
    ("Decision makers at growing firms", Kind::Vague),
    ("Best-in-class operations", Kind::Vague),
    ("Mid-market companies", Kind::VagueUnlessNumber),
    ("Fast-growing startups", Kind::VagueUnlessNumber),
    ("Companies of all sizes", Kind::Vague),
    ("Companies that need our analytics platform", Kind::Solution),
    (
        "Teams that would benefit from our dashboards",
        Kind::Solution,
    ),
    ("Anyone who needs to use our product", Kind::Solution),
    ("They might want it", Kind::Weak),
    ("They have the budget", Kind::Weak),
];

#[test]
fn sharp_prose_is_not_flagged() {
    for s in SHARP {
        let hits: Vec<_> = Lexicon::builtin()
            .scan(s)
            .into_iter()
            .filter(|h| h.kind != Kind::Weak)
            .collect();
        assert!(hits.is_empty(), "{s:?} was flagged: {hits:?}");
    }
}

#[test]
fn vague_prose_is_flagged() {
    for (s, kind) in FLAGGED {
        let hits = Lexicon::builtin().scan(s);
        assert!(
            hits.iter().any(|h| h.kind == *kind),
            "{s:?} was not flagged as {kind:?}: {hits:?}"
        );
    }
}

#[test]
fn the_sharp_examples_draw_no_warning_or_error() {
    for name in ["hr-analytics.icp", "devtools-weighted.icp"] {
        let a = analyze(&example(name), &config());
        let loud: Vec<_> = a
            .diagnostics
            .iter()
            .filter(|d| d.severity > icp_check::Severity::Info)
            .collect();
        assert!(loud.is_empty(), "{name}: {loud:#?}");
    }
}

#[test]
fn fixes_repair_the_antipatterns_and_are_stable() {
    let src = example("antipatterns.icp");
    // Every fix of the antipatterns changes the meaning: the safe mode leaves the file alone.
    let (same, none) = icp_check::fix::fix_all(&src, &config(), FixMode::Safe, None);
    assert!(none.is_empty() && same == src, "{none:?}");
    let (fixed, applied) = icp_check::fix::fix_all(&src, &config(), FixMode::Unsafe, None);
    assert!(
        applied.iter().all(|a| a.safety == Safety::Unsafe),
        "{applied:?}"
    );
    let codes: Vec<&str> = applied.iter().map(|a| a.code).collect();
    for code in [
        "unknown-value",
        "unknown-field",
        "missing-reason",
        "missing-dimension",
    ] {
        assert!(codes.contains(&code), "no {code} fix in {codes:?}");
    }
    assert!(
        fixed.contains("industry in [saas, services]")
            && fixed.contains("rule stack : hris == workday")
    );
    assert!(fixed.contains("hris == none because \"TODO"));
    assert!(
        fixed.contains("  reach {\n    channel community \"TODO"),
        "{fixed}"
    );
    let after = analyze(&fixed, &config());
    for d in &after.diagnostics {
        assert!(
            ![
                "syntax",
                "unknown-value",
                "unknown-field",
                "missing-reason",
                "missing-dimension"
            ]
            .contains(&d.code),
            "left after --fix: {d:?}"
        );
    }
    // What --fix does not touch keeps its finding.
    assert!(after.diagnostics.iter().any(|d| d.code == "broad-range"));
    let (again, more) = icp_check::fix::fix_all(&fixed, &config(), FixMode::Unsafe, None);
    assert!(
        more.is_empty() && again == fixed,
        "a second --fix changed {more:?}"
    );
}

#[test]
fn unused_suppression_fix_keeps_the_used_codes_sorted() {
    let src = "icp x \"Innovative HR teams\" {   # icp: allow(weak-trigger, vague-term, broad-range) -- quoted\n}\n";
    let (fixed, applied) = icp_check::fix::fix_all(
        src,
        &Config {
            required: vec![],
            ..config()
        },
        FixMode::Safe,
        None,
    );
    assert_eq!(applied.len(), 1, "{applied:?}");
    assert_eq!(applied[0].safety, Safety::Safe);
    assert!(
        fixed.contains("# icp: allow(vague-term) -- quoted"),
        "{fixed}"
    );
    let src = "icp x \"HR teams\" {   # icp: allow(vague-term) -- quoted\n}\n";
    let (fixed, _) = icp_check::fix::fix_all(
        src,
        &Config {
            required: vec![],
            ..config()
        },
        FixMode::Safe,
        None,
    );
    assert_eq!(fixed, "icp x \"HR teams\" {\n}\n");
}

#[test]
fn baselines_match_by_text_not_line_numbers() {
    let src = example("antipatterns.icp");
    let a = analyze(&src, &config());
    let base = Baseline::record([("a.icp", src.as_str(), a.diagnostics.as_slice())]);
    let reparsed = Baseline::parse(&base.to_json()).expect("round trip");
    assert_eq!(reparsed, base);
    // Lines moved: everything is still accepted.
    let moved = format!("# a new comment\n\n{src}");
    let b = analyze(&moved, &config());
    let mut m = reparsed.matcher();
    assert!(b.diagnostics.iter().all(|d| m.accepts("a.icp", &moved, d)));
    assert_eq!(m.unseen(), 0);
    // A new finding is not accepted; a fixed one is counted as unseen.
    let changed = moved
        .replace("employees in 100..10000", "employees in 10..10000")
        .replace("hris == none ", "hris == none because \"x\"");
    let c = analyze(&changed, &config());
    let mut m = reparsed.matcher();
    let new: Vec<_> = c
        .diagnostics
        .iter()
        .filter(|d| !m.accepts("a.icp", &changed, d))
        .collect();
    assert_eq!(
        new.iter().map(|d| d.code).collect::<Vec<_>>(),
        ["broad-range"],
        "{new:#?}"
    );
    assert_eq!(m.unseen(), 2);
    assert!(Baseline::parse("{\"version\": 2, \"findings\": []}").is_err());
    assert!(Baseline::parse("not json").is_err());
}

#[test]
fn config_is_found_above_the_file() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/config/configured.icp");
    let c = Config::discover(&dir).expect("valid config");
    assert_eq!(c.cadence_days, 30);
    assert!(
        c.source
            .as_ref()
            .is_some_and(|p| p.ends_with("config/icp.toml"))
    );
    let tmp = std::env::temp_dir().join(format!("icp-check-noconfig-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).expect("tmp");
    std::fs::write(tmp.join("icp.toml"), "[checks]\nvague-term = 3\n").expect("write");
    let e = Config::discover(&tmp.join("x.icp")).expect_err("invalid");
    assert!(e[0].to_string().ends_with("icp.toml:2:14: `checks.vague-term` takes a severity such as \"warning\" or a table, not integer"), "{}", e[0]);
    std::fs::remove_dir_all(&tmp).expect("cleanup");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn analysis_never_panics_on_any_text(s in "\\PC{0,200}") {
        let _ = analyze(&s, &config());
    }

    #[test]
    fn analysis_never_panics_on_damaged_examples(cut in 0usize..4000, len in 0usize..40, junk in "[a-z0-9 .<>=!\\[\\]{}\"#:+-]{0,12}") {
        let src = example("antipatterns.icp") + &example("devtools-weighted.icp");
        let mut at = cut.min(src.len());
        while !src.is_char_boundary(at) { at -= 1; }
        let mut end = (at + len).min(src.len());
        while !src.is_char_boundary(end) { end -= 1; }
        let damaged = format!("{}{}{}", &src[..at], junk, &src[end..]);
        let a = analyze(&damaged, &config());
        let (fixed, _) = icp_check::fix::fix_all(&damaged, &config(), FixMode::Unsafe, None);
        let _ = a;
        let _ = analyze(&fixed, &config());
    }
}
