//! Evidence from the best accounts.
//!
//! - [`infer`]: the schema of a CRM export (`icpc init --from`), each column's type judged
//!   by the same cell readers `icpc score` uses (`icp_eval::cell`), so that a column inferred
//!   as `money` reads as money when scored.
//! - [`suggest`]: criteria proposed from the top accounts by a column (`icpc suggest`): for
//!   each field, the narrowest band or value set that covers most of them, with how much of
//!   the whole file it excludes and its lift.
//!
//! Both read CSV as a stream ([`table`]): memory is bounded by the number of columns, the
//! distinct values kept per column and `--top`, never by the number of rows. This crate never
//! prints: it returns reports and `.icp` text.

pub mod infer;
pub mod names;
mod propose;
pub mod suggest;
pub mod table;
