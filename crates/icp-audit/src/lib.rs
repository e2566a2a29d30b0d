//! Evidence from outcomes: how well an icp's rubric separates won from lost deals
//! ([`audit`]). Criteria proposed from the best accounts and a schema inferred from a CRM
//! export are in `icp-suggest`, which shares none of this machinery: it ranks and counts raw
//! cells, while the audit scores every row with the rubric.
//!
//! Accounts are read by `icp-eval`'s streaming reader and scored by its evaluator, exactly
//! as `icpc score` reads and scores them. This crate never prints: it returns reports and
//! renders them to strings.

pub mod audit;
pub mod html;
pub mod render;
pub mod stats;
