//! `icpc check` and `icpc explain`, run as a user would: exit codes, every output format,
//! standard input, --deny, --fix, --baseline and configuration errors.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_icpc"));
    c.env_remove("NO_COLOR");
    c
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("icpc runs")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn ex(name: &str) -> String {
    examples().join(name).display().to_string()
}

const TODAY: &str = "2026-11-23";

/// An empty folder of its own, holding an `icp.toml` with the defaults so that no `icp.toml`
/// above the temp dir is picked up.
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("icp.toml"), "# the defaults\n").expect("write icp.toml");
    dir
}

/// A folder of its own with copies of the given examples.
fn sandbox(files: &[&str]) -> tempfile::TempDir {
    let dir = scratch();
    for f in files {
        std::fs::copy(examples().join(f), dir.path().join(f)).expect("copy example");
    }
    dir
}

#[test]
fn exit_codes() {
    let clean = run(&["check", "--today", TODAY, &ex("hr-analytics.icp")]);
    assert_eq!(code(&clean), 0, "{}", stderr(&clean));
    let bad = run(&[
        "check",
        "--today",
        TODAY,
        "--color",
        "never",
        &ex("antipatterns.icp"),
    ]);
    assert_eq!(code(&bad), 1);
    assert!(
        stdout(&bad).contains("failed: 2 errors, 15 warnings in 1 file"),
        "{}",
        stdout(&bad)
    );
    let missing = run(&["check", "no/such/file.icp"]);
    assert_eq!(code(&missing), 2);
    assert_eq!(
        stderr(&missing),
        "error: no/such/file.icp: no such file or folder\nerror: the file could not be read (see above)\n"
    );
    assert!(stdout(&missing).is_empty());
    let usage = run(&["check", "--format", "yaml", &ex("hr-analytics.icp")]);
    assert_eq!(code(&usage), 2);
}

#[test]
fn deny_warnings_fails_on_warnings_only_under_the_flag() {
    let dir = scratch();
    let f = dir.path().join("w.icp");
    let text = std::fs::read_to_string(examples().join("hr-analytics.icp"))
        .expect("example")
        .replace(
            "employees in 200..2000\n    industry",
            "employees in 20..2000\n    industry",
        );
    std::fs::write(&f, text).expect("write");
    let f = f.display().to_string();
    let plain = run(&["check", "--today", TODAY, &f]);
    assert_eq!(code(&plain), 0, "{}", stdout(&plain));
    assert!(stdout(&plain).contains("broad-range"));
    let denied = run(&["check", "--today", TODAY, "--deny", "warnings", &f]);
    assert_eq!(code(&denied), 1);
    // Hints never fail a build.
    let hints = run(&[
        "check",
        "--today",
        TODAY,
        "--deny",
        "warnings",
        &ex("devtools-weighted.icp"),
    ]);
    assert_eq!(code(&hints), 0, "{}", stdout(&hints));
}

#[test]
fn json_follows_the_contract() {
    let o = run(&[
        "check",
        "--today",
        TODAY,
        "--format",
        "json",
        &ex("antipatterns.icp"),
        &ex("hr-analytics.icp"),
    ]);
    assert_eq!(code(&o), 1);
    let v: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v["version"], 1);
    assert_eq!(v["summary"]["files"], 2);
    assert_eq!(v["summary"]["errors"], 2);
    assert_eq!(v["summary"]["warnings"], 15);
    let diags = v["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diags.len(), 17);
    for d in diags {
        for key in [
            "file", "code", "severity", "message", "help", "range", "labels",
        ] {
            assert!(d.get(key).is_some(), "missing {key} in {d}");
        }
        for end in ["start", "end"] {
            for k in ["line", "column", "offset"] {
                assert!(d["range"][end][k].is_u64(), "{d}");
            }
        }
    }
    let broad = diags
        .iter()
        .find(|d| d["code"] == "broad-range")
        .expect("broad-range");
    assert_eq!(broad["range"]["start"]["line"], 19);
    assert_eq!(broad["range"]["start"]["column"], 5);
    let src = std::fs::read_to_string(examples().join("antipatterns.icp")).expect("example");
    let offset = broad["range"]["start"]["offset"].as_u64().expect("offset") as usize;
    assert!(src[offset..].starts_with("employees in 100..10000"));
    let labels = broad["labels"].as_array().expect("labels");
    assert_eq!(labels.len(), 2);
    assert_eq!(labels[0]["message"], "low end");
}

#[test]
fn columns_count_unicode_scalar_values() {
    let src = "icp x \"Équipes RH — innovative\" {\n}\n";
    let mut child = bin()
        .args(["check", "--format", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    {
        use std::io::Write;
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(src.as_bytes())
            .expect("write");
    }
    let o = child.wait_with_output().expect("wait");
    let v: Value = serde_json::from_str(&stdout(&o)).expect("json");
    let d = v["diagnostics"]
        .as_array()
        .expect("diags")
        .iter()
        .find(|d| d["code"] == "vague-term")
        .cloned()
        .expect("vague-term");
    assert_eq!(d["file"], "<stdin>");
    // `innovative` starts at character 21 (1-based), byte 23: `É` and `—` take more than one byte.
    assert_eq!(d["range"]["start"]["column"], 21);
    assert_eq!(
        d["range"]["start"]["offset"],
        src.find("innovative").expect("word")
    );
}

#[test]
fn github_and_junit_outputs() {
    let o = run(&[
        "check",
        "--today",
        TODAY,
        "--format",
        "github",
        &ex("antipatterns.icp"),
    ]);
    let out = stdout(&o);
    assert!(
        out.lines().any(|l| l.starts_with("::warning file=")
            && l.contains("line=19,col=5")
            && l.contains("title=icpc broad-range::")),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("::error file=") && l.contains("unknown-value"))
    );
    let o = run(&[
        "check",
        "--today",
        TODAY,
        "--format",
        "junit",
        &ex("antipatterns.icp"),
        &ex("hr-analytics.icp"),
    ]);
    let out = stdout(&o);
    assert!(out.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"icpc check\" tests=\"18\" failures=\"17\""), "{out}");
    assert_eq!(out.matches("<testsuite ").count(), 2);
    assert_eq!(out.matches("<failure ").count(), 17);
    assert_eq!(out.matches("<testcase ").count(), 18);
    assert!(!out.contains("\"Innovative"), "quotes must be escaped");
    assert!(out.trim_end().ends_with("</testsuites>"));
}

#[test]
fn stdin_is_checked_with_the_configuration_of_the_working_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("icp.toml"),
        "[checks]\nvague-term = \"error\"\n",
    )
    .expect("config");
    let mut child = bin()
        .current_dir(dir.path())
        .args(["check", "--verbose", "--format", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    {
        use std::io::Write;
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(b"icp x \"Innovative teams\" {\n}\n")
            .expect("write");
    }
    let o = child.wait_with_output().expect("wait");
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("<stdin>: using configuration ") && stderr(&o).contains("icp.toml"),
        "{}",
        stderr(&o)
    );
    let v: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert!(
        v["diagnostics"]
            .as_array()
            .expect("d")
            .iter()
            .any(|d| d["code"] == "vague-term" && d["severity"] == "error")
    );
}

#[test]
fn fix_rewrites_the_file_and_reports() {
    let dir = sandbox(&["antipatterns.icp"]);
    let f = dir.path().join("antipatterns.icp");
    let before = std::fs::read_to_string(&f).expect("read");
    // Its fixes all change the meaning: `--fix` alone leaves them, and says so.
    let o = run(&["check", "--today", TODAY, "--fix", &f.display().to_string()]);
    let err = stderr(&o);
    assert!(!err.contains("fixed"), "{err}");
    assert!(
        err.contains("4 unsafe fixes are left (they change the meaning)"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&f).expect("read"), before);
    assert_eq!(code(&o), 1);
    // `--unsafe-fixes` needs `--fix`.
    let o = run(&["check", "--unsafe-fixes", &f.display().to_string()]);
    assert_eq!(code(&o), 2);
    let o = run(&[
        "check",
        "--today",
        TODAY,
        "--fix",
        "--unsafe-fixes",
        "--format",
        "json",
        &f.display().to_string(),
    ]);
    let err = stderr(&o);
    assert!(err.contains("antipatterns.icp: fixed 4 findings"), "{err}");
    assert!(
        err.contains("line 40: replace with `services` (unknown-value, unsafe)"),
        "{err}"
    );
    let text = std::fs::read_to_string(&f).expect("read");
    assert!(text.contains("industry in [saas, services]") && text.contains("reach {"));
    // The report is of the fixed file: its errors are gone, so the exit status is 0.
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v["summary"]["errors"], 0);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("ls")
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| n != "icp.toml")
        .collect();
    assert_eq!(leftovers.len(), 1, "temporary files left: {leftovers:?}");
    // Nothing left to fix: the file is not touched again.
    let again = run(&[
        "check",
        "--today",
        TODAY,
        "--fix",
        "--unsafe-fixes",
        &f.display().to_string(),
    ]);
    assert!(!stderr(&again).contains("fixed"), "{}", stderr(&again));
    // Standard input cannot be fixed in place.
    let o = run(&["check", "--fix", "-"]);
    assert_eq!(code(&o), 2);
}

#[test]
fn baseline_records_then_reports_only_new_findings() {
    let dir = sandbox(&["antipatterns.icp"]);
    let f = dir.path().join("antipatterns.icp");
    let base = dir.path().join("baseline.json");
    let args = |extra: &[&str]| {
        let mut v = vec!["check", "--today", TODAY, "--format", "json"];
        v.extend_from_slice(extra);
        v.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    let (fs, bs) = (f.display().to_string(), base.display().to_string());
    let first = bin()
        .current_dir(dir.path())
        .args(args(&["--baseline", &bs, "antipatterns.icp"]))
        .output()
        .expect("run");
    assert_eq!(code(&first), 0);
    assert!(
        stderr(&first).contains("wrote the baseline") && stderr(&first).contains("17 findings"),
        "{}",
        stderr(&first)
    );
    let b: Value =
        serde_json::from_str(&std::fs::read_to_string(&base).expect("baseline")).expect("json");
    assert_eq!(b["version"], 1);
    let second = bin()
        .current_dir(dir.path())
        .args(args(&["--baseline", &bs, "antipatterns.icp"]))
        .output()
        .expect("run");
    assert_eq!(code(&second), 0, "{}", stdout(&second));
    assert!(stderr(&second).contains("17 findings accepted by the baseline"));
    // Moving lines keeps the match; a new finding fails.
    let text = std::fs::read_to_string(&f).expect("read");
    std::fs::write(
        &f,
        format!(
            "# moved\n\n{}",
            text.replace(
                "  disqualify {\n",
                "  disqualify {\n    hris not in [workday, bamboohr, none] because \"x\"\n"
            )
        ),
    )
    .expect("write");
    let third = bin()
        .current_dir(dir.path())
        .args(args(&["--baseline", &bs, "antipatterns.icp"]))
        .output()
        .expect("run");
    let v: Value = serde_json::from_str(&stdout(&third)).expect("json");
    let codes: Vec<&str> = v["diagnostics"]
        .as_array()
        .expect("d")
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert_eq!(codes, ["unsatisfiable"], "{}", stdout(&third));
    let _ = fs;
    // A broken baseline is a usage error.
    std::fs::write(&base, "{ not json").expect("write");
    let broken = bin()
        .current_dir(dir.path())
        .args(args(&["--baseline", &bs, "antipatterns.icp"]))
        .output()
        .expect("run");
    assert_eq!(code(&broken), 2);
    assert!(stderr(&broken).contains("not a baseline file"));
}

#[test]
fn configuration_errors_point_at_their_place() {
    let dir = sandbox(&["hr-analytics.icp"]);
    std::fs::write(
        dir.path().join("icp.toml"),
        "[checks]\nvauge-term = \"off\"\n\n[checks.broad-range]\nmax-ratio = \"ten\"\n",
    )
    .expect("config");
    let o = run(&[
        "check",
        &dir.path().join("hr-analytics.icp").display().to_string(),
    ]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(
        err.contains("icp.toml:2:1: unknown check `vauge-term`: did you mean `vague-term`?"),
        "{err}"
    );
    assert!(
        err.contains("icp.toml:5:13: `max-ratio` is a number such as 10, not string"),
        "{err}"
    );
    assert!(stdout(&o).is_empty());
}

#[test]
fn configuration_changes_severities_and_verbose_names_the_file() {
    let dir = sandbox(&["antipatterns.icp"]);
    std::fs::write(
        dir.path().join("icp.toml"),
        "[checks]\nvague-term = \"off\"\nbroad-range = \"error\"\n",
    )
    .expect("config");
    let f = dir.path().join("antipatterns.icp").display().to_string();
    let o = run(&[
        "check",
        "--verbose",
        "--today",
        TODAY,
        "--format",
        "json",
        &f,
    ]);
    assert!(
        stderr(&o).contains("using configuration") && stderr(&o).contains("icp.toml"),
        "{}",
        stderr(&o)
    );
    let v: Value = serde_json::from_str(&stdout(&o)).expect("json");
    let d = v["diagnostics"].as_array().expect("d");
    assert!(!d.iter().any(|d| d["code"] == "vague-term"));
    assert!(
        d.iter()
            .any(|d| d["code"] == "broad-range" && d["severity"] == "error")
    );
}

#[test]
fn explain_prints_pages_and_lists_codes() {
    let o = run(&["explain", "vague-term"]);
    assert_eq!(code(&o), 0);
    let page = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/checks/vague-term.md"),
    )
    .expect("page");
    // The page, without the note to the repository's editors that it is generated.
    let note = page
        .lines()
        .find(|l| l.starts_with("<!--"))
        .expect("the generated page has its note");
    let shown = page.replace(&format!("\n{note}\n"), "");
    assert_eq!(stdout(&o), shown, "`icpc explain` and docs/checks differ");
    assert!(!stdout(&o).contains("<!--"), "{}", stdout(&o));
    let o = run(&["explain", "--list"]);
    assert_eq!(code(&o), 0);
    for c in [
        "syntax",
        "unknown-field",
        "broad-range",
        "unused-field",
        "suppression-without-reason",
    ] {
        assert!(stdout(&o).contains(c), "{c} not listed");
    }
    let o = run(&["explain", "vage-term"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).starts_with(
            "error: `vage-term` is not a code. Did you mean `vague-term`? The codes are: syntax,"
        ),
        "{}",
        stderr(&o)
    );
    assert_eq!(stderr(&o).lines().count(), 1);
}

/// Runs `icpc check` on a file holding `src`, in one output format.
fn check_text(dir: &Path, name: &str, src: &str, format: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, src).expect("write");
    let o = run(&[
        "check",
        "--today",
        TODAY,
        "--color",
        "never",
        "--format",
        format,
        &path.display().to_string(),
    ]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    stdout(&o).replace(name, "FILE")
}

#[test]
fn lone_cr_ends_lines_in_every_output_format() {
    let lf = std::fs::read_to_string(examples().join("antipatterns.icp")).expect("example");
    assert!(lf.starts_with('#'), "the file starts with a comment");
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in [
        ("cr.icp", lf.replace('\n', "\r")),
        ("crlf.icp", lf.replace('\n', "\r\n")),
    ] {
        for format in ["json", "github", "sarif", "human"] {
            let want = check_text(dir.path(), "lf.icp", &lf, format);
            let got = check_text(dir.path(), name, &text, format);
            if format == "json" || format == "sarif" {
                // Offsets differ with CRLF; lines and columns may not.
                let strip = |s: &str| {
                    let mut v: Value = serde_json::from_str(s).expect("json");
                    fn drop_offsets(v: &mut Value) {
                        match v {
                            Value::Object(m) => {
                                m.remove("offset");
                                m.remove("charOffset");
                                m.remove("charLength");
                                m.values_mut().for_each(drop_offsets);
                            }
                            Value::Array(a) => a.iter_mut().for_each(drop_offsets),
                            _ => {}
                        }
                    }
                    drop_offsets(&mut v);
                    v
                };
                let (want, got) = (strip(&want), strip(&got));
                assert!(
                    want.to_string().contains("\"line\":19") || format == "sarif",
                    "{want}"
                );
                assert_eq!(got, want, "{name} {format}");
            } else {
                assert!(want.contains(":19:5") || want.contains("line=19,col=5"));
                assert_eq!(got, want, "{name} {format}");
            }
        }
    }
}

#[test]
fn configuration_comes_from_the_files_folders_not_the_working_folder() {
    let dir = scratch();
    let root = std::fs::canonicalize(dir.path()).expect("canonical");
    std::fs::create_dir_all(root.join("sub")).expect("mkdir");
    std::fs::create_dir_all(root.join("p")).expect("mkdir");
    std::fs::write(
        root.join("sub/icp.toml"),
        "[checks]\nbroad-range = \"off\"\n",
    )
    .expect("config");
    let text = std::fs::read_to_string(examples().join("hr-analytics.icp"))
        .expect("example")
        .replace(
            "employees in 200..2000\n    industry",
            "employees in 20..2000\n    industry",
        );
    std::fs::write(root.join("p/x.icp"), &text).expect("write");
    std::fs::write(root.join("sub/y.icp"), &text).expect("write");
    let check = |args: &[&str]| {
        bin()
            .current_dir(root.join("sub"))
            .args(["check", "--verbose", "--color", "never", "--today", TODAY])
            .args(args)
            .output()
            .expect("icpc runs")
    };
    // `sub/icp.toml` turns broad-range off, but `p/x.icp` is not below `sub/`.
    let o = check(&["../p/x.icp"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("broad-range"), "{}", stdout(&o));
    let shown = format!(
        "../p/x.icp: using configuration {}\n",
        root.join("icp.toml").display()
    );
    assert!(stderr(&o).contains(&shown), "{}", stderr(&o));
    // The file below `sub/` is governed by it, however it is named.
    for name in ["y.icp", "../sub/y.icp"] {
        let o = check(&[name]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        assert!(!stdout(&o).contains("broad-range"), "{}", stdout(&o));
    }
    // An icp.toml that is a folder is reported, not passed over.
    std::fs::create_dir(root.join("p/icp.toml")).expect("mkdir");
    let o = check(&["../p/x.icp"]);
    assert_eq!(code(&o), 2, "{}", stdout(&o));
    assert!(
        stderr(&o).contains(&format!(
            "{}:1:1: cannot read it",
            root.join("p/icp.toml").display()
        )),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_unreadable_file_is_reported_and_the_others_are_still_checked() {
    let dir = scratch();
    let bad = dir.path().join("bad.icp");
    let good = dir.path().join("good.icp");
    std::fs::write(&bad, b"icp a \"\xFF\" {\n}\n").expect("write");
    std::fs::write(&good, "icp buyers \"Innovative companies\" {\n}\n").expect("write");
    let out = run(&[
        "check",
        "--format",
        "json",
        bad.to_str().expect("path"),
        good.to_str().expect("path"),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(code(&out), 2, "{err}");
    assert!(
        err.contains("bad.icp:1:8: not UTF-8 text (the byte 0xFF"),
        "{err}"
    );
    assert!(err.contains("1 of 2 files could not be read"), "{err}");
    // The good file's findings are still written, as valid JSON.
    let json: Value = serde_json::from_str(&stdout(&out)).expect("JSON report");
    let codes: Vec<&str> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(codes.contains(&"vague-term"), "{codes:?}");
    // The report names the unreadable file too, at the place it stops being UTF-8.
    assert_eq!(
        json["unreadable"],
        serde_json::json!([{
            "column": 8,
            "file": bad.to_str().expect("path"),
            "line": 1,
            "message": "not UTF-8 text (the byte 0xFF there does not begin or continue a character; save the file as UTF-8)",
        }])
    );
    assert_eq!(json["summary"]["files"], 1);
    // Lines end at a lone CR there too; a missing file has no place.
    let cr = dir.path().join("cr.icp");
    std::fs::write(&cr, b"# a\rschema s {\r}\r\xFF\r").expect("write");
    let missing = dir.path().join("missing.icp");
    let out = run(&[
        "check",
        "--format",
        "json",
        cr.to_str().expect("path"),
        missing.to_str().expect("path"),
    ]);
    assert_eq!(code(&out), 2);
    let json: Value = serde_json::from_str(&stdout(&out)).expect("JSON report");
    let places: Vec<(Value, Value)> = json["unreadable"]
        .as_array()
        .expect("unreadable")
        .iter()
        .map(|u| (u["line"].clone(), u["column"].clone()))
        .collect();
    assert_eq!(
        places,
        vec![(4.into(), 1.into()), (Value::Null, Value::Null)],
        "{json}"
    );
    // GitHub annotations point at the same place.
    let out = run(&[
        "check",
        "--format",
        "github",
        bad.to_str().expect("path"),
        good.to_str().expect("path"),
    ]);
    assert_eq!(code(&out), 2);
    let first = stdout(&out).lines().next().unwrap_or_default().to_string();
    assert!(
        first.starts_with("::error file=")
            && first.contains("bad.icp,line=1,col=8,title=icpc%3A file not read::not UTF-8 text"),
        "{first}"
    );
    // JUnit: a test that could not run (an error), beside the good file's failures.
    let out = run(&[
        "check",
        "--format",
        "junit",
        bad.to_str().expect("path"),
        good.to_str().expect("path"),
    ]);
    assert_eq!(code(&out), 2);
    let xml = stdout(&out);
    let head = xml.lines().nth(1).unwrap_or_default();
    assert!(head.contains(r#"errors="1""#), "{xml}");
    assert!(
        xml.contains(r#"<error type="unreadable" message="not UTF-8 text (the byte 0xFF"#),
        "{xml}"
    );
    assert!(xml.contains("bad.icp:1:8: not UTF-8 text"), "{xml}");
}

/// `check --fix` on an empty icp writes skeletons; they are a to-do list, so the fixed file
/// fails `--deny warnings` with a finding per placeholder, empty block and the catch-all tier.
#[test]
fn fixed_skeletons_fail_deny_warnings() {
    let dir = scratch();
    let f = dir.path().join("new.icp");
    std::fs::write(
        &f,
        "schema crm {\n  employees: int\n}\n\nicp fresh \"Companies with 200-2,000 employees\" {\n  uses crm\n}\n",
    )
    .expect("write");
    let path = f.display().to_string();
    let o = run(&[
        "check",
        "--today",
        TODAY,
        "--fix",
        "--unsafe-fixes",
        "--format",
        "json",
        &path,
    ]);
    let text = std::fs::read_to_string(&f).expect("read");
    assert!(
        text.contains("TODO") && text.contains("tier qualified otherwise"),
        "{text}\n{}",
        stderr(&o)
    );
    let o = run(&[
        "check", "--today", TODAY, "--deny", "warnings", "--format", "json", &path,
    ]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("json");
    let codes: Vec<&str> = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    for want in ["placeholder", "empty-block", "non-excluding"] {
        assert!(codes.contains(&want), "{want} not in {codes:?}\n{text}");
    }
    let tier = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == "non-excluding")
        .expect("the catch-all tier");
    assert!(
        tier["message"]
            .as_str()
            .is_some_and(|m| m.contains("`qualified` is `otherwise`")),
        "{tier}"
    );
}

/// A hidden direction character in a comment is an error of its own, named by its code point,
/// at the same line:column in every output format; the human report's quoted line does not
/// carry the control to the terminal.
#[test]
fn bidi_characters_are_reported_in_every_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("trojan.icp");
    // Line 2, column 13 (characters): the override sits inside a comment.
    std::fs::write(
        &p,
        "schema crm {\n  x: int # a\u{202E}b\n}\n\nicp buyers \"Companies with 200-2000 employees\" {\n  uses crm\n  firmographics {\n    x in 200..2000\n  }\n}\n",
    )
    .expect("write");
    let path = p.to_str().expect("utf-8");
    let human = run(&["check", "--color", "never", path]);
    assert_eq!(code(&human), 1, "{}", stderr(&human));
    let h = stdout(&human) + &stderr(&human);
    assert!(
        h.contains("[bidi-character]") && h.contains("U+202E RIGHT-TO-LEFT OVERRIDE"),
        "{h}"
    );
    assert!(h.contains("trojan.icp:2:13"), "{h}");
    assert!(
        !h.contains('\u{202E}'),
        "the control reached the terminal: {h}"
    );

    let json: Value =
        serde_json::from_str(&stdout(&run(&["check", "--format", "json", path]))).expect("json");
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "bidi-character");
    assert!(
        d["message"]
            .as_str()
            .expect("message")
            .contains("U+202E RIGHT-TO-LEFT OVERRIDE")
    );
    assert_eq!(
        (
            d["range"]["start"]["line"].as_u64(),
            d["range"]["start"]["column"].as_u64()
        ),
        (Some(2), Some(13))
    );

    let gh = stdout(&run(&["check", "--format", "github", path]));
    assert!(
        gh.contains("line=2,col=13") && gh.contains("U+202E"),
        "{gh}"
    );

    let sarif: Value =
        serde_json::from_str(&stdout(&run(&["check", "--format", "sarif", path]))).expect("sarif");
    let res = &sarif["runs"][0]["results"][0];
    assert_eq!(res["ruleId"], "bidi-character");
    assert_eq!(res["level"], "error");
    let region = &res["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(2), Some(13))
    );
}

#[test]
fn json_output_matches_its_schema() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("docs/schemas/check.schema.json")).expect("schema"),
    )
    .expect("schema json");
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.icp");
    std::fs::write(&bad, b"schema s {\n  a: int\n}\n\xff\n").expect("write");
    let mut args = vec![
        "check".to_string(),
        "--format".into(),
        "json".into(),
        "--today".into(),
        "2026-11-23".into(),
    ];
    args.push(examples().to_string_lossy().into_owned());
    args.push(bad.to_string_lossy().into_owned());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = run(&args);
    assert_eq!(code(&o), 2, "{}", String::from_utf8_lossy(&o.stderr));
    let text = stdout(&o);
    assert!(
        text.starts_with("{\"diagnostics\":[{\"code\":") && text.ends_with("}\n"),
        "one line, keys in alphabetical order: {}",
        &text[..text.len().min(200)]
    );
    assert_eq!(text.lines().count(), 1);
    let doc: Value = serde_json::from_str(&text).expect("json");
    let errors: Vec<String> = validator
        .iter_errors(&doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "not as the schema says:\n{}",
        errors.join("\n")
    );
    // The output exercises every optional part of the schema.
    let diags = doc["diagnostics"].as_array().expect("diagnostics");
    assert!(diags.iter().any(|d| d["fix"].is_object()));
    assert!(diags.iter().any(|d| d["fix"].is_null()));
    assert!(diags.iter().any(|d| d["help"].is_string()));
    assert!(
        diags
            .iter()
            .any(|d| !d["labels"].as_array().expect("labels").is_empty())
    );
    // The unreadable file is named on standard error, the others are in the report.
    assert!(String::from_utf8_lossy(&o.stderr).contains("bad.icp:4:1: not UTF-8 text"));
    assert!(diags.iter().any(|d| {
        d["file"]
            .as_str()
            .is_some_and(|f| f.ends_with("antipatterns.icp"))
    }));
    // The validator is not vacuous: a finding without a range fails.
    let mut broken = doc.clone();
    broken["diagnostics"][0]
        .as_object_mut()
        .expect("object")
        .remove("range");
    assert!(!validator.is_valid(&broken));
}
