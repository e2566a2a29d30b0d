//! `icpc init`: writes a starter .icp file with every block and a note on what belongs in it,
//! or, with `--from`, the schema of a CRM export and an icp skeleton to fill in.

use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(after_help = "Examples:
  icpc init                      # writes profile.icp in the current directory
  icpc init my-product.icp
  icpc init my-product.icp --force
  icpc init --from accounts.csv                  # the schema of a CRM export
  icpc init --from crm-export.csv my-product.icp

The starter parses and passes `icpc check` with no errors; its warnings are the to-do list.
With --from, each column of the CSV export becomes a schema field: its type (int, number,
money, percent, date, duration, bool, enum, set or text) judged on every cell with the
readers `icpc score` uses, `from \"Column\"`, a snake_case name, and enum and set values with
their counts in a comment; the icp's criteria are left to write. The export is read once as
a stream, so its size does not matter. See docs/suggest.md.

An existing file is never overwritten without --force.

Exit status: 0 the file was written, 2 usage or I/O error (including an existing file).")]
pub struct Args {
    /// The file to write.
    #[arg(default_value = "profile.icp")]
    pub file: PathBuf,
    /// Overwrite the file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Infer the schema from this CRM export (CSV).
    #[arg(long, value_name = "ACCOUNTS.csv")]
    pub from: Option<PathBuf>,
}

/// The starter profile: every block, each with a comment saying what goes in it.
pub const STARTER: &str = include_str!("init_starter.icp");

pub fn run(args: Args) -> ExitCode {
    let text = match &args.from {
        None => STARTER.to_string(),
        Some(from) => match from_export(from) {
            Ok(t) => t,
            Err(msg) => {
                eprintln!("error: {msg}");
                return ExitCode::from(2);
            }
        },
    };
    match write(&args, &text) {
        Ok(()) => {
            eprintln!(
                "wrote {}; next: edit it, then `icpc check {}`",
                args.file.display(),
                args.file.display()
            );
            ExitCode::SUCCESS
        }
        Err(msg) => {
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
    }
}

/// The schema of an export and an icp skeleton, in canonical layout.
fn from_export(from: &std::path::Path) -> Result<String, String> {
    let inferred = icp_suggest::infer::infer(from)?;
    let text = icp_fmt::format_source(
        &inferred.skeleton(crate::score::today()),
        &icp_fmt::FmtOptions::default(),
    )
    .map_err(|e| format!("internal error: the inferred file does not parse: {e}"))?;
    let counts: Vec<String> = {
        let mut by_type: Vec<(&str, usize)> = Vec::new();
        for c in &inferred.columns {
            match by_type.iter_mut().find(|(t, _)| *t == c.ty.name()) {
                Some((_, n)) => *n += 1,
                None => by_type.push((c.ty.name(), 1)),
            }
        }
        by_type.iter().map(|(t, n)| format!("{n} {t}")).collect()
    };
    eprintln!(
        "inferred {} fields from {} rows of {}: {}",
        inferred.columns.len(),
        inferred.rows,
        inferred.file,
        counts.join(", ")
    );
    if inferred.ragged.count > 0 {
        eprintln!(
            "warning: rows left out because their cell count differs from the header's: {}",
            inferred.ragged.count
        );
        for r in &inferred.ragged.first {
            eprintln!("  {}:{}: {}", inferred.file, r.line, r.message);
        }
    }
    Ok(text)
}

fn write(args: &Args, text: &str) -> Result<(), String> {
    let existing = if args.force {
        crate::write::Existing::Replace
    } else {
        crate::write::Existing::Refuse
    };
    crate::write::write_with(&args.file, existing, |w| w.write_all(text.as_bytes())).map_err(|e| {
        match e {
            crate::write::WriteWithError::Inner(e) => {
                format!("cannot write {}: {e}", args.file.display())
            }
            // "FILE already exists; pass --force …" reads as one sentence.
            crate::write::WriteWithError::Write(e) if args.file.exists() && !args.force => {
                format!("{} {e}", args.file.display())
            }
            crate::write::WriteWithError::Write(e) => {
                format!("cannot write {}: {e}", args.file.display())
            }
        }
    })
}
