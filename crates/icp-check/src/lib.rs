//! The semantic model of `.icp` files and the checks over it.
//!
//! Architecture invariant: this crate depends only on `icp-syntax`; it knows nothing of
//! terminals, files on disk beyond `icp.toml`, or editors.

pub mod analysis;
pub mod checks;
pub mod config;
pub mod diagnostic;
pub mod model;

pub use analysis::{analyze, Analysis, Ctx};
pub use config::Config;
pub use diagnostic::{Diagnostic, Edit, Fix, Label, Severity};
