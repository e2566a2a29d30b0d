//! The tests of profiles in `icpc lsp`, over the real protocol: a code lens per test with its
//! result, a diagnostic per failing expectation, both updated when the document is edited; a
//! `NAME_test.icp` sees the icps of `NAME.icp` on disk.

mod lsp_common;

use std::path::Path;

use lsp_common::*;
use serde_json::{Value, json};

const TESTS: &str = r#"test best "All but new_leader hold" {
  icp fleet_ops
  account { vehicles 800; region na; telematics [samsara]; on_time 80%; cold_chain true; new_vp_ops 2000-01-01; in_bankruptcy false; hq_country "US" }
  expect tier strong
}

test wrong {
  icp fleet_ops
  account { vehicles 800; region na; telematics [samsara]; on_time 80%; cold_chain true; new_vp_ops 2000-01-01; in_bankruptcy false; hq_country "US" }
  expect tier possible
}
"#;

fn lenses(c: &mut Client, uri: &str) -> Vec<(u64, String)> {
    let r = c.request_ok(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri}}),
    );
    let mut out: Vec<(u64, String)> = r
        .as_array()
        .expect("lenses")
        .iter()
        .map(|l| {
            (
                l["range"]["start"]["line"].as_u64().expect("line"),
                l["command"]["title"].as_str().expect("title").to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

fn codes(diags: &[Value]) -> Vec<(String, u64)> {
    diags
        .iter()
        .filter(|d| d["severity"] == 1)
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                d["range"]["start"]["line"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn lenses_and_diagnostics_show_test_results_and_follow_edits() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/proftest/pass/fleet.icp"),
        dir.path().join("fleet.icp"),
    )
    .expect("copy the profile");
    let path = dir.path().join("fleet_test.icp");
    std::fs::write(&path, TESTS).expect("write");
    let u = file_uri(&path);

    let (mut c, init) = Client::start(json!({}));
    assert!(
        !init["capabilities"]["codeLensProvider"].is_null(),
        "{init}"
    );
    c.open(&u, TESTS);
    // The icp and fields come from fleet.icp beside it: the only error is the failing test, at
    // its `expect` line.
    let diags = c.diagnostics(&u, 1);
    assert_eq!(
        codes(&diags),
        vec![("test-failed".to_string(), 9)],
        "{diags:#?}"
    );
    let failed = diags
        .iter()
        .find(|d| d["code"] == "test-failed")
        .expect("the failure");
    assert_eq!(
        failed["message"],
        "test `wrong` fails: expected tier possible, but got tier strong\nhelp: `icpc test` shows the rules that decided it"
    );
    assert_eq!(
        lenses(&mut c, &u),
        vec![
            (0, "▶ passes".to_string()),
            (6, "✗ fails: tier strong".to_string()),
        ]
    );

    // Fix the expectation: the failure and its lens go.
    let at = TESTS.find("tier possible").expect("expectation") + "tier ".len();
    c.change(&u, 2, TESTS, at, at + "possible".len(), "strong");
    let fixed = TESTS.replacen("tier possible", "tier strong", 1);
    let diags = c.diagnostics(&u, 2);
    assert!(codes(&diags).is_empty(), "{diags:#?}");
    assert_eq!(
        lenses(&mut c, &u),
        vec![(0, "▶ passes".to_string()), (6, "▶ passes".to_string())]
    );

    // Break the first test's account: its lens says what happened instead.
    let at = fixed.find("vehicles 800").expect("account") + "vehicles ".len();
    c.change(&u, 3, &fixed, at, at + 3, "20");
    let diags = c.diagnostics(&u, 3);
    assert_eq!(
        codes(&diags),
        vec![("test-failed".to_string(), 3)],
        "{diags:#?}"
    );
    assert_eq!(
        lenses(&mut c, &u),
        vec![
            (0, "✗ fails: tier possible".to_string()),
            (6, "▶ passes".to_string()),
        ]
    );
    assert!(c.shutdown().success());
}

/// A file with no tests has no lenses, and a test file whose icp is missing reports it as a
/// criterion would.
#[test]
fn files_without_tests_and_tests_that_cannot_run() {
    let mut c = Client::start_default();
    let u = uri("plain.icp");
    let text = example("hr-analytics.icp");
    c.open(&u, &text);
    assert!(lenses(&mut c, &u).is_empty());

    let u = uri("alone.icp");
    let text = "test t {\n  icp nowhere\n  account { a 1 }\n  expect tier strong\n}\n";
    c.open(&u, text);
    let diags = c.diagnostics(&u, 1);
    assert_eq!(
        codes(&diags),
        vec![("unknown-value".to_string(), 1)],
        "{diags:#?}"
    );
    let l = lenses(&mut c, &u);
    assert_eq!(l.len(), 1);
    assert!(l[0].1.starts_with("✗ cannot run"), "{l:?}");
    assert!(c.shutdown().success());
}

/// Editing the profile checks the tests beside it again, with the profile's unsaved text.
#[test]
fn editing_the_profile_updates_the_tests_beside_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let profile = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/proftest/pass/fleet.icp"),
    )
    .expect("read the profile");
    std::fs::write(dir.path().join("fleet.icp"), &profile).expect("write");
    let tests = dir.path().join("fleet_test.icp");
    std::fs::write(&tests, TESTS).expect("write");
    let (pu, tu) = (file_uri(&dir.path().join("fleet.icp")), file_uri(&tests));

    let mut c = Client::start_default();
    c.open(&pu, &profile);
    c.open(&tu, TESTS);
    let diags = c.diagnostics(&tu, 1);
    assert_eq!(
        codes(&diags),
        vec![("test-failed".to_string(), 9)],
        "{diags:#?}"
    );

    // Raise the strong tier's line in the editor (not on disk): `best` (score 8) is now
    // `possible`, so it fails and `wrong`, which expects `possible`, passes.
    let line = "tier strong when score >= 7";
    let at = profile.find(line).expect("the tier") + line.len() - 1;
    c.change(&pu, 2, &profile, at, at + 1, "11");
    let p = c.wait_notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == tu.as_str()
            && codes(p["diagnostics"].as_array().map_or(&[][..], |v| v))
                == [("test-failed".to_string(), 3)]
    });
    assert!(
        p["diagnostics"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("expected tier strong, but got tier possible")),
        "{p:#}"
    );
    assert_eq!(
        lenses(&mut c, &tu),
        vec![
            (0, "✗ fails: tier possible".to_string()),
            (6, "▶ passes".to_string()),
        ]
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("fleet.icp")).expect("read"),
        profile,
        "the file on disk is unchanged: the server used the editor's text"
    );
    assert!(c.shutdown().success());
}
