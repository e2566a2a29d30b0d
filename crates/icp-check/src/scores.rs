//! Rubric arithmetic: the lowest and highest score an account can get, and which scores reach
//! each tier. The one computation behind `unreachable-tier`, `non-excluding` and the editor's
//! hovers and hints ([`of_icp`]), so a hover never contradicts a finding.
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
use crate::model::{IcpModel, Model, PredKind, RuleModel, SchemaModel, TierModel};

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
    /// Whether every score is a whole number (whole weights, no graded rule), so that ranges
    /// can be shown as `4..6` rather than `4 ≤ score < 7`.
    pub integral: bool,
}

/// How an icp's rubric scores: the possible scores, and what each tier gets of them.
#[derive(Clone, Debug)]
pub struct RubricScores {
    pub range: ScoreRange,
    /// Parallel to the icp's tiers.
    pub tiers: Vec<TierScores>,
}

/// What one tier gets of the possible scores.
#[derive(Clone, Debug)]
pub struct TierScores {
    /// The scores its condition admits that no earlier tier took (for a tier whose condition
    /// did not resolve, every score left).
    pub scores: IntervalSet,
    pub reach: Reach,
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
    let mut integral = true;
    for r in &icp.rules {
        let rr = rule_range(dom, r, &truth)?;
        min = add(&min, &rr.lo)?;
        max = add(&max, &rr.hi)?;
        integral &= r.weight.is_integer() && !matches!(r.pred.kind, PredKind::Graded { .. });
        rules.push(rr);
    }
    Some(ScoreRange {
        min,
        max,
        rules,
        integral,
    })
}

/// The possible scores of an icp's rubric and what each tier gets; `truth` judges a rule's
/// criterion as [`criterion_truth`] does (the checks pass their cached judgements).
pub fn rubric_scores(
    dom: &Domain<'_>,
    icp: &IcpModel,
    truth: impl Fn(&crate::model::Pred) -> Truth,
) -> Option<RubricScores> {
    let range = score_range(dom, icp, truth)?;
    let tiers = tier_scores(&range, &icp.tiers);
    Some(RubricScores { range, tiers })
}

/// The scores of an icp of an analysed model as of `today` (days since 1970-01-01), each rule
/// judged as the checks judge it: what hovers and hints show. `None` when the sums overflow.
pub fn of_icp(model: &Model, icp: &IcpModel, today: i64) -> Option<RubricScores> {
    let no_schema = SchemaModel::default();
    let schema = model.schema_of(icp).unwrap_or(&no_schema);
    let dom = Domain::new(schema, today);
    rubric_scores(&dom, icp, |p| criterion_truth(&dom, p, |_, _| {}).0)
}

/// Whether no account, some or every account passes a criterion, judged conjunct by conjunct
/// first: a conjunct no account passes decides it, as do conjuncts every account passes; else
/// the criterion is judged whole. `each` sees every conjunct's judgement. The flag is true when
/// the answer is exactly [`Domain::truth`] of the criterion.
pub fn criterion_truth(
    dom: &Domain<'_>,
    pred: &crate::model::Pred,
    mut each: impl FnMut(&crate::model::Pred, Truth),
) -> (Truth, bool) {
    let mut parts = 0;
    let mut last = Truth::Sometimes;
    let mut any_never = false;
    let mut all_always = true;
    for c in crate::domain::each_conjunct(pred) {
        let t = dom.truth(c);
        any_never |= t == Truth::Never;
        all_always &= t == Truth::Always;
        each(c, t);
        parts += 1;
        last = t;
    }
    if parts == 1 {
        // The criterion is its own only conjunct.
        (last, true)
    } else if any_never {
        (Truth::Never, false)
    } else if all_always {
        (Truth::Always, false)
    } else {
        (dom.truth(pred), true)
    }
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

/// What each tier gets and how it fares, in order. A tier whose condition did not resolve
/// (not `otherwise`, and no condition in the model) counts as `Some`.
pub fn tier_scores(range: &ScoreRange, tiers: &[TierModel]) -> Vec<TierScores> {
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
            None if !t.otherwise => {
                out.push(TierScores {
                    scores: remaining.clone(),
                    reach: Reach::Some,
                });
                continue;
            }
            // `otherwise` holds for every score: it reaches what is left, and leaves nothing.
            None => {
                let reach = if remaining.is_empty() {
                    Reach::Unreachable {
                        outside: all.is_empty(),
                        taken_by: whole_taker,
                    }
                } else {
                    Reach::Some
                };
                out.push(TierScores {
                    scores: std::mem::replace(&mut remaining, IntervalSet::new(Vec::new(), false)),
                    reach,
                });
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
        out.push(TierScores {
            scores: reach,
            reach: r,
        });
    }
    out
}
