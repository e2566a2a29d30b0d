//! The documentation of every code: its examples behave as documented, and the committed
//! pages under `docs/checks/` are exactly the generated ones.
//!
//! Regenerate the pages with `UPDATE_DOCS=1 cargo test -p icp-check --test docs`.

use std::path::{Path, PathBuf};

use icp_check::Config;
use icp_check::checks::{Group, REGISTRY};

fn config() -> Config {
    Config {
        today: Some(20_780),
        ..Config::default()
    } // 2026-11-23
}

fn count(src: &str, code: &str) -> (usize, Vec<String>) {
    let a = icp_check::analyze(src, &config());
    let all: Vec<String> = a
        .diagnostics
        .iter()
        .map(|d| format!("{}: {}", d.code, d.message))
        .collect();
    (a.diagnostics.iter().filter(|d| d.code == code).count(), all)
}

#[test]
fn every_invalid_example_draws_exactly_one_finding_of_its_code() {
    // The data checks' examples need accounts: `crates/icp-data/tests/checks.rs` runs them.
    for c in REGISTRY.iter().filter(|c| c.group != Group::Data) {
        let (n, all) = count(c.doc.invalid, c.doc.code);
        assert_eq!(
            n,
            1,
            "`{}`: the invalid example drew {n} findings of its code:\n{}",
            c.doc.code,
            all.join("\n")
        );
    }
}

#[test]
fn every_valid_example_draws_none_of_its_code() {
    for c in REGISTRY.iter().filter(|c| c.group != Group::Data) {
        let (n, all) = count(c.doc.valid, c.doc.code);
        assert_eq!(
            n,
            0,
            "`{}`: the valid example drew {n} findings of its code:\n{}",
            c.doc.code,
            all.join("\n")
        );
        // Valid examples parse: they are meant to be copied.
        assert!(
            !all.iter().any(|d| d.starts_with("syntax")),
            "`{}`: the valid example does not parse",
            c.doc.code
        );
    }
}

#[test]
fn every_doc_is_complete() {
    for c in REGISTRY {
        let d = c.doc;
        assert!(
            !d.summary.is_empty() && !d.what.is_empty() && !d.why.is_empty(),
            "{}",
            d.code
        );
        assert!(
            d.code
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch == '-'),
            "{} is not kebab-case",
            d.code
        );
        assert_eq!(
            REGISTRY.iter().filter(|x| x.doc.code == d.code).count(),
            1,
            "{} is registered twice",
            d.code
        );
    }
    assert_eq!(
        icp_check::checks::summary("vague-term"),
        icp_check::checks::vague_term::DOC.summary
    );
}

fn docs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/checks")
}

#[test]
fn committed_pages_are_the_generated_ones() {
    let dir = docs_dir();
    let files = icp_check::docs::files();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::create_dir_all(&dir).expect("create docs/checks");
        for entry in std::fs::read_dir(&dir).expect("list docs/checks").flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if name.ends_with(".md") && !files.iter().any(|(n, _)| *n == name) {
                std::fs::remove_file(entry.path()).expect("remove a stale page");
            }
        }
        for (name, text) in &files {
            std::fs::write(dir.join(name), text).expect("write a page");
        }
        return;
    }
    let mut stale = Vec::new();
    for (name, text) in &files {
        match std::fs::read_to_string(dir.join(name)) {
            Ok(t) if t == *text => {}
            Ok(_) => stale.push(format!("{name} differs")),
            Err(_) => stale.push(format!("{name} is missing")),
        }
    }
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if name.ends_with(".md") && !files.iter().any(|(n, _)| *n == name) {
                stale.push(format!("{name} documents no code"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "docs/checks/ is out of date ({}).\nRegenerate it with: UPDATE_DOCS=1 cargo test -p icp-check --test docs",
        stale.join(", ")
    );
}
