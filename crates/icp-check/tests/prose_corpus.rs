//! The prose checks on the labelled corpus (`corpus/prose/phrases.tsv`): the `test` split,
//! never used to tune the rules, must stay above the floor of issue #20.

use icp_check::lexicon::prose::Context;
use icp_check::lexicon::prose::eval::{CODES, Corpus, Score, predict};

fn corpus() -> Corpus {
    Corpus::load_default().expect("the corpus loads")
}

#[test]
fn corpus_is_large_varied_and_split_once() {
    let c = corpus();
    assert!(c.rows.len() >= 1500, "{} phrases", c.rows.len());
    let mut industries: Vec<&str> = c.rows.iter().map(|r| r.industry.as_str()).collect();
    industries.sort_unstable();
    industries.dedup();
    assert!(industries.len() >= 12, "{industries:?}");
    let test = c.rows.iter().filter(|r| r.split == "test").count();
    let dev = c.rows.len() - test;
    assert!(dev > test && test * 4 > dev, "dev {dev}, test {test}");
    let mut phrases: Vec<&str> = c.rows.iter().map(|r| r.phrase.as_str()).collect();
    phrases.sort_unstable();
    let before = phrases.len();
    phrases.dedup();
    assert_eq!(before, phrases.len(), "a phrase is in the corpus twice");
    // Hard negatives: phrases with none of the codes make up a good part of each split.
    for split in ["dev", "test"] {
        let rows: Vec<_> = c.rows.iter().filter(|r| r.split == split).collect();
        let none = rows.iter().filter(|r| r.labels.is_empty()).count();
        assert!(none * 3 > rows.len(), "{split}: {none} of {}", rows.len());
        for code in CODES {
            assert!(
                rows.iter().filter(|r| r.labels.contains(code)).count() >= 30,
                "{split}: few {code}"
            );
        }
    }
}

#[test]
fn test_split_meets_the_floor() {
    let c = corpus();
    let vague = Score::of(&c, "test", &["vague-term"]);
    let other = Score::of(&c, "test", &["solution-thinking", "weak-trigger"]);
    let table = Score::table(&c);
    assert!(
        vague.precision() >= 0.95 && vague.recall() >= 0.90,
        "vague-term below the floor:\n{table}"
    );
    assert!(
        other.precision() >= 0.95 && other.recall() >= 0.90,
        "solution-thinking + weak-trigger below the floor:\n{table}"
    );
}

#[test]
fn the_issue_examples() {
    let cases: &[(&str, Context, &[&str])] = &[
        ("Runs Splunk Enterprise Security", Context::Criterion, &[]),
        ("Uses Modern Treasury for payouts", Context::Criterion, &[]),
        (
            "Part of the Agile Learning Centers network",
            Context::Criterion,
            &[],
        ),
        ("Everyone on the SOC rotation", Context::Criterion, &[]),
        (
            "Digitally mature institutions hungry for growth",
            Context::Title,
            &["vague-term"],
        ),
        (
            "Security-forward teams",
            Context::Criterion,
            &["vague-term"],
        ),
        ("People-first employer", Context::Criterion, &["vague-term"]),
        ("Sizeable IT budget", Context::Criterion, &["vague-term"]),
        (
            "Hungry for growth in 3+ states",
            Context::Criterion,
            &["vague-term"],
        ),
        ("Grew headcount 30% in 12 months", Context::Criterion, &[]),
        (
            "Operators who should switch to our app",
            Context::Criterion,
            &["solution-thinking"],
        ),
        (
            "No access to our pool of vetted workers",
            Context::Pain,
            &["solution-thinking"],
        ),
        (
            "Teams that lack a tool like ours",
            Context::Criterion,
            &["solution-thinking"],
        ),
        (
            "Curious about AI copilots",
            Context::Trigger,
            &["weak-trigger"],
        ),
        ("Keen on self-service", Context::Trigger, &["weak-trigger"]),
        ("Hired a VP of Security", Context::Trigger, &[]),
        ("Close our books in 5 days", Context::Job, &[]),
    ];
    for (text, ctx, want) in cases {
        assert_eq!(&predict(text, *ctx), want, "{text:?} as {ctx:?}");
    }
}

#[test]
fn corpus_errors_point_at_the_place() {
    let e = Corpus::parse("dev\tretail\ttitle\t-\tShops\ndev\tretail\tblurb\t-\tShops\n")
        .expect_err("unknown context");
    assert_eq!(e, "2:12: unknown context `blurb`");
    let e = Corpus::parse("dev\tretail\ttitle\tvague\tShops\n").expect_err("unknown label");
    assert_eq!(e, "1:18: unknown label `vague`");
    let e = Corpus::parse("train\tretail\ttitle\t-\tShops\n").expect_err("unknown split");
    assert!(e.starts_with("1:1: split"), "{e}");
    let e = Corpus::parse("dev\tretail\ttitle\n").expect_err("missing columns");
    assert!(e.starts_with("1:1: expected 5"), "{e}");
}

const GROWTH_SRC: &str = r#"schema crm {
  employees: int
  headcount_growth: percent
}

icp buyers "HR teams at US companies with 200-2000 employees" {
  uses crm
  firmographics {
    employees in 200..2000
    "Fast-growing companies"
  }
  persona big "Head of People at a large company" {
  }
}
"#;

#[test]
fn a_schema_field_becomes_the_suggested_criterion() {
    let config = icp_check::Config::default();
    let a = icp_check::analyze(GROWTH_SRC, &config);
    let vague: Vec<_> = a
        .diagnostics
        .iter()
        .filter(|d| d.code == "vague-term")
        .collect();
    assert_eq!(vague.len(), 2, "{vague:#?}");
    let growth = vague
        .iter()
        .find(|d| d.message.contains("Fast-growing"))
        .expect("the criterion");
    let help = growth.help.as_deref().unwrap_or("");
    assert!(help.contains("`headcount_growth >= 30%`"), "{help}");
    let fix = growth.fix.as_ref().expect("a quick fix");
    assert!(fix.confirm, "a placeholder is never applied unasked");
    assert_eq!(fix.edits.len(), 1);
    let e = &fix.edits[0];
    assert_eq!(&GROWTH_SRC[e.span.range()], "\"Fast-growing companies\"");
    assert_eq!(e.replacement, "headcount_growth >= 30%");
    // The edited file parses and the growth finding is gone.
    let mut edited = GROWTH_SRC.to_string();
    edited.replace_range(e.span.range(), &e.replacement);
    let b = icp_check::analyze(&edited, &config);
    assert!(
        !b.diagnostics
            .iter()
            .any(|d| d.code == "syntax" || d.message.contains("Fast-growing")),
        "{:#?}",
        b.diagnostics
    );
    // A persona is no criterion: the help names the field, no edit is offered.
    let size = vague
        .iter()
        .find(|d| d.message.contains("large"))
        .expect("the persona");
    assert!(
        size.help
            .as_deref()
            .is_some_and(|h| h.contains("`employees >= 1000`")),
        "{size:#?}"
    );
    assert!(size.fix.is_none());
    // `--fix` applies certain fixes only (other checks have some here).
    let (fixed, applied) = icp_check::fix::fix_all(GROWTH_SRC, &config);
    assert!(
        fixed.contains("    \"Fast-growing companies\"\n"),
        "{fixed}"
    );
    assert!(
        !applied.iter().any(|x| x.code == "vague-term"),
        "{applied:?}"
    );
}
