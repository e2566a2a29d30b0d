//! `icpc diff`: what a change to `.icp` files does — between two files, or between git
//! revisions — as a plan (text), a pull-request comment (markdown), JSON or GitHub
//! annotations.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use icp_check::{Analysis, Config, Diagnostic, Severity};
use icp_diff::{Change, Kind, Report, Version};
use icp_syntax::{LineIndex, Span};
use serde::Serialize;
use serde_json::Value;

use crate::check::{ColorChoice, read_source};
use crate::diff_impact::{self, FileImpact};
use crate::git::{self, FilePair};
use crate::render::md_escape;
use crate::render::{self, FileReport};
use crate::score::InFormat;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A plan: `+ ~ -` with before → after and a summary line (colour on a terminal).
    Text,
    /// A stable JSON document (schema: docs/schemas/diff.schema.json).
    Json,
    /// A pull-request comment: a summary table, details in `<details>`, under 65,536 characters.
    Markdown,
    /// GitHub Actions annotations on the changed lines of the new file.
    Github,
}

#[derive(clap::Args)]
#[command(after_help = "Examples:
  icpc diff old.icp new.icp                      two files
  icpc diff HEAD                                 the working tree against HEAD
  icpc diff HEAD~3..HEAD -- profiles/            between two revisions, some paths
  icpc diff origin/main...HEAD --format markdown what a pull request changes
  icpc diff old.icp new.icp --format json
  icpc diff origin/main...HEAD --accounts pipeline.csv   and how the accounts move
  icpc git setup                                 make `git diff` show this for *.icp

Kinds of change: narrows, widens, changes, added, removed, renamed, reweighted, retiered
(docs/review.md). A change of layout, comments or order alone is \"no change in meaning\".
The tests of a modified profile (its `test` items and NAME_test.icp beside it, as on disk) run
against both versions: each one that passes on one side only is listed as `! flips test`.

Exit status: 0 no change in meaning, 1 the meaning changed, 2 usage error, a git error, or a
side that does not parse (its errors are shown).")]
pub struct Args {
    /// Two files `OLD.icp NEW.icp`, or a revision: `REV` (the working tree against REV),
    /// `REV1..REV2`, `REV1...REV2` (REV2 against the merge base, as a pull request shows).
    #[arg(value_name = "OLD|REV", num_args = 0..=2)]
    pub targets: Vec<String>,
    /// With a revision: only these files or folders.
    #[arg(last = true, value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// When to colour text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// The date `within` and `stale-review` are judged on (YYYY-MM-DD) [default: today].
    #[arg(long = "as-of", visible_alias = "today", value_name = "DATE", value_parser = parse_date)]
    pub today: Option<i64>,
    /// Run as git's external diff driver (set up by `icpc git setup`): PATH OLD-FILE OLD-HEX
    /// OLD-MODE NEW-FILE NEW-HEX NEW-MODE.
    #[arg(long, hide = true, num_args = 7, value_name = "ARG")]
    pub git_driver: Option<Vec<String>>,
    /// Score both versions on these accounts (CSV or JSON Lines, read as `icpc score` reads
    /// them) and report the impact: the tier transition matrix, accounts that newly qualify
    /// or are newly disqualified, and the top movers.
    #[arg(long, value_name = "FILE")]
    pub accounts: Option<PathBuf>,
    /// The format of --accounts [default: from the extension].
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InFormat>,
    /// The column that names an account in the movers [default: the first column].
    #[arg(long, value_name = "COLUMN")]
    pub id: Option<String>,
    /// How many of the largest moves to list.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub movers: usize,
    /// Worker threads for scoring --accounts [default: the number of cores].
    #[arg(long, value_name = "N", value_parser = crate::score::parse_threads)]
    pub threads: Option<usize>,
}

fn parse_date(s: &str) -> Result<i64, String> {
    icp_syntax::literal::parse_date(s).map(|d| d.days)
}

/// One compared file.
struct FileDiff {
    name: String,
    status: &'static str,
    old: FileReport,
    new: FileReport,
    report: Report,
    /// The tests of the profile (its own, and `NAME_test.icp`'s) whose outcome flips.
    flips: Vec<icp_test::Flip>,
}

fn usage(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::from(2)
}

pub fn run(args: Args) -> ExitCode {
    let driver = args.git_driver.is_some();
    let pairs = match pairs(&args) {
        Ok(p) => p,
        Err(e) => return usage(e),
    };
    let today = args.today.unwrap_or_else(icp_check::config::system_today);
    let config = Config {
        today: Some(today),
        ..Config::default()
    };
    let mut files = Vec::new();
    let mut broken = false;
    for mut p in pairs {
        let status = match (&p.old, &p.new) {
            (None, Some(_)) => "added",
            (Some(_), None) => "deleted",
            _ => "modified",
        };
        let is_new = p.new.is_some();
        let old_src = p.old.take().unwrap_or_default();
        let new_src = p.new.take().unwrap_or_default();
        // The two sides are independent: analyse them at once.

        let (oa, na) = std::thread::scope(|s| {
            let old = s.spawn(|| icp_check::analyze(&old_src, &config));
            let na = icp_check::analyze(&new_src, &config);
            let oa = old.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            (oa, na)
        });
        for (name, src, a) in [(&p.old_name, &old_src, &oa), (&p.new_name, &new_src, &na)] {
            let errs: Vec<Diagnostic> = icp_diff::syntax_errors(a).into_iter().cloned().collect();
            if !errs.is_empty() {
                broken = true;
                let report = FileReport {
                    path: name.clone(),
                    src: src.clone(),
                    line_index: LineIndex::new(src),
                    diagnostics: errs,
                };
                let color =
                    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
                let _ = render::human(&mut std::io::stderr().lock(), &[report], color);
                eprintln!("error: {name} does not parse; fix it to compare");
            }
        }
        if broken {
            continue;
        }

        let report = icp_diff::diff(
            Version {
                src: &old_src,
                analysis: &oa,
            },
            Version {
                src: &new_src,
                analysis: &na,
            },
            today,
        );

        let flips = if status == "modified" {
            let opts = icp_test::RunOptions {
                as_of: today,
                config: config.clone(),
            };
            let path = std::path::Path::new(&p.new_name);
            icp_test::flips(path, (&old_src, &oa), (&new_src, &na), &opts).unwrap_or_else(|e| {
                eprintln!(
                    "warning: {}: the tests beside it cannot be read: {e}",
                    p.new_name
                );
                Vec::new()
            })
        } else {
            Vec::new()
        };
        files.push(FileDiff {
            name: if is_new {
                p.new_name.clone()
            } else {
                p.old_name.clone()
            },
            status,
            old: report_of(&p.old_name, old_src, oa),
            new: report_of(&p.new_name, new_src, na),
            report,
            flips,
        });
    }
    if broken {
        return ExitCode::from(2);
    }
    let impacts = match &args.accounts {
        None => Vec::new(),
        Some(path) => {
            let sides: Vec<(String, String, String)> = files
                .iter()
                .filter(|f| f.status == "modified")
                .map(|f| (f.name.clone(), f.old.src.clone(), f.new.src.clone()))
                .collect();
            let req = diff_impact::Request {
                accounts: path,
                input_format: args.input_format,
                id: args.id.as_deref(),
                movers: args.movers,
                as_of: today,
                threads: args.threads,
            };
            match diff_impact::compute(&sides, &req) {
                Ok(i) => i,
                Err(e) => return usage(e),
            }
        }
    };
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let mut out = std::io::stdout().lock();
    let written = match args.format {
        Format::Json => write_json(&mut out, &files, &impacts),
        f => {
            let text = match f {
                Format::Text => text(&files, &impacts, color),
                Format::Markdown => markdown(&files, &impacts, MARKDOWN_LIMIT),
                _ => github(&files),
            };
            out.write_all(text.as_bytes()).and_then(|()| out.flush())
        }
    };
    if let Err(e) = written {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return usage(format!("writing the report: {e}"));
        }
    }
    // git stops at an external diff that exits with a failure: as a driver, always succeed.
    let code = if !driver && files.iter().any(|f| f.report.changed()) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    // The process ends next: its memory goes back at once, where dropping two analyses'
    // trees would free them node by node.
    std::mem::forget(files);
    code
}

fn report_of(name: &str, src: String, a: Analysis) -> FileReport {
    let Analysis {
        file,
        model,
        diagnostics,
        line_index,
        ..
    } = a;
    // The syntax tree and the model are not needed again, and the process ends soon: freeing
    // them node by node would cost more than the comparison of a big file's last icps.
    std::mem::forget((file, model));
    FileReport {
        path: name.to_string(),
        line_index,
        diagnostics,
        src,
    }
}

/// The files to compare, from the arguments.
fn pairs(args: &Args) -> Result<Vec<FilePair>, String> {
    if let Some(d) = &args.git_driver {
        return git::driver_pair(d);
    }
    match args.targets.as_slice() {
        [] => Err("nothing to compare: give two files (`icpc diff OLD.icp NEW.icp`) or a revision (`icpc diff HEAD`)".into()),
        [old, new] if args.paths.is_empty() && !looks_like_revs(old, new) => {
            let (on, o) = read_source(std::path::Path::new(old))?;
            let (nn, n) = read_source(std::path::Path::new(new))?;
            Ok(vec![FilePair {
                old_name: on,
                new_name: nn,
                old: Some(o),
                new: Some(n),
            }])
        }
        [rev] => git::pairs(rev, &args.paths),
        _ => Err(
            "give two files (`icpc diff OLD.icp NEW.icp`) or one revision range (`icpc diff REV1..REV2 -- PATHS`)"
                .into(),
        ),
    }
}

/// Two arguments are files unless neither exists as one.
fn looks_like_revs(a: &str, b: &str) -> bool {
    !std::path::Path::new(a).exists()
        && !std::path::Path::new(b).exists()
        && !a.ends_with(".icp")
        && !b.ends_with(".icp")
}

// ---- text ----

const RESET: &str = "\x1b[0m";

fn paint(color: bool, code: &str, s: &str) -> String {
    if color {
        format!("\x1b[{code}m{s}{RESET}")
    } else {
        s.to_string()
    }
}

fn kind_color(k: Kind) -> &'static str {
    match k {
        Kind::Added | Kind::Widens => "32",
        Kind::Removed | Kind::Narrows => "31",
        _ => "33",
    }
}

fn line_of(r: &FileReport, span: Span) -> u32 {
    r.line_index.line_col(&r.src, span.start as usize).line
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "adds 2 warnings: vague-term at line 40, broad-range at line 52".
fn findings_line(verb: &str, r: &FileReport, ds: &[Diagnostic]) -> Option<String> {
    if ds.is_empty() {
        return None;
    }
    let (mut e, mut w, mut o) = (0, 0, 0);
    for d in ds {
        match d.severity {
            Severity::Error => e += 1,
            Severity::Warning => w += 1,
            _ => o += 1,
        }
    }
    let mut counts = Vec::new();
    if e > 0 {
        counts.push(plural(e, "error", "errors"));
    }
    if w > 0 {
        counts.push(plural(w, "warning", "warnings"));
    }
    if o > 0 {
        counts.push(plural(o, "hint", "hints"));
    }
    let items: Vec<String> = ds
        .iter()
        .map(|d| format!("{} at line {}", d.code, line_of(r, d.span)))
        .collect();
    Some(format!(
        "this change {verb} {}: {}",
        icp_diff::words::join_and(&counts),
        items.join(", ")
    ))
}

fn summary_line(files: &[FileDiff]) -> String {
    let all: Vec<&Change> = files.iter().flat_map(|f| &f.report.changes).collect();
    if all.is_empty() {
        return "No change in meaning.".into();
    }
    let counts: Vec<String> = Kind::ALL
        .iter()
        .map(|k| (k, all.iter().filter(|c| c.kind == *k).count()))
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| format!("{n} {}", k.as_str()))
        .collect();
    let changed = files.iter().filter(|f| f.report.changed()).count();
    format!(
        "Plan: {} in {} ({}).",
        plural(all.len(), "change of meaning", "changes of meaning"),
        plural(changed, "file", "files"),
        counts.join(", ")
    )
}

fn text(files: &[FileDiff], impacts: &[FileImpact], color: bool) -> String {
    let mut s = String::new();
    for f in files {
        let status = match f.status {
            "modified" => String::new(),
            st => format!(" ({st})"),
        };
        s.push_str(&paint(color, "1", &format!("{}{status}", f.name)));
        s.push('\n');
        if f.report.changes.is_empty() {
            s.push_str("  no change in meaning\n");
        }
        for c in &f.report.changes {
            let head = format!("{} {} {}", c.kind.sign(), c.kind.as_str(), c.path);
            s.push_str(&format!("  {}\n", paint(color, kind_color(c.kind), &head)));
            s.push_str(&format!("      {}\n", c.message));
            if let Some(o) = &c.old {
                let at = c
                    .old_span
                    .map(|sp| format!(" (line {})", line_of(&f.old, sp)))
                    .unwrap_or_default();
                s.push_str(&format!(
                    "      {}\n",
                    paint(color, "31", &format!("- {o}{at}"))
                ));
            }
            if let Some(n) = &c.new {
                let at = c
                    .new_span
                    .map(|sp| format!(" (line {})", line_of(&f.new, sp)))
                    .unwrap_or_default();
                s.push_str(&format!(
                    "      {}\n",
                    paint(color, "32", &format!("+ {n}{at}"))
                ));
            }
        }
        if let Some(l) = findings_line("adds", &f.new, &f.report.findings_added) {
            s.push_str(&format!("  {l}\n"));
        }
        if let Some(l) = findings_line("removes", &f.old, &f.report.findings_removed) {
            s.push_str(&format!("  {l}\n"));
        }
        for t in &f.flips {
            let head = format!("! flips test {} ({}:{})", t.name, t.path.display(), t.line);
            s.push_str(&format!("  {}\n", paint(color, "33", &head)));
            s.push_str(&format!("      {} → {}\n", t.old, t.new));
        }
        s.push('\n');
    }
    s.push_str(&diff_impact::text(impacts));
    s.push_str(&paint(color, "1", &summary_line(files)));
    s.push('\n');
    s
}

// ---- json ----

// The JSON report is written field by field as it is serialised (no intermediate `Value`
// tree and no whole-document string): a diff of two big files has thousands of changes. The
// fields of every object are declared in alphabetical order, the order the schema's examples
// and earlier versions of the output use.

#[derive(Serialize)]
struct JsonPos {
    column: u32,
    line: u32,
    offset: u32,
}

#[derive(Serialize)]
struct JsonRange {
    end: JsonPos,
    start: JsonPos,
}

fn json_range(r: &FileReport, span: Span) -> JsonRange {
    let pos = |offset: u32| {
        let lc = r.line_index.line_col(&r.src, offset as usize);
        JsonPos {
            column: lc.column,
            line: lc.line,
            offset,
        }
    };
    JsonRange {
        end: pos(span.end),
        start: pos(span.start),
    }
}

#[derive(Serialize)]
struct JsonChange<'a> {
    file: &'a str,
    icp: &'a Option<String>,
    kind: Kind,
    message: &'a str,
    new: &'a Option<String>,
    new_range: Option<JsonRange>,
    old: &'a Option<String>,
    old_range: Option<JsonRange>,
    path: &'a str,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'a str,
    file: &'a str,
    message: &'a str,
    range: JsonRange,
    severity: &'a str,
}

fn finding_json<'a>(r: &'a FileReport, d: &'a Diagnostic) -> JsonFinding<'a> {
    JsonFinding {
        code: d.code,
        file: &r.path,
        message: &d.message,
        range: json_range(r, d.span),
        severity: d.severity.as_str(),
    }
}

#[derive(Serialize)]
struct JsonFile<'a> {
    changed: bool,
    new_path: &'a str,
    old_path: &'a str,
    status: &'a str,
}

#[derive(Serialize)]
struct JsonFlip<'a> {
    file: String,
    line: u32,
    name: &'a str,
    new: &'a str,
    old: &'a str,
}

#[derive(Serialize)]
struct JsonFindings<'a> {
    added: Vec<JsonFinding<'a>>,
    removed: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    changed: bool,
    changes: Vec<JsonChange<'a>>,
    files: Vec<JsonFile<'a>>,
    findings: JsonFindings<'a>,
    impact: Value,
    impacts: Vec<Value>,
    tests_flipped: Vec<JsonFlip<'a>>,
    version: u32,
}

fn json_doc<'a>(files: &'a [FileDiff], impacts: &[FileImpact]) -> JsonDoc<'a> {
    let mut changes = Vec::new();
    let (mut added, mut removed) = (Vec::new(), Vec::new());
    let mut listed = Vec::new();
    let mut tests = Vec::new();
    for f in files {
        for c in &f.report.changes {
            changes.push(JsonChange {
                file: &f.name,
                icp: &c.icp,
                kind: c.kind,
                message: &c.message,
                new: &c.new,
                new_range: c.new_span.map(|s| json_range(&f.new, s)),
                old: &c.old,
                old_range: c.old_span.map(|s| json_range(&f.old, s)),
                path: &c.path,
            });
        }
        added.extend(
            f.report
                .findings_added
                .iter()
                .map(|d| finding_json(&f.new, d)),
        );
        removed.extend(
            f.report
                .findings_removed
                .iter()
                .map(|d| finding_json(&f.old, d)),
        );
        tests.extend(f.flips.iter().map(|t| JsonFlip {
            file: t.path.display().to_string(),
            line: t.line,
            name: &t.name,
            new: &t.new,
            old: &t.old,
        }));
        listed.push(JsonFile {
            changed: f.report.changed(),
            new_path: &f.new.path,
            old_path: &f.old.path,
            status: f.status,
        });
    }
    JsonDoc {
        changed: files.iter().any(|f| f.report.changed()),
        changes,
        files: listed,
        findings: JsonFindings { added, removed },
        impact: impacts.first().map_or(Value::Null, diff_impact::json),
        impacts: impacts.iter().map(diff_impact::json).collect(),
        tests_flipped: tests,
        version: 1,
    }
}

/// Writes the JSON report, pretty-printed, to `out`.
fn write_json(
    out: &mut impl Write,
    files: &[FileDiff],
    impacts: &[FileImpact],
) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut w, &json_doc(files, impacts))?;
    w.write_all(b"\n")?;
    w.flush()
}

// ---- markdown ----

/// GitHub's limit on the length of a comment.
pub const MARKDOWN_LIMIT: usize = 65_536;

/// Inline code that survives backticks inside the text.
fn md_code(s: &str) -> String {
    if s.contains('`') {
        format!("`` {s} ``")
    } else {
        format!("`{s}`")
    }
}

fn markdown(files: &[FileDiff], impacts: &[FileImpact], limit: usize) -> String {
    let mut head = String::from("### ICP review: `icpc diff`\n\n");
    let all: Vec<&Change> = files.iter().flat_map(|f| &f.report.changes).collect();
    head.push_str(&format!("**{}**\n\n", summary_line(files)));
    if !all.is_empty() {
        head.push_str("| change | count |\n|---|---:|\n");
        for k in Kind::ALL {
            let n = all.iter().filter(|c| c.kind == k).count();
            if n > 0 {
                head.push_str(&format!("| {} `{}` | {n} |\n", k.sign(), k.as_str()));
            }
        }
        head.push('\n');
    }
    head.push_str(&diff_impact::markdown(impacts));
    let fa: usize = files.iter().map(|f| f.report.findings_added.len()).sum();
    let fr: usize = files.iter().map(|f| f.report.findings_removed.len()).sum();
    if fa + fr > 0 {
        head.push_str(&format!(
            "Findings of `icpc check`: {} added, {} removed.\n\n",
            fa, fr
        ));
    }
    // Sections, each whole or not at all, while they fit with room for the note.
    let reserve = 400;
    let mut body = String::new();
    let mut left_out = 0usize;
    for f in files {
        let mut items: Vec<String> = Vec::new();
        for c in &f.report.changes {
            let mut it = format!(
                "- {} **{}** {}: {}",
                c.kind.sign(),
                c.kind.as_str(),
                md_code(&c.path),
                md_escape(&c.message)
            );
            if let Some(o) = &c.old {
                let at = c
                    .old_span
                    .map(|sp| format!(" (line {})", line_of(&f.old, sp)))
                    .unwrap_or_default();
                it.push_str(&format!(
                    "\n  - was {}{at}",
                    md_code(&icp_diff::words::short(o, 300))
                ));
            }
            if let Some(n) = &c.new {
                let at = c
                    .new_span
                    .map(|sp| format!(" (line {})", line_of(&f.new, sp)))
                    .unwrap_or_default();
                it.push_str(&format!(
                    "\n  - now {}{at}",
                    md_code(&icp_diff::words::short(n, 300))
                ));
            }
            it.push('\n');
            items.push(it);
        }
        for (verb, r, ds) in [
            ("adds", &f.new, &f.report.findings_added),
            ("removes", &f.old, &f.report.findings_removed),
        ] {
            if let Some(l) = findings_line(verb, r, ds) {
                items.push(format!("- {}\n", md_escape(&l)));
            }
        }
        for t in &f.flips {
            items.push(format!(
                "- ⚠️ flips test {} ({}): {} → {}\n",
                md_code(&t.name),
                md_escape(&format!("{}:{}", t.path.display(), t.line)),
                md_escape(&t.old),
                md_escape(&t.new)
            ));
        }
        let status = if f.status == "modified" {
            String::new()
        } else {
            format!(" ({})", f.status)
        };
        let open = format!(
            "<details{}><summary><code>{}</code>{status}: {}</summary>\n\n",
            if files.len() == 1 { " open" } else { "" },
            md_escape(&f.name),
            plural(f.report.changes.len(), "change", "changes")
        );
        let close = "\n</details>\n\n";
        if head.len() + body.len() + open.len() + close.len() + reserve > limit {
            left_out += items.len();
            continue;
        }
        body.push_str(&open);
        if items.is_empty() {
            body.push_str("No change in meaning.\n");
        }
        for it in items {
            if head.len() + body.len() + it.len() + close.len() + reserve > limit {
                left_out += 1;
                continue;
            }
            body.push_str(&it);
        }
        body.push_str(close);
    }
    let mut out = head;
    out.push_str(&body);
    if left_out > 0 {
        out.push_str(&format!(
            "> **Truncated:** {} not shown to stay under GitHub's {limit}-character comment limit. Run `icpc diff` locally (or `--format json`) for the full report.\n",
            plural(left_out, "item was", "items were")
        ));
    }
    out
}

// ---- github ----

fn github(files: &[FileDiff]) -> String {
    let mut s = String::new();
    for f in files {
        for c in &f.report.changes {
            let title = render::gh_prop(&format!("icpc diff: {} {}", c.kind.as_str(), c.path));
            let msg = render::gh_data(&c.message);
            match c.new_span {
                Some(sp) => {
                    let a = f.new.line_index.line_col(&f.new.src, sp.start as usize);
                    let b = f.new.line_index.line_col(&f.new.src, sp.end as usize);
                    s.push_str(&format!(
                        "::notice file={},line={},col={},endLine={},endColumn={},title={title}::{msg}\n",
                        render::gh_prop(&f.name),
                        a.line,
                        a.column,
                        b.line,
                        b.column
                    ));
                }
                None => s.push_str(&format!(
                    "::notice file={},title={title}::{msg}\n",
                    render::gh_prop(&f.name)
                )),
            }
        }
        for t in &f.flips {
            s.push_str(&format!(
                "::warning file={},line={},title={}::{}\n",
                render::gh_prop(&t.path.display().to_string()),
                t.line,
                render::gh_prop(&format!("icpc diff: flips test {}", t.name)),
                render::gh_data(&format!("{} → {}", t.old, t.new))
            ));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big_file(n: usize) -> FileDiff {
        let old = "schema s { x: int }\nicp a { uses s }\n".to_string();
        let mut new = String::from("schema s { x: int }\nicp a { uses s\n rubric {\n");
        for i in 0..n {
            new.push_str(&format!("rule r{i} +1 : x > {i}\n"));
        }
        new.push_str("} }\n");
        let config = Config::default();
        let (oa, na) = (
            icp_check::analyze(&old, &config),
            icp_check::analyze(&new, &config),
        );
        let report = icp_diff::diff(
            Version {
                src: &old,
                analysis: &oa,
            },
            Version {
                src: &new,
                analysis: &na,
            },
            0,
        );
        FileDiff {
            name: "p.icp".into(),
            status: "modified",
            old: report_of("p.icp", old.clone(), oa),
            new: report_of("p.icp", new.clone(), na),
            report,
            flips: Vec::new(),
        }
    }

    #[test]
    fn markdown_stays_under_the_comment_limit_with_a_note() {
        let f = big_file(3000);
        assert!(f.report.changes.len() >= 3000);
        let md = markdown(std::slice::from_ref(&f), &[], MARKDOWN_LIMIT);
        assert!(md.len() <= MARKDOWN_LIMIT, "{} chars", md.len());
        assert!(md.contains("**Truncated:**"));
        // A small change is shown whole, with no note.
        let small = big_file(3);
        let md = markdown(std::slice::from_ref(&small), &[], MARKDOWN_LIMIT);
        assert!(!md.contains("Truncated"));
        assert!(md.contains("rule `r2` (+1) added"));
    }
}
