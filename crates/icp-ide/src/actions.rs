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

    /// Each action as its title, the code of its diagnostic and whether it is preferred, then
    /// each of its edits as its line (from 1), the text it replaces and the new text.
    fn render(src: &str, a: &Analysis, actions: &[CodeAction]) -> String {
        actions
            .iter()
            .map(|x| {
                let mut s = format!("{} [{}]", x.title, a.diagnostics[x.diagnostic].code);
                if x.preferred {
                    s.push_str(" (preferred)");
                }
                for e in &x.edits {
                    s.push_str(&format!(
                        "\n  line {}: {:?} → {:?}",
                        a.line_index.line_of(e.span.start as usize) + 1,
                        &src[e.span.range()],
                        e.new_text
                    ));
                }
                s
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The actions at the `$0` of `fixture`.
    #[track_caller]
    fn check(fixture: &str, expected: &str) {
        let (src, at) = marked(fixture);
        let a = analysis(&src);
        let actions = code_actions(&src, &a, Span::new(at, at));
        assert_eq!(
            render(&src, &a, &actions),
            expected,
            "the actions at $0 of:\n{fixture}"
        );
    }

    /// A schema with one field, and a finding on the field made by hand.
    fn one_field(src: &str, fix: impl Fn(Diagnostic, Span) -> Vec<Diagnostic>) -> (Analysis, Span) {
        let mut a = analysis(src);
        let at = src.find("a: int").expect("field");
        let span = Span::new(at, at + 1);
        let finding = Diagnostic::new("unused-field", Severity::Hint, span, "unused");
        a.diagnostics = fix(finding, span);
        (a, Span::new(at, at))
    }

    #[test]
    fn did_you_mean_fixes() {
        // A guessed name changes the meaning: offered as unsafe, never preferred.
        check(
            r#"schema crm {
  hris: enum [workday, bamboohr, none]
}

icp x "X" {
  uses crm
  rubric {
    rule stack : hri$0ss == workday
    tier ok otherwise
  }
}
"#,
            r#"Replace with `hris` (unsafe) [unknown-field]
  line 8: "hriss" → "hris""#,
        );
    }

    #[test]
    fn suppressions_go_on_the_line_above() {
        let src = "schema s {\n  a: int\n}\n";
        let (a, cursor) = one_field(src, |d, _| vec![d]);
        let actions = code_actions(src, &a, cursor);
        assert_eq!(
            render(src, &a, &actions),
            format!(
                "Allow unused-field here, with a reason [unused-field]\n  line 2: \"\" → \"  # icp: allow(unused-field) -- {REASON_PLACEHOLDER}\\n\""
            )
        );
        assert_eq!(
            apply_edits(src, &actions[0].edits),
            format!(
                "schema s {{\n  # icp: allow(unused-field) -- {REASON_PLACEHOLDER}\n  a: int\n}}\n"
            )
        );
        // A second code joins the same line.
        let src = "schema s {\n  # icp: allow(vague-term) -- ok\n  a: int\n}\n";
        let (a, cursor) = one_field(src, |d, _| vec![d]);
        let actions = code_actions(src, &a, cursor);
        assert_eq!(
            render(src, &a, &actions),
            "Allow unused-field here, with a reason [unused-field]\n  line 2: \"\" → \", unused-field\""
        );
        assert_eq!(
            apply_edits(src, &actions[0].edits),
            "schema s {\n  # icp: allow(vague-term, unused-field) -- ok\n  a: int\n}\n"
        );
        // A code already listed is not offered again.
        let src = "schema s {\n  # icp: allow(unused-field) -- ok\n  a: int\n}\n";
        let (a, cursor) = one_field(src, |d, _| vec![d]);
        assert_eq!(code_actions(src, &a, cursor), vec![]);
    }

    #[test]
    fn errors_get_no_suppression() {
        // The misspelt value is an error: its fix, and no "Allow … here".
        check(
            r#"schema crm {
  industry: enum [saas, services, retail]
}

icp x "X" {
  uses crm
  rubric {
    rule sector : industry in [saas, serv$0ces]
    tier ok otherwise
  }
}
"#,
            r#"Replace with `services` (unsafe) [unknown-value]
  line 8: "servces" → "services""#,
        );
    }

    #[test]
    fn a_safe_fix_is_preferred_and_an_unsafe_one_is_labelled() {
        let src = "schema s {\n  a: int\n}\n";
        let edit = |span| {
            vec![icp_check::Edit {
                span,
                replacement: "b".into(),
            }]
        };
        let (a, cursor) = one_field(src, |d, span| {
            vec![
                d.clone().with_fix("keep the meaning", edit(span)),
                d.with_unsafe_fix("change the meaning", edit(span)),
            ]
        });
        assert_eq!(
            render(src, &a, &code_actions(src, &a, cursor)),
            r#"Keep the meaning [unused-field] (preferred)
  line 2: "a" → "b"
Allow unused-field here, with a reason [unused-field]
  line 2: "" → "  # icp: allow(unused-field) -- TODO: say why this is acceptable here\n"
Change the meaning (unsafe) [unused-field]
  line 2: "a" → "b"
Allow unused-field here, with a reason [unused-field]
  line 2: "" → "  # icp: allow(unused-field) -- TODO: say why this is acceptable here\n""#
        );
    }

    #[test]
    fn a_suggested_criterion_is_offered_but_not_preferred() {
        check(
            r#"schema s {
  headcount_growth: percent
}

icp a "HR teams at US companies with 200-2000 employees" {
  uses s
  firmographics {
    "$0Fast-growing companies"
  }
}
"#,
            r#"Allow unmeasurable-criterion here, with a reason [unmeasurable-criterion]
  line 8: "" → "    # icp: allow(unmeasurable-criterion) -- TODO: say why this is acceptable here\n"
Replace with `headcount_growth >= 30%` (30% is a placeholder: confirm it) (unsafe) [vague-term]
  line 8: "\"Fast-growing companies\"" → "headcount_growth >= 30%"
Allow vague-term here, with a reason [vague-term]
  line 8: "" → "    # icp: allow(vague-term) -- TODO: say why this is acceptable here\n""#,
        );
    }
}
