//! Inlay hints: the weight of each rule that does not write one (`+1`), and the scores that
//! land in each tier (`→ 4..6`), computed from the rubric.

use icp_syntax::Span;
use icp_syntax::ast::{Item, RubricItem, StmtKind};

use crate::{Analysis, score};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlayHint {
    /// Where the hint is shown (before the character at this offset).
    pub offset: usize,
    pub label: String,
    pub tooltip: Option<String>,
    pub padding_left: bool,
}

/// The hints whose position falls in `range`.
pub fn inlay_hints(a: &Analysis, range: Span) -> Vec<InlayHint> {
    let mut out = Vec::new();
    for m in &a.model.icps {
        if m.span.end < range.start || m.span.start > range.end {
            continue;
        }
        let Some(Item::Icp(icp)) = a.file.items.get(m.item) else {
            continue;
        };
        let tiers = score::tier_scores(a, m);
        let Some(b) = score::bounds(a, m) else {
            continue;
        };
        let mut tier_i = 0;
        for st in &icp.body {
            let StmtKind::Rubric(items) = &st.kind else {
                continue;
            };
            for it in items {
                match it {
                    RubricItem::Rule(r) => {
                        if r.weight.is_none() {
                            out.push(InlayHint {
                                offset: r.name.span.end as usize,
                                label: "+1".into(),
                                tooltip: Some(
                                    "A rule without a weight adds 1 when it holds.".into(),
                                ),
                                padding_left: true,
                            });
                        }
                    }
                    RubricItem::Tier(t) => {
                        let Some(ts) = m
                            .tiers
                            .iter()
                            .position(|x| x.name_span == t.name.span)
                            .and_then(|i| tiers.get(i))
                        else {
                            continue;
                        };
                        tier_i += 1;
                        let label = if ts.is_empty() {
                            "→ unreachable".to_string()
                        } else {
                            format!("→ {}", ts.describe())
                        };
                        out.push(InlayHint {
                            offset: t.span.end as usize,
                            label,
                            tooltip: Some(format!(
                                "Scores in tier `{}` (tier {tier_i}); the rubric scores from {} to {}.",
                                t.name.name,
                                icp_syntax::literal::format_rational(&b.min),
                                icp_syntax::literal::format_rational(&b.max)
                            )),
                            padding_left: true,
                        });
                    }
                }
            }
        }
    }
    out.retain(|h| (range.start as usize) <= h.offset && h.offset <= range.end as usize);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::*;

    #[test]
    fn weights_and_tier_scores() {
        let a = analysis(HR);
        let hints = inlay_hints(&a, Span::new(0, HR.len()));
        let labels: Vec<&str> = hints.iter().map(|h| h.label.as_str()).collect();
        assert_eq!(
            labels,
            vec![
                "+1", "+1", "+1", "+1", "+1", "+1", "+1", "→ 5..7", "→ 3..4", "→ 0..2"
            ]
        );
        assert_eq!(&HR[hints[0].offset - 12..hints[0].offset], "industry_fit");
        let a = analysis(DEVTOOLS);
        let labels: Vec<String> = inlay_hints(&a, Span::new(0, DEVTOOLS.len()))
            .into_iter()
            .map(|h| h.label)
            .collect();
        assert_eq!(labels, vec!["→ 7..9", "→ 4..6", "→ -4..3"]);
    }

    #[test]
    fn outside_the_range_nothing() {
        let a = analysis(HR);
        assert!(inlay_hints(&a, Span::new(0, 10)).is_empty());
    }
}
