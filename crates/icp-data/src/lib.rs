//! The profile meets the data: accounts read once into memory (a uniform sample of a bigger
//! file) and kept as typed columns, so that what each criterion, rule, disqualifier and tier
//! does to them can be counted again after every edit; and the data-aware checks.
//!
//! Cells are read by `icp-eval`'s readers, so every figure is what `icpc score` would give on
//! the same rows. Architecture: this crate depends on `icp-check`, `icp-eval` and `icp-audit`
//! (for how an outcome is read); it never prints. The language server and `icpc check` use it.

pub mod checks;
pub mod figures;
pub mod sheet;

pub use figures::{DataSet, IcpFigures, TierFigure, percent, thousands};
pub use sheet::Sheet;
