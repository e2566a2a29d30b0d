//! `icpc score` (being built).

use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> ExitCode {
    eprintln!("icpc score: not available in this build yet");
    ExitCode::from(2)
}
