//! Code actions: the fixes the checker is sure of (did-you-mean and the like), and a
//! suppression with a reason for a warning the author accepts.

use icp_check::{Diagnostic, Safety, Severity};
use icp_syntax::Span;

use crate::{Analysis, TextEdit};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionKind {
    QuickFix,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeAction {
    pub title: String,
    pub kind: ActionKind,
    pub edits: Vec<TextEdit>,
    /// The index in `Analysis::diagnostics` of the diagnostic the action resolves.
    pub diagnostic: usize,
    /// Whether the editor may apply it without asking (the checker's own fix).
    pub preferred: bool,
}

/// The placeholder reason of a new suppression, for the author to replace.
pub const REASON_PLACEHOLDER: &str = "TODO: say why this is acceptable here";

/// Whether two spans touch or overlap (a cursor at either end of a span is on it).
fn touches(a: Span, b: Span) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// The actions for the diagnostics that touch `range`.
pub fn code_actions(src: &str, a: &Analysis, range: Span) -> Vec<CodeAction> {
    let mut out = Vec::new();
    for (i, d) in a.diagnostics.iter().enumerate() {
        if !touches(d.span, range) {
            continue;
        }
        if let Some(fix) = &d.fix {
            // An unsafe fix changes the meaning: the editor says so and never prefers it.
            let title = match fix.safety {
                Safety::Safe => capitalise(&fix.title),
                Safety::Unsafe => format!("{} (unsafe)", capitalise(&fix.title)),
            };
            out.push(CodeAction {
                title,
                kind: ActionKind::QuickFix,
                edits: fix
                    .edits
                    .iter()
                    .map(|e| TextEdit::new(e.span, e.replacement.clone()))
                    .collect(),
                diagnostic: i,
                // A fix with a placeholder waits for the author's choice.
                preferred: !fix.confirm && fix.safety == Safety::Safe,
            });
        }
        if let Some(edit) = suppression(src, a, d) {
            out.push(CodeAction {
                title: format!("Allow {} here, with a reason", d.code),
                kind: ActionKind::QuickFix,
                edits: vec![edit],
                diagnostic: i,
                preferred: false,
            });
        }
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The edit that suppresses `d`: a `# icp: allow(CODE) -- reason` line above the line it is on,
/// or the code added to such a line already there. Errors cannot be suppressed.
fn suppression(src: &str, a: &Analysis, d: &Diagnostic) -> Option<TextEdit> {
    if d.severity == Severity::Error {
        return None;
    }
    let line = a.line_index.line_of(d.span.start as usize);
    let start = a.line_index.line_start(line)?;
    let text = &src[start..];
    let indent: String = text
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    // An existing suppression alone on the line above: add the code to its list.
    if line > 0 {
        let above_start = a.line_index.line_start(line - 1)?;
        let above = &src[above_start..start];
        let trimmed = above.trim_start();
        if let Some(rest) = trimmed.strip_prefix('#') {
            let rest = rest.trim_start();
            if let (true, Some(open)) = (rest.starts_with("icp:"), above.find("allow(")) {
                let close = above[open..].find(')')? + open;
                let codes = &above[open + 6..close];
                if codes.split(',').any(|c| c.trim() == d.code) {
                    return None;
                }
                let at = above_start + close;
                return Some(TextEdit::new(Span::new(at, at), format!(", {}", d.code)));
            }
        }
    }
    Some(TextEdit::new(
        Span::new(start, start),
        format!("{indent}# icp: allow({}) -- {REASON_PLACEHOLDER}\n", d.code),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apply_edits;
    use crate::test_support::*;
    use icp_check::Label;

    #[test]
    fn did_you_mean_fixes() {
        let a = analysis(ANTIPATTERNS);
        let at = ANTIPATTERNS.find("hriss").expect("hriss");
        let actions = code_actions(ANTIPATTERNS, &a, Span::new(at, at));
        // A guessed name changes the meaning: offered as unsafe, never preferred.
        let fix = actions
            .iter()
            .find(|x| x.title == "Replace with `hris` (unsafe)")
            .unwrap_or_else(|| panic!("{actions:#?}"));
        assert!(!fix.preferred);
        let out = apply_edits(ANTIPATTERNS, &fix.edits);
        assert!(out.contains("rule stack : hris == workday"));
    }

    #[test]
    fn suppressions_go_on_the_line_above() {
        let src = "schema s {\n  a: int\n}\n";
        let mut a = analysis(src);
        let at = src.find("a: int").expect("field");
        a.diagnostics = vec![Diagnostic {
            code: "unused-field",
            severity: Severity::Hint,
            message: "unused".into(),
            help: None,
            span: Span::new(at, at + 1),
            labels: Vec::<Label>::new(),
            fix: None,
        }];
        let actions = code_actions(src, &a, Span::new(at, at));
        assert_eq!(actions.len(), 1);
        let out = apply_edits(src, &actions[0].edits);
        assert_eq!(
            out,
            format!(
                "schema s {{\n  # icp: allow(unused-field) -- {REASON_PLACEHOLDER}\n  a: int\n}}\n"
            )
        );
        // A second code joins the same line.
        let src2 = "schema s {\n  # icp: allow(vague-term) -- ok\n  a: int\n}\n";
        let mut a2 = analysis(src2);
        let at2 = src2.find("a: int").expect("field");
        a2.diagnostics = a.diagnostics.clone();
        a2.diagnostics[0].span = Span::new(at2, at2 + 1);
        let out2 = apply_edits(src2, &code_actions(src2, &a2, Span::new(at2, at2))[0].edits);
        assert!(
            out2.contains("# icp: allow(vague-term, unused-field) -- ok"),
            "{out2}"
        );
    }

    #[test]
    fn errors_get_no_suppression() {
        let a = analysis(ANTIPATTERNS);
        let at = ANTIPATTERNS.find("servces").expect("typo");
        let actions = code_actions(ANTIPATTERNS, &a, Span::new(at, at + 2));
        assert!(
            actions
                .iter()
                .all(|x| !x.preferred && x.title.ends_with(" (unsafe)")),
            "{actions:?}"
        );
        assert!(!actions.is_empty());
    }

    #[test]
    fn a_safe_fix_is_preferred_and_an_unsafe_one_is_labelled() {
        let src = "schema s {\n  a: int\n}\n";
        let mut a = analysis(src);
        let at = src.find("a: int").expect("field");
        let finding = Diagnostic::new("unused-field", Severity::Hint, Span::new(at, at + 1), "x");
        let edit = || {
            vec![icp_check::Edit {
                span: Span::new(at, at + 1),
                replacement: "b".into(),
            }]
        };
        a.diagnostics = vec![
            finding.clone().with_fix("keep the meaning", edit()),
            finding.with_unsafe_fix("change the meaning", edit()),
        ];
        let actions = code_actions(src, &a, Span::new(at, at));
        let find = |title: &str| {
            actions
                .iter()
                .find(|x| x.title == title)
                .unwrap_or_else(|| panic!("no {title:?} in {actions:#?}"))
        };
        assert!(find("Keep the meaning").preferred);
        assert!(!find("Change the meaning (unsafe)").preferred);
    }

    #[test]
    fn a_suggested_criterion_is_offered_but_not_preferred() {
        let src = "schema s {\n  headcount_growth: percent\n}\n\nicp a \"HR teams at US companies with 200-2000 employees\" {\n  uses s\n  firmographics {\n    \"Fast-growing companies\"\n  }\n}\n";
        let a = analysis(src);
        let at = src.find("Fast").expect("the prose");
        let actions = code_actions(src, &a, Span::new(at, at));
        let fix = actions
            .iter()
            .find(|x| {
                x.title
                    .starts_with("Replace with `headcount_growth >= 30%`")
            })
            .unwrap_or_else(|| panic!("{actions:#?}"));
        assert!(!fix.preferred);
        let out = apply_edits(src, &fix.edits);
        assert!(out.contains("    headcount_growth >= 30%\n"), "{out}");
    }
}
