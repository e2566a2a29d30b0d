//! `icpc test` as built, on the fixtures under `tests/data/proftest/`: every expectation kind
//! passes on `pass/` and fails on `fail/` with the expected and actual outcome, the deciding
//! rules and the place; the table form; coverage; the JSON schema, JUnit XML and GitHub
//! formats; exit codes; and the bundled examples.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const AS_OF: &str = "2026-12-01";

fn icpc() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_icpc"));
    c.env("NO_COLOR", "1");
    c
}

fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/proftest")
        .join(rel)
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs `icpc test --as-of AS_OF ARGS…` in `dir`.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    icpc()
        .current_dir(dir)
        .arg("test")
        .args(["--as-of", AS_OF])
        .args(args)
        .output()
        .expect("run icpc")
}

/// The tests of `data/proftest/NAME/`, beside a copy of the profile they test (`pass/fleet.icp`).
fn fixture_dir(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(data("pass/fleet.icp"), dir.path().join("fleet.icp")).expect("copy profile");
    for e in std::fs::read_dir(data(name)).expect("fixture dir") {
        let p = e.expect("entry").path();
        let to = dir.path().join(p.file_name().expect("file name"));
        std::fs::copy(&p, to).expect("copy fixture");
    }
    dir
}

/// The failing fixtures.
fn failing_dir() -> tempfile::TempDir {
    fixture_dir("fail")
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", stdout(o), stderr(o)))
}

/// The tests of a JSON report by name.
fn tests_by_name(doc: &Value) -> std::collections::BTreeMap<String, Value> {
    doc["files"]
        .as_array()
        .expect("files")
        .iter()
        .flat_map(|f| f["tests"].as_array().expect("tests").iter().cloned())
        .map(|t| (t["name"].as_str().expect("name").to_string(), t))
        .collect()
}

#[test]
fn every_expectation_kind_passes_on_the_passing_fixtures() {
    let o = run_in(&data("pass"), &["fleet_test.icp"]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}\n{}", stderr(&o));
    for name in ["best", "middle", "unknowns", "bankrupt"] {
        assert!(
            out.contains(&format!("PASS fleet_test.icp: {name} (1 account)")),
            "{out}"
        );
    }
    assert!(
        out.contains("PASS fleet_test.icp: known (4 accounts)"),
        "{out}"
    );
    assert!(out.trim_end().ends_with("5 passed, 0 failed"), "{out}");
}

/// Each failing fixture fails alone, with what was expected and what happened.
#[test]
fn every_expectation_kind_fails_with_expected_and_actual() {
    let dir = failing_dir();
    let o = run_in(dir.path(), &["--format", "json", "fleet_test.icp"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let doc = json(&o);
    let tests = tests_by_name(&doc);
    let want: &[(&str, &str, &str)] = &[
        ("tier_wrong", "tier possible", "tier strong"),
        (
            "tier_at_least_wrong",
            "tier at least strong",
            "tier possible",
        ),
        ("score_wrong", "score 9", "score 10"),
        (
            "score_in_wrong",
            "score in 3..9",
            "score 3..10 (some rules are unknown)",
        ),
        (
            "rule_holds_wrong",
            "rule telematics holds",
            "rule telematics fails",
        ),
        ("rule_fails_wrong", "rule size fails", "rule size holds"),
        ("rule_unknown_wrong", "rule cold unknown", "rule cold fails"),
        (
            "disqualified_wrong",
            "disqualified",
            "not disqualified (tier possible)",
        ),
        (
            "not_disqualified_wrong",
            "not disqualified",
            "disqualified by \"In bankruptcy proceedings\"",
        ),
        (
            "disqualified_by_wrong",
            "disqualified by \"Sanctioned country\"",
            "disqualified by \"In bankruptcy proceedings\"",
        ),
        (
            "segment_wrong",
            "segment cold_chain_na",
            "not in segment cold_chain_na",
        ),
        (
            "not_segment_wrong",
            "not segment cold_chain_na",
            "in segment cold_chain_na",
        ),
        (
            "within_counts_from_as_of",
            "rule new_leader holds",
            "rule new_leader fails",
        ),
    ];
    for (name, expected, actual) in want {
        let t = &tests[*name];
        assert_eq!(t["status"], "failed", "{name}: {t:#}");
        let f = t["failures"].as_array().expect("failures");
        assert_eq!(f.len(), 1, "{name}: {t:#}");
        assert_eq!(f[0]["expected"], *expected, "{name}");
        assert_eq!(f[0]["actual"], *actual, "{name}");
        assert!(f[0]["row"].is_null(), "{name}");
    }
    assert_eq!(doc["summary"]["passed"], 0);
    assert_eq!(doc["summary"]["failed"], want.len() + 1);
}

/// The table form: a failure per wrong row and column, at the row's line, naming the account.
#[test]
fn table_rows_fail_one_by_one() {
    let dir = failing_dir();
    let o = run_in(dir.path(), &["--format", "json", "fleet_test.icp"]);
    let tests = tests_by_name(&json(&o));
    let t = &tests["table_wrong"];
    assert_eq!(t["status"], "failed");
    assert_eq!(t["accounts"], 2);
    let f: Vec<(i64, i64, &str, &str)> = t["failures"]
        .as_array()
        .expect("failures")
        .iter()
        .map(|x| {
            (
                x["row"].as_i64().expect("row"),
                x["row_line"].as_i64().expect("line"),
                x["expected"].as_str().expect("expected"),
                x["actual"].as_str().expect("actual"),
            )
        })
        .collect();
    assert_eq!(
        f,
        vec![
            (1, 2, "tier possible", "tier strong"),
            (2, 3, "segments cold_chain_na", "no segment"),
        ]
    );
    let explain = t["failures"][0]["explain"].as_str().expect("explain");
    assert!(
        explain.starts_with("Account \"Northwind Freight\" (row 1), line 2"),
        "{explain}"
    );
}

/// The human report: ariadne at the expectation's line, the deciding rules, the summary.
#[test]
fn human_failures_point_at_the_expectation_and_explain() {
    let dir = failing_dir();
    let o = run_in(dir.path(), &["fleet_test.icp"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    // `expect score 9` is on line 19 of the failing fixture, two columns in.
    assert!(out.contains("fleet_test.icp:19:3"), "{out}");
    assert!(
        out.contains("test `score_wrong`: expected score 9"),
        "{out}"
    );
    assert!(out.contains("but got score 10"), "{out}");
    // The deciding rules, as `icpc score --explain` prints them.
    assert!(
        out.contains("+2 telematics \"Runs a telematics box\": telematics has any [samsara, geotab] (because telematics is [samsara])"),
        "{out}"
    );
    assert!(out.contains("Tier: strong"), "{out}");
    assert!(out.trim_end().ends_with("0 passed, 14 failed"), "{out}");
}

#[test]
fn json_output_matches_its_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("docs/schemas/test.schema.json")).expect("schema"),
    )
    .expect("schema json");
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    let dir = failing_dir();
    for (cwd, args) in [
        (
            dir.path().to_path_buf(),
            vec!["--format", "json", "--coverage", "."],
        ),
        (data("pass"), vec!["--format", "json", "."]),
        (
            root().join("examples"),
            vec!["--format", "json", "--coverage", "."],
        ),
    ] {
        let o = run_in(&cwd, &args);
        let doc = json(&o);
        let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:#?}\n{doc:#}");
    }
}

/// JUnit XML parses, with the elements and attributes CI test reporters read.
#[test]
fn junit_is_xml_that_ci_reporters_read() {
    let dir = failing_dir();
    let o = run_in(dir.path(), &["--format", "junit", "."]);
    assert_eq!(o.status.code(), Some(1));
    let xml = stdout(&o);
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(root.attribute("tests"), Some("14"));
    assert_eq!(root.attribute("failures"), Some("14"));
    let suites: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    assert_eq!(
        suites.len(),
        1,
        "the profile has no tests: no suite of its own"
    );
    let cases: Vec<_> = suites[0]
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 14);
    let score = cases
        .iter()
        .find(|c| c.attribute("name") == Some("score_wrong"))
        .expect("score_wrong");
    assert_eq!(score.attribute("line"), Some("16"));
    let failure = score
        .children()
        .find(|n| n.has_tag_name("failure"))
        .expect("a failure element");
    assert_eq!(
        failure.attribute("message"),
        Some("expected score 9, got score 10")
    );
    assert!(failure.text().unwrap_or_default().contains("Tier: strong"));

    let o = run_in(&data("pass"), &["--format", "junit", "."]);
    assert_eq!(o.status.code(), Some(0));
    let xml = stdout(&o);
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    assert_eq!(doc.root_element().attribute("failures"), Some("0"));
    assert_eq!(
        doc.descendants()
            .filter(|n| n.has_tag_name("failure"))
            .count(),
        0
    );
    assert_eq!(
        doc.descendants()
            .filter(|n| n.has_tag_name("testcase"))
            .count(),
        5
    );
}

#[test]
fn github_annotations_point_at_each_failure() {
    let dir = failing_dir();
    let o = run_in(dir.path(), &["--format", "github", "fleet_test.icp"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let errors: Vec<&str> = out.lines().filter(|l| l.starts_with("::error ")).collect();
    // One per failing test, two for the table (a row's tier, another row's segments).
    assert_eq!(errors.len(), 15, "{out}");
    assert!(
        errors.iter().any(|l| l.starts_with(
            "::error file=fleet_test.icp,line=19,col=3,title=icpc test score_wrong::expected score 9, got score 10%0A"
        )),
        "{out}"
    );
    assert!(out.trim_end().ends_with("0 passed, 14 failed"));
}

/// The coverage fixture: every item of the icp with whether some account made
/// it hold and some made it fail.
#[test]
fn coverage_lists_an_item_no_test_exercises() {
    let dir = fixture_dir("coverage");
    let o = run_in(dir.path(), &["--coverage", "--format", "json", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc = json(&o);
    let cov = doc["coverage"].as_array().expect("coverage");
    assert_eq!(cov.len(), 1, "{doc:#}");
    assert_eq!(cov[0]["icp"], "fleet_ops");
    assert_eq!(cov[0]["accounts"], 2);
    let items: Vec<(String, String, bool, bool)> = cov[0]["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| {
            (
                i["kind"].as_str().expect("kind").to_string(),
                i["name"].as_str().expect("name").to_string(),
                i["held"].as_bool().expect("held"),
                i["failed"].as_bool().expect("failed"),
            )
        })
        .collect();
    let item = |k: &str, n: &str, h, f| (k.to_string(), n.to_string(), h, f);
    assert_eq!(
        items,
        vec![
            item("rule", "size", true, true),
            item("rule", "telematics", true, true),
            item("rule", "late", true, false),
            item("rule", "cold", true, true),
            item("rule", "new_leader", false, false),
            item("disqualifier", "\"In bankruptcy proceedings\"", false, true),
            item("disqualifier", "\"Sanctioned country\"", false, false),
            item("tier", "strong", true, true),
            item("tier", "possible", false, true),
            item("tier", "poor_fit", true, true),
            item("segment", "cold_chain_na", true, true),
        ]
    );

    let o = run_in(dir.path(), &["--coverage", "."]);
    let out = stdout(&o);
    assert!(
        out.contains("Not exercised by any test: fleet_ops.rule new_leader, fleet_ops.disqualifier \"Sanctioned country\""),
        "{out}"
    );
}

#[test]
fn exit_codes() {
    // A missing path is an I/O error.
    let o = run_in(&data("pass"), &["no-such-file.icp"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    // A file without tests: nothing ran, which is a failure, with a message.
    let o = run_in(&data("pass"), &["fleet.icp"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no test found"), "{}", stderr(&o));
    // A table test whose accounts file is missing: an I/O error, exit 2.
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(data("pass/fleet.icp"), dir.path().join("fleet.icp")).expect("copy");
    std::fs::write(
        dir.path().join("fleet_test.icp"),
        "test t {\n  icp fleet_ops\n  accounts \"gone.csv\"\n}\n",
    )
    .expect("write");
    let o = run_in(dir.path(), &["."]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("fleet_test.icp:1:1: t: cannot read"),
        "{}",
        stdout(&o)
    );
    // A bad --as-of is a usage error.
    let o = icpc()
        .args(["test", "--as-of", "yesterday", "."])
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(2));
}

/// A test that names an unknown icp cannot run; `icpc check` reports it like a criterion.
#[test]
fn tests_that_cannot_run_are_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(data("pass/fleet.icp"), dir.path().join("fleet.icp")).expect("copy");
    std::fs::write(
        dir.path().join("fleet_test.icp"),
        "test a {\n  icp fleet_opps\n  account { vehicles 3 }\n  expect tier strong\n}\n\
         test b {\n  icp fleet_ops\n  account { vehicle 3 }\n  expect tier strong\n}\n\
         test c {\n  icp fleet_ops\n  account { vehicles \"many\" }\n  expect tier strong\n}\n",
    )
    .expect("write");
    let o = run_in(dir.path(), &["--format", "json", "fleet_test.icp"]);
    assert_eq!(o.status.code(), Some(1));
    let tests = tests_by_name(&json(&o));
    for n in ["a", "b", "c"] {
        assert_eq!(tests[n]["status"], "error", "{n}: {:#}", tests[n]);
    }
    let o = icpc()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "fleet_test.icp"])
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let out = stdout(&o);
    for (code, needle) in [
        ("unknown-value", "fleet_opps"),
        ("unknown-field", "vehicle"),
        (
            "type-mismatch",
            "`vehicles` is an int, but this is a string",
        ),
    ] {
        assert!(out.contains(code) && out.contains(needle), "{code}: {out}");
    }
}

/// The bundled examples ship with tests, and they pass.
#[test]
fn the_examples_pass() {
    let o = run_in(&root(), &["examples"]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}\n{}", stderr(&o));
    assert!(out.contains(" 0 failed"), "{out}");
    let n: usize = out.lines().filter(|l| l.starts_with("PASS ")).count();
    assert!(n >= 6, "{out}");
}

/// `icpc diff` runs the tests beside the changed profile on both versions and lists those the
/// change flips.
#[test]
fn diff_lists_the_tests_a_change_flips() {
    let dir = fixture_dir("pass");
    let profile = std::fs::read_to_string(dir.path().join("fleet.icp")).expect("read");
    std::fs::write(dir.path().join("old.icp"), &profile).expect("write");
    let stricter = profile.replace(
        "tier strong when score >= 7",
        "tier strong when score >= 11",
    );
    assert_ne!(stricter, profile);
    std::fs::write(dir.path().join("fleet.icp"), stricter).expect("write");
    let diff = |format: &str| {
        icpc()
            .current_dir(dir.path())
            .args([
                "diff",
                "--today",
                AS_OF,
                "--format",
                format,
                "old.icp",
                "fleet.icp",
            ])
            .output()
            .expect("run")
    };
    let o = diff("json");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let doc = json(&o);
    let flipped: Vec<(String, String, String)> = doc["tests_flipped"]
        .as_array()
        .expect("tests_flipped")
        .iter()
        .map(|t| {
            (
                t["name"].as_str().expect("name").to_string(),
                t["old"].as_str().expect("old").to_string(),
                t["new"].as_str().expect("new").to_string(),
            )
        })
        .collect();
    let f = |n: &str, o: &str, w: &str| (n.to_string(), o.to_string(), w.to_string());
    assert_eq!(
        flipped,
        vec![
            f("best", "passes", "fails: tier possible"),
            f("known", "passes", "fails: tier possible"),
        ]
    );
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("docs/schemas/diff.schema.json")).expect("schema"),
    )
    .expect("schema json");
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    assert!(validator.is_valid(&doc), "{doc:#}");

    let text = stdout(&diff("text"));
    assert!(
        text.contains("! flips test best (fleet_test.icp:3)\n      passes → fails: tier possible"),
        "{text}"
    );
    // A change that flips nothing lists nothing.
    std::fs::write(
        dir.path().join("fleet.icp"),
        profile.replace(
            "owner \"revops@fleet.example\"",
            "owner \"ops@fleet.example\"",
        ),
    )
    .expect("write");
    let doc = json(&diff("json"));
    assert_eq!(doc["tests_flipped"], json_empty());
}

fn json_empty() -> Value {
    Value::Array(Vec::new())
}

/// Bad rows of a table are failures naming the row and what is wrong, never dropped; a table
/// without `expected_tier` is a test that cannot run.
#[test]
fn bad_table_rows_are_reported_not_dropped() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(data("pass/fleet.icp"), dir.path().join("fleet.icp")).expect("copy");
    let write =
        |name: &str, text: &str| std::fs::write(dir.path().join(name), text).expect("write");
    write(
        "bad.csv",
        "Vehicles,Region,expected_tier\nlots,na,strong\n300,emea,great\n300,emea,\n",
    );
    write("nocol.csv", "Vehicles,Region\n300,na\n");
    write(
        "t.jsonl",
        "{\"Vehicles\": 800, \"Region\": \"na\", \"Telematics\": \"samsara\", \"On-time Rate\": \"80%\", \"Cold Chain\": true, \"expected_tier\": \"strong\"}\n{\"Vehicles\": \"x\"\n",
    );
    write(
        "fleet_test.icp",
        "test bad { icp fleet_ops; accounts \"bad.csv\" }\ntest nocol { icp fleet_ops; accounts \"nocol.csv\" }\ntest jl { icp fleet_ops; accounts \"t.jsonl\" }\n",
    );
    let o = run_in(dir.path(), &["--format", "json", "fleet_test.icp"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let tests = tests_by_name(&json(&o));
    let rows = |name: &str| -> Vec<(i64, String, String)> {
        tests[name]["failures"]
            .as_array()
            .expect("failures")
            .iter()
            .map(|f| {
                (
                    f["row"].as_i64().expect("row"),
                    f["expected"].as_str().expect("expected").to_string(),
                    f["actual"].as_str().expect("actual").to_string(),
                )
            })
            .collect()
    };
    let bad = rows("bad");
    assert_eq!(tests["bad"]["accounts"], 3);
    assert_eq!(bad.len(), 3, "{bad:?}");
    assert_eq!((bad[0].0, bad[0].1.as_str()), (1, "tier strong"));
    assert!(
        bad[0]
            .2
            .starts_with("an error: Vehicles: \"lots\" is not an int"),
        "{bad:?}"
    );
    assert_eq!(
        bad[1],
        (
            2,
            "`great` to be a tier of the icp `fleet_ops` (or `disqualified`)".to_string(),
            "it has: strong, possible, poor_fit".to_string()
        )
    );
    assert_eq!(bad[2].2, "the cell is empty");
    assert_eq!(tests["nocol"]["status"], "error");
    assert_eq!(
        tests["nocol"]["message"],
        "nocol.csv has no `expected_tier` column"
    );
    let jl = rows("jl");
    assert_eq!(tests["jl"]["accounts"], 2);
    assert_eq!(jl.len(), 1, "{jl:?}");
    assert_eq!(jl[0].0, 2);
    assert!(jl[0].2.contains("the line is not a JSON object"), "{jl:?}");
}
