//! `icpc explain`: print the page of a code, or the list of codes.
//!
//! The text is the same as `docs/checks/CODE.md`: both are rendered from the registry in
//! `icp-check`, so they cannot drift apart.

use std::io::Write;
use std::process::ExitCode;

use icp_check::checks::{self, Group, REGISTRY};

#[derive(clap::Args)]
#[command(after_help = "Examples:
  icpc explain vague-term     the page of one check
  icpc explain --list         every code with its default severity and summary")]
pub struct Args {
    /// The code to explain, e.g. `vague-term`.
    #[arg(required_unless_present = "list", conflicts_with = "list")]
    pub code: Option<String>,
    /// List every code.
    #[arg(long)]
    pub list: bool,
}

fn list(out: &mut impl Write) -> std::io::Result<()> {
    for group in [
        Group::Language,
        Group::Quality,
        Group::Suppression,
        Group::Data,
    ] {
        writeln!(out, "{}:", group.title())?;
        for c in REGISTRY.iter().filter(|c| c.group == group) {
            writeln!(
                out,
                "  {:<28} {:<8} {}",
                c.doc.code,
                c.doc.severity.as_str(),
                c.doc.summary
            )?;
        }
        writeln!(out)?;
    }
    writeln!(out, "`icpc explain CODE` prints a code's page.")
}

/// The page without the HTML comment that tells editors of `docs/checks/` the page is
/// generated: that note is for the repository, not for the user reading `icpc explain`.
pub fn without_generator_note(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    for line in page.split_inclusive('\n') {
        let t = line.trim();
        if t.starts_with("<!--") && t.ends_with("-->") {
            continue;
        }
        out.push_str(line);
    }
    // No blank line left at the end where the note was.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

pub fn run(args: Args) -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = if args.list {
        list(&mut out)
    } else {
        let code = args.code.unwrap_or_default();
        let wanted = code
            .trim()
            .trim_start_matches('`')
            .trim_end_matches('`')
            .to_ascii_lowercase();
        match checks::lookup(&wanted) {
            Some(c) => write!(out, "{}", without_generator_note(&icp_check::docs::page(c))),
            None => {
                let hint = match icp_check::diagnostic::did_you_mean(&wanted, checks::codes()) {
                    Some(s) => format!(" Did you mean `{s}`?"),
                    None => String::new(),
                };
                eprintln!(
                    "error: `{code}` is not a code.{hint} The codes are: {}.",
                    checks::codes().collect::<Vec<_>>().join(", ")
                );
                return ExitCode::from(2);
            }
        }
    };
    match result.and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("error: writing the page: {e}");
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
    }
}
