//! Applying fixes: one pass over a text, and repeated passes until the text is stable
//! (`icpc check --fix`; the language server offers the same [`Fix`] data as quick fixes).
//! Safe fixes keep the meaning and are always applied; unsafe ones change it and are applied
//! only when asked (`--unsafe-fixes`); fixes with a placeholder to confirm never are.

use crate::analysis::analyze_with;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Edit, Fix, Safety};
use crate::model::Model;

/// A fix that was applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    pub code: &'static str,
    pub title: String,
    pub safety: Safety,
    /// 1-based line of the finding, in the text the fix was applied to.
    pub line: usize,
}

/// Which fixes to apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum FixMode {
    /// Only the fixes that keep the meaning (`icpc check --fix`).
    #[default]
    Safe,
    /// Unsafe ones too (`icpc check --fix --unsafe-fixes`).
    Unsafe,
}

impl FixMode {
    /// Whether a fix of this safety is applied.
    pub fn applies(self, safety: Safety) -> bool {
        safety == Safety::Safe || self == FixMode::Unsafe
    }
}

/// Applies the fixes of `diags` that `mode` allows and whose edits do not overlap an earlier
/// fix's; returns the new text and what was applied. A fix is applied whole or not at all.
pub fn apply_once(src: &str, diags: &[Diagnostic], mode: FixMode) -> (String, Vec<Applied>) {
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut edits: Vec<&Edit> = Vec::new();
    let mut applied = Vec::new();
    let index = icp_syntax::LineIndex::new(src);
    for d in diags {
        let Some(Fix {
            title,
            edits: fx,
            confirm: false,
            safety,
        }) = &d.fix
        else {
            // No fix, or one with a placeholder the author must confirm.
            continue;
        };
        if !mode.applies(*safety) {
            continue;
        }
        let valid = fx.iter().all(|e| {
            let (s, t) = (e.span.start as usize, e.span.end as usize);
            s <= t && t <= src.len() && src.is_char_boundary(s) && src.is_char_boundary(t)
        });
        let clash = fx.iter().any(|e| {
            let (s, t) = (e.span.start as usize, e.span.end as usize);
            taken.iter().any(|&(a, b)| {
                (s < b && a < t)
                    || s == a
                    || (s == t && a < s && s < b)
                    || (a == b && s < a && a < t)
            })
        });
        if !valid || clash || fx.is_empty() {
            continue;
        }
        for e in fx {
            taken.push((e.span.start as usize, e.span.end as usize));
            edits.push(e);
        }
        applied.push(Applied {
            code: d.code,
            title: title.clone(),
            safety: *safety,
            line: index.line_of(d.span.start as usize) + 1,
        });
    }
    edits.sort_by_key(|e| std::cmp::Reverse((e.span.start, e.span.end)));
    let mut out = src.to_string();
    for e in edits {
        out.replace_range(e.span.range(), &e.replacement);
    }
    (out, applied)
}

/// Fixes a text until no fix that `mode` allows is left (at most a few rounds: one fix can
/// uncover another, as a corrected field name lets its values be checked). `context` is the
/// model of `NAME.icp` for a `NAME_test.icp` (see [`analyze_with`]).
pub fn fix_all(
    src: &str,
    config: &Config,
    mode: FixMode,
    context: Option<&Model>,
) -> (String, Vec<Applied>) {
    let mut text = src.to_string();
    let mut all = Vec::new();
    for _ in 0..5 {
        let a = analyze_with(&text, config, context);
        let (next, applied) = apply_once(&text, &a.diagnostics, mode);
        if applied.is_empty() || next == text {
            break;
        }
        all.extend(applied);
        text = next;
    }
    (text, all)
}
