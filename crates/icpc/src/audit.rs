//! `icpc audit`: how well an icp's rubric separates won from lost deals.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use icp_audit::audit::{self, Config, DEFAULT_LOST, DEFAULT_WON};
use icp_eval::{Job, Options, StreamError};

use crate::score::{Accounts, InFormat, load_program, parse_date, progress_bar, today, usage};

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    Text,
    Markdown,
    Json,
    Html,
}

#[derive(clap::Args)]
#[command(after_help = "Examples:
  icpc audit profile.icp --accounts closed.csv --outcome Stage
  icpc audit profile.icp --accounts closed.csv --outcome Stage --won \"closed won\" --lost \"closed lost,churned\"
  icpc audit profile.icp --accounts closed.csv --outcome Stage --value ARR --format markdown
  icpc audit profile.icp --accounts closed.jsonl --outcome won --format json > audit.json
  icpc audit profile.icp --accounts closed.csv --outcome Stage --format html --out audit.html

Every account is read and scored as `icpc score` reads and scores it. Won and lost deals are
compared; other outcome values are counted as open and left out. Figures are defined in
docs/audit.md; the JSON layout is docs/audit.schema.json.

Exit status: 0 the report was written, 1 some rows could not be scored (they are counted in
the report), 2 usage or I/O error, or the .icp has errors.")]
pub struct Args {
    /// The .icp file that holds the icp to audit.
    pub file: PathBuf,
    /// Accounts with a known outcome: a .csv, .jsonl or .ndjson file, or `-` for standard input.
    #[arg(long, value_name = "PATH")]
    pub accounts: PathBuf,
    /// The column that holds each deal's outcome.
    #[arg(long, value_name = "COLUMN")]
    pub outcome: String,
    /// Outcome values that mean won, comma-separated, case-insensitive
    /// [default: won, closed won, true, yes, 1].
    #[arg(long, value_name = "V,…", value_delimiter = ',')]
    pub won: Option<Vec<String>>,
    /// Outcome values that mean lost, comma-separated, case-insensitive
    /// [default: lost, closed lost, false, no, 0].
    #[arg(long, value_name = "V,…", value_delimiter = ',')]
    pub lost: Option<Vec<String>>,
    /// A column with each deal's value (deal size, ARR, LTV) for the revenue views.
    #[arg(long, value_name = "COLUMN")]
    pub value: Option<String>,
    /// The icp to audit (needed when the file has several).
    #[arg(long, value_name = "NAME")]
    pub icp: Option<String>,
    /// Report format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Write the report here (atomically) instead of standard output.
    #[arg(long, short, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Input format [default: from the --accounts extension; csv for standard input].
    #[arg(long, value_enum)]
    pub input_format: Option<InFormat>,
    /// The date `within` counts back from (YYYY-MM-DD) [default: today].
    #[arg(long, visible_alias = "today", value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<i64>,
    /// Worker threads, 1 to 256 [default: the number of cores].
    #[arg(long, value_name = "N", value_parser = crate::score::parse_threads)]
    pub threads: Option<usize>,
}

fn owned(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

pub fn run(args: Args) -> ExitCode {
    let as_of = args.as_of.unwrap_or_else(today);
    let prog = match load_program(&args.file, args.icp.as_deref(), as_of) {
        Ok((_, p)) => p,
        Err(code) => return code,
    };
    let won = args.won.clone().unwrap_or_else(|| owned(DEFAULT_WON));
    let lost = args.lost.clone().unwrap_or_else(|| owned(DEFAULT_LOST));
    let norm =
        |v: &[String]| -> Vec<String> { v.iter().map(|s| s.trim().to_lowercase()).collect() };
    if let Some(both) = norm(&won).iter().find(|w| norm(&lost).contains(w)) {
        return usage(format!(
            "the outcome value `{both}` is given as both won and lost"
        ));
    }
    let cfg = Config::new(&won, &lost, args.value.is_some());
    let accounts = match Accounts::open(&args.accounts, args.input_format) {
        Ok(a) => a,
        Err(e) => return usage(e),
    };
    let mut keep = vec![args.outcome.clone()];
    keep.extend(args.value.clone());
    let mut opts = Options {
        input: accounts.format,
        keep: Some(keep),
        ..Options::default()
    };
    if let Some(t) = args.threads {
        opts.threads = t;
    }
    let name = accounts.name.clone();
    let job = match Job::open(&prog, accounts.input, opts) {
        Ok(j) => j,
        Err(StreamError::UnknownKeep {
            name: col,
            available,
        }) => {
            let what = if col == args.outcome {
                "outcome"
            } else {
                "value"
            };
            return usage(format!(
                "{name} has no {what} column `{col}`; it has: {}",
                available.join(", ")
            ));
        }
        Err(e) => return usage(format!("{name}: {e}")),
    };
    crate::score::warn_columns(&job, &prog, &name);
    let bar = progress_bar(accounts.size, false);
    let mut on_progress = |p: icp_eval::Progress| {
        if let Some(b) = &bar {
            b.set_position(p.bytes);
            b.set_message(format!("{} rows", p.rows));
        }
    };
    let report = audit::audit(&prog, job, &cfg, &mut on_progress);
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let report = match report {
        Ok(r) => r,
        Err(e) => return usage(format!("{name}: {e}")),
    };
    let text = match args.format {
        Format::Text => icp_audit::render::text(&report),
        Format::Markdown => icp_audit::render::markdown(&report),
        Format::Json => icp_audit::render::json(&report),
        Format::Html => icp_audit::html::html(&report),
    };
    if let Err(code) = crate::fmt::write_or_print(args.out.as_deref(), &text) {
        return code;
    }
    if report.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
