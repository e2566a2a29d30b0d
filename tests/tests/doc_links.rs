//! Every relative link in `README.md` and `docs/**/*.md` names a file that exists, and every
//! check page under `docs/checks/` is the page of the check it is named after.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "md") {
            out.push(path);
        }
    }
}

/// The targets of the inline links `[text](target)` of a Markdown text, outside code spans
/// and fenced blocks.
fn link_targets(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut fenced = false;
    for (n, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        // Drop code spans: a `](` inside backticks is not a link.
        let mut plain = String::with_capacity(line.len());
        let mut in_code = false;
        for c in line.chars() {
            if c == '`' {
                in_code = !in_code;
            } else if !in_code {
                plain.push(c);
            }
        }
        let mut rest = plain.as_str();
        while let Some(at) = rest.find("](") {
            let after = &rest[at + 2..];
            let Some(end) = after.find(')') else { break };
            out.push((n + 1, after[..end].trim().to_string()));
            rest = &after[end..];
        }
    }
    out
}

#[test]
fn every_relative_link_resolves() {
    let root = root();
    let mut files = vec![root.join("README.md")];
    markdown_files(&root.join("docs"), &mut files);
    assert!(files.len() > 10, "expected the docs, found {files:?}");
    let mut checked = 0;
    let mut broken = Vec::new();
    for file in &files {
        let text =
            std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for (line, target) in link_targets(&text) {
            if target.contains("://") || target.starts_with("mailto:") || target.starts_with('#') {
                continue;
            }
            let path = target.split('#').next().unwrap_or_default();
            let resolved = file.parent().expect("a file has a folder").join(path);
            checked += 1;
            if !resolved.exists() {
                broken.push(format!("{}:{line}: {target}", file.display()));
            }
        }
    }
    assert!(
        checked > 20,
        "only {checked} links found: the scan is broken"
    );
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn links_inside_code_are_not_links() {
    let found = link_targets("see [a](a.md) and `[b](b.md)`\n```\n[c](c.md)\n```\n[d](d.md#x)\n");
    assert_eq!(
        found,
        vec![(1, "a.md".to_string()), (5, "d.md#x".to_string())]
    );
}

#[test]
fn every_check_page_is_its_own() {
    let dir = root().join("docs/checks");
    let mut pages = Vec::new();
    markdown_files(&dir, &mut pages);
    let mut seen = 0;
    for page in pages {
        let code = page.file_stem().and_then(|s| s.to_str()).expect("a name");
        if code == "README" {
            continue;
        }
        let text = std::fs::read_to_string(&page).expect("read");
        let title = text.lines().next().unwrap_or_default();
        assert!(
            title.starts_with("# ") && title.contains(&format!("`{code}`")),
            "{}: the title `{title}` does not name `{code}`",
            page.display()
        );
        seen += 1;
    }
    assert!(seen > 15, "expected a page per check, found {seen}");
}
