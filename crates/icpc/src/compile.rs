//! `icpc compile`: the rubric of an icp as SQL for DuckDB, PostgreSQL, Spark, BigQuery or
//! Snowflake, with the same columns and values as `icpc score`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;
use icp_sql::{Options, Target};

use crate::score::{load_program, parse_date, today, usage};

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum TargetArg {
    Duckdb,
    Postgres,
    Spark,
    Bigquery,
    Snowflake,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum SqlFormat {
    /// One SELECT statement.
    Select,
    /// CREATE VIEW <name> AS SELECT ….
    View,
    /// A dbt model (<name>.sql) and its schema (<name>.yml), written into --out DIR.
    Dbt,
}

#[derive(clap::Args)]
#[command(after_help = "Examples:
  icpc compile examples/hr-analytics.icp --target duckdb --from accounts --keep \"Account Name\"
  icpc compile profile.icp --target postgres --from crm.accounts --format view --name scored_accounts
  icpc compile profile.icp --target snowflake --as-of 2026-11-23 --out scored.sql
  icpc compile profile.icp --target bigquery --format dbt --from stg_accounts --out models/

The SQL reads the table's columns named in the schema's `from` (exactly as spelled there)
and returns the kept columns, then score, score_max, tier, rules, unknown, disqualified_by,
segments and error, with the values `icpc score` gives. For a CSV file in DuckDB, load it
with read_csv('accounts.csv') (types detected) or, for icpc score's reading of every cell as
written, read_csv('accounts.csv', all_varchar = true). See docs/warehouse.md.

Exit status: 0 compiled, 2 usage or I/O error, an .icp with errors, or a construct the
target cannot express.")]
pub struct Args {
    /// The .icp file that holds the icp to compile.
    pub file: PathBuf,
    /// The SQL dialect.
    #[arg(long, value_enum)]
    pub target: TargetArg,
    /// The icp to compile (needed when the file has several).
    #[arg(long, value_name = "NAME")]
    pub icp: Option<String>,
    /// The table or view that holds the accounts (`schema.table` allowed); for dbt, the model
    /// the new one refers to with ref().
    #[arg(long, value_name = "TABLE", default_value = "accounts")]
    pub from: String,
    /// Input columns to copy to the output, comma-separated [default: none].
    #[arg(long, value_name = "COL,…", value_delimiter = ',')]
    pub keep: Vec<String>,
    /// What to write.
    #[arg(long, value_enum, default_value = "select")]
    pub format: SqlFormat,
    /// The view's or dbt model's name [default: scored_<icp>].
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// The date `within` counts back from (YYYY-MM-DD) [default: the engine's current date
    /// when the query runs].
    #[arg(long, visible_alias = "today", value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<i64>,
    /// The table's columns are typed (numbers, booleans, dates, durations as days): compare
    /// them natively instead of reading text. (Without it, DuckDB's SQL still takes an
    /// integer, date or boolean column as it is wherever that means the same as its text.)
    #[arg(long)]
    pub typed: bool,
    /// Write here (atomically) instead of standard output; for --format dbt, a directory.
    #[arg(long, short, value_name = "PATH")]
    pub out: Option<PathBuf>,
}

fn target(t: TargetArg) -> Target {
    match t {
        TargetArg::Duckdb => Target::Duckdb,
        TargetArg::Postgres => Target::Postgres,
        TargetArg::Spark => Target::Spark,
        TargetArg::Bigquery => Target::Bigquery,
        TargetArg::Snowflake => Target::Snowflake,
    }
}

/// Writes a file with [`crate::write::write_file`]; the error names the file.
pub(crate) fn write_atomically(path: &Path, text: &str) -> Result<(), String> {
    crate::write::write_file(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

pub fn run(args: Args) -> ExitCode {
    let (display, prog) = match load_program(
        &args.file,
        args.icp.as_deref(),
        args.as_of.unwrap_or_else(today),
    ) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let target = target(args.target);
    let opts = Options {
        target,
        from: args.from.clone(),
        keep: args.keep.clone(),
        as_of: args.as_of,
        typed: args.typed,
    };
    let name = args
        .name
        .clone()
        .unwrap_or_else(|| format!("scored_{}", prog.icp));
    let cannot = |e: icp_sql::SqlError| usage(format!("{display}: {e} (target {})", target.name()));
    match args.format {
        SqlFormat::Select | SqlFormat::View => {
            let select = match icp_sql::compile_select(&prog, &opts) {
                Ok(s) => s,
                Err(e) => return cannot(e),
            };
            let text = if matches!(args.format, SqlFormat::View) {
                match icp_sql::create_view(target, &name, &select) {
                    Ok(s) => s,
                    Err(e) => return cannot(e),
                }
            } else {
                format!("{};\n", select.trim_end())
            };
            match &args.out {
                Some(p) => match write_atomically(p, &text) {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(e) => usage(e),
                },
                None => {
                    print!("{text}");
                    ExitCode::SUCCESS
                }
            }
        }
        SqlFormat::Dbt => {
            let Some(dir) = &args.out else {
                return usage("--format dbt writes two files: give the directory with --out DIR");
            };
            if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return usage(format!(
                    "the dbt model name `{name}` must be letters, digits and `_`"
                ));
            }
            let model = match icp_sql::dbt_model(&prog, &opts) {
                Ok(s) => s,
                Err(e) => return cannot(e),
            };
            let schema = icp_sql::dbt_schema(&prog, &name, &args.keep);
            if let Err(e) = std::fs::create_dir_all(dir) {
                return usage(format!("{}: {e}", dir.display()));
            }
            for (file, text) in [
                (format!("{name}.sql"), model),
                (format!("{name}.yml"), schema),
            ] {
                if let Err(e) = write_atomically(&dir.join(file), &text) {
                    return usage(e);
                }
            }
            ExitCode::SUCCESS
        }
    }
}
