//! `icpc lsp`: the language server on standard input and output.
//!
//! Everything is in the `icp-lsp` crate; this module only starts it. Logs go to standard
//! error (`ICPC_LOG=debug` for more), never to standard output, which carries the protocol.

use std::process::ExitCode;

/// Run the language server on stdio (started by an editor, not by hand).
#[derive(clap::Args)]
#[command(
    after_help = "The editor starts this command and speaks the Language Server Protocol with it \
over standard input and output. Logs go to standard error; set ICPC_LOG=debug for more.

Features: diagnostics (pushed, or pulled when the client asks), hover, completion, go to \
definition, references, rename, document and workspace symbols, folding, quick fixes, \
formatting, semantic tokens and inlay hints. See docs/lsp.md."
)]
pub struct Args {
    /// Accepted for editors that pass it (the server always speaks over stdio).
    #[arg(long)]
    pub stdio: bool,
}

pub fn run(_args: Args) -> ExitCode {
    match icp_lsp::run_stdio() {
        Ok(true) => ExitCode::SUCCESS,
        // `exit` without `shutdown` first, or the client went away: exit 1, as the protocol says.
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("icpc lsp: cannot start: {e}");
            ExitCode::from(2)
        }
    }
}
