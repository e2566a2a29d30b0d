//! The semantic model of `.icp` files and the checks over it.
//!
//! Architecture invariant: this crate depends only on `icp-syntax`; it knows nothing of
//! terminals, files on disk beyond `icp.toml`, or editors.

pub mod analysis;
pub mod baseline;
pub mod checks;
pub mod config;
pub mod diagnostic;
pub mod docs;
pub mod domain;
pub mod fix;
mod foreign;
pub mod lexicon;
pub mod model;
pub mod scores;
pub mod suppress;
pub use model::testcase;
pub mod words;

pub use analysis::{Analysis, analyze, analyze_extra, analyze_with};
pub use checks::context::Ctx;
pub use config::Config;
pub use diagnostic::{Diagnostic, Edit, Fix, Label, Safety, Severity};
