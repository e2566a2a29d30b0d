//! `icpc fmt`: rewrite `.icp` files in the canonical layout, or check that they are in it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use icp_fmt::{FmtError, FmtOptions};

use crate::check::{collect_paths, read_source, some_failed};

#[derive(clap::Args)]
#[command(after_help = "Examples:
  icpc fmt .                         format every .icp below this folder, in place
  icpc fmt --check examples/         list files that are not formatted (exit 1 if any)
  icpc fmt --check --diff profile.icp
  cat profile.icp | icpc fmt -       format standard input to standard output

Files with syntax errors are never rewritten: their errors are printed and the exit status is 1.
Options come from the [fmt] table of the nearest icp.toml (indent-width, line-width).

Files are replaced atomically (a temporary .icpc-XXXXXX beside them, then a rename). A symbolic
link is followed and its target rewritten; the link stays. A file with more than one hard link,
a read-only file (mode 0444, even for root) or one you may not write is refused with a message,
left unchanged, and the exit status is 2. The mode and, for root, the owner are kept. Ctrl-C
removes the temporary file; SIGKILL leaves it. See docs/files.md:
  icpc fmt profile.icp               # profile.icp -> shared/profile.icp: shared/profile.icp is rewritten")]
pub struct Args {
    /// Files or folders (searched recursively for *.icp); `-` formats standard input to standard output.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Write nothing; list the files that would change and exit 1 if there are any.
    #[arg(long)]
    pub check: bool,
    /// With --check, print a unified diff of each change.
    #[arg(long, requires = "check")]
    pub diff: bool,
}

/// The formatting options that govern `path`: the `[fmt]` table of the nearest `icp.toml`.
pub fn options_for(path: &Path) -> Result<FmtOptions, String> {
    let Some(file) = icp_check::config::find(if path.as_os_str() == "-" {
        Path::new(".")
    } else {
        path
    }) else {
        return Ok(FmtOptions::default());
    };
    // One reader of `[fmt]` (`icp_fmt::options`) for every command and the server, through
    // the configuration, which reads the whole `icp.toml`.
    icp_check::Config::load(&file)
        .map(|c| c.fmt)
        .map_err(|errs| {
            errs.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\nerror: ")
        })
}

/// Writes a report to `out` atomically, or to standard output; an I/O error is printed and
/// its exit status returned.
pub(crate) fn write_or_print(out: Option<&Path>, text: &str) -> Result<(), ExitCode> {
    match out {
        Some(path) => crate::write::write_file(path, text)
            .map_err(|e| crate::score::usage(format!("{}: {e}", path.display()))),
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

pub fn run(args: Args) -> ExitCode {
    let files = match collect_paths(&args.paths) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let mut changed = 0usize;
    let mut broken = 0usize;
    // Files that could not be read, configured or written: each is reported, the others are
    // still formatted, and the run exits 2.
    let mut failed = 0usize;
    for path in &files {
        let opts = match options_for(path) {
            Ok(o) => o,
            Err(e) => {
                eprintln!("error: {e}");
                failed += 1;
                continue;
            }
        };
        let (display, src) = match read_source(path) {
            Ok(x) => x,
            Err(e) => {
                eprintln!("error: {e}");
                failed += 1;
                continue;
            }
        };
        let formatted = match icp_fmt::format_source(&src, &opts) {
            Ok(f) => f,
            Err(FmtError::Syntax(errors)) => {
                broken += 1;
                let index = icp_syntax::LineIndex::new(&src);
                for e in &errors {
                    let lc = index.line_col(&src, e.span.start as usize);
                    eprintln!(
                        "{display}:{}:{}: syntax error: {}",
                        lc.line, lc.column, e.message
                    );
                }
                eprintln!("{display}: not formatted, because of the syntax errors above");
                continue;
            }
        };
        if path.as_os_str() == "-" && args.check {
            // Standard input is checked like a file: nothing on stdout but the diff asked for.
            if formatted != src {
                changed += 1;
                eprintln!("would reformat {display}");
                if args.diff {
                    print_diff(&display, &src, &formatted);
                }
            }
            continue;
        }
        if path.as_os_str() == "-" {
            let mut out = std::io::stdout().lock();
            if out
                .write_all(formatted.as_bytes())
                .and_then(|()| out.flush())
                .is_err()
            {
                return ExitCode::from(2);
            }
            continue;
        }
        if formatted == src {
            continue;
        }
        changed += 1;
        if args.check {
            println!("would reformat {display}");
            if args.diff {
                print_diff(&display, &src, &formatted);
            }
        } else if let Err(e) = crate::write::write_file(path, &formatted) {
            eprintln!("error: {display}: {e}");
            // Not reformatted: the file is as it was.
            changed -= 1;
            failed += 1;
        } else {
            eprintln!("formatted {display}");
        }
    }
    if !args.check && files.iter().all(|p| p.as_os_str() != "-") {
        eprintln!(
            "{} of {} file{} reformatted",
            changed,
            files.len(),
            if files.len() == 1 { "" } else { "s" }
        );
    }
    if failed > 0 {
        let done = if args.check { "checked" } else { "formatted" };
        return some_failed(failed, files.len(), "formatted", done);
    }
    if broken > 0 || (args.check && changed > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Prints a unified diff from `src` to `formatted` on standard output.
fn print_diff(display: &str, src: &str, formatted: &str) {
    let diff = similar::TextDiff::from_lines(src, formatted);
    print!(
        "{}",
        diff.unified_diff()
            .context_radius(3)
            .header(&format!("a/{display}"), &format!("b/{display}"))
    );
}
