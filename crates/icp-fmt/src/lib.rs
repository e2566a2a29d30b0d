//! The `.icp` formatter: one canonical layout, so that a change to an ICP shows in review as the
//! lines it changes and nothing else. Every comment is kept.
//!
//! The layout rules, and why they are what they are, are in `docs/formatting.md`.
//!
//! ```
//! let src = "icp x \"X\" { firmographics { employees   in 200..2000 } }";
//! let out = icp_fmt::format_source(src, &icp_fmt::FmtOptions::default()).unwrap();
//! assert_eq!(out, "icp x \"X\" {\n  firmographics {\n    employees in 200..2000\n  }\n}\n");
//! ```

mod escape;
mod layout;
pub mod options;
mod printer;
mod range;

use std::fmt;

use icp_syntax::ast::{Expr, ExprKind, File, Item, RubricItem, StmtKind, TestStmtKind};
use icp_syntax::{Span, SyntaxError};

pub use range::format_range;

/// Formatting options: the `[fmt]` table of `icp.toml`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct FmtOptions {
    /// Spaces per level of nesting (`indent-width`). Default 2.
    pub indent_width: usize,
    /// Width in characters beyond which a line's lists are broken one item per line
    /// (`line-width`). Default 100.
    pub line_width: usize,
}

/// The keys of the `[fmt]` table.
pub const KEYS: &[&str] = &["indent-width", "line-width"];

impl FmtOptions {
    /// Sets one key of the `[fmt]` table, or says why the value cannot be used. This is the one
    /// validation of the table: `icp.toml` is read by the checks' configuration, which calls
    /// it for every command and for the language server.
    pub fn set(&mut self, key: &str, value: i64) -> Result<(), String> {
        match key {
            "indent-width" if (1..=16).contains(&value) => self.indent_width = value as usize,
            "indent-width" => {
                return Err(format!(
                    "`fmt.indent-width` must be between 1 and 16, not {value}"
                ));
            }
            "line-width" if (20..=10_000).contains(&value) => self.line_width = value as usize,
            "line-width" => {
                return Err(format!(
                    "`fmt.line-width` must be between 20 and 10000, not {value}"
                ));
            }
            other => return Err(format!("unknown key `fmt.{other}`")),
        }
        Ok(())
    }
}

impl Default for FmtOptions {
    fn default() -> FmtOptions {
        FmtOptions {
            indent_width: 2,
            line_width: 100,
        }
    }
}

/// Why a file was not formatted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FmtError {
    /// The file has syntax errors; it is not rewritten, since a formatter that guesses at a
    /// broken file can lose text.
    Syntax(Vec<SyntaxError>),
}

impl fmt::Display for FmtError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FmtError::Syntax(errors) => {
                let n = errors.len();
                write!(
                    f,
                    "not formatted: the file has {n} syntax error{}",
                    if n == 1 { "" } else { "s" }
                )
            }
        }
    }
}

impl std::error::Error for FmtError {}

/// Formats a whole file. Returns the file in canonical layout, ending with a line break (an
/// empty file stays empty), or [`FmtError::Syntax`] if the file does not parse.
pub fn format_source(src: &str, opts: &FmtOptions) -> Result<String, FmtError> {
    let out = format_units(src, opts).map(|(out, _)| out)?;
    // A byte order mark is kept: the file's editor wrote it and may expect it.
    if src.starts_with('\u{FEFF}') {
        return Ok(format!("\u{FEFF}{out}"));
    }
    Ok(out)
}

/// Formats a file and returns the output with the statements it is made of.
pub(crate) fn format_units(
    src: &str,
    opts: &FmtOptions,
) -> Result<(String, Vec<printer::Unit>), FmtError> {
    // Lone `\r` line ends read as `\n` (offsets unchanged); the output ends lines with `\n`.
    let src = &*icp_syntax::normalize_line_ends(src);
    let (file, errors) = icp_syntax::parse(src);
    if !errors.is_empty() {
        return Err(FmtError::Syntax(errors));
    }
    if let Some(span) = first_error_node(&file) {
        // The parser reports every error node; this guards the printer should it ever not.
        return Err(FmtError::Syntax(vec![SyntaxError {
            span,
            message: "this part of the file could not be read".into(),
        }]));
    }
    let mut p = printer::Printer::new(src, &file.comments, opts);
    p.file(&file);
    Ok(p.finish())
}

/// The span of the first part of the tree that the parser could not read, if any.
fn first_error_node(file: &File) -> Option<Span> {
    fn expr_error(e: &Expr) -> Option<Span> {
        let mut found = None;
        e.walk(&mut |x| {
            if found.is_none() && matches!(x.kind, ExprKind::Error) {
                found = Some(x.span);
            }
        });
        found
    }
    for item in &file.items {
        let icp = match item {
            Item::Error(span) => return Some(*span),
            Item::Schema(_) => continue,
            Item::Test(t) => {
                if let Some(st) = t.body.iter().find(|s| s.kind == TestStmtKind::Error) {
                    return Some(st.span);
                }
                continue;
            }
            Item::Icp(icp) => icp,
        };
        for stmt in &icp.body {
            let found = match &stmt.kind {
                StmtKind::Error => Some(stmt.span),
                StmtKind::Criteria { items, .. } => items.iter().find_map(|c| expr_error(&c.expr)),
                StmtKind::Segment(seg) => seg.items.iter().find_map(|c| expr_error(&c.expr)),
                StmtKind::Disqualify(items) => items.iter().find_map(|d| expr_error(&d.expr)),
                StmtKind::Rubric(items) => items.iter().find_map(|i| match i {
                    RubricItem::Rule(r) => expr_error(&r.expr),
                    RubricItem::Tier(_) => None,
                }),
                _ => None,
            };
            if found.is_some() {
                return found;
            }
        }
    }
    None
}
