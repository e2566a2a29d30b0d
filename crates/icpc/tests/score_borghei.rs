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

/// The example's rubric, read from its text: `(weight, field)` per rule, `(tier, threshold)` per
/// tier, and the source column of each schema field.
struct Rubric {
    rules: Vec<(i64, String)>,
    tiers: Vec<(String, Option<i64>)>,
    columns: Vec<(String, String)>,
    /// `(field, operator, value)` per disqualifier (`<` on a count, `==` on an enum).
    disqualifiers: Vec<(String, String, String)>,
}

fn rubric() -> Rubric {
    let text = std::fs::read_to_string(root().join("examples/borghei-score.icp")).expect("example");
    let mut r = Rubric {
        rules: Vec::new(),
        tiers: Vec::new(),
        columns: Vec::new(),
        disqualifiers: Vec::new(),
    };
    let mut field = None;
    let mut in_disqualify = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with("disqualify {") {
            in_disqualify = true;
            continue;
        }
        if in_disqualify {
            match line.split_whitespace().collect::<Vec<_>>().as_slice() {
                ["}"] => in_disqualify = false,
                [f, op @ ("<" | "=="), v, "because", ..] => {
                    r.disqualifiers
                        .push(((*f).to_string(), (*op).to_string(), (*v).to_string()))
                }
                _ => panic!("a disqualifier the reference cannot read: {line}"),
            }
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        if let Some(f) = line.split(':').next().filter(|_| line.contains(": ")) {
            if words.len() >= 2 && !line.starts_with("rule") && !line.starts_with('#') {
                field = Some(f.trim().to_string());
            }
        }
        if let (Some(f), Some(from)) = (&field, line.split("from \"").nth(1)) {
            r.columns
                .push((f.clone(), from.trim_end_matches('"').to_string()));
            field = None;
        }
        match words.as_slice() {
            ["rule", _, w, ..] => {
                let (_, tail) = line.split_once(" : ").expect("rule condition");
                let g: Vec<&str> = tail.split_whitespace().collect();
                assert_eq!(&g[1..], ["graded", "0..3"], "{line}");
                r.rules.push((w.parse().expect("weight"), g[0].to_string()));
            }
            ["tier", name, "when", "score", ">=", n] => {
                r.tiers
                    .push(((*name).to_string(), Some(n.parse().expect("threshold"))));
            }
            ["tier", name, "otherwise"] => r.tiers.push(((*name).to_string(), None)),
            _ => {}
        }
    }
    assert_eq!(r.rules.len(), 8, "eight graded rules");
    assert_eq!(r.tiers.len(), 4, "four tiers");
    assert_eq!(r.disqualifiers.len(), 2, "two disqualifiers");
    r
}

fn fraction(num: i64, den: i64) -> String {
    fn gcd(a: i64, b: i64) -> i64 {
        if b == 0 { a.abs() } else { gcd(b, a % b) }
    }
    let g = gcd(num, den).max(1);
    if den / g == 1 {
        (num / g).to_string()
    } else {
        format!("{}/{}", num / g, den / g)
    }
}

/// The scorer's answer for each account, computed here from the example's weights, tiers and
/// disqualifiers in exact integer arithmetic (thirds of a point): name, lowest score, highest
/// score, tier.
fn reference(r: &Rubric) -> Vec<(String, String, String, String)> {
    let csv = std::fs::read_to_string(root().join("examples/accounts/borghei.csv")).expect("csv");
    assert!(!csv.contains('"'), "the reference reads unquoted CSV only");
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    let col = |field: &str| {
        let (_, name) = r.columns.iter().find(|(f, _)| f == field).expect("field");
        header.iter().position(|h| h == name).expect("column")
    };
    let mut out = Vec::new();
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        let (mut low, mut high) = (0, 0); // in thirds
        for (w, field) in &r.rules {
            match cells[col(field)] {
                "" => high += w * 3,
                g => {
                    let g: i64 = g.parse().expect("grade");
                    low += w * g;
                    high += w * g;
                }
            }
        }
        let out_by = |(f, op, v): &(String, String, String)| {
            let cell = cells[col(f)];
            match op.as_str() {
                "<" => cell.parse::<i64>().expect("a count") < v.parse::<i64>().expect("a limit"),
                _ => cell.to_lowercase().replace([' ', '-'], "_") == *v,
            }
        };
        let tier = if r.disqualifiers.iter().any(out_by) {
            "disqualified".to_string()
        } else {
            r.tiers
                .iter()
                .find(|(_, t)| t.is_none_or(|t| low >= t * 3))
                .map(|(n, _)| n.clone())
                .expect("a tier")
        };
        out.push((
            cells[0].to_string(),
            fraction(low, 3),
            fraction(high, 3),
            tier,
        ));
    }
    out
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
    assert_eq!(rubric().rules.iter().map(|(w, _)| w).sum::<i64>(), 100);
}

#[test]
fn bands_match_the_scorer_and_lines_are_exact() {
    let r = rubric();
    // The float sums a Python scorer computes, `sum(w * (g / 3))`, for the first three accounts
    // land one band low each: the exact scores must not.
    let float_score = |grades: [u32; 8]| -> f64 {
        r.rules
            .iter()
            .zip(grades)
            .map(|((w, _), g)| *w as f64 * (f64::from(g) / 3.0))
            .sum()
    };
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
    let got: Vec<(String, String, String, String)> = stdout
        .lines()
        .skip(1)
        .map(|l| {
            let r: Vec<&str> = l.split(',').collect();
            (r[0].into(), r[1].into(), r[2].into(), r[3].into())
        })
        .collect();
    let want = reference(&r);
    assert_eq!(want.len(), 8);
    assert_eq!(got, want);
    // The cases the example is about, spelled out.
    assert_eq!(want[0].1, "80");
    assert_eq!(want[0].3, "strong");
    assert_eq!(want[3].1, "235/3");
    assert_eq!(want[6].1, "90");
    assert_eq!(want[6].2, "100");
    assert_eq!(want[7].3, "disqualified");
}
