//! `icpc check --format sarif` output is valid SARIF 2.1.0: validated against the official JSON
//! schema (committed under `tests/data/`, see its README), with a `helpUri` per rule.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

#[test]
fn sarif_output_validates_against_the_sarif_2_1_0_schema() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/data/sarif-schema-2.1.0.json"))
            .expect("schema file"),
    )
    .expect("schema json");
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let examples = root.join("../../examples");
    let o = Command::new(env!("CARGO_BIN_EXE_icpc"))
        .args(["check", "--today", "2026-11-23", "--format", "sarif"])
        .arg(examples.join("antipatterns.icp"))
        .arg(examples.join("devtools-weighted.icp"))
        .arg(examples.join("hr-analytics.icp"))
        .output()
        .expect("icpc runs");
    assert_eq!(o.status.code(), Some(1));
    let log: Value = serde_json::from_slice(&o.stdout).expect("json");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
    assert!(log["runs"][0].get("invocations").is_none());
    // The validator is not vacuous: a log without `version` fails.
    let mut broken = log.clone();
    broken.as_object_mut().expect("object").remove("version");
    assert!(!validator.is_valid(&broken));

    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert!(!rules.is_empty());
    for r in rules {
        let id = r["id"].as_str().expect("id");
        assert_eq!(
            r["helpUri"].as_str().expect("helpUri"),
            format!("{}/{id}.md", icp_check::diagnostic::DOCS_HOME)
        );
        assert!(
            !r["shortDescription"]["text"]
                .as_str()
                .expect("text")
                .is_empty()
        );
    }
    for res in run["results"].as_array().expect("results") {
        let i = res["ruleIndex"].as_u64().expect("index") as usize;
        assert_eq!(rules[i]["id"], res["ruleId"]);
    }
}

#[test]
fn an_unreadable_file_is_a_tool_notification() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/data/sarif-schema-2.1.0.json"))
            .expect("schema file"),
    )
    .expect("schema json");
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.icp");
    std::fs::write(&bad, b"schema s {\n  a: int\n}\n\xff\n").expect("write");
    let o = Command::new(env!("CARGO_BIN_EXE_icpc"))
        .args(["check", "--today", "2026-11-23", "--format", "sarif"])
        .arg(&bad)
        .arg(root.join("../../examples/antipatterns.icp"))
        .output()
        .expect("icpc runs");
    assert_eq!(o.status.code(), Some(2));
    let log: Value = serde_json::from_slice(&o.stdout).expect("json");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
    let inv = &log["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    let note = &inv["toolExecutionNotifications"][0];
    assert_eq!(note["level"], "error");
    assert_eq!(
        note["locations"][0]["physicalLocation"]["region"],
        serde_json::json!({ "startLine": 4, "startColumn": 1 })
    );
    assert!(
        note["message"]["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("not UTF-8 text")),
        "{note}"
    );
    // The readable file's results are still there.
    assert!(
        !log["runs"][0]["results"]
            .as_array()
            .expect("results")
            .is_empty()
    );
}
