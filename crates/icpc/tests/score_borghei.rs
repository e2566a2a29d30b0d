//! The borghei `icp_scorer.py` score mode written as `examples/borghei-score.icp`: it checks
//! clean, and it gives the scorer's bands — with accounts exactly on 80, 60 and 40 in the
//! higher band, where a floating-point sum of `weight * grade / 3` lands just below.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn icpc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_icpc"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("icpc runs")
}

const WEIGHTS: [f64; 8] = [15.0, 15.0, 10.0, 15.0, 15.0, 15.0, 10.0, 5.0];

/// The float sum a Python scorer computes: `sum(w * (g / 3))`.
fn float_score(grades: [u32; 8]) -> f64 {
    WEIGHTS
        .iter()
        .zip(grades)
        .map(|(w, g)| w * (f64::from(g) / 3.0))
        .sum()
}

#[test]
fn the_example_checks_without_errors_or_warnings() {
    let out = icpc(&[
        "check",
        "--today",
        "2026-11-23",
        "examples/borghei-score.icp",
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("0 errors, 0 warnings"), "{stdout}");
}

#[test]
fn the_weights_sum_to_100() {
    assert_eq!(WEIGHTS.iter().sum::<f64>(), 100.0);
}

#[test]
fn bands_match_the_scorer_and_lines_are_exact() {
    // The float sums that the grades of the first three accounts give: one band low each.
    assert!(float_score([0, 3, 2, 3, 3, 3, 3, 2]) < 80.0);
    assert!(float_score([0, 0, 1, 3, 3, 3, 2, 3]) < 60.0);
    assert!(float_score([0, 0, 1, 0, 3, 2, 3, 1]) < 40.0);

    let out = icpc(&[
        "score",
        "examples/borghei-score.icp",
        "--accounts",
        "examples/accounts/borghei.csv",
        "--as-of",
        "2026-11-23",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let rows: Vec<Vec<&str>> = stdout
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    let got: Vec<(&str, &str, &str, &str)> =
        rows.iter().map(|r| (r[0], r[1], r[2], r[3])).collect();
    assert_eq!(
        got,
        [
            ("Exactly 80", "80", "80", "strong"),
            ("Exactly 60", "60", "60", "workable"),
            ("Exactly 40", "40", "40", "marginal"),
            ("Just under 80", "235/3", "235/3", "workable"),
            ("All threes", "100", "100", "strong"),
            ("All ones", "100/3", "100/3", "disqualify"),
            // Budget not graded: 90 known, up to 10 more; the minimum decides.
            ("Budget not graded", "90", "100", "strong"),
            // A disqualifier overrides the rubric; the score is kept.
            ("City agency", "100", "100", "disqualified"),
        ]
    );
}
