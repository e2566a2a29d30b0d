//! Rubric arithmetic: the lowest and highest score an account can get, and which scores reach
//! each tier. Shared by `unreachable-tier` and `non-excluding`.
//!
//! Each rule contributes a range: `0` when it can never hold, its weight when it always holds,
//! `0..weight` (or `weight..0` for a negative weight) otherwise, and for a graded rule the part
//! of its weight the field's domain allows. Summing the ranges over-approximates the scores
//! that occur (two rules that cannot hold together still both count), so a tier judged
//! unreachable or universal here is so for certain. Everything is exact; a sum that would
//! overflow gives no answer rather than a wrong one.

use icp_syntax::ast::CmpOp;
use icp_syntax::literal::Rational;
use num_traits::{CheckedAdd, CheckedDiv, CheckedSub};

use crate::domain::{Domain, End, Interval, IntervalSet, Truth};
use crate::model::{IcpModel, PredKind, RuleModel, TierModel};

/// What one rule can add to the score.
#[derive(Clone, Debug)]
pub struct RuleRange {
    pub lo: Rational,
    pub hi: Rational,
    pub truth: Truth,
}

/// The possible scores of an icp's rubric.
#[derive(Clone, Debug)]
pub struct ScoreRange {
    pub min: Rational,
    pub max: Rational,
    /// Parallel to the icp's rules.
    pub rules: Vec<RuleRange>,
}

fn zero() -> Rational {
    Rational::from_integer(0)
}

/// `a + b`, `None` on overflow. Whole numbers (the usual weights) skip the general fraction
/// arithmetic, which reduces by a gcd of 128-bit integers.
fn add(a: &Rational, b: &Rational) -> Option<Rational> {
    if a.is_integer() && b.is_integer() {
        a.numer().checked_add(b.numer()).map(Rational::from_integer)
    } else {
        a.checked_add(b)
    }
}

fn rule_range(
    dom: &Domain<'_>,
    r: &RuleModel,
    truth: &impl Fn(&crate::model::Pred) -> Truth,
) -> Option<RuleRange> {
    let w = r.weight;
    if let PredKind::Graded { field, lo, hi } = &r.pred.kind {
        // The share of the weight is clamp((v - lo) / (hi - lo), 0, 1); fields here have no
        // upper bound, so the share reaches 1; its floor is set by the domain's lowest value.
        let ty = &dom.schema.fields.get(*field)?.ty;
        let floor = match ty.lower_bound() {
            Some(b) if b > *lo => b
                .checked_sub(lo)?
                .checked_div(&hi.checked_sub(lo)?)?
                .min(Rational::from_integer(1)),
            _ => zero(),
        };
        let a = w * floor;
        let (lo, hi) = if a <= w { (a, w) } else { (w, a) };
        return Some(RuleRange {
            lo,
            hi,
            truth: Truth::Sometimes,
        });
    }
    let truth = truth(&r.pred);
    let (lo, hi) = match truth {
        Truth::Never => (zero(), zero()),
        Truth::Always => (w, w),
        Truth::Sometimes => (w.min(zero()), w.max(zero())),
    };
    Some(RuleRange { lo, hi, truth })
}

/// The lowest and highest score of an icp's rubric, `None` when the sums overflow. `truth`
/// judges a rule's criterion (the checks pass their cached judgements).
pub fn score_range(
    dom: &Domain<'_>,
    icp: &IcpModel,
    truth: impl Fn(&crate::model::Pred) -> Truth,
) -> Option<ScoreRange> {
    let mut min = zero();
    let mut max = zero();
    let mut rules = Vec::with_capacity(icp.rules.len());
    for r in &icp.rules {
        let rr = rule_range(dom, r, &truth)?;
        min = add(&min, &rr.lo)?;
        max = add(&max, &rr.hi)?;
        rules.push(rr);
    }
    Some(ScoreRange { min, max, rules })
}

/// How a tier fares given the scores that occur and the tiers before it.
#[derive(Clone, Debug, PartialEq)]
pub enum Reach {
    /// No score reaches it. `outside` is true when its condition admits no possible score at
    /// all (rather than only scores earlier tiers already took); `taken_by` is the earlier
    /// tier that leaves it nothing, when one alone does.
    Unreachable {
        outside: bool,
        taken_by: Option<usize>,
    },
    /// A `when` tier that every account still unclassified reaches: it excludes no one.
    Everyone {
        first: bool,
    },
    Some,
}

fn condition_set(op: CmpOp, t: Rational) -> IntervalSet {
    IntervalSet::new(crate::domain::comparison_intervals(op, t), false)
}

/// How each tier fares, in order. `is_otherwise` tells an `otherwise` tier from one whose
/// condition did not resolve (both have no condition in the model); the latter count as `Some`.
pub fn tier_reach(
    range: &ScoreRange,
    tiers: &[TierModel],
    is_otherwise: impl Fn(&TierModel) -> bool,
) -> Vec<Reach> {
    let all = IntervalSet::new(
        vec![Interval {
            lo: End::Incl(range.min),
            hi: End::Incl(range.max),
        }],
        false,
    );
    let mut remaining = all.clone();
    let mut out = Vec::with_capacity(tiers.len());
    let mut whole_taker: Option<usize> = None;
    for (i, t) in tiers.iter().enumerate() {
        let cond = match t.condition {
            Some((op, th)) => condition_set(op, th),
            None if !is_otherwise(t) => {
                out.push(Reach::Some);
                continue;
            }
            // `otherwise` holds for every score: it reaches what is left, and leaves nothing.
            None => {
                out.push(if remaining.is_empty() {
                    Reach::Unreachable {
                        outside: all.is_empty(),
                        taken_by: whole_taker,
                    }
                } else {
                    Reach::Some
                });
                remaining.parts.clear();
                continue;
            }
        };
        let reach = remaining.intersect(&cond);
        let r = if reach.is_empty() {
            Reach::Unreachable {
                outside: all.intersect(&cond).is_empty(),
                taken_by: whole_taker,
            }
        } else if t.condition.is_some() && reach == remaining {
            Reach::Everyone {
                first: remaining == all,
            }
        } else {
            Reach::Some
        };
        if matches!(r, Reach::Everyone { .. }) && whole_taker.is_none() {
            whole_taker = Some(i);
        }
        // What the last tier leaves is never read.
        if i + 1 < tiers.len() {
            remaining = cond.complement_in(&remaining);
        }
        out.push(r);
    }
    out
}
