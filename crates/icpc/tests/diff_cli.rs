//! `icpc diff` and `icpc git setup` as built: exit codes, formats, the JSON schema, and the
//! git forms in temporary repositories with the real `git`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn icpc() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_icpc"));
    c.env("NO_COLOR", "1");
    c
}

fn base() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../icp-diff/tests/fixtures/base.icp"),
    )
    .expect("fixture")
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A temporary folder with files.
fn files(list: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, body) in list {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, body).expect("write");
    }
    dir
}

#[test]
fn exit_status_follows_the_meaning() {
    let b = base();
    let relaid = b.replace(
        "  employees in 200..2000\n",
        "  employees in 200 .. 2000 # why\n",
    );
    let widened = b.replace(
        "    employees in 200..2000\n",
        "    employees in 200..5000\n",
    );
    let d = files(&[
        ("old.icp", &b),
        ("relaid.icp", &relaid),
        ("new.icp", &widened),
        ("bad.icp", "icp x {\n"),
    ]);
    let p = |n: &str| d.path().join(n);

    let o = icpc()
        .arg("diff")
        .arg(p("old.icp"))
        .arg(p("relaid.icp"))
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(text(&o).contains("no change in meaning"));

    let o = icpc()
        .arg("diff")
        .arg(p("old.icp"))
        .arg(p("new.icp"))
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1));
    let t = text(&o);
    assert!(
        t.contains("~ widens icp.platform.firmographics.employees"),
        "{t}"
    );
    assert!(t.contains("`employees` now also admits 2,001–5,000"), "{t}");
    assert!(!t.contains("\x1b["), "no colour off a terminal");

    let o = icpc()
        .args(["diff", "--color", "always"])
        .arg(p("old.icp"))
        .arg(p("new.icp"))
        .output()
        .expect("runs");
    assert!(text(&o).contains("\x1b[32m"));

    // A side that does not parse: its errors, exit 2.
    let o = icpc()
        .arg("diff")
        .arg(p("old.icp"))
        .arg(p("bad.icp"))
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("bad.icp:1:"), "{}", err(&o));
    assert!(err(&o).contains("does not parse"));
    // A missing file and no arguments are usage errors.
    let o = icpc()
        .arg("diff")
        .arg(p("old.icp"))
        .arg(p("nope.icp"))
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("nope.icp: no such file"), "{}", err(&o));
    let o = icpc().arg("diff").output().expect("runs");
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn json_output_follows_its_schema() {
    let b = base();
    let new = b
        .replace(
            "    employees in 200..2000\n",
            "    employees in 100..20000\n",
        )
        .replace("rule size +3", "rule size +4")
        .replace("    region in [na, emea]\n", "");
    let d = files(&[("old.icp", &b), ("new.icp", &new)]);
    let o = icpc()
        .args(["diff", "--format", "json"])
        .arg(d.path().join("old.icp"))
        .arg(d.path().join("new.icp"))
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&o.stdout).expect("json");
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/schemas/diff.schema.json"),
        )
        .expect("schema"),
    )
    .expect("schema json");
    let v = jsonschema::validator_for(&schema).expect("compiles");
    let errors: Vec<String> = v
        .iter_errors(&doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let mut broken = doc.clone();
    broken["changes"][0]["kind"] = Value::from("moved");
    assert!(!v.is_valid(&broken), "the schema is not vacuous");

    let changes = doc["changes"].as_array().expect("changes");
    let kinds: Vec<&str> = changes
        .iter()
        .map(|c| c["kind"].as_str().expect("kind"))
        .collect();
    assert!(
        kinds.contains(&"widens") && kinds.contains(&"reweighted") && kinds.contains(&"removed"),
        "{kinds:?}"
    );
    let removed = changes
        .iter()
        .find(|c| c["kind"] == "removed")
        .expect("removed");
    assert_eq!(removed["path"], "icp.platform.firmographics.region");
    assert!(removed["new"].is_null() && removed["new_range"].is_null());
    assert_eq!(removed["old_range"]["start"]["line"], 21);
    let added: Vec<&str> = doc["findings"]["added"]
        .as_array()
        .expect("findings.added")
        .iter()
        .map(|f| f["code"].as_str().expect("code"))
        .collect();
    assert!(added.contains(&"broad-range"), "{added:?}");
    assert!(doc["impact"].is_null());
}

#[test]
fn github_annotations_point_at_the_new_lines() {
    let b = base();
    let new = b.replace("tier a when score >= 5", "tier a when score >= 6");
    let d = files(&[("old.icp", &b), ("new.icp", &new)]);
    let o = icpc()
        .args(["diff", "--format", "github"])
        .arg(d.path().join("old.icp"))
        .arg(d.path().join("new.icp"))
        .output()
        .expect("runs");
    let t = text(&o);
    assert!(t.starts_with("::notice file="), "{t}");
    assert!(t.contains(",line=54,col=5,"), "{t}");
    assert!(t.contains("title=icpc diff%3A retiered icp.platform.rubric.tier.a::tier `a` now starts at score >= 6 (was 5)"), "{t}");
}

// ---- git ----

fn git(dir: &Path, args: &[&str]) -> String {
    let o = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", dir.join(".no-global"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(o.status.success(), "git {args:?}: {}", err(&o));
    text(&o)
}

/// A repository with three commits on `main` and a branch `feature`.
fn repo() -> tempfile::TempDir {
    let d = tempfile::tempdir().expect("tempdir");
    let p = d.path();
    git(p, &["init", "-q", "-b", "main"]);
    git(p, &["config", "user.email", "t@example.com"]);
    git(p, &["config", "user.name", "T"]);
    let b = base();
    std::fs::write(p.join("profile.icp"), &b).expect("write");
    std::fs::write(p.join("README"), "notes\n").expect("write");
    git(p, &["add", "."]);
    git(p, &["commit", "-q", "-m", "one"]);
    git(p, &["checkout", "-q", "-b", "feature"]);
    std::fs::write(
        p.join("profile.icp"),
        b.replace("rule size +3", "rule size +5"),
    )
    .expect("write");
    std::fs::write(p.join("extra.icp"), "schema t {\n  x: int\n}\n").expect("write");
    git(p, &["add", "."]);
    git(p, &["commit", "-q", "-m", "two"]);
    git(p, &["checkout", "-q", "main"]);
    std::fs::write(
        p.join("profile.icp"),
        b.replace("tier a when score >= 5", "tier a when score >= 6"),
    )
    .expect("write");
    git(p, &["commit", "-q", "-am", "three"]);
    git(p, &["checkout", "-q", "feature"]);
    d
}

fn in_repo(dir: &Path, args: &[&str]) -> Output {
    icpc()
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", dir.join(".no-global"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("icpc runs")
}

#[test]
fn revision_forms() {
    let d = repo();
    let p = d.path();
    // Two dots: every difference between the tips, including main's own change.
    let o = in_repo(p, &["diff", "main..feature"]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    let t = text(&o);
    assert!(
        t.contains("reweighted icp.platform.rubric.rule.size"),
        "{t}"
    );
    assert!(t.contains("retiered icp.platform.rubric.tier.a"), "{t}");
    assert!(t.contains("extra.icp (added)"), "{t}");
    assert!(!t.contains("README"));
    // Three dots: only what the branch changed since the merge base, as a pull request shows.
    let o = in_repo(p, &["diff", "main...feature"]);
    let t = text(&o);
    assert!(t.contains("reweighted"), "{t}");
    assert!(!t.contains("retiered"), "{t}");
    // Paths narrow the comparison.
    let o = in_repo(p, &["diff", "main...feature", "--", "extra.icp"]);
    let t = text(&o);
    assert!(
        t.contains("extra.icp (added)") && !t.contains("reweighted"),
        "{t}"
    );
    // A deleted file, against the working tree.
    std::fs::remove_file(p.join("extra.icp")).expect("rm");
    let o = in_repo(p, &["diff", "HEAD"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o).contains("extra.icp (at HEAD) (deleted)"),
        "{}",
        text(&o)
    );
    assert!(text(&o).contains("schema `t` removed"));
    // Working tree equal to HEAD for that path: no change.
    let o = in_repo(p, &["diff", "HEAD", "--", "profile.icp"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", text(&o), err(&o));
}

#[test]
fn git_errors_are_clear_and_exit_2() {
    let d = repo();
    let p = d.path();
    let o = in_repo(p, &["diff", "no-such-branch"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("unknown revision `no-such-branch`"),
        "{}",
        err(&o)
    );
    let o = in_repo(p, &["diff", "HEAD", "--", "missing.icp"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("missing.icp is not in revision `HEAD`"),
        "{}",
        err(&o)
    );
    std::fs::write(p.join("blob.icp"), b"schema \x00\x01 {}").expect("write");
    git(p, &["add", "blob.icp"]);
    git(p, &["commit", "-q", "-m", "binary"]);
    std::fs::write(p.join("blob.icp"), "schema s {\n  x: int\n}\n").expect("write");
    let o = in_repo(p, &["diff", "HEAD"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("blob.icp (at HEAD) is a binary file"),
        "{}",
        err(&o)
    );
    // Outside a repository.
    let outside = tempfile::tempdir().expect("tempdir");
    let o = in_repo(outside.path(), &["diff", "HEAD"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("not inside a git repository"),
        "{}",
        err(&o)
    );
}

#[test]
fn git_setup_makes_git_diff_semantic() {
    let d = repo();
    let p = d.path();
    let o = in_repo(p, &["git", "setup"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(
        std::fs::read_to_string(p.join(".gitattributes")).expect("attrs"),
        "*.icp diff=icp\n"
    );
    // Idempotent: a second run changes nothing.
    let o = in_repo(p, &["git", "setup"]);
    assert!(text(&o).contains("already set up"), "{}", text(&o));
    assert_eq!(
        std::fs::read_to_string(p.join(".gitattributes")).expect("attrs"),
        "*.icp diff=icp\n"
    );

    std::fs::write(
        p.join("profile.icp"),
        base().replace(
            "    employees in 200..2000\n",
            "    employees in 200..5000\n",
        ),
    )
    .expect("write");
    let out = git(p, &["diff"]);
    assert!(
        out.contains("`employees` now also admits 2,001–5,000"),
        "{out}"
    );
    assert!(!out.contains("@@"), "the text diff is replaced: {out}");
    let out = git(p, &["diff", "--no-ext-diff"]);
    assert!(out.contains("@@"));
    git(p, &["commit", "-q", "-am", "widen"]);
    // `git show`, like `git log`, runs the diff driver only with `--ext-diff`.
    let out = git(p, &["show", "--ext-diff", "HEAD"]);
    assert!(out.contains("now also admits 2,001–5,000"), "{out}");
    let out = git(p, &["log", "-p", "--ext-diff", "-1"]);
    assert!(out.contains("now also admits 2,001–5,000"), "{out}");

    let o = in_repo(p, &["git", "setup", "--undo"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(p.join(".gitattributes")).expect("attrs"),
        ""
    );
    // `git show`, like `git log`, runs the diff driver only with `--ext-diff`.
    let out = git(p, &["show", "--ext-diff", "HEAD"]);
    assert!(
        out.contains("@@") && !out.contains("now also admits"),
        "{out}"
    );
}

#[test]
fn git_setup_global_and_outside_a_repository() {
    let home = tempfile::tempdir().expect("tempdir");
    let cfg = home.path().join("gitconfig");
    let run = |args: &[&str]| {
        icpc()
            .current_dir(home.path())
            .args(args)
            .env("GIT_CONFIG_GLOBAL", &cfg)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join("xdg"))
            .output()
            .expect("runs")
    };
    let o = run(&["git", "setup"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("not inside a git repository"));
    let o = run(&["git", "setup", "--global"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let attrs: PathBuf = home.path().join("xdg/git/attributes");
    assert_eq!(
        std::fs::read_to_string(&attrs).expect("attrs"),
        "*.icp diff=icp\n"
    );
    assert!(
        std::fs::read_to_string(&cfg)
            .expect("config")
            .contains("git-driver")
    );
    let o = run(&["git", "setup", "--global", "--undo"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        !std::fs::read_to_string(&cfg)
            .expect("config")
            .contains("git-driver")
    );
}
