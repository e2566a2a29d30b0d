//! `icpc explain` (being built).

use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> ExitCode {
    eprintln!("icpc explain: not available in this build yet");
    ExitCode::from(2)
}
