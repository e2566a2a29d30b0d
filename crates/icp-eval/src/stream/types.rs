//! What a scoring job is given and what it reports.

use std::fmt;

use crate::output::OutputFormat;

/// Input format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    Csv,
    Jsonl,
}

/// The most worker threads a job starts, whatever [`Options::threads`] asks for.
pub const MAX_THREADS: usize = 256;

/// How to read and write.
#[derive(Clone, Debug)]
pub struct Options {
    pub input: InputFormat,
    pub output: OutputFormat,
    /// Input columns copied to the output; `None` keeps the first column.
    pub keep: Option<Vec<String>>,
    /// Worker threads (at least 1, at most [`MAX_THREADS`]; other values are clamped).
    pub threads: usize,
    /// The size of the blocks the input is cut into.
    pub block_bytes: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            input: InputFormat::Csv,
            output: OutputFormat::Csv,
            keep: None,
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            block_bytes: 1 << 20,
        }
    }
}

/// A record that does not end within this many bytes is an error (an unclosed quote).
pub const MAX_RECORD_BYTES: usize = 64 << 20;

/// Why a file cannot be scored.
#[derive(Debug)]
pub enum StreamError {
    /// Reading the input failed.
    Read(std::io::Error),
    /// Writing the output failed.
    Write(std::io::Error),
    /// The input is not usable (no header, an unclosed quote …).
    Input(String),
    /// A `--keep` column that the input does not have.
    UnknownKeep {
        name: String,
        available: Vec<String>,
    },
}

impl fmt::Display for StreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StreamError::Read(e) => write!(f, "cannot read the accounts: {e}"),
            StreamError::Write(e) => write!(f, "cannot write the output: {e}"),
            StreamError::Input(m) => f.write_str(m),
            StreamError::UnknownKeep { name, available } => {
                write!(
                    f,
                    "the accounts have no column `{name}` to keep; they have: {}",
                    available.join(", ")
                )
            }
        }
    }
}

impl std::error::Error for StreamError {}

/// A field the icp tests whose column the input lacks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingColumn {
    pub field: String,
    pub column: String,
}

/// A row that could not be scored cleanly, for the summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowIssue {
    /// 1-based data row number.
    pub row: u64,
    /// 1-based line number in the input where the row starts.
    pub line: u64,
    pub message: String,
}

/// Unlisted enum or set values of one field, most frequent first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnlistedValues {
    pub field: String,
    pub column: String,
    pub values: Vec<(String, u64)>,
    /// Occurrences of further values beyond those counted one by one.
    pub others: u64,
}

/// What a run did.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    pub rows: u64,
    /// Per rubric tier, in rubric order.
    pub tiers: Vec<(String, u64)>,
    pub disqualified: u64,
    pub errors: u64,
    /// Rows that reached no tier (a rubric without `otherwise`).
    pub no_tier: u64,
    /// When a tier needs fit ([`Program::uses_fit`](crate::Program::uses_fit)): per rubric tier in order, then
    /// disqualified, then no tier, the accounts that fit the icp, do not, and are unknown.
    /// Empty otherwise.
    pub fit: Vec<[u64; 3]>,
    /// The first few error rows.
    pub error_rows: Vec<RowIssue>,
    /// Rows with more or fewer cells than the header.
    pub ragged: u64,
    pub unlisted: Vec<UnlistedValues>,
    /// JSON Lines: fields whose key appeared in no row.
    pub never_present: Vec<MissingColumn>,
    /// JSON Lines: keys that appear more than once in a line (the first is used), with the
    /// number of such lines.
    pub repeated_keys: Vec<(String, u64)>,
    /// `percent` cells written without `%`, read by [`Program::bare_percent`](crate::Program::bare_percent).
    pub bare_percent_cells: u64,
    pub bytes: u64,
    /// Bytes after the header that are not white space, in blocks that yielded no row. With
    /// `rows == 0` and this above 0, the body was not read as rows at all: worth a warning.
    pub unread_bytes: u64,
}

/// How many error rows the summary lists.
pub const ERROR_EXAMPLES: usize = 10;

/// Progress, reported after each block.
#[derive(Clone, Copy, Debug)]
pub struct Progress {
    pub bytes: u64,
    pub rows: u64,
}

/// One account of an input, as [`Job::each_account`](super::Job::each_account) hands it over.
pub struct AccountRow<'a> {
    /// The data row's number (1 for the first account).
    pub row: u64,
    /// The line it starts on.
    pub line: u64,
    /// The kept columns' values, trimmed; `None` when the row has no such cell.
    pub kept: Vec<Option<String>>,
    /// The account's evaluation in words, as `icpc score --explain` prints it.
    pub explain: &'a dyn Fn() -> String,
}
