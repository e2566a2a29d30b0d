//! One analysis for every front end: parse, resolve, check.

use icp_syntax::LineIndex;
use icp_syntax::ast::File;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::model::{self, Model};

/// What the checks see.
pub struct Ctx<'a> {
    pub src: &'a str,
    pub file: &'a File,
    pub model: &'a Model,
    pub config: &'a Config,
}

/// The result of analysing one source text.
#[derive(Clone, Debug)]
pub struct Analysis {
    pub file: File,
    pub model: Model,
    /// Every finding, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    pub line_index: LineIndex,
}

/// Parses, resolves and checks one source text. Never fails and never panics on any input.
pub fn analyze(src: &str, config: &Config) -> Analysis {
    analyze_with(src, config, None)
}

/// [`analyze`], with the model of another file whose icps and schemas the tests may name:
/// for `NAME_test.icp`, the model of `NAME.icp` beside it.
pub fn analyze_with(src: &str, config: &Config, context: Option<&Model>) -> Analysis {
    // Lone `\r` line ends become `\n` (offsets unchanged), so every check reads lines alike.
    let src = &*icp_syntax::normalize_line_ends(src);
    let (file, syntax_errors) = icp_syntax::parse(src);
    let mut diagnostics: Vec<Diagnostic> = syntax_errors
        .into_iter()
        .map(|e| Diagnostic::error("syntax", e.span, e.message))
        .collect();
    // Hidden direction characters, wherever they are (comments and strings included).
    crate::checks::bidi_character::run(src, &mut diagnostics);
    let mut model = model::resolve(&file, &mut diagnostics);
    model.tests = crate::testcase::resolve_tests(&file, &model, context, &mut diagnostics);
    let ctx = Ctx {
        src,
        file: &file,
        model: &model,
        config,
    };
    crate::checks::run_all(&ctx, &mut diagnostics);
    crate::suppress::apply(src, &file, config, &mut diagnostics);
    apply_severities(config, &mut diagnostics);
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, a.code).cmp(&(b.span.start, b.span.end, b.code))
    });
    Analysis {
        line_index: LineIndex::new(src),
        file,
        model,
        diagnostics,
    }
}

/// Gives each finding of a check the severity the configuration sets, dropping those of checks
/// turned off. Language errors keep theirs.
fn apply_severities(config: &Config, diagnostics: &mut Vec<Diagnostic>) {
    if config.severities.is_empty() {
        return;
    }
    diagnostics.retain_mut(|d| {
        if crate::checks::lookup(d.code).is_some_and(|c| c.group == crate::checks::Group::Language)
        {
            return true;
        }
        match config.severity(d.code, d.severity) {
            Some(s) => {
                d.severity = s;
                true
            }
            None => false,
        }
    });
}
