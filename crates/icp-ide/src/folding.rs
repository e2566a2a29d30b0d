//! Folding ranges: items, blocks, multi-line lists and runs of comment lines.

use icp_syntax::Span;
use icp_syntax::ast::{Item, StmtKind};

use crate::Analysis;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FoldKind {
    Region,
    Comment,
}

/// A foldable span; the editor folds the lines it covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fold {
    pub span: Span,
    pub kind: FoldKind,
}

/// Every fold that spans more than one line.
pub fn folding_ranges(src: &str, a: &Analysis) -> Vec<Fold> {
    let lines = &a.line_index;
    let multi =
        |s: Span| !s.is_empty() && lines.line_of(s.start as usize) < lines.line_of(s.end as usize);
    let mut out = Vec::new();
    let region = |s: Span, out: &mut Vec<Fold>| {
        if multi(s) {
            out.push(Fold {
                span: s,
                kind: FoldKind::Region,
            });
        }
    };
    for item in &a.file.items {
        match item {
            Item::Schema(s) => {
                region(s.span, &mut out);
                for f in &s.fields {
                    region(f.span, &mut out);
                }
            }
            Item::Icp(icp) => {
                region(icp.span, &mut out);
                for st in &icp.body {
                    if !matches!(st.kind, StmtKind::Error) {
                        region(st.span, &mut out);
                    }
                }
            }
            Item::Test(t) => {
                region(t.span, &mut out);
                for st in &t.body {
                    region(st.span, &mut out);
                }
            }
            Item::Error(_) => {}
        }
    }
    // Runs of whole-line comments.
    let mut run: Option<(Span, usize)> = None;
    for c in &a.file.comments {
        let line = lines.line_of(c.start as usize);
        let start = lines.line_start(line).unwrap_or(0);
        let alone = src
            .get(start..c.start as usize)
            .is_some_and(|t| t.trim().is_empty());
        match (&mut run, alone) {
            (Some((span, last)), true) if *last + 1 == line => {
                *span = span.cover(*c);
                *last = line;
            }
            (_, true) => {
                if let Some((span, _)) = run.take() {
                    if multi(span) {
                        out.push(Fold {
                            span,
                            kind: FoldKind::Comment,
                        });
                    }
                }
                run = Some((*c, line));
            }
            (_, false) => {}
        }
    }
    if let Some((span, _)) = run {
        if multi(span) {
            out.push(Fold {
                span,
                kind: FoldKind::Comment,
            });
        }
    }
    out.sort_by_key(|f| (f.span.start, std::cmp::Reverse(f.span.end)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::*;

    /// Each fold as its kind, its lines (from 1) and the first line of its text.
    #[track_caller]
    fn check(src: &str, expected: &str) {
        let a = analysis(src);
        let line = |o: u32| a.line_index.line_of(o as usize) + 1;
        let folds: Vec<String> = folding_ranges(src, &a)
            .iter()
            .map(|f| {
                let first = src[f.span.range()].lines().next().unwrap_or("");
                format!(
                    "{:?} {}-{}: {first}",
                    f.kind,
                    line(f.span.start),
                    line(f.span.end)
                )
            })
            .collect();
        assert_eq!(folds.join("\n"), expected, "the folds of:\n{src}");
    }

    #[test]
    fn blocks_and_comments_fold() {
        check(
            r#"# Accounts from the CRM,
# exported every night.

schema crm {
  employees: int
  industry: enum [saas, services]
    from "Industry"
  hris: enum [workday, bamboohr]
}

icp x "X" {
  uses crm
  firmographics {
    employees in 200..2000 # a comment after code
    # a comment alone on its line
  }
  tech_stack { hris in [workday] }
  rubric {
    rule size_fit : employees in [
      200,
      2000,
    ]
    tier strong when score >= 1
    tier weak otherwise
  }
}

test t "T" {
  icp x
  account {
    employees 1200
  }
  expect tier strong
}
"#,
            r#"Comment 1-2: # Accounts from the CRM,
Region 4-9: schema crm {
Region 6-7: industry: enum [saas, services]
Region 11-26: icp x "X" {
Region 13-16: firmographics {
Region 18-25: rubric {
Region 28-34: test t "T" {
Region 30-32: account {"#,
        );
    }
}
