//! `icpc export`: an icp as a document for marketing, sales and product (Markdown, HTML or
//! JSON), every criterion written as a sentence.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use crate::compile::write_atomically;
use crate::score::{load_analysis, today, usage};

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    /// Headings per section, the rubric as tables.
    Markdown,
    /// One self-contained, printable page (inline CSS, no script, no network).
    Html,
    /// The document model (docs/schemas/export.schema.json).
    Json,
}

#[derive(clap::Args)]
#[command(after_help = "Examples:
  icpc export examples/hr-analytics.icp --format markdown > hr-analytics.md
  icpc export examples/hr-analytics.icp --format html --out hr-analytics.html
  icpc export profiles.icp --icp platform_teams --format json --out platform_teams.json

Each icp becomes one page with the sections people expect: firmographic profile, tech stack,
behavioral profile, jobs to be done, top pains, decision process and stakeholders, triggers,
reach, messaging, disqualification criteria, segments and the qualification rubric. A section
the profile does not define says \"Not defined.\". See docs/export.md.

Exit status: 0 written, 2 usage or I/O error, or an .icp with errors (shown).")]
pub struct Args {
    /// The .icp file to export.
    pub file: PathBuf,
    /// Export only this icp [default: every icp of the file].
    #[arg(long, value_name = "NAME")]
    pub icp: Option<String>,
    /// What to write.
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: Format,
    /// Write here (atomically) instead of standard output.
    #[arg(long, short, value_name = "PATH")]
    pub out: Option<PathBuf>,
}

pub fn run(args: Args) -> ExitCode {
    let (display, src, analysis) = match load_analysis(&args.file, today(), "exporting") {
        Ok(x) => x,
        Err(code) => return code,
    };
    if let Some(name) = &args.icp {
        if analysis.model.icp(name).is_none() {
            let names: Vec<&str> = analysis
                .model
                .icps
                .iter()
                .map(|i| i.name.as_str())
                .collect();
            return usage(if names.is_empty() {
                format!("{display} has no icp")
            } else {
                format!(
                    "{display} has no icp `{name}`; it has: {}",
                    names.join(", ")
                )
            });
        }
    }
    let doc = icp_export::document(&analysis, &src, &display, args.icp.as_deref());
    let text = match args.format {
        Format::Markdown => icp_export::markdown(&doc),
        Format::Html => icp_export::html(&doc),
        Format::Json => match serde_json::to_string_pretty(&doc) {
            Ok(s) => s + "\n",
            Err(e) => return usage(format!("cannot write JSON: {e}")),
        },
    };
    match &args.out {
        Some(p) => match write_atomically(p, &text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => usage(e),
        },
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => usage(format!("standard output: {e}")),
            }
        }
    }
}
