//! The tests of profiles in the editor: each `test` item of a document is run with
//! `icp-test` when the document is analysed (once per version, off the async threads), its
//! result is shown as a code lens on the test's header ("▶ passes" / "✗ fails: tier
//! possible"), and each failure is a diagnostic at its `expect` line.
//!
//! A `NAME_test.icp` document is analysed with the schemas and icps of `NAME.icp` beside it,
//! as `icpc check` and `icpc test` do: the text open in the editor, else the file on disk. An
//! edit of `NAME.icp` makes the analysis of an open `NAME_test.icp` stale.

use std::path::Path;
use std::str::FromStr;

use icp_check::{Analysis, Config, Diagnostic};
use icp_test::{RunOptions, Source, Status, TestResult};
use tower_lsp_server::ls_types::{CodeLens, Command, Uri};

use crate::pos::PosMap;

/// The code of the diagnostics of failing tests.
pub const TEST_FAILED: &str = "test-failed";

/// The command named by the lenses. Clients show its title; running it does nothing more.
pub const SHOW_RESULT: &str = "icpc.testResult";

/// Whether a document must be analysed whole (not by regions): it has tests to run, or it is
/// a test file whose names come from the file beside it.
pub fn analysed_whole(text: &str, path: Option<&Path>) -> bool {
    path.and_then(icp_check::testcase::context_path).is_some()
        || icp_ide::incremental::has_test_item(text)
}

/// Analyses a document as `icpc check` does (with its context for a test file: `context`, the
/// text of `NAME.icp` open in the editor, or else the file on disk), then runs its tests.
/// Never fails: a context that cannot be read leaves the document without one.
pub fn analyze(
    text: &str,
    path: Option<&Path>,
    config: &Config,
    context: Option<&str>,
) -> (Analysis, Vec<TestResult>) {
    let open_context = path
        .and_then(icp_check::testcase::context_path)
        .zip(context)
        .map(|(p, src)| Source {
            path: p,
            src: src.to_string(),
            analysis: icp_check::analyze(src, config),
        });
    let (analysis, context) = match (open_context, path) {
        (Some(c), _) => (
            icp_check::analyze_with(text, config, Some(&c.analysis.model)),
            Some(c),
        ),
        (None, Some(p)) => match icp_test::analyze_file(p, text, config) {
            Ok(x) => x,
            Err(e) => {
                tracing::warn!("cannot read the file a test file tests: {e}");
                (icp_check::analyze(text, config), None)
            }
        },
        (None, None) => (icp_check::analyze(text, config), None),
    };
    if analysis.model.tests.is_empty() {
        return (analysis, Vec::new());
    }
    let source = Source {
        path: path.map_or_else(
            || Path::new("untitled.icp").to_path_buf(),
            Path::to_path_buf,
        ),
        src: text.to_string(),
        analysis,
    };
    let opts = RunOptions {
        as_of: icp_check::config::system_today(),
        config: config.clone(),
    };
    let results = icp_test::run_source(&source, context.as_ref(), &opts);
    (source.analysis, results)
}

/// The document a `NAME_test.icp` document sees: `NAME.icp` beside it.
pub fn context_uri(uri: &Uri) -> Option<Uri> {
    let s = uri.as_str();
    let stem = s.strip_suffix(icp_check::testcase::TEST_SUFFIX)?;
    (!stem.ends_with('/')).then(|| Uri::from_str(&format!("{stem}.icp")).ok())?
}

/// The tests that see a `NAME.icp` document: `NAME_test.icp` beside it.
pub fn tests_uri(uri: &Uri) -> Option<Uri> {
    let s = uri.as_str();
    if s.ends_with(icp_check::testcase::TEST_SUFFIX) {
        return None;
    }
    let stem = s.strip_suffix(".icp")?;
    Uri::from_str(&format!("{stem}{}", icp_check::testcase::TEST_SUFFIX)).ok()
}

/// The findings of the analysis and one error per failed expectation (or table row), and one
/// per test whose accounts file cannot be read.
pub fn diagnostics(analysis: &Analysis, tests: &[TestResult]) -> Vec<Diagnostic> {
    let mut out = analysis.diagnostics.clone();
    for t in tests {
        match &t.status {
            Status::Passed => {}
            Status::Failed => {
                for f in &t.failures {
                    let row = f.row.map_or(String::new(), |(r, line)| {
                        format!(" (row {r}, line {line})")
                    });
                    out.push(
                        Diagnostic::error(
                            TEST_FAILED,
                            f.span,
                            format!(
                                "test `{}` fails{row}: expected {}, but got {}",
                                t.name, f.expected, f.actual
                            ),
                        )
                        .with_help("`icpc test` shows the rules that decided it"),
                    );
                }
            }
            // A test with errors is already reported by the analysis.
            Status::Error { message, io: true } => out.push(Diagnostic::error(
                TEST_FAILED,
                t.span,
                format!("test `{}` cannot run: {message}", t.name),
            )),
            Status::Error { .. } => {}
        }
    }
    out.sort_by_key(|d| (d.span.start, d.span.end));
    out
}

/// A code lens per test, on its header.
pub fn lenses(pm: &PosMap<'_>, tests: &[TestResult]) -> Vec<CodeLens> {
    tests
        .iter()
        .map(|t| {
            let title = match t.status {
                Status::Passed => "▶ passes".to_string(),
                _ => format!("✗ {}", t.summary()),
            };
            CodeLens {
                range: pm.range(t.span),
                command: Some(Command {
                    title,
                    command: SHOW_RESULT.into(),
                    arguments: Some(vec![serde_json::Value::String(t.name.clone())]),
                }),
                data: None,
            }
        })
        .collect()
}
