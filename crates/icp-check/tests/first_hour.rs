//! What a new user trips over in the first hour: percent literals, placeholders and empty
//! blocks, foreign forms and misspelt names, labels that drift from their criteria. Each test
//! analyses a small real profile and looks at the findings and fixes a user would get.

use icp_check::fix::{FixMode, fix_all};
use icp_check::{Config, Diagnostic, Safety, Severity, analyze};

fn config() -> Config {
    Config {
        today: Some(icp_syntax::literal::days_from_civil(2026, 11, 23)),
        ..Config::default()
    }
}

fn diags(src: &str) -> Vec<Diagnostic> {
    analyze(src, &config()).diagnostics
}

fn with_code<'a>(ds: &'a [Diagnostic], code: &str) -> Vec<&'a Diagnostic> {
    ds.iter().filter(|d| d.code == code).collect()
}

fn at<'a>(src: &'a str, d: &Diagnostic) -> &'a str {
    &src[d.span.start as usize..d.span.end as usize]
}

const PERCENT: &str = r#"schema crm {
  share: percent from "Public Works Percent"
  employees: int
}

icp subs "Subcontractors with 25-250 employees" {
  uses crm
  firmographics {
    employees in 25..250
  }
  rubric {
    rule public_work : share >= 25
    rule some_public : share in 10..40
    rule fraction : share > 0.3
    rule written_right : share >= 25%
    tier strong when score >= 2
    tier rest otherwise
  }
}
"#;

#[test]
fn a_bare_number_on_a_percent_field_is_an_error_with_the_percent_fix() {
    let ds = diags(PERCENT);
    let bare: Vec<&Diagnostic> = with_code(&ds, "type-mismatch");
    let places: Vec<&str> = bare.iter().map(|d| at(PERCENT, d)).collect();
    assert_eq!(places, ["25", "10", "40", "0.3"], "{bare:#?}");
    assert!(bare.iter().all(|d| d.severity == Severity::Error));
    assert!(
        bare[0].message.contains("it would mean 2500%"),
        "{}",
        bare[0].message
    );
    // Whole numbers: a safe fix that appends `%`; a fraction: an unsafe one, to 30%.
    let fix = bare[0].fix.as_ref().expect("a fix");
    assert_eq!(fix.safety, Safety::Safe);
    assert_eq!(fix.edits[0].replacement, "25%");
    let fix = bare[3].fix.as_ref().expect("a fix");
    assert_eq!(fix.safety, Safety::Unsafe);
    assert_eq!(fix.edits[0].replacement, "30%");

    // `--fix` applies the safe ones; the file then has no percent error but the fraction.
    let (fixed, applied) = fix_all(PERCENT, &config(), FixMode::Safe, None);
    assert_eq!(applied.len(), 3, "{applied:?}");
    assert!(fixed.contains("share >= 25%\n"), "{fixed}");
    assert!(fixed.contains("share in 10%..40%"), "{fixed}");
    assert!(fixed.contains("share > 0.3\n"), "{fixed}");
    let left = diags(&fixed);
    assert_eq!(with_code(&left, "type-mismatch").len(), 1, "{left:#?}");
}

const FOREIGN: &str = r#"schema crm {
  employees: int
  revenue: money
  share: percent
  industry: enum [saas, services]
}

icp subs "Subcontractors" {
  uses crm
  firmographics {
    employees between 25 and 400
    revenue >= $5M
    revenue <= 25000 USD
    share >= 40 percent
    industry == [saas, services]
    industry !in [services]
  }
}
"#;

#[test]
fn each_foreign_form_is_one_error_that_says_the_rewrite_and_fixes_it() {
    let ds = diags(FOREIGN);
    let errors: Vec<(&str, &str)> = ds
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (at(FOREIGN, d), d.message.as_str()))
        .collect();
    let want = [
        ("between 25 and 400", "write `in 25..400`"),
        ("$5M", "write `5M`"),
        ("25000 USD", "write `25K`"),
        ("40 percent", "write `40%`"),
        ("==", "write `in [..]`"),
        ("!in", "`!in` is written `not in`"),
    ];
    assert_eq!(errors.len(), want.len(), "{errors:#?}");
    for ((place, msg), (wp, wm)) in errors.iter().zip(want) {
        assert_eq!(*place, wp);
        assert!(msg.contains(wm), "{msg}");
    }
    // Every rewrite is exact, so `--fix` applies them all and the file is clean of errors.
    let (fixed, _) = fix_all(FOREIGN, &config(), FixMode::Safe, None);
    for line in [
        "employees in 25..400",
        "revenue >= 5M",
        "revenue <= 25K",
        "share >= 40%",
        "industry in [saas, services]",
        "industry not in [services]",
    ] {
        assert!(fixed.contains(line), "{line} not in\n{fixed}");
    }
    let left = diags(&fixed);
    assert!(
        left.iter().all(|d| d.severity != Severity::Error),
        "{left:#?}"
    );
}

#[test]
fn a_misspelt_block_is_reported_on_the_word_with_did_you_mean() {
    let src = "schema crm {\n  employees: int\n}\n\nicp subs \"Subcontractors\" {\n  uses crm\n  firmographic {\n    employees > 5\n  }\n}\n";
    let ds = diags(src);
    let syntax = with_code(&ds, "syntax");
    assert!(!syntax.is_empty(), "{ds:#?}");
    assert_eq!(at(src, syntax[0]), "firmographic", "{:#?}", syntax[0]);
    assert!(
        syntax[0].message.contains("did you mean `firmographics`?"),
        "{}",
        syntax[0].message
    );
}

#[test]
fn a_type_typo_gets_the_type_and_a_fix_and_the_field_stays_declared() {
    let src = "schema crm {\n  active: boolean\n  employees: integer\n  name: string\n}\n\nicp subs \"Subcontractors\" {\n  uses crm\n  firmographics {\n    active\n    employees > 5\n    name == \"x\"\n  }\n}\n";
    let ds = diags(src);
    let syntax = with_code(&ds, "syntax");
    let got: Vec<(&str, &str)> = syntax
        .iter()
        .map(|d| {
            (
                at(src, d),
                d.fix
                    .as_ref()
                    .map_or("", |f| f.edits[0].replacement.as_str()),
            )
        })
        .collect();
    assert_eq!(
        got,
        [("boolean", "bool"), ("integer", "int"), ("string", "text")]
    );
    assert!(
        syntax[0].message.contains("did you mean `bool`?"),
        "{}",
        syntax[0].message
    );
    // No cascade: the fields are declared with the types meant.
    assert!(with_code(&ds, "unknown-field").is_empty(), "{ds:#?}");
    assert!(with_code(&ds, "type-mismatch").is_empty(), "{ds:#?}");
    let (fixed, _) = fix_all(src, &config(), FixMode::Safe, None);
    assert!(
        fixed.contains("active: bool\n") && fixed.contains("name: text\n"),
        "{fixed}"
    );
}

const LABELS: &str = r#"schema crm {
  employees: int
  revenue: money
  share: percent
}

icp subs "Subcontractors with 200-2000 employees" {
  uses crm
  firmographics {
    employees in 100..10000
    revenue in 5M..50M
  }
  rubric {
    rule size "25-400 employees" : employees in 25..250
    rule money "$5M-$50M revenue" : revenue in 5M..50M
    rule public "10-40% public works" : share in 10%..40%
    tier strong when score >= 2 and fit
    tier rest otherwise
  }
  segment core "Core: 500 to 1,500 employees" {
    employees in 500..1500
  }
}
"#;

#[test]
fn labels_and_titles_that_drift_from_their_criteria_are_flagged_with_a_fix() {
    let ds = diags(LABELS);
    let found: Vec<&str> = with_code(&ds, "label-mismatch")
        .iter()
        .map(|d| at(LABELS, d))
        .collect();
    // The title (200-2000 vs 100..10000) and the size rule (25-400 vs 25..250); the money,
    // percent and segment texts agree with their criteria.
    assert_eq!(found, ["200-2000", "25-400"], "{ds:#?}");
    let size = with_code(&ds, "label-mismatch")[1];
    assert!(
        size.message.contains("`employees` is tested as 25..250"),
        "{}",
        size.message
    );
    let (fixed, _) = fix_all(LABELS, &config(), FixMode::Unsafe, None);
    assert!(fixed.contains("rule size \"25-250 employees\""), "{fixed}");
    assert!(
        fixed.contains("\"Subcontractors with 100-10000 employees\""),
        "{fixed}"
    );
    assert!(with_code(&diags(&fixed), "label-mismatch").is_empty());
}

#[test]
fn broad_range_help_suggests_literals_in_the_users_style() {
    let src = "schema crm {\n  revenue: money\n  employees: int\n}\n\nicp subs \"Subcontractors\" {\n  uses crm\n  firmographics {\n    revenue in 5M..500M\n    employees in 100..10000\n  }\n}\n";
    let ds = diags(src);
    let helps: Vec<&str> = with_code(&ds, "broad-range")
        .iter()
        .filter_map(|d| d.help.as_deref())
        .collect();
    assert_eq!(helps.len(), 2, "{ds:#?}");
    assert!(helps[0].contains("for example 5M..50M"), "{}", helps[0]);
    assert!(helps[1].contains("for example 100..1000"), "{}", helps[1]);
}
