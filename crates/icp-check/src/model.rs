//! The semantic model: schemas with typed fields, and each icp resolved against its schema.
//!
//! Resolution reports the language's errors (`unknown-field`, `type-mismatch`, …) and gives
//! the checks, the evaluator and the editor features one typed view of a file: field tests
//! carry field ids and literals converted to the field's type.
//!
//! - `types.rs`: the model's types;
//! - `resolve.rs`: the model built from a file (schemas, icps, names);
//! - `criterion.rs`: criteria and literals resolved against a schema;
//! - `testcase.rs`: the `test` items resolved against the model.
//!
//! Files here import one another by path, never through this file's re-exports.

mod criterion;
mod resolve;
pub mod testcase;
mod types;

pub use resolve::resolve;
pub use types::*;
