//! Scoring the profiles the checker accepts: accounts written by hand against the rubric of
//! `examples/devtools-weighted.icp`, with the expected scores worked out in the comments, and
//! the bundled account lists scored the same whatever the layout of their profile.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use icp_check::{Config, Severity};
use icp_eval::{InputFormat, Job, Options, OutputFormat, Program};
use icp_fmt::{FmtOptions, format_source};
use icp_syntax::literal::days_from_civil;
use icp_tests::{example, examples, examples_dir};

/// 2026-11-23: `within 120d` holds from 2026-07-26 on, `within 60d` from 2026-09-24 on.
fn as_of() -> i64 {
    days_from_civil(2026, 11, 23)
}

fn config() -> Config {
    Config {
        today: Some(as_of()),
        ..Config::default()
    }
}

/// Checks `src` (no error may be reported, as `icpc score` requires), compiles its only icp and
/// scores the accounts file at `accounts` to CSV.
fn score_file(src: &str, accounts: &Path) -> Vec<u8> {
    let analysis = icp_check::analyze(src, &config());
    let errors: Vec<_> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let model = &analysis.model;
    assert_eq!(model.icps.len(), 1);
    let prog = Program::compile(model, &model.icps[0], src, as_of()).expect("compiles");
    let input =
        std::fs::File::open(accounts).unwrap_or_else(|e| panic!("{}: {e}", accounts.display()));
    let opts = Options {
        input: InputFormat::Csv,
        output: OutputFormat::Csv,
        keep: None,
        threads: 2,
        block_bytes: 256,
    };
    let job = Job::open(&prog, Box::new(input), opts).expect("opens");
    assert!(job.missing_columns().is_empty(), "a column is missing");
    let mut out = Vec::new();
    job.run(&mut out, &mut |_| {}).expect("scores");
    out
}

/// The output rows as maps from column to cell.
fn rows(out: &[u8]) -> Vec<HashMap<String, String>> {
    let mut rd = csv::Reader::from_reader(out);
    let header: Vec<String> = rd
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    rd.records()
        .map(|r| {
            let r = r.expect("CSV out");
            header
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect()
}

const HEADER: &str = "account,employee_count,engineering_headcount,arr_usd,region,technologies,\
funding_stage,last_funding_date,vp_engineering_start,previous_customer_churned,is_education";

/// `examples/devtools-weighted.icp`:
///   team_size +3 : engineers in 50..400        stage +2 : funding_stage in [series_b, series_c]
///   stack +2 : stack has all [kubernetes, terraform]
///   funded +1 : last_funding within 120d       new_leader +1 : new_vp_eng within 60d
///   churn_risk -4 : churned_before
///   tier a >= 7, b >= 4, c otherwise; disqualify students, engineers < 20;
///   segment apac_bet (secondary): region in [apac] and engineers in 100..400.
const ACCOUNTS: &[&str] = &[
    // 3 + 2 + 2 + 1 (2026-09-01) + 1 (2026-10-01) = 9: a.
    "acme,500,120,$4M,na,kubernetes;terraform;github,series_b,2026-09-01,2026-10-01,no,no",
    // On the tier line: 3 (400 is in 50..400) + 2 + 2 = 7: a. Funded on 2026-07-25, one day
    // before the 120-day window; new VP on 2026-06-01.
    "edge,900,400,$9M,emea,terraform;kubernetes,series_c,2026-07-25,2026-06-01,no,no",
    // 0 (49 engineers) + 2 + 2 + 1 (2026-07-26, first day of the window) + 1 (2026-09-24,
    // first day of the 60-day window) = 6: b.
    "window,300,49,$2M,na,kubernetes;terraform,series_b,2026-07-26,2026-09-24,no,no",
    // 3 + 2 + 0 (no terraform) + 1 - 4 (churned) = 2, and new_leader unknown (empty cell):
    // score 2, at most 3: c either way.
    "churner,200,60,$1M,na,kubernetes,series_c,2026-11-01,,yes,no",
    // 3 + 2 + 2 + 0 + 0 = 7 would be a, but an education account is disqualified.
    "school,3000,90,$0,na,kubernetes;terraform,series_b,2025-01-01,2025-01-01,no,yes",
    // 10 engineers: disqualified (engineers < 20); 0 + 2 + 2 + 1 + 0 = 5 kept for information.
    "tiny,15,10,$100K,na,kubernetes;terraform,series_b,2026-11-20,2024-01-01,no,no",
    // 3 (150 engineers) + 0 (seed) + 0 + 0 + 0 = 3: c, in the secondary segment apac_bet
    // (apac, 150 in 100..400) though outside the firmographics (region, stage).
    "apac,400,150,$3M,apac,aws;gcp,seed,2024-05-01,2024-05-01,no,no",
];

#[test]
fn hand_built_accounts_score_as_worked_out() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("accounts.csv");
    let mut f = std::fs::File::create(&path).expect("create");
    writeln!(f, "{HEADER}").expect("write");
    for row in ACCOUNTS {
        writeln!(f, "{row}").expect("write");
    }
    drop(f);

    let out = rows(&score_file(&example("devtools-weighted.icp"), &path));
    let got: Vec<[&str; 8]> = out
        .iter()
        .map(|r| {
            let c = |k: &str| r.get(k).map_or("<missing>", String::as_str);
            [
                c("account"),
                c("score"),
                c("score_max"),
                c("tier"),
                c("rules"),
                c("unknown"),
                c("disqualified_by"),
                c("segments"),
            ]
        })
        .collect();
    let expected: Vec<[&str; 8]> = vec![
        [
            "acme",
            "9",
            "9",
            "a",
            "team_size;stage;stack;funded;new_leader",
            "",
            "",
            "",
        ],
        ["edge", "7", "7", "a", "team_size;stage;stack", "", "", ""],
        [
            "window",
            "6",
            "6",
            "b",
            "stage;stack;funded;new_leader",
            "",
            "",
            "",
        ],
        [
            "churner",
            "2",
            "3",
            "c",
            "team_size;stage;funded;churn_risk",
            "new_leader",
            "",
            "",
        ],
        [
            "school",
            "7",
            "7",
            "disqualified",
            "team_size;stage;stack",
            "",
            "students",
            "",
        ],
        [
            "tiny",
            "5",
            "5",
            "disqualified",
            "stage;stack;funded",
            "",
            "engineers < 20",
            "",
        ],
        ["apac", "3", "3", "c", "team_size", "", "", "apac_bet"],
    ];
    assert_eq!(got.len(), expected.len());
    for (g, e) in got.iter().zip(&expected) {
        assert_eq!(g, e);
    }
    assert!(
        out.iter()
            .all(|r| r.get("error").is_some_and(String::is_empty))
    );
}

/// The bundled account lists score to the same bytes from the profile as written, from the
/// profile in other layouts, and from the profile laid out again by the formatter.
#[test]
fn layout_never_changes_a_score() {
    let pairs = [
        ("hr-analytics.icp", "hr-analytics.csv"),
        ("borghei-score.icp", "borghei.csv"),
    ];
    for (icp, csv) in pairs {
        let src = example(icp);
        let accounts = examples_dir().join("accounts").join(csv);
        let expected = score_file(&src, &accounts);
        assert!(
            rows(&expected).len() >= 5,
            "{csv}: expected sample accounts"
        );
        for (indent_width, line_width) in [(4, 100), (2, 30), (8, 20)] {
            let opts = FmtOptions {
                indent_width,
                line_width,
            };
            let other = format_source(&src, &opts).expect("formats");
            assert_ne!(other, src, "{icp} {opts:?}: the layout should change");
            assert_eq!(
                String::from_utf8_lossy(&score_file(&other, &accounts)),
                String::from_utf8_lossy(&expected),
                "{icp} {opts:?}"
            );
            let back = format_source(&other, &FmtOptions::default()).expect("formats");
            assert_eq!(
                String::from_utf8_lossy(&score_file(&back, &accounts)),
                String::from_utf8_lossy(&expected),
                "{icp} {opts:?} and back"
            );
        }
    }
}

/// Every icp of every example the checker finds no error in compiles to a scoring program.
#[test]
fn every_profile_the_checker_accepts_compiles() {
    let mut compiled = 0;
    for (name, src) in examples() {
        let analysis = icp_check::analyze(&src, &config());
        if analysis
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
        {
            continue;
        }
        for icp in &analysis.model.icps {
            Program::compile(&analysis.model, icp, &src, as_of())
                .unwrap_or_else(|e| panic!("{name}: {e:?}"));
            compiled += 1;
        }
    }
    assert!(compiled >= 3, "only {compiled} icps compiled");
}
