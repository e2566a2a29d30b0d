//! The ICP-quality checks, one file per check, and the registry from code to check.

use crate::analysis::Ctx;
use crate::diagnostic::Diagnostic;

/// Runs every quality check over an analysed file.
pub fn run_all(_ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
