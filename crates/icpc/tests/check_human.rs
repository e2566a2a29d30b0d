//! The default output of `icpc check` as a reader sees it, as reviewed snapshots (`insta`,
//! `--color never`): labels, help lines, carets and columns after multi-byte text. And the
//! GitHub format's escaping of the characters that workflow commands reserve.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const TODAY: &str = "2026-11-23";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `icpc check` run in `dir` (so the path printed is as given), without colour.
fn check_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_icpc"))
        .arg("check")
        .args(["--today", TODAY])
        .args(args)
        .env_remove("NO_COLOR")
        .current_dir(dir)
        .output()
        .expect("icpc runs")
}

fn human(dir: &Path, file: &str) -> String {
    let out = check_in(dir, &["--color", "never", file]);
    assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
    let text = String::from_utf8(out.stdout).expect("UTF-8 output");
    assert!(
        !text.contains('\u{1b}'),
        "no colour codes under --color never"
    );
    text
}

#[test]
fn human_output_of_the_antipatterns_example() {
    insta::assert_snapshot!(
        "antipatterns",
        human(&root().join("examples"), "antipatterns.icp")
    );
}

#[test]
fn human_output_after_multibyte_text() {
    // Emoji (a flag is two characters), accents and CJK before the findings on their lines
    // and above them: columns count characters.
    let out = human(
        &root().join("crates/icpc/tests/data/human"),
        "multibyte.icp",
    );
    assert!(out.contains("multibyte.icp:11:48 ]"), "{out}");
    insta::assert_snapshot!("multibyte", out);
}

#[test]
fn human_output_of_a_clean_file_and_of_a_syntax_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("icp.toml"), "# the defaults\n").expect("icp.toml");
    std::fs::write(
        dir.path().join("broken.icp"),
        "schema crm {\n  employees: int\n}\n\nicp buyers \"Companies with 200-2000 employees\" {\n  uses crm\n  firmographics {\n    employees in 200..\n  }\n}\n",
    )
    .expect("write");
    let clean = human(&root().join("examples"), "hr-analytics.icp");
    let broken = human(dir.path(), "broken.icp");
    insta::assert_snapshot!("clean_and_syntax", format!("{clean}\n{broken}"));
}

/// Undoes GitHub's escaping of a workflow command's message or property value.
fn unescape(s: &str) -> String {
    s.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

/// `::error file=…,line=…::message` as (command, properties, message).
fn parse_command(line: &str) -> (String, Vec<(String, String)>, String) {
    let rest = line.strip_prefix("::").expect("a workflow command");
    let (head, data) = rest.split_once("::").expect("the `::` before the message");
    let (cmd, props) = head.split_once(' ').expect("properties");
    // An escaped property holds no `,` or `:` of its own, and `%` only in escapes.
    for raw in [props, data] {
        let bare = raw
            .replace("%25", "")
            .replace("%0D", "")
            .replace("%0A", "")
            .replace("%3A", "")
            .replace("%2C", "");
        assert!(!bare.contains('%'), "an unescaped % in {raw:?}");
        assert!(!bare.contains(['\r', '\n']), "a line break in {raw:?}");
    }
    let props = props
        .split(',')
        .map(|p| {
            let (k, v) = p.split_once('=').expect("key=value");
            assert!(!v.contains(':'), "an unescaped `:` in the property {p:?}");
            (k.to_string(), unescape(v))
        })
        .collect();
    (cmd.to_string(), props, unescape(data))
}

#[test]
fn github_annotations_escape_percent_colon_comma_and_line_breaks() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("icp.toml"), "# the defaults\n").expect("icp.toml");
    // A file name with every reserved character, and findings whose messages hold `%`, `:`,
    // `,` and a help line.
    let name = "odd%name: v1,draft\r\nb.icp";
    std::fs::write(
        dir.path().join(name),
        "schema crm {\n  churn: percent\n}\n\nicp buyers \"Companies with under 5% churn\" {\n  uses crm\n  firmographics {\n    churn < 5x%\n  }\n}\n",
    )
    .expect("write");
    let gh = check_in(dir.path(), &["--format", "github", name]);
    let json = check_in(dir.path(), &["--format", "json", name]);
    assert_eq!(gh.status.code(), Some(1));
    let gh = String::from_utf8(gh.stdout).expect("UTF-8");
    let json: Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let diags = json["diagnostics"].as_array().expect("diagnostics");
    let lines: Vec<&str> = gh.lines().collect();
    assert_eq!(lines.len(), diags.len(), "one line per finding:\n{gh}");
    assert!(
        diags.iter().any(|d| d["code"] == "invalid-literal"),
        "{json}"
    );
    for (line, d) in lines.iter().zip(diags) {
        let (cmd, props, message) = parse_command(line);
        let prop = |k: &str| {
            props
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
                .unwrap_or_else(|| panic!("no {k} in {line}"))
        };
        let severity = d["severity"].as_str().expect("severity");
        let want_cmd = match severity {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        assert_eq!(cmd, want_cmd);
        assert_eq!(prop("file"), name);
        assert_eq!(
            prop("title"),
            format!("icpc {}", d["code"].as_str().expect("code"))
        );
        assert_eq!(prop("line"), d["range"]["start"]["line"].to_string());
        assert_eq!(prop("col"), d["range"]["start"]["column"].to_string());
        assert_eq!(prop("endLine"), d["range"]["end"]["line"].to_string());
        assert_eq!(prop("endColumn"), d["range"]["end"]["column"].to_string());
        let mut want = d["message"].as_str().expect("message").to_string();
        if let Some(h) = d["help"].as_str() {
            want.push_str("\nhelp: ");
            want.push_str(h);
        }
        assert_eq!(message, want);
    }
    // One line in full, as GitHub's own toolkit escapes it (`%` first; `:` and `,` only in
    // properties).
    let literal = lines
        .iter()
        .find(|l| l.contains("invalid-literal"))
        .expect("the invalid literal");
    assert_eq!(
        *literal,
        "::error file=odd%25name%3A v1%2Cdraft%0D%0Ab.icp,line=8,col=13,endLine=8,endColumn=16,title=icpc invalid-literal::`5x%25`: unknown suffix `x%25`; numbers take `K`, `M`, `B` or `%25`, durations `d`, `w`, `mo` or `y`%0Ahelp: numbers look like `200`, `2.5`, `20M`, `30%25`; durations like `60d`, `8w`, `6mo`, `2y`; dates like `2026-10-05`"
    );
}
