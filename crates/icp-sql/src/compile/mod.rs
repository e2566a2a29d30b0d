//! The compiler: one `SELECT` over the accounts table, built as a chain of common table
//! expressions: the cells as trimmed text, then each cell read step by step exactly as
//! `icp_eval::cell` reads it (with the same error messages), then the criteria in SQL's
//! three-valued logic (which is Kleene's), then the score interval as an exact integer count
//! of `1/D`, and last the output columns.
//!
//! The files depend on each other one way: `options` and `scale` (the score's unit) at the
//! bottom, `layers` (the common table expressions being built, the shared text helpers) above
//! `options`, `cells` (reading each cell type) and `criteria` (the rubric's nodes in SQL) above
//! `layers`, and `select` (the whole statement, views and dbt models) on top.

mod cells;
mod criteria;
mod layers;
mod options;
mod scale;
mod select;

pub use options::Options;
pub use select::{compile_select, create_view, dbt_model, dbt_schema};
