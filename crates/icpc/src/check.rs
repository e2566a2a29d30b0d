//! `icpc check`: analyse files and report findings in the chosen format.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;
use icp_check::Config;

use crate::io_error::{ReadError, io_reason};
use crate::render::{self, FileReport, Summary};

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    /// Reports with source excerpts (colour on a terminal; `NO_COLOR` turns it off).
    Human,
    /// A stable JSON document (version 1).
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow commands (annotations on pull requests).
    Github,
    /// JUnit XML, one test case per finding, for CI test reports.
    Junit,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// What `--deny` turns into a failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    /// Exit 1 on warnings as well as errors.
    Warnings,
}

#[derive(clap::Args)]
#[command(after_help = "Examples:
  icpc check examples/                     check every .icp below a folder
  icpc check --format json profile.icp     machine-readable findings
  icpc check --format github .             annotations in GitHub Actions
  icpc check --deny warnings .             fail CI on warnings too
  icpc check --fix profile.icp             apply the safe fixes, then report
  icpc check --fix --unsafe-fixes p.icp    also apply fixes that change the meaning
  icpc check --baseline icp-baseline.json  fail only on findings not in the baseline
  cat profile.icp | icpc check -           read from standard input
  icpc check --today 2026-11-23 profile.icp
  icpc check --data crm-sample.csv .       also what the profile does to these accounts

Data-aware findings (admits-everyone-in-data, admits-no-one-in-data, mostly-unknown,
unmapped-column, unlisted-values) need accounts: --data FILE, or `[data] accounts` in
icp.toml (docs/data.md).

Configuration: the nearest icp.toml at or above each file (`icpc explain --list` lists the
check codes; docs/checks/README.md lists the keys).

Exit status: 0 no error-level finding, 1 at least one (or a warning under --deny warnings),
2 usage, configuration or I/O error.")]
pub struct Args {
    /// Files or folders (searched recursively for *.icp); `-` reads standard input.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// When to colour human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// The date to judge `stale-review` and `within` against (YYYY-MM-DD); default today.
    /// (`--today` is accepted too.)
    #[arg(long = "as-of", visible_alias = "today", value_name = "DATE", value_parser = parse_date)]
    pub today: Option<i64>,
    /// Exit 1 on findings of this level too.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub deny: Option<Deny>,
    /// Apply the safe fixes (those that keep the meaning: suppression syntax), writing each
    /// file atomically, then report what is left.
    #[arg(long)]
    pub fix: bool,
    /// With --fix, also apply the unsafe fixes, which change the meaning (a misspelt name
    /// replaced by the closest one, a `because` placeholder, skeleton blocks).
    #[arg(long, requires = "fix")]
    pub unsafe_fixes: bool,
    /// Accept the findings recorded in FILE and report only new ones; when FILE does not
    /// exist, record the current findings in it.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Say which configuration each file was checked with, and what --fix changed.
    #[arg(long, short)]
    pub verbose: bool,
    /// Also check the profiles against these accounts (CSV or JSON Lines): the data-aware
    /// checks. Default: `[data] accounts` of icp.toml. Example: --data crm-sample.csv
    #[arg(long, value_name = "FILE")]
    pub data: Option<PathBuf>,
}

/// Accounts files read for the data-aware checks, once each.
#[derive(Default)]
struct Datasets {
    loaded: Vec<(PathBuf, Option<std::sync::Arc<icp_data::DataSet>>)>,
}

impl Datasets {
    /// The accounts for a file checked with `config`: `--data`, or `[data] accounts`. A file
    /// named by `--data` that cannot be read is an error; one named by icp.toml is reported
    /// once and the profiles are checked without it.
    fn for_config(
        &mut self,
        flag: Option<&Path>,
        config: &Config,
    ) -> Result<Option<std::sync::Arc<icp_data::DataSet>>, String> {
        let mut cfg = config.data.clone();
        if let Some(f) = flag {
            cfg.accounts = Some(f.to_path_buf());
        }
        let Some(path) = cfg.accounts.clone() else {
            return Ok(None);
        };
        if let Some((_, d)) = self.loaded.iter().find(|(p, _)| *p == path) {
            return Ok(d.clone());
        }
        let d = match icp_data::DataSet::load(&cfg) {
            Ok(d) => Some(std::sync::Arc::new(d)),
            Err(e) if flag.is_some() => return Err(format!("error: --data {e}")),
            Err(e) => {
                let from = config
                    .source
                    .as_ref()
                    .map_or_else(String::new, |s| format!(" (named in {})", s.display()));
                eprintln!(
                    "warning: the accounts file{from} cannot be used, so the data-aware checks are skipped: {e}"
                );
                None
            }
        };
        self.loaded.push((path, d.clone()));
        Ok(d)
    }
}

fn parse_date(s: &str) -> Result<i64, String> {
    icp_syntax::literal::parse_date(s).map(|d| d.days)
}

/// Finds the `.icp` files named by the arguments, in a stable order.
pub fn collect_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(p.clone());
            continue;
        }
        // A path that cannot be looked at is kept: reading it reports why, beside the others.
        let Ok(meta) = std::fs::metadata(p) else {
            out.push(p.clone());
            continue;
        };
        if meta.is_dir() {
            let before = out.len();
            walk(p, &mut out).map_err(|e| format!("{}: {}", p.display(), io_reason(&e)))?;
            out[before..].sort();
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name();
        let hidden = name.to_string_lossy().starts_with('.');
        let ft = entry.file_type()?;
        if ft.is_dir() && !hidden && name != "target" && name != "node_modules" {
            walk(&path, out)?;
        } else if ft.is_file() && path.extension().is_some_and(|e| e == "icp") {
            out.push(path);
        }
    }
    Ok(())
}

/// Reads a source file (or standard input for `-`).
pub fn read_source(path: &Path) -> Result<(String, String), ReadError> {
    if path.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| ReadError {
                file: "<stdin>".into(),
                at: None,
                reason: io_reason(&e),
            })?;
        return Ok(("<stdin>".into(), s));
    }
    let display = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return Err(ReadError {
                file: display,
                at: None,
                reason: io_reason(&e),
            });
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => Ok((display, text)),
        Err(e) => Err(not_utf8(display, e.as_bytes(), e.utf8_error())),
    }
}

/// Ends a run in which `failed` of `total` files could not be handled (each was reported
/// above): says so, and exits 2.
pub(crate) fn some_failed(failed: usize, total: usize, verb: &str, others: &str) -> ExitCode {
    eprintln!("{}", some_failed_message(failed, total, verb, others));
    ExitCode::from(2)
}

fn some_failed_message(failed: usize, total: usize, verb: &str, others: &str) -> String {
    let files = |n: usize| format!("{n} file{}", if n == 1 { "" } else { "s" });
    if failed >= total {
        let all = if total == 1 {
            "the file"
        } else {
            "none of the files"
        };
        let could = if total == 1 {
            "could not be"
        } else {
            "could be"
        };
        format!("error: {all} {could} {verb} (see above)")
    } else {
        let rest = match total - failed {
            1 => "the other file was".to_string(),
            n => format!("the other {n} files were"),
        };
        format!(
            "error: {failed} of {} could not be {verb} (see above); {rest} {others}",
            files(total)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::some_failed_message;

    #[test]
    fn the_summary_of_unreadable_files_counts_what_was_done() {
        assert_eq!(
            some_failed_message(1, 1, "read", "checked"),
            "error: the file could not be read (see above)"
        );
        assert_eq!(
            some_failed_message(2, 2, "read", "checked"),
            "error: none of the files could be read (see above)"
        );
        assert_eq!(
            some_failed_message(1, 3, "formatted", "formatted"),
            "error: 1 of 3 files could not be formatted (see above); the other 2 files were formatted"
        );
        assert_eq!(
            some_failed_message(1, 2, "read", "checked"),
            "error: 1 of 2 files could not be read (see above); the other file was checked"
        );
    }
}

/// Where a file stops being UTF-8, as `file:line:column` (the column counts characters, as
/// every other message does) with the byte that is wrong.
fn not_utf8(file: String, bytes: &[u8], e: std::str::Utf8Error) -> ReadError {
    let at = e.valid_up_to();
    // The prefix up to `at` is valid UTF-8 by definition; lines end as the checker ends them
    // (a lone CR included).
    let valid = std::str::from_utf8(&bytes[..at]).unwrap_or("");
    let lc = icp_syntax::LineIndex::new(valid).line_col(valid, at);
    ReadError {
        file,
        at: Some(lc),
        reason: format!(
            "not UTF-8 text (the byte 0x{:02X} there does not begin or continue a character; save the file as UTF-8)",
            bytes.get(at).copied().unwrap_or(0)
        ),
    }
}

/// Finds and reads the configuration of each file, once per folder.
struct Configs {
    today: Option<i64>,
    verbose: bool,
    by_dir: Vec<(PathBuf, Config)>,
}

impl Configs {
    fn for_path(&mut self, path: &Path) -> Result<Config, String> {
        let dir = if path.as_os_str() == "-" {
            std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))
        } else {
            std::path::absolute(path)
                .ok()
                .and_then(|p| p.parent().map(Path::to_path_buf))
                .unwrap_or_else(|| PathBuf::from("."))
        };
        if let Some((_, c)) = self.by_dir.iter().find(|(d, _)| *d == dir) {
            return Ok(c.clone());
        }
        let mut c = Config::discover(&dir.join("x.icp")).map_err(|errs| {
            let lines: Vec<String> = errs.iter().map(|e| format!("error: {e}")).collect();
            lines.join("\n")
        })?;
        c.today = self.today.or(c.today);
        if self.verbose {
            let shown = if path.as_os_str() == "-" {
                "<stdin>".to_string()
            } else {
                path.display().to_string()
            };
            match &c.source {
                Some(s) => eprintln!("{shown}: using configuration {}", s.display()),
                None => eprintln!("{shown}: no icp.toml found at or above it; using the defaults"),
            }
        }
        self.by_dir.push((dir, c.clone()));
        Ok(c)
    }
}

/// Files of at least this many bytes have their syntax tree and model freed on another thread.
const FREE_ASIDE: usize = 1 << 20;

pub fn run(args: Args) -> ExitCode {
    let files = match collect_paths(&args.paths) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if args.fix && files.iter().any(|p| p.as_os_str() == "-") {
        eprintln!(
            "error: --fix rewrites files, and standard input is not one; check a file instead"
        );
        return ExitCode::from(2);
    }
    let baseline = match &args.baseline {
        Some(p) if p.exists() => match std::fs::read_to_string(p)
            .map_err(|e| io_reason(&e))
            .and_then(|t| icp_check::baseline::Baseline::parse(&t))
        {
            Ok(b) => Some(b),
            Err(e) => {
                eprintln!("error: {}: {e}", p.display());
                return ExitCode::from(2);
            }
        },
        _ => None,
    };
    let mut configs = Configs {
        today: args.today,
        verbose: args.verbose,
        by_dir: Vec::new(),
    };
    let mut datasets = Datasets::default();
    let mut reports = Vec::new();
    let mut fixed_total = 0;
    let mut unsafe_left = 0;
    // Files that could not be read: each is reported and the others are still checked.
    let mut unreadable: Vec<ReadError> = Vec::new();
    let mut drop_aside = Vec::new();
    for path in &files {
        let (display, mut src) = match read_source(path) {
            Ok(x) => x,
            Err(e) => {
                eprintln!("error: {e}");
                unreadable.push(e);
                continue;
            }
        };
        let config = match configs.for_path(path) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        };
        // A `NAME_test.icp` is checked with the schemas and icps of `NAME.icp` beside it.
        let context = match icp_test::context_of(path, &config) {
            Ok(ctx) => ctx,
            Err(e) => {
                eprintln!(
                    "error: {display}: cannot read the file it tests: {}",
                    io_reason(&e)
                );
                return ExitCode::from(2);
            }
        };
        let context_model = context.as_ref().map(|c| &c.analysis.model);
        if args.fix {
            let mode = if args.unsafe_fixes {
                icp_check::fix::FixMode::Unsafe
            } else {
                icp_check::fix::FixMode::Safe
            };
            let (fixed, applied) = icp_check::fix::fix_all(&src, &config, mode, context_model);
            if !applied.is_empty() && fixed != src {
                if let Err(e) = crate::write::write_file(path, &fixed) {
                    eprintln!("error: {display}: cannot write the fixes: {e}");
                    return ExitCode::from(2);
                }
                eprintln!(
                    "{display}: fixed {} finding{}",
                    applied.len(),
                    if applied.len() == 1 { "" } else { "s" }
                );
                for a in &applied {
                    eprintln!(
                        "  line {}: {} ({}, {})",
                        a.line,
                        a.title,
                        a.code,
                        a.safety.as_str()
                    );
                }
                fixed_total += applied.len();
                src = fixed;
            }
        }
        let data = match datasets.for_config(args.data.as_deref(), &config) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        };
        let analysis = icp_data::checks::analyze(&src, &config, context_model, data.as_deref());
        if args.fix && !args.unsafe_fixes {
            unsafe_left += analysis
                .diagnostics
                .iter()
                .filter(|d| {
                    d.fix
                        .as_ref()
                        .is_some_and(|f| !f.confirm && f.safety == icp_check::Safety::Unsafe)
                })
                .count();
        }
        let icp_check::Analysis {
            file,
            model,
            line_index,
            diagnostics,
            ..
        } = analysis;
        // Freeing a big file's tree node by node is a noticeable part of checking it: it is
        // done beside the next file's work, not before it.
        if src.len() >= FREE_ASIDE {
            drop_aside.push(std::thread::spawn(move || drop((file, model))));
        } else {
            drop((file, model));
        }
        reports.push(FileReport {
            path: display,
            line_index,
            diagnostics,
            src,
        });
    }
    if args.verbose && args.fix && fixed_total == 0 {
        eprintln!("--fix: nothing to fix safely");
    }
    if unsafe_left > 0 {
        eprintln!(
            "{unsafe_left} unsafe fix{} left (they change the meaning): review them, then add --unsafe-fixes to apply",
            if unsafe_left == 1 { " is" } else { "es are" }
        );
    }
    if let Some(path) = &args.baseline {
        match &baseline {
            None => {
                let b = icp_check::baseline::Baseline::record(
                    reports
                        .iter()
                        .map(|r| (r.path.as_str(), r.src.as_str(), r.diagnostics.as_slice())),
                );
                let n: usize = b.findings.iter().map(|e| e.count).sum();
                if let Err(e) = crate::write::write_file(path, &b.to_json()) {
                    eprintln!("error: {}: cannot write the baseline: {e}", path.display());
                    return ExitCode::from(2);
                }
                eprintln!(
                    "wrote the baseline {} with {n} finding{}: later runs with --baseline report only new findings",
                    path.display(),
                    if n == 1 { "" } else { "s" }
                );
                for r in &mut reports {
                    r.diagnostics.clear();
                }
            }
            Some(b) => {
                let mut m = b.matcher();
                for r in &mut reports {
                    let (path, src) = (r.path.clone(), r.src.clone());
                    r.diagnostics.retain(|d| !m.accepts(&path, &src, d));
                }
                if args.verbose || m.matched > 0 {
                    eprintln!(
                        "{} finding{} accepted by the baseline {}",
                        m.matched,
                        if m.matched == 1 { "" } else { "s" },
                        path.display()
                    );
                }
                if m.unseen() > 0 {
                    eprintln!(
                        "{} finding{} of the baseline no longer seen: delete {} and run again to record the current ones",
                        m.unseen(),
                        if m.unseen() == 1 { " is" } else { "s are" },
                        path.display()
                    );
                }
            }
        }
    }
    // Buffered: a report of many findings is written in large blocks, not a line at a time.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = match args.format {
        // Nothing was checked: standard error has said why, and a summary would claim a check.
        Format::Human if reports.is_empty() && !unreadable.is_empty() => Ok(()),
        Format::Human => {
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            render::human(&mut out, &reports, color)
        }
        Format::Json => render::json(&mut out, &reports, &unreadable),
        Format::Sarif => writeln!(out, "{:#}", render::sarif(&reports, &unreadable)),
        Format::Github => render::github(&mut out, &reports, &unreadable),
        Format::Junit => render::junit(&mut out, &reports, &unreadable),
    };
    if let Err(e) = written.and_then(|()| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: writing the report: {e}");
            return ExitCode::from(2);
        }
    }
    if !unreadable.is_empty() {
        return some_failed(unreadable.len(), files.len(), "read", "checked");
    }
    let s = Summary::of(&reports);
    let denied = args.deny == Some(Deny::Warnings) && s.warnings > 0;
    if s.errors > 0 || denied {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
