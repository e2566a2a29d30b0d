//! Compiles an icp's rubric to SQL that scores a table where it lives, with exactly the
//! meaning `icpc score` gives it: the same columns, the same values, row for row.
//!
//! The input is the scoring program of `icp-eval` ([`icp_eval::Program`]), so the criteria,
//! disqualifiers, graded rules, tiers and segments are the ones the evaluator runs. Everything
//! that differs between engines lives in one capabilities table per dialect ([`Caps`]), with
//! the only identifier and literal encoders the compiler uses.
//!
//! Architecture invariant: depends on `icp-eval`, `icp-check` and `icp-syntax`; never prints.

mod compile;
mod dialect;

pub use compile::{Options, compile_select, create_view, dbt_model, dbt_schema};
pub use dialect::{Caps, Target};

/// Why a rubric cannot be compiled for a target: names the construct and the target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SqlError(pub String);

impl std::fmt::Display for SqlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SqlError {}

/// The columns of the result after the kept ones, as `icpc score` writes them.
pub use icp_eval::output::RESULT_COLUMNS;
