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

    #[test]
    fn blocks_and_comments_fold() {
        let a = analysis(HR);
        let folds = folding_ranges(HR, &a);
        let lines: Vec<(usize, usize, FoldKind)> = folds
            .iter()
            .map(|f| {
                (
                    a.line_index.line_of(f.span.start as usize),
                    a.line_index.line_of(f.span.end as usize),
                    f.kind,
                )
            })
            .collect();
        assert_eq!(lines[0], (0, 1, FoldKind::Comment), "{lines:?}");
        assert!(
            lines.contains(&(3, 21, FoldKind::Region)),
            "the schema: {lines:?}"
        );
        assert!(
            lines.contains(&(29, 35, FoldKind::Region)),
            "firmographics: {lines:?}"
        );
        // Multi-line field declarations (`industry: enum [...]` then `from`) fold too.
        assert!(lines.contains(&(8, 9, FoldKind::Region)), "{lines:?}");
    }
}
