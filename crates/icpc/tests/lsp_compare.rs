//! `icp/compareWithHead` over the real protocol, in a temporary repository with the real
//! `git`: the unsaved buffer is compared with the file in `HEAD`.

mod lsp_common;

use std::path::Path;
use std::process::Command;

use lsp_common::*;
use serde_json::json;

fn git(dir: &Path, args: &[&str]) {
    let o = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn compare_with_head_shows_the_unsaved_change_in_meaning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = example("hr-analytics.icp");
    let file = dir.path().join("hr.icp");
    std::fs::write(&file, &text).unwrap();
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "hr.icp"]);
    git(dir.path(), &["commit", "-q", "-m", "profile"]);

    let mut c = Client::start_default();
    let u = file_uri(&file);
    c.open(&u, &text);
    let same = c.request_ok("icp/compareWithHead", json!({"textDocument": {"uri": u}}));
    assert_eq!(same["changed"], false);
    assert!(
        same["markdown"]
            .as_str()
            .unwrap()
            .contains("No change in meaning")
    );

    // An unsaved edit: the file on disk is unchanged, the buffer widens a band.
    let edited = text.replace(": employees in 200..2000", ": employees in 150..5000");
    assert_ne!(edited, text);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": u, "version": 2},
               "contentChanges": [{"text": edited}]}),
    );
    let r = c.request_ok("icp/compareWithHead", json!({"textDocument": {"uri": u}}));
    assert_eq!(r["changed"], true, "{r}");
    let md = r["markdown"].as_str().unwrap();
    assert!(md.contains("**widens**"), "{md}");
    assert!(md.contains("150–199 and 2,001–5,000"), "{md}");

    // A file git does not know: everything is new. Outside a repository: a clear error.
    let new_file = dir.path().join("new.icp");
    std::fs::write(&new_file, &text).unwrap();
    let nu = file_uri(&new_file);
    c.open(&nu, &text);
    let r = c.request_ok("icp/compareWithHead", json!({"textDocument": {"uri": nu}}));
    assert!(
        r["markdown"].as_str().unwrap().contains("not in `HEAD`"),
        "{r}"
    );
    assert_eq!(r["changed"], true);

    let outside = tempfile::tempdir().expect("tempdir");
    let lone = outside.path().join("lone.icp");
    std::fs::write(&lone, &text).unwrap();
    let lu = file_uri(&lone);
    c.open(&lu, &text);
    let r = c.request("icp/compareWithHead", json!({"textDocument": {"uri": lu}}));
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("not in a git repository"),
        "{r}"
    );
    assert!(c.shutdown().success());
}
