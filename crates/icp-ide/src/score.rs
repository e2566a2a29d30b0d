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

    #[test]
    fn devtools_bounds_and_tiers() {
        let a = analysis(DEVTOOLS);
        let icp = &a.model.icps[0];
        let b = bounds(&a, icp).unwrap();
        assert_eq!(
            (b.min, b.max),
            (Rational::from_integer(-4), Rational::from_integer(9))
        );
        let tiers: Vec<String> = tier_scores(&a, icp)
            .iter()
            .map(TierScores::describe)
            .collect();
        assert_eq!(tiers, vec!["7..9", "4..6", "-4..3"]);
    }

    #[test]
    fn unreachable_tier_has_no_score() {
        let a = analysis(ANTIPATTERNS);
        let icp = &a.model.icps[0];
        let tiers = tier_scores(&a, icp);
        // Three rules of weight +1, and `size` can never hold (as `unsatisfiable` says): the
        // scores are 0..2, and `score >= 4` is out of reach.
        assert!(tiers[0].is_empty());
        assert_eq!(tiers[1].describe(), "0..2");
    }

    #[test]
    fn graded_rubrics_use_inequalities() {
        let src = "schema s { g: int }\nicp x \"X\" { uses s\n rubric {\n rule a +10 : g graded 0..3\n tier hi when score > 5\n tier lo otherwise\n }\n}\n";
        let a = analysis(src);
        let t = tier_scores(&a, &a.model.icps[0]);
        assert_eq!(t[0].describe(), "> 5 and ≤ 10");
        assert_eq!(t[1].describe(), "≥ 0 and ≤ 5");
    }

    /// Rules judged from the schema's domains: `small` can never hold (an int is never
    /// negative), `any` always holds, and `big` and `mid` cannot hold together. The check
    /// finds `hi` unreachable; the hover, the hint and the bounds say the same.
    #[test]
    fn hover_and_unreachable_tier_agree() {
        let src = "schema s {\n  employees: int\n  industry: enum [saas, fintech]\n}\n\nicp x \"X\" {\n  uses s\n  rubric {\n    rule small +5 : employees < 0\n    rule any +1 : industry in [saas, fintech]\n    rule big +2 : employees > 1000\n    rule mid +2 : employees < 500\n    tier hi when score >= 6\n    tier mid_tier when score >= 3\n    tier lo otherwise\n  }\n}\n";
        let a = analysis(src);
        let unreachable: Vec<&str> = a
            .diagnostics
            .iter()
            .filter(|d| d.code == "unreachable-tier")
            .map(|d| &src[d.span.range()])
            .collect();
        assert_eq!(unreachable.len(), 1, "{:?}", a.diagnostics);
        assert!(unreachable[0].contains("hi"), "{unreachable:?}");
        let icp = &a.model.icps[0];
        let b = bounds(&a, icp).unwrap();
        // Independent rules would give 0..10; the domains give 1..5.
        assert_eq!(
            (b.min, b.max),
            (Rational::from_integer(1), Rational::from_integer(5))
        );
        let tiers: Vec<String> = tier_scores(&a, icp)
            .iter()
            .map(TierScores::describe)
            .collect();
        assert_eq!(tiers, vec!["no score", "3..5", "1..2"]);
        let at = src.find("tier hi").unwrap() + 6;
        let h = crate::hover::hover(src, &a, at).unwrap().markdown;
        assert!(h.contains("No score reaches this tier"), "{h}");
        assert!(
            h.contains("lowest possible score is 1 and the highest 5"),
            "{h}"
        );
        let hints = crate::inlay::inlay_hints(&a, icp_syntax::Span::new(0, src.len()));
        let labels: Vec<&str> = hints.iter().map(|h| h.label.as_str()).collect();
        assert_eq!(labels, vec!["→ unreachable", "→ 3..5", "→ 1..2"]);
    }
}
