//! `icpc init`: writes a starter .icp file with every block and a note on what belongs in it.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(after_help = "Examples:
  icpc init                      # writes profile.icp in the current directory
  icpc init my-product.icp
  icpc init my-product.icp --force

The starter parses and passes `icpc check` with no errors; its warnings are the to-do list.
An existing file is never overwritten without --force.

Exit status: 0 the file was written, 2 usage or I/O error (including an existing file).")]
pub struct Args {
    /// The file to write.
    #[arg(default_value = "profile.icp")]
    pub file: PathBuf,
    /// Overwrite the file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// The starter profile: every block, each with a comment saying what goes in it.
pub const STARTER: &str = include_str!("init_starter.icp");

pub fn run(args: Args) -> ExitCode {
    match write(&args) {
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

fn write(args: &Args) -> Result<(), String> {
    let path = &args.file;
    let mut open = std::fs::OpenOptions::new();
    open.write(true);
    if args.force {
        open.create(true).truncate(true);
    } else {
        // create_new fails if the file exists, with no window between the check and the write.
        open.create_new(true);
    }
    let mut f = open.open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            format!(
                "{} already exists; pass --force to overwrite it",
                path.display()
            )
        } else {
            format!("cannot write {}: {e}", path.display())
        }
    })?;
    f.write_all(STARTER.as_bytes())
        .and_then(|()| f.sync_all())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}
