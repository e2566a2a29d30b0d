//! What a criterion admits, given the schema: exact value sets per field and a bounded
//! disjunctive normal form over them.
//!
//! The checks `non-excluding`, `unsatisfiable`, `unreachable-tier` and the segment analysis
//! reason here about values, never about text. Each field type has a domain (an `int` or
//! `money` is never negative, an `enum` has exactly its listed values, a `set` holds a subset
//! of its listed values), and each atomic test is a subset of that domain. A criterion becomes
//! a union of *boxes* (one constraint per field it tests); it is unsatisfiable when the union
//! is empty, and no account can fail it when the union of its negation is empty.
//!
//! Arithmetic is exact ([`Rational`]). Tests that cannot be reasoned about (prose, `graded`,
//! tests that did not resolve) count as "could be true, could be false" in both polarities,
//! so every conclusion drawn here is sound: the analysis may miss a finding, never invent one.
//! The normal form is capped at [`MAX_BOXES`] boxes: past it the answer is "unknown".

//!
//! - `sets.rs`: the value-set algebra (intervals, bit sets, boxes, normal forms);
//! - `truth.rs`: [`Domain`], the judgements of criteria over it.
//!
//! Files here import one another by path, never through this file's re-exports.

mod sets;
#[cfg(test)]
mod tests;
mod truth;

pub use sets::*;
pub use truth::*;
