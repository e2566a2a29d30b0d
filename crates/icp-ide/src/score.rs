//! Rubric arithmetic for hovers and inlay hints: the lowest and highest score a rubric can give,
//! and the scores that land in each tier.
//!
//! The figures are `icp_check::scores::of_icp`'s, the computation `unreachable-tier` and
//! `non-excluding` read: each rule judged from the schema's value domains (a rule no account
//! can meet adds nothing, one every account meets always adds its weight), so a hover agrees
//! with the findings. This file only words them.

use icp_check::Analysis;
use icp_check::domain::End as DomainEnd;
use icp_check::model::IcpModel;
use icp_check::scores;
use icp_syntax::literal::{Rational, format_rational};

/// The range of scores a rubric can give.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScoreBounds {
    pub min: Rational,
    pub max: Rational,
    /// Whether every score is a whole number (integer weights, no graded rule), so that ranges
    /// can be shown as `4..6` rather than `4 ≤ score < 7`.
    pub integral: bool,
}

/// The lowest and highest possible score of an icp's rubric; `None` when the sums overflow.
pub fn bounds(a: &Analysis, icp: &IcpModel) -> Option<ScoreBounds> {
    let r = scores::of_icp(&a.model, icp, a.today)?;
    Some(ScoreBounds {
        min: r.range.min,
        max: r.range.max,
        integral: r.range.integral,
    })
}

/// One end of an interval of scores.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct End {
    at: Rational,
    closed: bool,
}

/// An interval of scores; `lo > hi` (or an open point) is empty.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Interval {
    lo: End,
    hi: End,
}

impl Interval {
    fn is_empty(&self) -> bool {
        self.lo.at > self.hi.at || (self.lo.at == self.hi.at && !(self.lo.closed && self.hi.closed))
    }
}

/// The scores that a tier gets: a union of intervals within the rubric's bounds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TierScores {
    parts: Vec<Interval>,
    integral: bool,
}

impl TierScores {
    /// Whether no score lands in the tier.
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// The lowest and highest score of the tier, rounded inward to whole numbers when scores
    /// are whole.
    pub fn span(&self) -> Option<(Rational, Rational)> {
        let first = self.parts.first()?;
        let last = self.parts.last()?;
        let (lo, hi) = if self.integral {
            (ceil_end(first.lo), floor_end(last.hi))
        } else {
            (first.lo.at, last.hi.at)
        };
        Some((lo, hi))
    }

    /// The tier's scores in words: `7..9`, `4..6`, `score ≥ 2.5 and < 5`, or `no score`.
    pub fn describe(&self) -> String {
        if self.parts.is_empty() {
            return "no score".into();
        }
        let part = |p: &Interval| -> String {
            if self.integral {
                let (lo, hi) = (ceil_end(p.lo), floor_end(p.hi));
                if lo == hi {
                    format_rational(&lo)
                } else {
                    format!("{}..{}", format_rational(&lo), format_rational(&hi))
                }
            } else if p.lo.at == p.hi.at {
                format_rational(&p.lo.at)
            } else {
                let lo = if p.lo.closed { "≥" } else { ">" };
                let hi = if p.hi.closed { "≤" } else { "<" };
                format!(
                    "{lo} {} and {hi} {}",
                    format_rational(&p.lo.at),
                    format_rational(&p.hi.at)
                )
            }
        };
        self.parts.iter().map(part).collect::<Vec<_>>().join(", ")
    }
}

fn ceil_end(e: End) -> Rational {
    let c = e.at.ceil();
    if !e.closed && c == e.at {
        c + Rational::from_integer(1)
    } else {
        c
    }
}

fn floor_end(e: End) -> Rational {
    let f = e.at.floor();
    if !e.closed && f == e.at {
        f - Rational::from_integer(1)
    } else {
        f
    }
}

fn end(e: DomainEnd, closed_default: Rational) -> End {
    match e {
        DomainEnd::Incl(at) => End { at, closed: true },
        DomainEnd::Excl(at) => End { at, closed: false },
        // Tier scores lie within the rubric's bounds, which are finite.
        DomainEnd::Unbounded => End {
            at: closed_default,
            closed: true,
        },
    }
}

/// The scores each tier of an icp gets, in the order of `icp.tiers` (empty when the sums
/// overflow).
pub fn tier_scores(a: &Analysis, icp: &IcpModel) -> Vec<TierScores> {
    let Some(r) = scores::of_icp(&a.model, icp, a.today) else {
        return Vec::new();
    };
    let integral = r.range.integral;
    r.tiers
        .iter()
        .map(|t| {
            let mut ts = TierScores {
                parts: t
                    .scores
                    .parts
                    .iter()
                    .map(|p| Interval {
                        lo: end(p.lo, r.range.min),
                        hi: end(p.hi, r.range.max),
                    })
                    .filter(|p| !p.is_empty())
                    .collect(),
                integral,
            };
            if integral {
                // Keep only the parts that hold a whole number.
                ts.parts.retain(|p| ceil_end(p.lo) <= floor_end(p.hi));
            }
            ts
        })
        .collect()
}

/// `+3`, `-4`, `+2.5`: a weight as a signed number.
pub fn signed(r: &Rational) -> String {
    if *r < Rational::from_integer(0) {
        format_rational(r)
    } else {
        format!("+{}", format_rational(r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::*;

    /// The bounds of the first icp's rubric, then the scores of each of its tiers.
    #[track_caller]
    fn check(src: &str, expected: &str) {
        let a = analysis(src);
        let icp = &a.model.icps[0];
        let mut lines = vec![match bounds(&a, icp) {
            Some(b) => format!(
                "from {} to {}{}",
                format_rational(&b.min),
                format_rational(&b.max),
                if b.integral { ", whole" } else { "" }
            ),
            None => "no bounds".into(),
        }];
        for (t, scores) in icp.tiers.iter().zip(tier_scores(&a, icp)) {
            lines.push(format!("tier {}: {}", t.name, scores.describe()));
        }
        assert_eq!(lines.join("\n"), expected, "the scores of:\n{src}");
    }

    #[test]
    fn weighted_bounds_and_tiers() {
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
            "from -4 to 9, whole\ntier a: 7..9\ntier b: 4..6\ntier c: -4..3",
        );
    }

    #[test]
    fn unreachable_tier_has_no_score() {
        // Three rules of weight +1, and `size` can never hold (as `unsatisfiable` says): the
        // scores are 0..2, and `score >= 4` is out of reach.
        check(
            r#"schema crm {
  employees: int
  industry: enum [saas, services, retail]
  hris: enum [workday, bamboohr, none]
}

icp x "X" {
  uses crm
  rubric {
    rule size : employees > 5000 and employees < 1000
    rule sector : industry in [saas, services]
    rule stack : hris == workday
    tier strong when score >= 4
    tier ok when score >= 0
  }
}
"#,
            "from 0 to 2, whole\ntier strong: no score\ntier ok: 0..2",
        );
    }

    #[test]
    fn graded_rubrics_use_inequalities() {
        check(
            "schema s { g: int }\nicp x \"X\" { uses s\n rubric {\n rule a +10 : g graded 0..3\n tier hi when score > 5\n tier lo otherwise\n }\n}\n",
            "from 0 to 10\ntier hi: > 5 and ≤ 10\ntier lo: ≥ 0 and ≤ 5",
        );
    }

    /// Rules judged from the schema's domains: `small` can never hold (an int is never
    /// negative), `any` always holds, and `big` and `mid` cannot hold together. The check
    /// finds `hi` unreachable; the hover, the hint and the bounds say the same.
    #[test]
    fn hover_and_unreachable_tier_agree() {
        let fixture = "schema s {\n  employees: int\n  industry: enum [saas, fintech]\n}\n\nicp x \"X\" {\n  uses s\n  rubric {\n    rule small +5 : employees < 0\n    rule any +1 : industry in [saas, fintech]\n    rule big +2 : employees > 1000\n    rule mid +2 : employees < 500\n    tier $0hi when score >= 6\n    tier mid_tier when score >= 3\n    tier lo otherwise\n  }\n}\n";
        let (src, at) = marked(fixture);
        let a = analysis(&src);
        let unreachable: Vec<&str> = a
            .diagnostics
            .iter()
            .filter(|d| d.code == "unreachable-tier")
            .map(|d| &src[d.span.range()])
            .collect();
        assert_eq!(
            unreachable,
            vec!["tier hi when score >= 6"],
            "{:?}",
            a.diagnostics
        );
        // Independent rules would give 0..10; the domains give 1..5.
        check(
            &src,
            "from 1 to 5, whole\ntier hi: no score\ntier mid_tier: 3..5\ntier lo: 1..2",
        );
        assert_eq!(
            crate::hover::hover(&src, &a, at).map(|h| h.markdown),
            Some(
                "**tier hi** when score >= 6\n\nNo score reaches this tier: earlier tiers take every score it would accept, or its threshold is out of range.\n\nThe lowest possible score is 1 and the highest 5 (tier 1 of 3; tiers are tried in order).".into()
            )
        );
        let hints = crate::inlay::inlay_hints(&a, icp_syntax::Span::new(0, src.len()));
        let labels: Vec<&str> = hints.iter().map(|h| h.label.as_str()).collect();
        assert_eq!(labels, vec!["→ unreachable", "→ 3..5", "→ 1..2"]);
    }
}
