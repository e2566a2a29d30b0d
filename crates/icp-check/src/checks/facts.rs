//! The judgements of an icp's criteria made once for every check that reasons about values.

use icp_syntax::Span;

use crate::domain::Domain;
use crate::model::IcpModel;

use super::criteria::criteria;

/// The judgements of one icp's criteria, shared by `non-excluding`, `unsatisfiable` and
/// `unreachable-tier` so that each criterion is analysed once.
#[derive(Debug, Default)]
pub struct Facts {
    /// Every criterion and conjunct, by [`span_key`] (a criterion's span is its id: no two
    /// criteria or conjuncts of an icp share one), sorted. The flag tells a judgement that is
    /// exactly [`Domain::truth`] from one its conjuncts decided.
    truths: Vec<(u64, crate::domain::Truth, bool)>,
    /// The rubric's possible scores and how each tier fares, when the icp has tiers and the
    /// sums do not overflow.
    pub rubric: Option<crate::scores::RubricScores>,
}

/// A span as one integer that sorts as `(start, end)`: the cached judgements are searched
/// by it, and one comparison of integers is cheaper than one of pairs.
fn span_key(s: Span) -> u64 {
    (u64::from(s.start) << 32) | u64::from(s.end)
}

impl Facts {
    pub(super) fn compute(dom: &Domain<'_>, icp: &IcpModel) -> Facts {
        let n = criteria(icp).count();
        let mut truths = Vec::with_capacity(2 * n);
        for (_, pred) in criteria(icp) {
            let mut parts = 0;
            let (t, exact) = crate::scores::criterion_truth(dom, pred, |c, t| {
                truths.push((span_key(c.span), t, true));
                parts += 1;
            });
            // A criterion of one conjunct is that conjunct, already judged.
            if parts > 1 {
                truths.push((span_key(pred.span), t, exact));
            }
        }
        truths.sort_by_key(|(k, ..)| *k);
        let mut f = Facts {
            truths,
            rubric: None,
        };
        if !icp.tiers.is_empty() {
            f.rubric = crate::scores::rubric_scores(dom, icp, |p| {
                f.get(p).unwrap_or_else(|| dom.truth(p))
            });
        }
        f
    }

    fn entry(&self, p: &crate::model::Pred) -> Option<(crate::domain::Truth, bool)> {
        self.truths
            .binary_search_by_key(&span_key(p.span), |(k, ..)| *k)
            .ok()
            .map(|i| (self.truths[i].1, self.truths[i].2))
    }

    /// The judgement of a criterion or conjunct, if it was made.
    pub fn get(&self, p: &crate::model::Pred) -> Option<crate::domain::Truth> {
        self.entry(p).map(|(t, _)| t)
    }

    /// [`Domain::truth`] of a criterion or conjunct, if it was judged whole rather than
    /// decided by its conjuncts.
    pub fn whole(&self, p: &crate::model::Pred) -> Option<crate::domain::Truth> {
        self.entry(p).and_then(|(t, exact)| exact.then_some(t))
    }
}
