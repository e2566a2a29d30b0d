//! `icpc check`: analyse files and report findings in the chosen format.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;
use icp_check::{Config, Severity};

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
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(clap::Args)]
#[command(after_help = "Examples:
  icpc check examples/                     check every .icp below a folder
  icpc check --format json profile.icp     machine-readable findings
  icpc check --format github .             annotations in GitHub Actions
  cat profile.icp | icpc check -           read from standard input
  icpc check --today 2026-11-23 profile.icp

Exit status: 0 no error-level finding, 1 at least one, 2 usage or I/O error.")]
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
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<i64>,
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
        let meta = std::fs::metadata(p).map_err(|e| format!("{}: {}", p.display(), io_reason(&e)))?;
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

pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::InvalidData => "not UTF-8 text".into(),
        _ => e.to_string(),
    }
}

/// Reads a source file (or standard input for `-`).
pub fn read_source(path: &Path) -> Result<(String, String), String> {
    if path.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).map_err(|e| format!("<stdin>: {}", io_reason(&e)))?;
        return Ok(("<stdin>".into(), s));
    }
    let display = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| format!("{display}: {}", io_reason(&e)))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!("{display}: not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to())
    })?;
    Ok((display, text))
}

pub fn run(args: Args) -> ExitCode {
    let files = match collect_paths(&args.paths) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let config = Config { today: args.today, ..Config::default() };
    let mut reports = Vec::new();
    for path in &files {
        let (display, src) = match read_source(path) {
            Ok(x) => x,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        };
        let analysis = icp_check::analyze(&src, &config);
        reports.push(FileReport { path: display, line_index: analysis.line_index, diagnostics: analysis.diagnostics, src });
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = match args.format {
        Format::Human => {
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
            };
            render::human(&mut out, &reports, color)
        }
        Format::Json => writeln!(out, "{}", render::json(&reports)),
        Format::Sarif => writeln!(out, "{:#}", render::sarif(&reports)),
        Format::Github => render::github(&mut out, &reports),
    };
    if let Err(e) = written.and_then(|()| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: writing the report: {e}");
            return ExitCode::from(2);
        }
    }
    let s = Summary::of(&reports);
    let _ = Severity::Error;
    if s.errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}
