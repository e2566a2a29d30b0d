//! `icpc diff --accounts`: the impact of a change on real accounts must equal scoring each
//! version with `icpc score` and counting, on a messy CRM export with unreadable rows.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn icpc() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_icpc"));
    c.env("NO_COLOR", "1");
    c
}

fn example() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/hr-analytics.icp"),
    )
    .expect("example")
}

/// A change that touches every kind of impact: a wider size band (accounts move up), a
/// heavier budget rule, a stricter top tier, and a new disqualifier.
fn changed() -> String {
    let s = example();
    let out = s
        .replace(
            ": employees in 200..2000",
            ": employees in 150..5000",
        )
        .replace(
            "    rule budget \"Confirmed budget over 50K\"         : budget >= 50K",
            "    rule budget +2 \"Confirmed budget over 50K\"      : budget >= 50K",
        )
        .replace("tier strong when score >= 5", "tier strong when score >= 6")
        .replace(
            "    hris == in_house because",
            "    industry == retail because \"Retail buys elsewhere\"\n    hris == in_house because",
        );
    assert_ne!(out, s);
    assert_eq!(out.matches("150..5000").count(), 1, "the size rule changed");
    out
}

/// A deterministic messy export: every cell form the scorer reads, blanks, and unreadable
/// cells (about one row in eight has one).
fn messy_csv(rows: usize) -> String {
    let pick = |seed: &mut u64, xs: &[&'static str]| -> &'static str {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        xs[((*seed >> 33) as usize) % xs.len()]
    };
    let mut seed = 7u64;
    let mut s = String::from(
        "Account Name,Billing Country,Employees,Annual Revenue,Year Founded,Industry,HRIS,Payroll,BI Tools,VP People Start Date,VP People Engaged,Pain Confirmed,Confirmed Budget,Decision Timeline\n",
    );
    for i in 0..rows {
        let cells = [
            format!("Account {i}"),
            pick(&mut seed, &["US", "us", " US ", "DE", ""]).into(),
            pick(
                &mut seed,
                &[
                    "40",
                    "160",
                    "\"1,200\"",
                    "850",
                    "2400",
                    "4,999",
                    "1.2K",
                    "",
                    "lots",
                    "200",
                ],
            )
            .into(),
            pick(&mut seed, &["$45,000,000", "32M", "", "€1.2B", "2M"]).into(),
            pick(&mut seed, &["2012", "1998", ""]).into(),
            pick(
                &mut seed,
                &[
                    "SaaS",
                    "services",
                    "Retail",
                    "RETAIL",
                    "Manufacturing",
                    "",
                    "Fintech",
                ],
            )
            .into(),
            pick(
                &mut seed,
                &["Workday", "BambooHR", "In House", "in-house", "none", ""],
            )
            .into(),
            pick(&mut seed, &["ADP", "gusto", "Other", ""]).into(),
            pick(&mut seed, &["Looker;Tableau", "Mode", "", "power bi"]).into(),
            pick(&mut seed, &["2026-10-20", "2026-06-01", "", "2026-02-30"]).into(),
            pick(&mut seed, &["yes", "no", "", "Y", "maybe"]).into(),
            pick(&mut seed, &["yes", "no", "", "TRUE"]).into(),
            pick(&mut seed, &["$80K", "60000", "", "40K", "50,000"]).into(),
            pick(&mut seed, &["90d", "6mo", "1y", "", "soon"]).into(),
        ];
        let line: Vec<String> = cells
            .iter()
            .map(|c: &String| {
                if c.contains(',') && !c.starts_with('"') {
                    format!("\"{c}\"")
                } else {
                    c.clone()
                }
            })
            .collect();
        s.push_str(&line.join(","));
        s.push('\n');
    }
    s
}

/// Each row's (tier, score) from `icpc score`, in input order.
fn score(icp: &Path, accounts: &Path) -> Vec<(String, f64)> {
    let o = icpc()
        .args(["score", "--as-of", "2026-11-23", "-q", "--accounts"])
        .arg(accounts)
        .arg(icp)
        .output()
        .expect("icpc runs");
    assert!(
        o.status.code() == Some(0) || o.status.code() == Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let mut r = csv::Reader::from_reader(o.stdout.as_slice());
    let h = r.headers().expect("header").clone();
    let col = |n: &str| h.iter().position(|c| c == n).expect(n);
    let (t, sc) = (col("tier"), col("score"));
    r.records()
        .map(|rec| {
            let rec = rec.expect("row");
            let num = |s: &str| -> f64 {
                match s.split_once('/') {
                    Some((p, q)) => p.parse::<f64>().unwrap() / q.parse::<f64>().unwrap(),
                    None => s.parse().unwrap_or(0.0),
                }
            };
            (rec[t].to_string(), num(&rec[sc]))
        })
        .collect()
}

#[test]
fn the_impact_equals_scoring_each_version_and_counting() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (old, new, accounts) = (
        dir.path().join("old.icp"),
        dir.path().join("new.icp"),
        dir.path().join("crm.csv"),
    );
    std::fs::write(&old, example()).unwrap();
    std::fs::write(&new, changed()).unwrap();
    std::fs::write(&accounts, messy_csv(600)).unwrap();

    let o = icpc()
        .args([
            "diff",
            "--today",
            "2026-11-23",
            "--format",
            "json",
            "--movers",
            "5",
        ])
        .arg(&old)
        .arg(&new)
        .arg("--accounts")
        .arg(&accounts)
        .output()
        .expect("icpc runs");
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let doc: Value = serde_json::from_slice(&o.stdout).expect("json");
    let imp = &doc["impact"];
    assert_eq!(imp, &doc["impacts"][0]);
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/schemas/diff.schema.json"),
        )
        .expect("schema"),
    )
    .expect("schema json");
    let v = jsonschema::validator_for(&schema).expect("compiles");
    let problems: Vec<String> = v
        .iter_errors(&doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(problems.is_empty(), "{problems:?}");
    let mut broken = doc.clone();
    broken["impact"]["movers"][0]["rules"] = Value::from("size_fit");
    assert!(!v.is_valid(&broken), "the impact schema is not vacuous");

    let (a, b) = (score(&old, &accounts), score(&new, &accounts));
    assert_eq!(a.len(), 600);
    assert_eq!(b.len(), 600);
    let mut want: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
    let (mut errors, mut moved, mut newly_dq, mut no_longer_dq) = (0u64, 0u64, 0u64, 0u64);
    let (mut newly_q, mut no_longer_q) = (0u64, 0u64);
    let qualifies = |t: &str| t == "strong" || t == "possible";
    let mut biggest = 0f64;
    for ((ot, os), (nt, ns)) in a.iter().zip(&b) {
        if ot == "error" || nt == "error" {
            errors += 1;
            continue;
        }
        let name = |t: &str| {
            if t.is_empty() {
                "no tier".to_string()
            } else {
                t.to_string()
            }
        };
        *want
            .entry(name(ot))
            .or_default()
            .entry(name(nt))
            .or_default() += 1;
        if ot != nt || os != ns {
            moved += 1;
            biggest = biggest.max((ns - os).abs());
        }
        match (ot.as_str(), nt.as_str()) {
            ("disqualified", "disqualified") => {}
            (_, "disqualified") => newly_dq += 1,
            ("disqualified", _) => no_longer_dq += 1,
            _ => {}
        }
        match (qualifies(ot), qualifies(nt)) {
            (false, true) => newly_q += 1,
            (true, false) => no_longer_q += 1,
            _ => {}
        }
    }
    let got: BTreeMap<String, BTreeMap<String, u64>> =
        serde_json::from_value(imp["transitions"].clone()).expect("matrix");
    assert_eq!(got, want);
    assert_eq!(imp["rows"], 600);
    assert_eq!(imp["errors"], errors);
    assert!(errors > 20, "the export has unreadable rows ({errors})");
    assert!(
        newly_dq > 0 && newly_q > 0,
        "the change moves accounts both ways"
    );
    assert_eq!(imp["moved"], moved);
    assert_eq!(imp["newly_disqualified"], newly_dq);
    assert_eq!(imp["no_longer_disqualified"], no_longer_dq);
    assert_eq!(imp["newly_qualified"], newly_q);
    assert_eq!(imp["no_longer_qualified"], no_longer_q);
    let by: u64 = imp["disqualified_by"]["Retail buys elsewhere"]
        .as_u64()
        .expect("the new disqualifier is named");
    assert_eq!(
        by, newly_dq,
        "only the new disqualifier can newly disqualify here"
    );

    // Movers: five, largest first, the first as large as the largest move counted above,
    // each with the rules behind it.
    let movers = imp["movers"].as_array().expect("movers");
    assert_eq!(movers.len(), 5);
    let delta = |m: &Value| {
        let f = |k: &str| m[k].as_str().unwrap().parse::<f64>().unwrap();
        (f("new_score") - f("old_score")).abs()
    };
    assert_eq!(delta(&movers[0]), biggest);
    for w in movers.windows(2) {
        assert!(delta(&w[0]) >= delta(&w[1]));
    }
    for m in movers {
        assert!(m["id"].as_str().unwrap().starts_with("Account "));
        assert!(!m["rules"].as_array().unwrap().is_empty(), "{m}");
    }

    // The same figures in the text plan.
    let o = icpc()
        .args(["diff", "--today", "2026-11-23"])
        .arg(&old)
        .arg(&new)
        .arg("--accounts")
        .arg(&accounts)
        .output()
        .expect("icpc runs");
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains(&format!("{newly_dq} newly disqualified")),
        "{text}"
    );
    assert!(text.contains("Top movers:"), "{text}");
}

#[test]
fn impact_errors_are_clear() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (old, new) = (dir.path().join("old.icp"), dir.path().join("new.icp"));
    std::fs::write(&old, example()).unwrap();
    std::fs::write(&new, changed()).unwrap();
    let run = |extra: &[&str]| {
        let o = icpc()
            .args(["diff", "--today", "2026-11-23"])
            .arg(&old)
            .arg(&new)
            .args(extra)
            .output()
            .expect("icpc runs");
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    let (code, e) = run(&["--accounts", "/no/such/file.csv"]);
    assert_eq!(code, Some(2));
    assert!(e.contains("/no/such/file.csv"), "{e}");
    let (code, e) = run(&["--accounts", "-"]);
    assert_eq!(code, Some(2));
    assert!(e.contains("give a file"), "{e}");
    let csv = dir.path().join("a.csv");
    std::fs::write(&csv, messy_csv(3)).unwrap();
    let (code, e) = run(&["--accounts", csv.to_str().unwrap(), "--id", "Nope"]);
    assert_eq!(code, Some(2));
    assert!(e.contains("no id column `Nope`"), "{e}");
}
