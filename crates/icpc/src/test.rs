//! `icpc test`: run the tests of profiles (known accounts that must land where they belong)
//! and print the results as human reports, JSON, JUnit XML or GitHub annotations.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use icp_syntax::{LineIndex, Span};
use icp_test::{FileResult, Report, RunOptions, Status, TestResult};
use serde_json::{Value, json};

use crate::check::{ColorChoice, collect_paths};
use crate::io_error::io_reason;
use crate::render::{esc, gh_data as data, gh_prop as prop};
use crate::score::parse_date;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    /// Each failure with its source line, what was expected, what happened and the rules
    /// that decided it; then `N passed, M failed`.
    Human,
    /// A stable JSON document (version 1; docs/schemas/test.schema.json).
    Json,
    /// JUnit XML: a test suite per file, a test case per test.
    Junit,
    /// GitHub Actions workflow commands: an `::error` annotation per failure.
    Github,
}

#[derive(clap::Args)]
#[command(after_help = "Examples:
  icpc test examples/                      run every test below a folder
  icpc test profile_test.icp               the tests of one file (it sees profile.icp)
  icpc test --coverage examples/           which rules, tiers and segments no test exercises
  icpc test --format junit . > tests.xml   a CI test report
  icpc test --format github .              annotations in GitHub Actions
  icpc test --as-of 2026-11-23 .           `within` criteria count back from this date

Tests are `test NAME \"title\" { icp X; account { … }; expect … }` items in any .icp file;
a file NAME_test.icp sees the schemas and icps of NAME.icp beside it (docs/language.md).

Exit status: 0 every test passed, 1 a test failed or cannot run (or no test was found),
2 usage or I/O error (including an accounts file that cannot be read).")]
pub struct Args {
    /// Files or folders (searched recursively for *.icp).
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// When to colour human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// The date `within` counts back from (YYYY-MM-DD) [default: today].
    #[arg(long, visible_alias = "today", value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<i64>,
    /// Also report, for each rule, disqualifier, tier and segment, whether some test made it
    /// hold and some made it fail.
    #[arg(long)]
    pub coverage: bool,
}

pub fn run(args: Args) -> ExitCode {
    if args.paths.iter().any(|p| p.as_os_str() == "-") {
        eprintln!(
            "error: `icpc test` reads files, not standard input (a test file may need the file beside it)"
        );
        return ExitCode::from(2);
    }
    let paths = match collect_paths(&args.paths) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let opts = RunOptions {
        as_of: args.as_of.unwrap_or_else(icp_check::config::system_today),
        config: icp_check::Config::default(),
    };
    let report = match icp_test::run(&paths, &opts) {
        Ok(r) => r,
        Err((p, e)) => {
            eprintln!("error: {}: {}", p.display(), io_reason(&e));
            return ExitCode::from(2);
        }
    };
    let mut out = std::io::stdout().lock();
    let written = match args.format {
        Format::Human => {
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            human(&mut out, &report, color, args.coverage)
        }
        Format::Json => writeln!(out, "{:#}", to_json(&report, args.coverage)),
        Format::Junit => junit(&mut out, &report),
        Format::Github => github(&mut out, &report),
    };
    if let Err(e) = written.and_then(|()| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write the output: {e}");
            return ExitCode::from(2);
        }
    }
    let total = report.results().count();
    if total == 0 {
        eprintln!("error: no test found in the given files (a test is `test NAME {{ … }}`)");
        return ExitCode::from(1);
    }
    let io = report
        .results()
        .any(|t| matches!(t.status, Status::Error { io: true, .. }));
    if io {
        ExitCode::from(2)
    } else if report.failed() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn display(f: &FileResult) -> String {
    f.path.display().to_string()
}

/// `file:line:column` of an offset.
fn position(f: &FileResult, idx: &LineIndex, span: Span) -> (u32, u32) {
    let lc = idx.line_col(&f.src, span.start as usize);
    (lc.line, lc.column)
}

fn human(out: &mut impl Write, r: &Report, color: bool, coverage: bool) -> std::io::Result<()> {
    use ariadne::{Config, IndexType, Label, Report as Ar, ReportKind, Source};
    for f in &r.files {
        let id = display(f);
        let source = Source::from(f.src.as_str());
        let idx = LineIndex::new(&f.src);
        for t in &f.tests {
            match &t.status {
                Status::Passed => {
                    let n = t.accounts;
                    let s = if n == 1 { "" } else { "s" };
                    writeln!(out, "PASS {id}: {} ({n} account{s})", t.name)?;
                }
                Status::Error { message, .. } => {
                    let (l, c) = position(f, &idx, t.span);
                    writeln!(out, "ERROR {id}:{l}:{c}: {}: {message}", t.name)?;
                }
                Status::Failed => {
                    writeln!(out, "FAIL {id}: {}", t.name)?;
                    for x in &t.failures {
                        let what = match x.row {
                            Some((row, line)) => {
                                format!("row {row} (line {line}): expected {}", x.expected)
                            }
                            None => format!("expected {}", x.expected),
                        };
                        let msg = format!("test `{}`: {what}", t.name);
                        let label = format!("but got {}", x.actual);
                        let mut b = Ar::build(ReportKind::Error, (id.as_str(), x.span.range()))
                            .with_config(
                                Config::default()
                                    .with_index_type(IndexType::Byte)
                                    .with_color(color),
                            )
                            .with_code("test-failed")
                            .with_message(msg)
                            .with_label(
                                Label::new((id.as_str(), x.span.range())).with_message(label),
                            );
                        if t.span != x.span {
                            b = b.with_label(
                                Label::new((id.as_str(), t.span.range()))
                                    .with_message("in this test"),
                            );
                        }
                        b.finish().write((id.as_str(), &source), &mut *out)?;
                        if !x.explain.is_empty() {
                            for line in x.explain.lines() {
                                writeln!(out, "    {line}")?;
                            }
                        }
                        writeln!(out)?;
                    }
                }
            }
        }
    }
    if coverage {
        human_coverage(out, r)?;
    }
    writeln!(out, "{} passed, {} failed", r.passed(), r.failed())
}

fn human_coverage(out: &mut impl Write, r: &Report) -> std::io::Result<()> {
    writeln!(
        out,
        "\nCoverage (held: some account made it hold; failed: some made it fail):"
    )?;
    for c in &r.coverage {
        writeln!(
            out,
            "  {} icp `{}` ({} accounts)",
            c.path.display(),
            c.icp,
            c.accounts
        )?;
        for i in &c.items {
            let mark = |b: bool| if b { "yes" } else { "no " };
            let note = if !i.exercised.held && !i.exercised.failed {
                "  ← no test exercises it"
            } else {
                ""
            };
            writeln!(
                out,
                "    {:<13} {:<28} held {}  failed {}{note}",
                i.kind,
                i.name,
                mark(i.exercised.held),
                mark(i.exercised.failed)
            )?;
        }
    }
    let unexercised: Vec<String> = r
        .coverage
        .iter()
        .flat_map(|c| {
            c.items
                .iter()
                .filter(|i| !i.exercised.held && !i.exercised.failed)
                .map(move |i| format!("{}.{} {}", c.icp, i.kind, i.name))
        })
        .collect();
    if !unexercised.is_empty() {
        writeln!(out, "Not exercised by any test: {}", unexercised.join(", "))?;
    }
    writeln!(out)
}

fn status_word(t: &TestResult) -> &'static str {
    match t.status {
        Status::Passed => "passed",
        Status::Failed => "failed",
        Status::Error { .. } => "error",
    }
}

fn to_json(r: &Report, coverage: bool) -> Value {
    let files: Vec<Value> = r
        .files
        .iter()
        .map(|f| {
            let idx = LineIndex::new(&f.src);
            let pos = |s: Span| {
                let (line, column) = position(f, &idx, s);
                json!({ "line": line, "column": column })
            };
            let tests: Vec<Value> = f
                .tests
                .iter()
                .map(|t| {
                    let failures: Vec<Value> = t
                        .failures
                        .iter()
                        .map(|x| {
                            json!({
                                "at": pos(x.span),
                                "row": x.row.map(|r| r.0),
                                "row_line": x.row.map(|r| r.1),
                                "expected": x.expected,
                                "actual": x.actual,
                                "explain": x.explain,
                            })
                        })
                        .collect();
                    let message = match &t.status {
                        Status::Error { message, .. } => Some(message.clone()),
                        _ => None,
                    };
                    json!({
                        "name": t.name,
                        "title": t.title,
                        "icp": t.icp,
                        "at": pos(t.span),
                        "status": status_word(t),
                        "message": message,
                        "accounts": t.accounts,
                        "failures": failures,
                    })
                })
                .collect();
            json!({ "path": display(f), "tests": tests })
        })
        .collect();
    let mut doc = json!({
        "version": 1,
        "files": files,
        "summary": { "passed": r.passed(), "failed": r.failed() },
    });
    if coverage {
        let cov: Vec<Value> = r
            .coverage
            .iter()
            .map(|c| {
                let items: Vec<Value> = c
                    .items
                    .iter()
                    .map(|i| {
                        json!({
                            "kind": i.kind,
                            "name": i.name,
                            "at": { "line": i.line, "column": i.column },
                            "held": i.exercised.held,
                            "failed": i.exercised.failed,
                        })
                    })
                    .collect();
                json!({
                    "path": c.path.display().to_string(),
                    "icp": c.icp,
                    "accounts": c.accounts,
                    "items": items,
                })
            })
            .collect();
        doc["coverage"] = Value::Array(cov);
    }
    doc
}

fn junit(out: &mut impl Write, r: &Report) -> std::io::Result<()> {
    let failures = r.results().filter(|t| t.status == Status::Failed).count();
    let errors = r.failed() - failures;
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="icpc test" tests="{}" failures="{failures}" errors="{errors}">"#,
        r.results().count()
    )?;
    for f in &r.files {
        if f.tests.is_empty() {
            continue;
        }
        let id = display(f);
        let idx = LineIndex::new(&f.src);
        let nf = f
            .tests
            .iter()
            .filter(|t| t.status == Status::Failed)
            .count();
        let ne = f
            .tests
            .iter()
            .filter(|t| matches!(t.status, Status::Error { .. }))
            .count();
        writeln!(
            out,
            r#"  <testsuite name="{}" tests="{}" failures="{nf}" errors="{ne}">"#,
            esc(&id),
            f.tests.len()
        )?;
        for t in &f.tests {
            let (line, _) = position(f, &idx, t.span);
            write!(
                out,
                r#"    <testcase name="{}" classname="icpc.test" file="{}" line="{line}""#,
                esc(&t.name),
                esc(&id)
            )?;
            match &t.status {
                Status::Passed => writeln!(out, "/>")?,
                Status::Error { message, .. } => {
                    writeln!(out, ">")?;
                    writeln!(
                        out,
                        r#"      <error message="{}">{}</error>"#,
                        esc(message),
                        esc(message)
                    )?;
                    writeln!(out, "    </testcase>")?;
                }
                Status::Failed => {
                    writeln!(out, ">")?;
                    for x in &t.failures {
                        let (l, c) = position(f, &idx, x.span);
                        let msg = format!("expected {}, got {}", x.expected, x.actual);
                        let body = format!("{id}:{l}:{c}: {msg}\n{}", x.explain);
                        writeln!(
                            out,
                            r#"      <failure message="{}">{}</failure>"#,
                            esc(&msg),
                            esc(&body)
                        )?;
                    }
                    writeln!(out, "    </testcase>")?;
                }
            }
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

fn github(out: &mut impl Write, r: &Report) -> std::io::Result<()> {
    for f in &r.files {
        let id = display(f);
        let idx = LineIndex::new(&f.src);
        for t in &f.tests {
            let title = prop(&format!("icpc test {}", t.name));
            match &t.status {
                Status::Passed => {}
                Status::Error { message, .. } => {
                    let (l, c) = position(f, &idx, t.span);
                    writeln!(
                        out,
                        "::error file={},line={l},col={c},title={title}::{}",
                        prop(&id),
                        data(&format!("the test cannot run: {message}"))
                    )?;
                }
                Status::Failed => {
                    for x in &t.failures {
                        let (l, c) = position(f, &idx, x.span);
                        let row = x.row.map_or(String::new(), |(r, line)| {
                            format!("row {r} (line {line}): ")
                        });
                        writeln!(
                            out,
                            "::error file={},line={l},col={c},title={title}::{}",
                            prop(&id),
                            data(&format!(
                                "{row}expected {}, got {}\n{}",
                                x.expected, x.actual, x.explain
                            ))
                        )?;
                    }
                }
            }
        }
    }
    writeln!(out, "{} passed, {} failed", r.passed(), r.failed())
}
