//! Output formats of `icpc check`: human (ariadne), JSON, SARIF 2.1.0, GitHub annotations.

use std::io::Write;

use icp_check::{Diagnostic, Severity};
use icp_syntax::{LineIndex, Span};

use crate::io_error::ReadError;
use serde::Serialize;
use serde_json::{Value, json};

/// One checked file with its findings.
pub struct FileReport {
    /// The path as the user gave it (or `<stdin>`).
    pub path: String,
    pub src: String,
    pub line_index: LineIndex,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    fn position(&self, offset: u32) -> Position {
        let lc = self.line_index.line_col(&self.src, offset as usize);
        Position {
            column: lc.column,
            line: lc.line,
            offset,
        }
    }

    fn range(&self, span: Span) -> Range {
        Range {
            end: self.position(span.end),
            start: self.position(span.start),
        }
    }
}

// The layout of `icpc check --format json` (`docs/schemas/check.schema.json`). Each struct
// lists its keys in alphabetical order, the order the report has always had; a struct borrowed
// from the findings, written straight to the output, costs a small part of building a
// `serde_json::Value` tree of every finding first.
#[derive(Serialize)]
struct Position {
    column: u32,
    line: u32,
    offset: u32,
}

#[derive(Serialize)]
struct Range {
    end: Position,
    start: Position,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: JsonSummary,
    /// Present only when some file could not be read.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    unreadable: Vec<JsonUnreadable<'a>>,
    version: u32,
}

#[derive(Serialize)]
struct JsonUnreadable<'a> {
    column: Option<u32>,
    file: &'a str,
    line: Option<u32>,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonSummary {
    errors: usize,
    files: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    file: &'a str,
    fix: Option<JsonFix<'a>>,
    help: Option<&'a str>,
    labels: Vec<JsonLabel<'a>>,
    message: &'a str,
    range: Range,
    severity: &'a str,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    message: &'a str,
    range: Range,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    confirm: bool,
    safety: &'a str,
    title: &'a str,
}

#[derive(Default, Clone, Copy)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut s = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for d in reports.iter().flat_map(|r| &r.diagnostics) {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                _ => {}
            }
        }
        s
    }
}

/// `text` without its ANSI colour sequences (`ESC [ … m`).
fn strip_escapes(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if text[i] == 0x1b && text.get(i + 1) == Some(&b'[') {
            match text[i + 2..].iter().position(|&c| c == b'm') {
                Some(end) => i += end + 3,
                None => i = text.len(),
            }
        } else {
            out.push(text[i]);
            i += 1;
        }
    }
    out
}

pub fn human(out: &mut impl Write, reports: &[FileReport], color: bool) -> std::io::Result<()> {
    use ariadne::{Config, IndexType, Label, Report, ReportKind, Source};
    for r in reports {
        let text = line_breaks_as_checked(&r.src);
        let source = Source::from(&*text);
        for d in &r.diagnostics {
            let kind = match d.severity {
                Severity::Error => ReportKind::Error,
                Severity::Warning => ReportKind::Warning,
                // The severity's own name, as `icpc explain --list` and JSON print it.
                Severity::Info => ReportKind::Custom("Info", ariadne::Color::Blue),
                Severity::Hint => ReportKind::Custom("Hint", ariadne::Color::Fixed(147)),
            };
            let id = r.path.as_str();
            let mut b = Report::build(kind, (id, d.span.range()))
                .with_config(
                    Config::default()
                        .with_index_type(IndexType::Byte)
                        .with_color(color),
                )
                .with_code(d.code)
                .with_message(&d.message);
            // Labels in source order: ariadne starts a new section, headed with the
            // primary span's line and column, whenever a label lies above the one before it,
            // so a label above the primary one sat under a header naming the wrong line.
            let primary = short_label(d);
            let mut labels: Vec<(std::ops::Range<usize>, &str)> = vec![(d.span.range(), &primary)];
            labels.extend(
                d.labels
                    .iter()
                    .map(|l| (l.span.range(), l.message.as_str())),
            );
            labels.sort_by_key(|(r, _)| (r.start, r.end));
            for (range, message) in labels {
                b = b.with_label(Label::new((id, range)).with_message(message));
            }
            if let Some(h) = &d.help {
                b = b.with_help(h);
            }
            if color {
                b.finish().write((id, &source), &mut *out)?;
            } else {
                // ariadne paints a custom kind (`Hint`, `Info`) in its colour even with colour
                // off: take the escapes out of the header line it writes.
                let mut buf = Vec::new();
                b.finish().write((id, &source), &mut buf)?;
                let header = buf.iter().position(|&c| c == b'\n').unwrap_or(buf.len());
                out.write_all(&strip_escapes(&buf[..header]))?;
                out.write_all(&buf[header..])?;
            }
        }
    }
    let s = Summary::of(reports);
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    writeln!(
        out,
        "{}: {}, {} in {}",
        if s.errors > 0 { "failed" } else { "checked" },
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.files, "file")
    )
}

/// The text as ariadne should see it to number lines as the checker does: ariadne also ends
/// lines at vertical tab and form feed, which the language reads as white space, and a lone
/// `\r` becomes `\n`. Byte offsets are unchanged.
fn line_breaks_as_checked(src: &str) -> std::borrow::Cow<'_, str> {
    let text = icp_syntax::normalize_line_ends(src);
    let bidi = |c: char| icp_check::checks::bidi_character::name(c).is_some();
    if !text.contains(['\x0b', '\x0c']) && !text.contains(bidi) {
        return text;
    }
    // A direction control would reorder the quoted line on the terminal: it is shown as U+FFFD,
    // which has its length in UTF-8 (3 bytes), so the byte offsets still hold.
    text.replace(['\x0b', '\x0c'], " ")
        .replace(bidi, "\u{FFFD}")
        .into()
}

/// The text under the primary caret: the code, so the eye finds it in a long report.
fn short_label(d: &Diagnostic) -> String {
    d.code.to_string()
}

/// Writes the JSON report, one line.
pub fn json(
    out: &mut impl Write,
    reports: &[FileReport],
    unreadable: &[ReadError],
) -> std::io::Result<()> {
    let mut diagnostics = Vec::new();
    for r in reports {
        for d in &r.diagnostics {
            diagnostics.push(JsonDiagnostic {
                code: d.code,
                file: &r.path,
                fix: d.fix.as_ref().map(|f| JsonFix {
                    confirm: f.confirm,
                    safety: f.safety.as_str(),
                    title: &f.title,
                }),
                help: d.help.as_deref(),
                labels: d
                    .labels
                    .iter()
                    .map(|l| JsonLabel {
                        message: &l.message,
                        range: r.range(l.span),
                    })
                    .collect(),
                message: &d.message,
                range: r.range(d.span),
                severity: d.severity.as_str(),
            });
        }
    }
    let s = Summary::of(reports);
    let report = JsonReport {
        diagnostics,
        summary: JsonSummary {
            errors: s.errors,
            files: s.files,
            warnings: s.warnings,
        },
        unreadable: unreadable
            .iter()
            .map(|e| JsonUnreadable {
                column: e.at.map(|a| a.column),
                file: &e.file,
                line: e.at.map(|a| a.line),
                message: &e.reason,
            })
            .collect(),
        version: 1,
    };
    serde_json::to_writer(&mut *out, &report)?;
    writeln!(out)
}

pub fn sarif(reports: &[FileReport], unreadable: &[ReadError]) -> Value {
    let mut codes: Vec<&'static str> = reports
        .iter()
        .flat_map(|r| r.diagnostics.iter().map(|d| d.code))
        .collect();
    codes.sort_unstable();
    codes.dedup();
    let rules: Vec<Value> = codes
        .iter()
        .map(|c| {
            json!({
                "id": c,
                "name": c,
                "shortDescription": { "text": icp_check::checks::summary(c) },
                "helpUri": icp_check::diagnostic::docs_url(c),
            })
        })
        .collect();
    let region = |r: &FileReport, span: Span| {
        let s = r.line_index.line_col(&r.src, span.start as usize);
        let e = r.line_index.line_col(&r.src, span.end as usize);
        json!({
            "startLine": s.line, "startColumn": s.column, "endLine": e.line, "endColumn": e.column,
            "charOffset": span.start, "charLength": span.len(),
        })
    };
    let mut results = Vec::new();
    for r in reports {
        for d in &r.diagnostics {
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Hint => "note",
            };
            let text = match &d.help {
                Some(h) => format!("{} (help: {h})", d.message),
                None => d.message.clone(),
            };
            let related: Vec<Value> = d
                .labels
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    json!({
                        "id": i,
                        "message": { "text": l.message },
                        "physicalLocation": { "artifactLocation": { "uri": uri(&r.path) }, "region": region(r, l.span) },
                    })
                })
                .collect();
            results.push(json!({
                "ruleId": d.code,
                "ruleIndex": codes.iter().position(|c| *c == d.code).unwrap_or(0),
                "level": level,
                "message": { "text": text },
                "locations": [{
                    "physicalLocation": { "artifactLocation": { "uri": uri(&r.path) }, "region": region(r, d.span) },
                }],
                "relatedLocations": related,
            }));
        }
    }
    let mut run = json!({
        "tool": { "driver": {
            "name": "icpc",
            "version": env!("CARGO_PKG_VERSION"),
            "informationUri": icp_check::diagnostic::DOCS_HOME,
            "rules": rules,
        }},
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    // Files that could not be read are the run's own failures, not results.
    if !unreadable.is_empty() {
        let notes: Vec<Value> = unreadable
            .iter()
            .map(|e| {
                let mut location = json!({ "artifactLocation": { "uri": uri(&e.file) } });
                if let Some(at) = e.at {
                    location["region"] = json!({ "startLine": at.line, "startColumn": at.column });
                }
                json!({
                    "level": "error",
                    "message": { "text": e.reason },
                    "locations": [{ "physicalLocation": location }],
                })
            })
            .collect();
        run["invocations"] = json!([{
            "executionSuccessful": false,
            "toolExecutionNotifications": notes,
        }]);
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    })
}

/// A relative path as a URI reference (forward slashes, spaces and `%` escaped).
fn uri(path: &str) -> String {
    path.replace('\\', "/")
        .replace('%', "%25")
        .replace(' ', "%20")
}

/// GitHub Actions workflow commands: one `::error` or `::warning` line per finding.
/// Escapes the message of a GitHub workflow command.
pub fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property (`file=`, `title=`) of a GitHub workflow command.
pub fn gh_prop(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn github(
    out: &mut impl Write,
    reports: &[FileReport],
    unreadable: &[ReadError],
) -> std::io::Result<()> {
    let (data, prop) = (gh_data, gh_prop);
    for e in unreadable {
        let at =
            e.at.map(|a| format!(",line={},col={}", a.line, a.column))
                .unwrap_or_default();
        writeln!(
            out,
            "::error file={}{at},title={}::{}",
            prop(&e.file),
            prop("icpc: file not read"),
            data(&e.reason)
        )?;
    }
    for r in reports {
        for d in &r.diagnostics {
            let cmd = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Hint => "notice",
            };
            let s = r.line_index.line_col(&r.src, d.span.start as usize);
            let e = r.line_index.line_col(&r.src, d.span.end as usize);
            let msg = match &d.help {
                Some(h) => format!("{}\nhelp: {h}", d.message),
                None => d.message.clone(),
            };
            writeln!(
                out,
                "::{cmd} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                prop(&r.path),
                s.line,
                s.column,
                e.line,
                e.column,
                prop(&format!("icpc {}", d.code)),
                data(&msg)
            )?;
        }
    }
    Ok(())
}

/// JUnit XML: one test suite per file, one failing test case per error or warning (hints and
/// notes pass, with the finding as output), one passing case for a clean file.
pub fn junit(
    out: &mut impl Write,
    reports: &[FileReport],
    unreadable: &[ReadError],
) -> std::io::Result<()> {
    let failing = |d: &Diagnostic| matches!(d.severity, Severity::Error | Severity::Warning);
    let tests: usize = reports
        .iter()
        .map(|r| r.diagnostics.len().max(1))
        .sum::<usize>()
        + unreadable.len();
    let errors = unreadable.len();
    let failures: usize = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .filter(|d| failing(d))
        .count();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="icpc check" tests="{tests}" failures="{failures}" errors="{errors}">"#
    )?;
    // A file that could not be read is a test that could not run: an error, not a failure.
    for e in unreadable {
        writeln!(
            out,
            r#"  <testsuite name="{}" tests="1" failures="0" errors="1">"#,
            esc(&e.file)
        )?;
        writeln!(
            out,
            r#"    <testcase name="{0}" classname="icpc.check" file="{0}">"#,
            esc(&e.file)
        )?;
        writeln!(
            out,
            r#"      <error type="unreadable" message="{}">{}</error>"#,
            esc(&e.reason),
            esc(&e.to_string())
        )?;
        writeln!(out, "    </testcase>")?;
        writeln!(out, "  </testsuite>")?;
    }
    for r in reports {
        let n = r.diagnostics.len().max(1);
        let f = r.diagnostics.iter().filter(|d| failing(d)).count();
        writeln!(
            out,
            r#"  <testsuite name="{}" tests="{n}" failures="{f}" errors="0">"#,
            esc(&r.path)
        )?;
        if r.diagnostics.is_empty() {
            writeln!(
                out,
                r#"    <testcase name="{0}" classname="icpc.check" file="{0}"/>"#,
                esc(&r.path)
            )?;
        }
        for d in &r.diagnostics {
            let lc = r.line_index.line_col(&r.src, d.span.start as usize);
            let name = format!("{} at {}:{}:{}", d.code, r.path, lc.line, lc.column);
            let mut body = format!(
                "{}:{}:{}: {}[{}]: {}",
                r.path,
                lc.line,
                lc.column,
                d.severity.as_str(),
                d.code,
                d.message
            );
            if let Some(h) = &d.help {
                body.push_str(&format!("\nhelp: {h}"));
            }
            body.push_str(&format!(
                "\nsee: {}",
                icp_check::diagnostic::docs_url(d.code)
            ));
            writeln!(
                out,
                r#"    <testcase name="{}" classname="icpc.check.{}" file="{}" line="{}">"#,
                esc(&name),
                esc(d.code),
                esc(&r.path),
                lc.line
            )?;
            if failing(d) {
                writeln!(
                    out,
                    r#"      <failure type="{}" message="{}">{}</failure>"#,
                    esc(d.code),
                    esc(&d.message),
                    esc(&body)
                )?;
            } else {
                writeln!(out, "      <system-out>{}</system-out>", esc(&body))?;
            }
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

/// Escapes text for XML attributes and content.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            // XML 1.0 has no way to write other control characters.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => o.push('\u{FFFD}'),
            c => o.push(c),
        }
    }
    o
}

/// Text safe inside a Markdown table cell or list item: pipes escaped, angle brackets as
/// entities.
pub(crate) fn md_escape(s: &str) -> String {
    s.replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
