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

    /// The hints in the range between the two `$0` markers of `fixture` (the whole text when
    /// it has none), shown in the lines they fall on as `‹label›` at their offsets.
    #[track_caller]
    fn check(fixture: &str, expected: &str) {
        let (src, range) = match fixture.match_indices("$0").count() {
            0 => (fixture.to_string(), Span::new(0, fixture.len())),
            2 => {
                let (once, start) = marked(fixture);
                let (src, end) = marked(&once);
                (src, Span::new(start, end))
            }
            n => panic!("{n} markers: a range needs two"),
        };
        let a = analysis(&src);
        let hints = inlay_hints(&a, range);
        assert!(hints.iter().all(|h| h.padding_left), "{hints:#?}");
        let mut lines: Vec<String> = Vec::new();
        let mut last_line = None;
        for h in hints.iter().rev() {
            let line = a.line_index.line_of(h.offset);
            let start = a.line_index.line_start(line).unwrap_or(0);
            if last_line != Some(line) {
                let end = src[start..].find('\n').map_or(src.len(), |e| start + e);
                lines.push(src[start..end].to_string());
                last_line = Some(line);
            }
            let text = lines.last_mut().expect("the hint's line");
            text.insert_str(h.offset - start, &format!("‹{}›", h.label));
        }
        lines.reverse();
        assert_eq!(lines.join("\n"), expected, "the hints of:\n{fixture}");
    }

    const RUBRIC: &str = r#"schema s {
  employees: int
  industry: enum [saas, services]
  ready: bool
}

icp x "X" {
  uses s
  rubric {
    rule industry_fit : industry in [saas]
    rule size_fit "Mid-size" : employees in 200..2000
    rule ready +2 : ready
    tier strong when score >= 3
    tier possible when score >= 1
    tier poor otherwise
  }
}
"#;

    #[test]
    fn weights_and_tier_scores() {
        check(
            RUBRIC,
            r#"    rule industry_fit‹+1› : industry in [saas]
    rule size_fit‹+1› "Mid-size" : employees in 200..2000
    tier strong when score >= 3‹→ 3..4›
    tier possible when score >= 1‹→ 1..2›
    tier poor otherwise‹→ 0›"#,
        );
    }

    #[test]
    fn weighted_rules_get_only_tier_scores() {
        check(
            r#"schema accounts {
  engineers: int
  funding_stage: enum [seed, series_b, series_c]
  stack: set [kubernetes, terraform]
  last_funding: date
  new_vp_eng: date
  churned_before: bool
}

icp platform_teams "Platform teams" {
  uses accounts
  rubric {
    rule team_size +3 : engineers in 50..400
    rule stage +2 : funding_stage in [series_b, series_c]
    rule stack +2 : stack has all [kubernetes, terraform]
    rule funded +1 : last_funding within 120d
    rule new_leader +1 : new_vp_eng within 60d
    rule churn_risk -4 : churned_before
    tier a when score >= 7
    tier b when score >= 4
    tier c otherwise
  }
}
"#,
            r#"    tier a when score >= 7‹→ 7..9›
    tier b when score >= 4‹→ 4..6›
    tier c otherwise‹→ -4..3›"#,
        );
    }

    #[test]
    fn tooltips_give_the_tier_and_the_bounds() {
        let src = "schema s { ready: bool }\nicp x \"X\" { uses s\n rubric {\n rule ready : ready\n tier yes when score >= 1\n tier no otherwise\n }\n}\n";
        let a = analysis(src);
        let at = |needle: &str| src.find(needle).expect(needle) + needle.len();
        assert_eq!(
            inlay_hints(&a, Span::new(0, src.len())),
            vec![
                InlayHint {
                    offset: at("rule ready"),
                    label: "+1".into(),
                    tooltip: Some("A rule without a weight adds 1 when it holds.".into()),
                    padding_left: true,
                },
                InlayHint {
                    offset: at("tier yes when score >= 1"),
                    label: "→ 1".into(),
                    tooltip: Some(
                        "Scores in tier `yes` (tier 1); the rubric scores from 0 to 1.".into()
                    ),
                    padding_left: true,
                },
                InlayHint {
                    offset: at("tier no otherwise"),
                    label: "→ 0".into(),
                    tooltip: Some(
                        "Scores in tier `no` (tier 2); the rubric scores from 0 to 1.".into()
                    ),
                    padding_left: true,
                },
            ]
        );
    }

    #[test]
    fn outside_the_range_nothing() {
        // A range before the rubric: no hint.
        check(
            &RUBRIC
                .replace("schema", "$0schema")
                .replace("  uses s", "  uses s$0"),
            "",
        );
        // A range over one rule and one tier: only their hints.
        check(
            &RUBRIC
                .replace("    rule size_fit", "$0    rule size_fit")
                .replace("    tier possible", "$0    tier possible"),
            r#"    rule size_fit‹+1› "Mid-size" : employees in 200..2000
    tier strong when score >= 3‹→ 3..4›"#,
        );
    }
}
