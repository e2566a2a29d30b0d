//! Rubric arithmetic for hovers and inlay hints: the lowest and highest score a rubric can give,
//! and the scores that land in each tier.
//!
//! The bounds assume each rule can hold or fail independently of the others (a graded rule can
//! give any part of its weight): the lowest score is the sum of the negative weights, the
//! highest the sum of the positive ones. Tiers are tried in order, so a tier gets the scores its
//! condition accepts that no earlier tier took.

use icp_check::model::{IcpModel, PredKind, TierModel};
use icp_syntax::ast::CmpOp;
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

/// The lowest and highest possible score of an icp's rubric.
pub fn bounds(icp: &IcpModel) -> ScoreBounds {
    let zero = Rational::from_integer(0);
    let mut min = zero;
    let mut max = zero;
    let mut integral = true;
    for r in &icp.rules {
        if r.weight < zero {
            min += r.weight;
        } else {
            max += r.weight;
        }
        if !r.weight.is_integer() || matches!(r.pred.kind, PredKind::Graded { .. }) {
            integral = false;
        }
    }
    ScoreBounds { min, max, integral }
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

    fn intersect(&self, o: &Interval) -> Interval {
        let lo = if o.lo.at > self.lo.at || (o.lo.at == self.lo.at && !o.lo.closed) {
            o.lo
        } else {
            self.lo
        };
        let hi = if o.hi.at < self.hi.at || (o.hi.at == self.hi.at && !o.hi.closed) {
            o.hi
        } else {
            self.hi
        };
        Interval { lo, hi }
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

/// The condition of a tier as intervals of scores.
fn accepted(t: &TierModel, all: Interval) -> Vec<Interval> {
    let Some((op, n)) = t.condition else {
        return vec![all];
    };
    let at = |closed| End { at: n, closed };
    let below = Interval {
        lo: all.lo,
        hi: at(false),
    };
    let above = Interval {
        lo: at(false),
        hi: all.hi,
    };
    match op {
        CmpOp::Ge => vec![Interval {
            lo: at(true),
            hi: all.hi,
        }],
        CmpOp::Gt => vec![above],
        CmpOp::Le => vec![Interval {
            lo: all.lo,
            hi: at(true),
        }],
        CmpOp::Lt => vec![below],
        CmpOp::Eq => vec![Interval {
            lo: at(true),
            hi: at(true),
        }],
        CmpOp::Ne => vec![below, above],
    }
}

/// Removes `cut` from every interval of `set`.
fn subtract(set: &[Interval], cut: &Interval) -> Vec<Interval> {
    let mut out = Vec::new();
    for s in set {
        let left = Interval {
            lo: s.lo,
            hi: End {
                at: cut.lo.at,
                closed: !cut.lo.closed,
            },
        };
        let right = Interval {
            lo: End {
                at: cut.hi.at,
                closed: !cut.hi.closed,
            },
            hi: s.hi,
        };
        for part in [s.intersect(&left), s.intersect(&right)] {
            if !part.is_empty() && (!out.contains(&part)) {
                out.push(part);
            }
        }
    }
    out
}

/// The scores each tier of an icp gets, in the order of `icp.tiers`.
pub fn tier_scores(icp: &IcpModel) -> Vec<TierScores> {
    let b = bounds(icp);
    let all = Interval {
        lo: End {
            at: b.min,
            closed: true,
        },
        hi: End {
            at: b.max,
            closed: true,
        },
    };
    let mut remaining = vec![all];
    let mut out = Vec::new();
    for t in &icp.tiers {
        let acc = accepted(t, all);
        let mut parts = Vec::new();
        for r in &remaining {
            for a in &acc {
                let p = r.intersect(a);
                if !p.is_empty() {
                    parts.push(p);
                }
            }
        }
        for a in &acc {
            remaining = subtract(&remaining, a);
        }
        parts.sort_by_key(|x| x.lo.at);
        let mut ts = TierScores {
            parts,
            integral: b.integral,
        };
        if b.integral {
            // Keep only the parts that hold a whole number.
            ts.parts.retain(|p| ceil_end(p.lo) <= floor_end(p.hi));
        }
        out.push(ts);
    }
    out
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
        let b = bounds(icp);
        assert_eq!(
            (b.min, b.max),
            (Rational::from_integer(-4), Rational::from_integer(9))
        );
        let tiers: Vec<String> = tier_scores(icp).iter().map(TierScores::describe).collect();
        assert_eq!(tiers, vec!["7..9", "4..6", "-4..3"]);
    }

    #[test]
    fn unreachable_tier_has_no_score() {
        let a = analysis(ANTIPATTERNS);
        let icp = &a.model.icps[0];
        let tiers = tier_scores(icp);
        // Three rules of weight +1: `score >= 4` is out of reach.
        assert!(tiers[0].is_empty());
        assert_eq!(tiers[1].describe(), "0..3");
    }

    #[test]
    fn graded_rubrics_use_inequalities() {
        let src = "schema s { g: int }\nicp x \"X\" { uses s\n rubric {\n rule a +10 : g graded 0..3\n tier hi when score > 5\n tier lo otherwise\n }\n}\n";
        let a = analysis(src);
        let t = tier_scores(&a.model.icps[0]);
        assert_eq!(t[0].describe(), "> 5 and ≤ 10");
        assert_eq!(t[1].describe(), "≥ 0 and ≤ 5");
    }
}
