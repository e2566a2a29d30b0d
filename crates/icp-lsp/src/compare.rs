//! `icp/compareWithHead`: the semantic diff of an open document (unsaved edits included)
//! against the version of its file in git's `HEAD`, as markdown for the editor to show.

use std::path::Path;
use std::process::Command;

use icp_check::Config;
use icp_diff::{Report, Version};
use icp_syntax::{LineIndex, Span};
use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::TextDocumentIdentifier;

/// The method name.
pub const COMPARE_WITH_HEAD: &str = "icp/compareWithHead";

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CompareParams {
    pub text_document: TextDocumentIdentifier,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CompareResult {
    /// Whether the meaning changed since `HEAD`.
    pub changed: bool,
    /// The plan: every change of meaning and the findings added or removed, as markdown.
    pub markdown: String,
}

/// The file's text in `HEAD`: `Ok(None)` when the file is new (not in `HEAD`); an error when
/// the file is not in a git repository or git cannot be run.
pub fn head_text(path: &Path) -> Result<Option<String>, String> {
    let dir = path.parent().ok_or("the document has no folder")?;
    let name = path.file_name().ok_or("the document has no file name")?;
    let git = |args: &[&str]| {
        Command::new("git")
            .current_dir(dir)
            .args(args)
            .output()
            .map_err(|e| format!("cannot run git: {e}"))
    };
    let inside = git(&["rev-parse", "--is-inside-work-tree"])?;
    if !inside.status.success() {
        return Err(format!("{} is not in a git repository", path.display()));
    }
    // `HEAD:./name` is the file relative to the current folder.
    let spec = format!("HEAD:./{}", name.to_string_lossy());
    let out = git(&["show", &spec])?;
    if !out.status.success() {
        let why = String::from_utf8_lossy(&out.stderr);
        if why.contains("does not exist") || why.contains("exists on disk, but not in") {
            return Ok(None);
        }
        if why.contains("invalid object name") || why.contains("bad revision") {
            return Err("the repository has no commit yet".into());
        }
        return Err(format!("git show {spec}: {}", why.trim()));
    }
    String::from_utf8(out.stdout)
        .map(Some)
        .map_err(|_| format!("{} in HEAD is not UTF-8 text", path.display()))
}

fn line(src: &str, index: &LineIndex, span: Option<Span>) -> String {
    span.map(|s| format!(" (line {})", index.line_col(src, s.start as usize).line))
        .unwrap_or_default()
}

/// Compares `HEAD`'s text (`None`: the file is new) with the buffer.
pub fn compare(old: Option<&str>, new: &str, today: i64) -> CompareResult {
    let config = Config {
        today: Some(today),
        ..Config::default()
    };
    let old_src = old.unwrap_or("");
    let (oa, na) = (
        icp_check::analyze(old_src, &config),
        icp_check::analyze(new, &config),
    );
    let mut md = String::from("# Changes since HEAD\n\n");
    if old.is_none() {
        md.push_str("The file is not in `HEAD`: everything in it is new.\n\n");
    }
    for (side, a) in [("HEAD", &oa), ("the buffer", &na)] {
        let errs = icp_diff::syntax_errors(a);
        if !errs.is_empty() {
            md.push_str(&format!(
                "The version in {side} does not parse ({} syntax errors); fix it to compare.\n",
                errs.len()
            ));
            return CompareResult {
                changed: false,
                markdown: md,
            };
        }
    }
    let report: Report = icp_diff::diff(
        Version {
            src: old_src,
            analysis: &oa,
        },
        Version {
            src: new,
            analysis: &na,
        },
        today,
    );
    if report.changes.is_empty() {
        md.push_str("No change in meaning.\n");
    }
    for c in &report.changes {
        md.push_str(&format!(
            "- {} **{}** `{}`: {}\n",
            c.kind.sign(),
            c.kind.as_str(),
            c.path,
            c.message
        ));
        if let Some(o) = &c.old {
            md.push_str(&format!(
                "  - was `{o}`{}\n",
                line(old_src, &oa.line_index, c.old_span)
            ));
        }
        if let Some(n) = &c.new {
            md.push_str(&format!(
                "  - now `{n}`{}\n",
                line(new, &na.line_index, c.new_span)
            ));
        }
    }
    for (verb, src, a, ds) in [
        ("adds", new, &na, &report.findings_added),
        ("removes", old_src, &oa, &report.findings_removed),
    ] {
        if !ds.is_empty() {
            md.push_str(&format!("\nThis change {verb} {} findings:\n", ds.len()));
            for d in ds.iter() {
                md.push_str(&format!(
                    "- `{}`{}: {}\n",
                    d.code,
                    line(src, &a.line_index, Some(d.span)),
                    d.message
                ));
            }
        }
    }
    CompareResult {
        changed: report.changed(),
        markdown: md,
    }
}
