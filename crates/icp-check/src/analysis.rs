//! One analysis for every front end: parse, resolve, check.

use icp_syntax::LineIndex;

use icp_syntax::ast::File;

use crate::checks::context::Ctx;
use crate::checks::errors;
use crate::checks::registry;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::model::{self, Model};

/// The result of analysing one source text.
#[derive(Clone, Debug)]
pub struct Analysis {
    pub file: File,
    pub model: Model,
    /// Every finding, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    pub line_index: LineIndex,
    /// The date the checks judged against (days since 1970-01-01): `within` criteria, and so
    /// the rubric's possible scores, depend on it.
    pub today: i64,
}

/// A syntax error as a diagnostic; a type written under another language's name
/// (`boolean`) gets the language's name and a fix.
fn syntax_diagnostic(src: &str, e: icp_syntax::parser::SyntaxError) -> Diagnostic {
    let text = src
        .get(e.span.start as usize..e.span.end as usize)
        .unwrap_or("");
    if let (None, Some(ty)) = (
        icp_syntax::ast::TypeName::from_name(text),
        icp_syntax::ast::TypeName::from_typo(text),
    ) {
        let name = ty.as_str();
        return Diagnostic::error(
            errors::SYNTAX.code,
            e.span,
            format!("`{text}` is not a type of the language: did you mean `{name}`?"),
        )
        .with_help(
            "the types are int, number, money, percent, text, bool, date, duration, enum [..] and set [..]",
        )
        .with_fix(
            format!("write `{name}`"),
            vec![crate::diagnostic::Edit {
                span: e.span,
                replacement: name.to_string(),
            }],
        );
    }
    Diagnostic::error(errors::SYNTAX.code, e.span, e.message)
}

/// Parses, resolves and checks one source text. Never fails and never panics on any input.
pub fn analyze(src: &str, config: &Config) -> Analysis {
    analyze_with(src, config, None)
}

/// [`analyze`], with the model of another file whose icps and schemas the tests may name:
/// for `NAME_test.icp`, the model of `NAME.icp` beside it.
pub fn analyze_with(src: &str, config: &Config, context: Option<&Model>) -> Analysis {
    analyze_extra(src, config, context, None)
}

/// Findings computed outside this crate from what the checks see (the data checks of
/// `icp-data`); they are added before suppressions and severities apply.
pub type Extra<'a> = &'a dyn Fn(&Ctx<'_>) -> Vec<Diagnostic>;

/// [`analyze_with`], with further findings from `extra`.
pub fn analyze_extra(
    src: &str,
    config: &Config,
    context: Option<&Model>,
    extra: Option<Extra<'_>>,
) -> Analysis {
    // Lone `\r` line ends become `\n` (offsets unchanged), so every check reads lines alike.
    let src = &*icp_syntax::normalize_line_ends(src);
    let (file, syntax_errors) = icp_syntax::parse(src);
    let mut diagnostics: Vec<Diagnostic> = syntax_errors
        .into_iter()
        .map(|e| syntax_diagnostic(src, e))
        .collect();
    // Hidden direction characters, wherever they are (comments and strings included).
    crate::checks::bidi_character::run(src, &mut diagnostics);
    let mut model = model::resolve(&file, &mut diagnostics);
    model.tests = crate::testcase::resolve_tests(&file, &model, context, &mut diagnostics);
    crate::foreign::reword(src, &mut diagnostics);
    let ctx = Ctx::new(src, &file, &model, config, registry::needs(config));
    registry::run_all(&ctx, &mut diagnostics);
    if let Some(extra) = extra {
        diagnostics.extend(extra(&ctx));
    }
    crate::suppress::apply(src, &file, config, &mut diagnostics);
    apply_severities(config, &mut diagnostics);
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, a.code).cmp(&(b.span.start, b.span.end, b.code))
    });
    let today = ctx.today;
    Analysis {
        today,
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
        if registry::lookup(d.code).is_some_and(|c| c.group == registry::Group::Language) {
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
