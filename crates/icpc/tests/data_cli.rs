//! `icpc check --data` and `[data]` in icp.toml: each data-aware finding on a fixture built to
//! trigger it (`tests/data/datachecks/`), none on a profile that fits its data.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/datachecks")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_icpc"))
        .args(args)
        .output()
        .expect("icpc runs")
}

const DATA_CODES: &[&str] = &[
    "admits-everyone-in-data",
    "admits-no-one-in-data",
    "mostly-unknown",
    "unmapped-column",
    "unlisted-values",
];

fn data_findings(o: &Output) -> Vec<(String, String, u64)> {
    let v: Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "JSON: {e}\n{}\n{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    });
    let mut out = Vec::new();
    let all = v["diagnostics"].as_array().expect("diagnostics");
    assert!(
        all.iter().all(|d| d["severity"] != "error"),
        "a fixture with errors: {all:?}"
    );
    for d in all {
        let code = d["code"].as_str().unwrap_or("").to_string();
        if DATA_CODES.contains(&code.as_str()) {
            out.push((
                code,
                d["message"].as_str().unwrap_or("").to_string(),
                d["range"]["start"]["line"].as_u64().unwrap_or(0),
            ));
        }
    }
    out
}

#[test]
fn each_fixture_draws_its_finding() {
    let data = dir().join("accounts.csv").display().to_string();
    for code in DATA_CODES {
        let file = dir().join(format!("{code}.icp")).display().to_string();
        let o = run(&[
            "check",
            "--format",
            "json",
            "--today",
            "2026-11-23",
            "--data",
            &data,
            &file,
        ]);
        let found = data_findings(&o);
        let codes: BTreeSet<&str> = found.iter().map(|(c, _, _)| c.as_str()).collect();
        // accounts.csv spells one industry `Sofware`: every fixture also sees it unlisted.
        let want: BTreeSet<&str> = [*code, "unlisted-values"].into_iter().collect();
        assert_eq!(codes, want, "{code}: {found:?}");
        assert_eq!(
            found.iter().filter(|(c, _, _)| c == code).count(),
            1,
            "{code}: {found:?}"
        );
    }
}

#[test]
fn findings_carry_the_figures() {
    let data = dir().join("accounts.csv").display().to_string();
    let file = dir().join("unlisted-values.icp").display().to_string();
    let found = data_findings(&run(&["check", "--format", "json", "--data", &data, &file]));
    assert!(found[0].1.contains("`sofware` (1)"), "{found:?}");
    let file = dir()
        .join("admits-no-one-in-data.icp")
        .display()
        .to_string();
    let found = data_findings(&run(&["check", "--format", "json", "--data", &data, &file]));
    let f = found
        .iter()
        .find(|f| f.0 == "admits-no-one-in-data")
        .expect("finding");
    assert!(f.1.contains("0 of 8 known"), "{f:?}");
    let file = dir().join("mostly-unknown.icp").display().to_string();
    let found = data_findings(&run(&["check", "--format", "json", "--data", &data, &file]));
    let f = found
        .iter()
        .find(|f| f.0 == "mostly-unknown")
        .expect("finding");
    assert!(f.1.contains("75%") && f.1.contains("(6 of 8)"), "{f:?}");
}

#[test]
fn a_profile_that_fits_its_data_gets_none() {
    let data = dir().join("fits.csv").display().to_string();
    let file = dir().join("fits.icp").display().to_string();
    let o = run(&["check", "--format", "json", "--data", &data, &file]);
    assert_eq!(data_findings(&o), vec![]);
    // Without data, none of them either.
    let file = dir()
        .join("admits-no-one-in-data.icp")
        .display()
        .to_string();
    assert_eq!(
        data_findings(&run(&["check", "--format", "json", &file])),
        vec![]
    );
}

#[test]
fn data_from_icp_toml_and_a_missing_file() {
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::copy(dir().join("accounts.csv"), tmp.path().join("crm.csv")).expect("copy");
    std::fs::copy(
        dir().join("admits-no-one-in-data.icp"),
        tmp.path().join("p.icp"),
    )
    .expect("copy");
    std::fs::write(
        tmp.path().join("icp.toml"),
        "[data]\naccounts = \"crm.csv\"\n",
    )
    .expect("toml");
    let p = tmp.path().join("p.icp").display().to_string();
    let o = run(&["check", "--format", "json", &p]);
    assert!(
        data_findings(&o)
            .iter()
            .any(|f| f.0 == "admits-no-one-in-data")
    );
    // A missing accounts file named by icp.toml: one warning, the profile still checked.
    std::fs::write(
        tmp.path().join("icp.toml"),
        "[data]\naccounts = \"gone.csv\"\n",
    )
    .expect("toml");
    let o = run(&["check", "--format", "json", &p]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        err.matches("warning: the accounts file").count(),
        1,
        "{err}"
    );
    assert!(err.contains("gone.csv"), "{err}");
    assert_eq!(data_findings(&o), vec![]);
    assert!(o.status.code() != Some(2));
    // Named by --data: an error, exit 2.
    let o = run(&["check", "--data", "/nonexistent/x.csv", &p]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("x.csv"));
    // An unknown key of [data] is an error at its place.
    std::fs::write(
        tmp.path().join("icp.toml"),
        "[data]\naccount = \"crm.csv\"\n",
    )
    .expect("toml");
    let o = run(&["check", &p]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("icp.toml:2:1: unknown key `data.account`")
    );
    // Suppressed by a baseline like any finding.
    std::fs::write(
        tmp.path().join("icp.toml"),
        "[data]\naccounts = \"crm.csv\"\n",
    )
    .expect("toml");
    let base = tmp.path().join("base.json").display().to_string();
    let _ = run(&["check", "--baseline", &base, &p]);
    let o = run(&["check", "--format", "json", "--baseline", &base, &p]);
    assert_eq!(data_findings(&o), vec![]);
}

#[test]
fn json_lines_accounts_give_the_same_findings_as_csv() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(dir().join("accounts.csv")).expect("csv");
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = r
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let mut out = String::new();
    for rec in r.records() {
        let rec = rec.expect("record");
        let mut obj = serde_json::Map::new();
        for (k, v) in header.iter().zip(rec.iter()) {
            let v = match k.as_str() {
                // A list for the set field, a number for the count, null for a blank.
                "Tools" if !v.is_empty() => Value::from(v.split(';').collect::<Vec<_>>()),
                "Employees" if !v.is_empty() => Value::from(v.parse::<u64>().expect("int")),
                _ if v.is_empty() => Value::Null,
                _ => Value::from(v),
            };
            obj.insert(k.clone(), v);
        }
        out.push_str(&Value::Object(obj).to_string());
        out.push('\n');
    }
    let jsonl = tmp.path().join("accounts.jsonl");
    std::fs::write(&jsonl, out).expect("jsonl");
    for code in DATA_CODES {
        let file = dir().join(format!("{code}.icp")).display().to_string();
        let from_csv = data_findings(&run(&[
            "check",
            "--format",
            "json",
            "--data",
            &dir().join("accounts.csv").display().to_string(),
            &file,
        ]));
        let from_jsonl = data_findings(&run(&[
            "check",
            "--format",
            "json",
            "--data",
            &jsonl.display().to_string(),
            &file,
        ]));
        let strip = |v: Vec<(String, String, u64)>| -> Vec<(String, u64)> {
            v.into_iter().map(|(c, _, l)| (c, l)).collect()
        };
        assert_eq!(strip(from_csv), strip(from_jsonl), "{code}");
    }
}
