//! `icpc score`: run an icp's rubric over an account list (CSV or JSON Lines) and write, for
//! every account, its score interval, tier, the rules that held, the unknowns, the
//! disqualifiers that hit and its segments; or explain one account rule by rule.

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::ValueEnum;
use icp_check::config::BarePercent;
use icp_check::{Config, Severity};
use icp_eval::{InputFormat, Job, Options, OutputFormat, Program, StreamError, Summary};

use crate::check::read_source;
use crate::io_error::io_reason;
use crate::render::{self, FileReport};

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum OutFormat {
    Csv,
    Jsonl,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum InFormat {
    Csv,
    Jsonl,
}

#[derive(clap::Args)]
#[command(after_help = "Examples:
  icpc score examples/hr-analytics.icp --accounts accounts.csv
  icpc score profile.icp --accounts accounts.csv --out scored.csv --keep \"Account Name,Owner\"
  icpc score profile.icp --accounts export.jsonl --format jsonl --as-of 2026-11-23
  icpc score profile.icp --accounts accounts.csv --explain \"acme corp\"   any kept column, any case
  icpc score profile.icp --accounts accounts.csv --strict       a mapped column missing is an error
  icpc score profile.icp --accounts accounts.csv --explain '#42'     the 42nd data row
  crm-export | icpc score profile.icp --accounts - --icp hr_analytics > scored.csv

Output columns: the kept input columns, then score, score_max, tier, rules, unknown,
disqualified_by, segments, error. Unknown data makes the score an interval
(score..score_max); the tier is decided by the minimum. See docs/scoring.md.

Exit status: 0 every row scored, 1 some rows have tier `error` (they are still written),
2 usage or I/O error, or the .icp has errors.")]
pub struct Args {
    /// The .icp file that holds the icp to score against.
    pub file: PathBuf,
    /// The accounts: a .csv, .jsonl or .ndjson file, or `-` for standard input.
    #[arg(long, value_name = "PATH")]
    pub accounts: PathBuf,
    /// The icp to score against (needed when the file has several).
    #[arg(long, value_name = "NAME")]
    pub icp: Option<String>,
    /// Write the scored accounts here (atomically: all or nothing) instead of standard output.
    /// The file keeps its mode (a new one gets 0666 less the umask); a symbolic link is written
    /// through; Ctrl-C or SIGTERM removes the partial temporary file (docs/files.md).
    #[arg(long, short, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Output format [default: from the --out extension, else csv].
    #[arg(long, value_enum)]
    pub format: Option<OutFormat>,
    /// Input format [default: from the --accounts extension; csv for standard input].
    #[arg(long, value_enum)]
    pub input_format: Option<InFormat>,
    /// Input columns to copy to the output, comma-separated [default: the first column].
    #[arg(long, value_name = "COL,…", value_delimiter = ',')]
    pub keep: Option<Vec<String>>,
    /// The date `within` counts back from (YYYY-MM-DD) [default: today].
    #[arg(long, visible_alias = "today", value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<i64>,
    /// Explain one account rule by rule: its first kept column's value, or `#N` for the
    /// N-th data row.
    #[arg(long, value_name = "ROW-ID")]
    pub explain: Option<String>,
    /// Worker threads, 1 to 256 [default: the number of cores].
    #[arg(long, value_name = "N", value_parser = parse_threads)]
    pub threads: Option<usize>,
    /// Print no summary (warnings and errors are still printed).
    #[arg(long, short)]
    pub quiet: bool,
    /// Refuse an accounts file that lacks a column the icp maps (exit 2) instead of warning
    /// and scoring the field as unknown; also `[score] strict = true` in icp.toml.
    #[arg(long)]
    pub strict: bool,
}

pub(crate) fn parse_threads(s: &str) -> Result<usize, String> {
    let max = icp_eval::MAX_THREADS;
    match s.trim().parse::<usize>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        Ok(_) => Err(format!("the number of threads must be between 1 and {max}")),
        Err(_) => Err(format!("`{s}` is not a whole number from 1 to {max}")),
    }
}

pub(crate) fn parse_date(s: &str) -> Result<i64, String> {
    icp_syntax::literal::parse_date(s).map(|d| d.days)
}

/// Today in days since 1970-01-01 (UTC).
pub(crate) fn today() -> i64 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    (secs / 86_400) as i64
}

pub(crate) fn usage(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::from(2)
}

fn input_format(accounts: &Path, format: Option<InFormat>) -> Result<InputFormat, String> {
    if let Some(f) = format {
        return Ok(match f {
            InFormat::Csv => InputFormat::Csv,
            InFormat::Jsonl => InputFormat::Jsonl,
        });
    }
    if accounts.as_os_str() == "-" {
        return Ok(InputFormat::Csv);
    }
    if accounts.is_dir() {
        return Err(format!(
            "{}: is a folder; --accounts takes one CSV or JSON Lines file (or - for standard input)",
            accounts.display()
        ));
    }
    let ext = accounts
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase());
    match ext.as_deref() {
        Some("csv") => Ok(InputFormat::Csv),
        Some("jsonl" | "ndjson") => Ok(InputFormat::Jsonl),
        _ => Err(format!(
            "{}: cannot tell the format from the name; name it .csv, .jsonl or .ndjson, or pass --input-format csv|jsonl",
            accounts.display()
        )),
    }
}

fn output_format(args: &Args) -> OutputFormat {
    match args.format {
        Some(OutFormat::Csv) => OutputFormat::Csv,
        Some(OutFormat::Jsonl) => OutputFormat::Jsonl,
        None => {
            let ext = args
                .out
                .as_ref()
                .and_then(|p| p.extension())
                .map(|e| e.to_string_lossy().to_lowercase());
            if matches!(ext.as_deref(), Some("jsonl" | "ndjson")) {
                OutputFormat::Jsonl
            } else {
                OutputFormat::Csv
            }
        }
    }
}

/// Reads, checks and compiles the icp to score against; on failure, the message is printed
/// and the exit code returned.
pub(crate) fn load_program(
    file: &Path,
    icp: Option<&str>,
    as_of: i64,
) -> Result<(String, Program), ExitCode> {
    let (display, src, analysis) = load_analysis(file, as_of, "scoring")?;
    let model = &analysis.model;
    let icp = pick_icp(model, icp, &display)?;
    let prog =
        Program::compile(model, icp, &src, as_of).map_err(|e| usage(format!("{display}: {e}")))?;
    Ok((display, prog))
}

/// Reads and analyses an .icp file; when it has errors they are printed (with what they
/// stop: `scoring`) and the exit code returned.
pub(crate) fn load_analysis(
    file: &Path,
    as_of: i64,
    stops: &str,
) -> Result<(String, String, icp_check::Analysis), ExitCode> {
    let (display, src) = read_source(file).map_err(usage)?;
    let config = Config {
        today: Some(as_of),
        ..Config::default()
    };
    let analysis = icp_check::analyze(&src, &config);
    let errors: Vec<_> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .cloned()
        .collect();
    if !errors.is_empty() {
        let report = FileReport {
            path: display,
            src,
            line_index: analysis.line_index,
            diagnostics: errors,
        };
        let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        let _ = render::human(&mut std::io::stderr().lock(), &[report], color);
        eprintln!("error: the .icp file has errors; fix them before {stops}");
        return Err(ExitCode::from(2));
    }
    Ok((display, src, analysis))
}

/// The icp named `icp`, or the file's only one.
pub(crate) fn pick_icp<'m>(
    model: &'m icp_check::model::Model,
    icp: Option<&str>,
    display: &str,
) -> Result<&'m icp_check::model::IcpModel, ExitCode> {
    let names: Vec<&str> = model.icps.iter().map(|i| i.name.as_str()).collect();
    let icp = match (icp, model.icps.as_slice()) {
        (Some(name), _) => match model.icp(name) {
            Some(i) => i,
            None if names.is_empty() => return Err(usage(format!("{display} has no icp"))),
            None => {
                return Err(usage(format!(
                    "{display} has no icp `{name}`; it has: {}",
                    names.join(", ")
                )));
            }
        },
        (None, [one]) => one,
        (None, []) => return Err(usage(format!("{display} has no icp to score against"))),
        (None, _) => {
            return Err(usage(format!(
                "{display} has {} icps: {}; choose one with --icp NAME",
                names.len(),
                names.join(", ")
            )));
        }
    };
    Ok(icp)
}

/// An opened account file (or standard input).
pub(crate) struct Accounts {
    pub input: Box<dyn Read + Send>,
    pub size: Option<u64>,
    pub format: InputFormat,
    /// As shown in messages.
    pub name: String,
}

impl Accounts {
    pub fn open(path: &Path, format: Option<InFormat>) -> Result<Accounts, String> {
        let format = input_format(path, format)?;
        let stdin = path.as_os_str() == "-";
        let (input, size): (Box<dyn Read + Send>, Option<u64>) = if stdin {
            (Box::new(std::io::stdin()), None)
        } else {
            let f =
                File::open(path).map_err(|e| format!("{}: {}", path.display(), io_reason(&e)))?;
            let size = f.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
            (Box::new(f), size)
        };
        let name = if stdin {
            "<stdin>".to_string()
        } else {
            path.display().to_string()
        };
        Ok(Accounts {
            input,
            size,
            format,
            name,
        })
    }
}

/// Warns about duplicate header names and about fields whose column the input lacks.
pub(crate) fn warn_columns(job: &Job<'_>, prog: &Program, accounts_name: &str) {
    for d in job.duplicate_columns() {
        eprintln!(
            "warning: {accounts_name}: the column `{d}` appears more than once; the first is used"
        );
    }
    for m in job.missing_columns() {
        let rules = prog.rules_testing(&m.field);
        let what = if rules.is_empty() {
            String::new()
        } else {
            format!("; rules unknown for every row: {}", rules.join(", "))
        };
        let near = job
            .header()
            .and_then(|h| closest_header(&m.column, h))
            .map_or(String::new(), |h| format!(" (did you mean `{h}`?)"));
        eprintln!(
            "warning: {accounts_name} has no column `{}`{near} (field `{}`): its value is unknown in every row{what}",
            m.column, m.field
        );
    }
}

/// The header name closest to a missing column's: same letters and digits in any case and
/// spacing, one that contains the other, or a few edits away.
pub(crate) fn closest_header<'h>(column: &str, header: &'h [String]) -> Option<&'h str> {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let want = norm(column);
    if want.is_empty() {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    for h in header {
        let got = norm(h);
        if got.is_empty() {
            continue;
        }
        let d = if got == want {
            0
        } else if got.contains(&want) || want.contains(&got) {
            1
        } else {
            strsim::levenshtein(&got, &want) + 1
        };
        let limit = 1 + want.chars().count().max(3) / 3;
        if d <= limit && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, h.as_str()));
        }
    }
    best.map(|(_, h)| h)
}

pub fn run(args: Args) -> ExitCode {
    let as_of = args.as_of.unwrap_or_else(today);
    let mut prog = match load_program(&args.file, args.icp.as_deref(), as_of) {
        Ok((_, p)) => p,
        Err(code) => return code,
    };
    // `[score]` of the nearest icp.toml: how bare percent cells are read.
    let mut strict = args.strict;
    match Config::discover(&args.file) {
        Ok(c) => {
            prog.bare_percent = c.bare_percent;
            strict |= c.score_strict;
        }
        Err(errs) => {
            for e in errs {
                eprintln!("error: {e}");
            }
            return ExitCode::from(2);
        }
    }
    // A kept column named like a result column would give the output two columns of one name.
    let result_columns = icp_eval::output::result_columns(prog.uses_fit());
    if let Some(k) = args.keep.iter().flatten().find(|k| {
        result_columns
            .iter()
            .any(|r| k.trim().eq_ignore_ascii_case(r))
    }) {
        return usage(format!(
            "--keep `{}`: the output has a result column of that name ({}); keep the input's other columns, or rename this one in the input",
            k.trim(),
            result_columns.join(", ")
        ));
    }
    let accounts = match Accounts::open(&args.accounts, args.input_format) {
        Ok(a) => a,
        Err(e) => return usage(e),
    };
    let mut opts = Options {
        input: accounts.format,
        output: output_format(&args),
        keep: args.keep.clone(),
        ..Options::default()
    };
    if let Some(t) = args.threads {
        opts.threads = t;
    }
    let (accounts_name, size) = (accounts.name.clone(), accounts.size);
    let job = match Job::open(&prog, accounts.input, opts) {
        Ok(j) => j,
        Err(e) => return usage(format!("{accounts_name}: {e}")),
    };
    warn_columns(&job, &prog, &accounts_name);
    if strict && !job.missing_columns().is_empty() {
        let cols: Vec<String> = job
            .missing_columns()
            .iter()
            .map(|m| format!("`{}`", m.column))
            .collect();
        eprintln!(
            "error: {accounts_name}: {} missing, and --strict (or `[score] strict = true`) refuses to score without {}; map the field to a column the file has (`from \"…\"` in the schema) or add the column",
            cols.join(", "),
            if cols.len() == 1 { "it" } else { "them" }
        );
        return ExitCode::from(2);
    }

    if let Some(id) = &args.explain {
        let kept = job.kept_columns().to_vec();
        let header = job.header().map(<[String]>::to_vec).unwrap_or_default();
        return match job.explain(id) {
            Ok(Some(text)) => {
                print!("{text}");
                ExitCode::SUCCESS
            }
            Ok(None) => {
                let shown: Vec<String> = kept.iter().map(|k| format!("`{k}`")).collect();
                let how = if id.starts_with('#') {
                    "row number".to_string()
                } else {
                    format!(
                        "value of the kept column{} {}, in any case",
                        if kept.len() == 1 { "" } else { "s" },
                        shown.join(", ")
                    )
                };
                // A column the user may have meant: one not kept whose name suggests a name.
                let other = header.iter().find(|h| {
                    !kept.iter().any(|k| k.eq_ignore_ascii_case(h))
                        && ["name", "company", "account"]
                            .iter()
                            .any(|w| h.to_ascii_lowercase().contains(w))
                });
                let hint = if id.starts_with('#') {
                    String::new()
                } else {
                    let example = other.map_or("Company name", String::as_str);
                    format!("; to look in another column, keep it: --keep \"{example}\"")
                };
                eprintln!(
                    "error: {accounts_name}: no account matches `{id}` (looked for it as a {how}); nothing to explain{hint}"
                );
                // Not "rows with errors" (1): the question itself has no answer.
                ExitCode::from(2)
            }
            Err(e) => usage(format!("{accounts_name}: {e}")),
        };
    }

    let started = Instant::now();
    let bar = progress_bar(size, args.quiet);
    let mut on_progress = |p: icp_eval::Progress| {
        if let Some(b) = &bar {
            b.set_position(p.bytes);
            b.set_message(format!("{} rows", p.rows));
        }
    };
    let result = match &args.out {
        Some(path) => crate::write::write_with(path, crate::write::Existing::Replace, |w| {
            job.run(w, &mut on_progress)
        })
        .map_err(|e| match e {
            crate::write::WriteWithError::Inner(e) => Failure::Stream(e),
            crate::write::WriteWithError::Write(e) => {
                Failure::Out(format!("{}: {e}", path.display()))
            }
        }),
        None => {
            let stdout = std::io::stdout();
            let mut w = BufWriter::with_capacity(1 << 16, stdout.lock());
            job.run(&mut w, &mut on_progress).map_err(Failure::Stream)
        }
    };
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let summary = match result {
        Ok(s) => s,
        Err(Failure::Stream(StreamError::Write(e)))
            if e.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            return ExitCode::SUCCESS;
        }
        Err(Failure::Stream(e)) => return usage(format!("{accounts_name}: {e}")),
        Err(Failure::Out(e)) => return usage(e),
    };
    let secs = started.elapsed().as_secs_f64();
    if summary.rows == 0 && summary.unread_bytes > 0 {
        eprintln!(
            "warning: {accounts_name}: no data row was read, though {} bytes follow the header; is it really CSV with one row per line?",
            thousands(summary.unread_bytes)
        );
    }
    if !args.quiet {
        print_summary(&summary, secs);
    } else {
        print_problems(&summary);
    }
    print_bare_percent(&summary, prog.bare_percent);
    if summary.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

enum Failure {
    Stream(StreamError),
    Out(String),
}

/// A progress bar on standard error, only when it is a terminal and the input is a file.
pub(crate) fn progress_bar(size: Option<u64>, quiet: bool) -> Option<indicatif::ProgressBar> {
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let size = size?;
    if size < (8 << 20) {
        return None;
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(size),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} [{bar:30}] {bytes}/{total_bytes} {msg} ({bytes_per_sec}, {eta})",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    Some(bar)
}

pub(crate) use icp_suggest::infer::thousands;

fn print_summary(s: &Summary, secs: f64) {
    let rate = if secs > 0.0 {
        s.rows as f64 / secs
    } else {
        0.0
    };
    let mut e = std::io::stderr().lock();
    let _ = writeln!(
        e,
        "scored {} rows in {secs:.2} s ({} rows/s)",
        thousands(s.rows),
        thousands(rate as u64)
    );
    let width = s.tiers.iter().map(|t| t.0.len()).max().unwrap_or(0).max(12);
    // With `and fit` in the rubric: how many accounts of each tier fit the icp.
    let fit_of = |i: usize| -> String {
        match s.fit.get(i) {
            Some([y, n, u]) if y + n + u > 0 => {
                let mut parts = Vec::new();
                if *y > 0 {
                    parts.push(format!("fit {}", thousands(*y)));
                }
                if *n > 0 {
                    parts.push(format!("not fit {}", thousands(*n)));
                }
                if *u > 0 {
                    parts.push(format!("fit unknown {}", thousands(*u)));
                }
                format!("  ({})", parts.join(", "))
            }
            _ => String::new(),
        }
    };
    for (i, (name, n)) in s.tiers.iter().enumerate() {
        let _ = writeln!(e, "  {name:<width$}  {:>12}{}", thousands(*n), fit_of(i));
    }
    if s.disqualified > 0 {
        let _ = writeln!(
            e,
            "  {:<width$}  {:>12}  (a `disqualify` criterion held){}",
            "disqualified",
            thousands(s.disqualified),
            fit_of(s.tiers.len())
        );
    }
    if s.no_tier > 0 {
        let _ = writeln!(
            e,
            "  {:<width$}  {:>12}{}",
            "(no tier)",
            thousands(s.no_tier),
            fit_of(s.tiers.len() + 1)
        );
    }
    let _ = writeln!(e, "  {:<width$}  {:>12}", "error", thousands(s.errors));
    if s.fit.len() == s.tiers.len() + 2 {
        let mut t = [0u64; 3];
        for f in &s.fit {
            for k in 0..3 {
                t[k] += f[k];
            }
        }
        let _ = writeln!(
            e,
            "fit the icp (every firmographics and tech_stack criterion holds): {} yes, {} no, {} unknown",
            thousands(t[0]),
            thousands(t[1]),
            thousands(t[2])
        );
    }
    drop(e);
    print_problems(s);
}

/// How percent cells without `%` were read, when there were any: the rule is never silent.
fn print_bare_percent(s: &Summary, rule: BarePercent) {
    if s.bare_percent_cells == 0 {
        return;
    }
    let how = match rule {
        BarePercent::Fraction => "as fractions (0.35 is 35%, 35 is 3500%)",
        BarePercent::Percent => "in percent points (35 is 35%, 0.35 is 0.35%)",
    };
    let other = match rule {
        BarePercent::Fraction => BarePercent::Percent,
        BarePercent::Percent => BarePercent::Fraction,
    };
    eprintln!(
        "note: {} percent cells had no `%` and were read {how}; `[score] bare-percent = \"{}\"` in icp.toml reads them the other way",
        thousands(s.bare_percent_cells),
        other.name()
    );
}

/// The parts of the summary that point at problems in the data.
fn print_problems(s: &Summary) {
    let mut e = std::io::stderr().lock();
    if !s.error_rows.is_empty() {
        let more = if s.errors > s.error_rows.len() as u64 {
            format!(" (the first {})", s.error_rows.len())
        } else {
            String::new()
        };
        let _ = writeln!(
            e,
            "rows with errors{more}; they are written with tier `error`:"
        );
        for r in &s.error_rows {
            let _ = writeln!(e, "  line {} (row {}): {}", r.line, r.row, r.message);
        }
    }
    if s.ragged > 0 {
        let _ = writeln!(
            e,
            "{} rows have more or fewer cells than the header (tier `error`)",
            thousands(s.ragged)
        );
    }
    for u in &s.unlisted {
        let shown: Vec<String> = u
            .values
            .iter()
            .take(10)
            .map(|(v, n)| format!("{v} ×{}", thousands(*n)))
            .collect();
        let rest = u.values.len().saturating_sub(10);
        let mut tail = String::new();
        if rest > 0 {
            tail = format!(", and {rest} more values");
        }
        if u.others > 0 {
            tail.push_str(&format!(
                " (+{} occurrences of values past the first 1000)",
                thousands(u.others)
            ));
        }
        let _ = writeln!(
            e,
            "values of `{}` (column `{}`) that the schema does not list, matching no listed value: {}{tail}",
            u.field,
            u.column,
            shown.join(", ")
        );
    }
    for m in &s.never_present {
        let _ = writeln!(
            e,
            "warning: no row has the key `{}` (field `{}`): it was unknown in every row",
            m.column, m.field
        );
    }
    for (key, lines) in &s.repeated_keys {
        let _ = writeln!(
            e,
            "warning: the key `{key}` appears more than once in {} {}; the first is used",
            thousands(*lines),
            if *lines == 1 { "line" } else { "lines" }
        );
    }
}
