//! `icpc`: check, format, explain and score `.icp` Ideal Customer Profiles, and serve editors.
//!
//! This is the only crate that prints; each subcommand lives in its own module.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod audit;
mod check;
mod compile;
mod diff;
mod diff_impact;
mod explain;
mod export;
mod fmt;
mod git;
mod init;
mod io_error;
mod lsp;
mod render;
mod score;
mod suggest;
mod test;
mod write;

#[global_allocator]
static ALLOC: icp_alloc::Mimalloc = icp_alloc::Mimalloc;

/// icpc — the toolchain for Ideal Customer Profiles written as code.
#[derive(Parser)]
#[command(name = "icpc", version, about, long_about = None, arg_required_else_help = true)]
#[command(
    after_help = "The loop:\n  icpc init --from crm-export.csv profile.icp   a schema from your data and a profile to fill in\n  icpc check profile.icp                        vague, non-excluding or unfinished criteria\n  icpc fmt profile.icp                          one canonical layout\n  icpc test .                                   known accounts land where they belong\n  icpc score profile.icp --accounts accounts.csv   score, tier and fit of every account\n  icpc audit profile.icp --accounts closed.csv --outcome Stage   does the rubric separate won from lost?\n  icpc diff origin/main...HEAD                  what a change does to the profile\n  icpc compile profile.icp --target duckdb      the score as SQL in the warehouse\n  icpc export profile.icp --format html         the profile as a document\n\nExamples:\n  icpc check examples/\n  icpc fmt --check .\n  icpc explain vague-term\n  icpc score profile.icp --accounts accounts.csv"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check .icp files: syntax, types and ICP quality.
    Check(check::Args),
    /// Format .icp files in one canonical layout.
    Fmt(fmt::Args),
    /// Print the page that explains a check.
    Explain(explain::Args),
    /// Score accounts (CSV or JSON Lines) against an icp's rubric.
    Score(score::Args),
    /// Compile an icp's rubric to SQL (DuckDB, PostgreSQL, Spark, BigQuery, Snowflake).
    Compile(compile::Args),
    /// Audit an icp against closed deals: does its rubric separate won from lost?
    Audit(audit::Args),
    /// Write a starter .icp file with every block to fill in.
    Init(init::Args),
    /// Propose criteria from the top accounts of a CSV file, as .icp text.
    Suggest(suggest::Args),
    /// Run the language server on stdio.
    Lsp(lsp::Args),
    /// Run the tests of profiles: known accounts that must land where they belong.
    Test(test::Args),
    /// Show what a change to .icp files does: between two files or git revisions.
    Diff(diff::Args),
    /// Set up git to show `icpc diff` for .icp files.
    Git(git::Args),
    /// Export an icp as a document: Markdown, self-contained HTML or JSON.
    Export(export::Args),
}

fn main() -> ExitCode {
    icp_alloc::keep_freed_pages();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help and version to stdout with success, usage errors to stderr.
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Check(a) => check::run(a),
        Command::Fmt(a) => fmt::run(a),
        Command::Explain(a) => explain::run(a),
        Command::Score(a) => score::run(a),
        Command::Compile(a) => compile::run(a),
        Command::Audit(a) => audit::run(a),
        Command::Init(a) => init::run(a),
        Command::Suggest(a) => suggest::run(a),
        Command::Lsp(a) => lsp::run(a),
        Command::Test(a) => test::run(a),
        Command::Diff(a) => diff::run(a),
        Command::Git(a) => git::run(a),
        Command::Export(a) => export::run(a),
    }
}
