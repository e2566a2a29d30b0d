//! The documentation pages of the codes, rendered from the registry: `docs/checks/CODE.md`,
//! `docs/checks/README.md` and the text `icpc explain` prints.

use std::fmt::Write;

use crate::checks::{Check, Group, REGISTRY};
use crate::config::KEYS;

/// The page of one code, in Markdown.
pub fn page(check: &Check) -> String {
    let d = check.doc;
    let mut s = String::new();
    let configurable = if check.group == Group::Language {
        ""
    } else {
        " (configurable)"
    };
    let _ = writeln!(s, "# `{}`\n", d.code);
    let _ = writeln!(s, "{}\n", d.summary);
    let _ = writeln!(s, "- Group: {}", check.group.title());
    let _ = writeln!(
        s,
        "- Default severity: {}{configurable}\n",
        d.severity.as_str()
    );
    let _ = writeln!(s, "## What it flags\n\n{}\n", d.what);
    let _ = writeln!(s, "## Why it matters\n\n{}\n", d.why);
    let _ = writeln!(s, "## Example\n\nFlagged:\n\n```icp\n{}```\n", d.invalid);
    let _ = writeln!(s, "Fixed:\n\n```icp\n{}```\n", d.valid);
    if check.group != Group::Language {
        let _ = writeln!(
            s,
            "## Suppressing it\n\n```icp\n# icp: allow({}) -- the reason this is acceptable here\n```\n",
            d.code
        );
    }
    if !d.notes.is_empty() {
        let _ = writeln!(s, "## Notes\n\n{}\n", d.notes);
    }
    let _ = writeln!(
        s,
        "<!-- Generated from crates/icp-check/src/checks/; do not edit. Regenerate with `UPDATE_DOCS=1 cargo test -p icp-check --test docs`. -->"
    );
    s
}

/// The index page: every code by group, and every configuration key.
pub fn index() -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Checks\n");
    let _ = writeln!(
        s,
        "Every finding of `icpc check` has a stable code. `icpc explain CODE` prints its page; \
         `icpc explain --list` lists them.\n"
    );
    let _ = writeln!(
        s,
        "`icpc check --format json` writes every finding with its code, severity, message, help, \
         range, labels and fix on one line; its layout is \
         [schemas/check.schema.json](../schemas/check.schema.json). `--format sarif` writes \
         SARIF 2.1.0, `github` workflow annotations, `junit` JUnit XML. A file that cannot be \
         read (missing, not permitted, not UTF-8) is named on standard error with the line and \
         column where it stops being UTF-8, listed under `unreadable` in JSON, as a tool \
         notification in SARIF, as an error annotation on GitHub and as a test in error in \
         JUnit; the others are still checked, and the exit code is 2.\n"
    );
    for group in [
        Group::Language,
        Group::Quality,
        Group::Suppression,
        Group::Data,
    ] {
        let _ = writeln!(s, "## {}\n", group.title());
        let _ = writeln!(s, "| code | default | flags |\n|---|---|---|");
        for c in REGISTRY.iter().filter(|c| c.group == group) {
            let _ = writeln!(
                s,
                "| [`{0}`]({0}.md) | {1} | {2} |",
                c.doc.code,
                c.doc.severity.as_str(),
                c.doc.summary.replace('|', "\\|")
            );
        }
        let _ = writeln!(s);
    }
    let _ = writeln!(s, "## How to suppress a finding\n");
    let _ = writeln!(
        s,
        "`# icp: allow(code, …) -- reason` at the end of a line covers the findings that start on that \
         line; on a line of its own it covers the next statement or block. Language errors cannot be \
         suppressed. See [`unused-suppression`](unused-suppression.md) and \
         [`suppression-without-reason`](suppression-without-reason.md).\n"
    );
    let _ = writeln!(s, "## Configuration (`icp.toml`)\n");
    let _ = writeln!(
        s,
        "`icpc check` reads the nearest `icp.toml` at or above each checked file (`--verbose` says \
         which). Unknown keys and bad values are errors with their line and column (exit status 2).\n"
    );
    let _ = writeln!(s, "| key | value | default | meaning |\n|---|---|---|---|");
    for k in KEYS {
        let _ = writeln!(
            s,
            "| `{}` | {} | {} | {} |",
            k.key,
            k.value.replace('|', "\\|"),
            k.default,
            k.doc
        );
    }
    let _ = writeln!(
        s,
        "\nExample:\n\n```toml\n[checks]\nunused-field = \"off\"\n\n[checks.broad-range]\nmax-ratio = 5\n\n\
         [checks.vague-term]\nextra-phrases = [\"synergy-driven\"]\nremoved-phrases = [\"modern\"]\n\n\
         [checks.missing-dimension]\nrequired = [\"firmographics\", \"job\", \"triggers\", \"reach\", \"disqualify\", \"rubric\"]\n\n\
         [checks.stale-review]\ncadence = \"quarterly\"\n```\n"
    );
    let _ = writeln!(
        s,
        "<!-- Generated from crates/icp-check/src/; do not edit. Regenerate with `UPDATE_DOCS=1 cargo test -p icp-check --test docs`. -->"
    );
    s
}

/// Every generated file under `docs/checks/`: (file name, contents).
pub fn files() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = REGISTRY
        .iter()
        .map(|c| (format!("{}.md", c.doc.code), page(c)))
        .collect();
    out.push(("README.md".into(), index()));
    out
}
