//! Rubric evaluation of .icp profiles over account rows.
//!
//! [`Program::compile`] turns one icp of an analysed file into a flat program; an
//! [`Evaluator`] scores one row at a time in three-valued logic with exact arithmetic; and
//! [`Job`] scores a whole CSV or JSON Lines stream on several threads, in input order, with
//! bounded memory.
//!
//! Architecture invariant: this crate depends only on `icp-syntax` and `icp-check`; it never
//! prints, and it reads and writes only the streams it is given.

pub mod cell;
pub mod columns;
pub mod eval;
mod explain;
mod lone_cr;
pub mod output;
pub mod program;
mod rows;
pub mod split;
pub mod stream;

pub use eval::{Binding, Evaluator, Outcome, Row, Score, Shape, T3, TierOut};
pub use explain::explain_values;
pub use output::OutputFormat;
pub use program::{CompileError, Program};
pub use stream::{
    AccountRow, InputFormat, Job, Kept, MAX_THREADS, MissingColumn, Options, Progress, RowIssue,
    StreamError, Summary, UnlistedValues,
};
