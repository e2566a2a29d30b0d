//! Scoring an account file as a stream: a reader thread cuts the input into blocks at record
//! boundaries, a pool of workers parses and scores the blocks, and the calling thread writes
//! the results in input order. Memory is bounded by the number of blocks in flight, whatever
//! the number of rows.
//!
//! The files depend on each other one way: `types` (what a job is given and reports) and
//! `blocks` (cutting the input at record boundaries) below `ctx` (what readers and workers
//! share), the readers (`csv_rows`, `jsonl_rows`) above it, `pipeline` (the threads) above
//! them, and `job` on top.

mod blocks;
mod csv_rows;
mod ctx;
mod job;
mod jsonl_rows;
mod pipeline;
mod types;

pub use crate::rows::Kept;
pub use job::Job;
pub use types::{
    AccountRow, ERROR_EXAMPLES, InputFormat, MAX_RECORD_BYTES, MAX_THREADS, MissingColumn, Options,
    Progress, RowIssue, StreamError, Summary, UnlistedValues,
};
