//! The `.icp` language's syntax: lexer, parser and syntax tree, with spans in bytes.
//!
//! Architecture invariant: this crate depends on nothing else in the workspace, and parsing
//! never fails: [`parse`] returns the tree it could build and every error it met.

pub mod ast;
pub mod generator;
pub mod keywords;
pub mod lexer;
pub mod literal;
pub mod parser;
pub mod span;

pub use parser::{SyntaxError, parse};
pub use span::{LineCol, LineIndex, Span, normalize_line_ends};
