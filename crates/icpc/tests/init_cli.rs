//! `icpc init`: the starter file is canonical, passes `icpc check` with no errors, and an
//! existing file is never overwritten without --force.

use std::path::Path;
use std::process::{Command, Output};

fn icpc(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_icpc"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("icpc runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn starter_passes_check_and_is_canonical() {
    let dir = tempfile::tempdir().unwrap();
    let out = icpc(dir.path(), &["init"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(dir.path().join("profile.icp")).unwrap();
    for block in [
        "schema",
        "firmographics",
        "tech_stack",
        "persona",
        "job",
        "pain",
        "alternatives",
        "triggers",
        "budget",
        "reach",
        "disqualify",
        "rubric",
        "segment",
    ] {
        assert!(
            written.contains(&format!("{block} ")),
            "starter lacks `{block}`"
        );
    }

    let check = icpc(dir.path(), &["check", "--format", "json", "profile.icp"]);
    let report = text(&check.stdout);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{report}\n{}",
        text(&check.stderr)
    );
    let json: serde_json::Value = serde_json::from_str(&report).expect("check prints JSON");
    let errors = report_errors(&json);
    assert!(errors.is_empty(), "the starter has errors: {errors:?}");

    let fmt = icpc(dir.path(), &["fmt", "--check", "profile.icp"]);
    assert_eq!(fmt.status.code(), Some(0), "{}", text(&fmt.stdout));
}

/// Every diagnostic at error level anywhere in `icpc check --format json`'s output.
fn report_errors(v: &serde_json::Value) -> Vec<String> {
    let mut found = Vec::new();
    match v {
        serde_json::Value::Object(m) => {
            if m.get("severity").and_then(|s| s.as_str()) == Some("error") {
                found.push(v.to_string());
            }
            for x in m.values() {
                found.extend(report_errors(x));
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| found.extend(report_errors(x))),
        _ => {}
    }
    found
}

#[test]
fn never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.icp");
    std::fs::write(&path, "# my own work\n").unwrap();

    let out = icpc(dir.path(), &["init", "mine.icp"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("mine.icp already exists; pass --force"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "# my own work\n");

    let out = icpc(dir.path(), &["init", "mine.icp", "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(std::fs::read_to_string(&path).unwrap().contains("rubric {"));

    let out = icpc(dir.path(), &["init", "no-such-dir/x.icp"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot write no-such-dir/x.icp"));
}
