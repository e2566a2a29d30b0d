//! The ICP-quality checks, one file per check, and what they share.
//!
//! Each check file holds its documentation ([`CheckDoc`]: what it flags, why that hurts an
//! ICP, an invalid and a valid example) and its `run` function. Around them:
//!
//! - `registry.rs`: the one table of codes ([`REGISTRY`]) from which docs, severities, groups,
//!   what each check needs and the run order come;
//! - `context.rs`: [`Ctx`], what every check (and a caller's extra findings) sees;
//! - `prose.rs`: the prose of a file, each piece judged once by the lexicon
//!   (`shared_lexicon.rs` keeps the lexicon of the configured phrases);
//! - `facts.rs`: what each criterion admits and the rubric's possible scores, judged once;
//! - `criteria.rs`, `format.rs`, `doc.rs`: helpers to walk criteria, word messages and start
//!   findings.
//!
//! Files here import one another by path, never through this file's re-exports, so that
//! no file imports back into one that imports it.

pub mod bidi_character;
pub mod broad_range;
pub mod context;
pub mod criteria;
pub mod data;
pub mod doc;
pub mod empty_block;
pub mod errors;
pub mod facts;
pub mod format;
pub mod label_mismatch;
pub mod missing_dimension;
pub mod missing_reason;
pub mod non_excluding;
pub mod placeholder;
pub mod prose;
pub mod registry;
pub mod rubric_ignores_profile;
mod shared_lexicon;
pub mod solution_thinking;
pub mod stale_review;
pub mod suppression_without_reason;
pub mod unmeasurable_criterion;
pub mod unreachable_tier;
pub mod unsatisfiable;
pub mod unused_field;
pub mod unused_suppression;
pub mod vague_term;
pub mod weak_trigger;

pub use context::{Ctx, Needs};
pub use criteria::{Pos, atom_field, criteria};
pub use doc::{CheckDoc, diag};
pub use facts::Facts;
pub use format::{fmt_num, quote, type_phrase};
pub use prose::{Place, Prose};
pub use registry::{Check, Group, REGISTRY, RunFn, codes, lookup, needs, run_all, summary};
