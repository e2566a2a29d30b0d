//! The statistics of an audit, defined as in `docs/audit.md`.

/// The z of a two-sided 95% interval.
pub const Z95: f64 = 1.959963984540054;

/// `won / (won + lost)`; `None` without closed deals.
pub fn win_rate(won: u64, lost: u64) -> Option<f64> {
    let n = won + lost;
    (n > 0).then(|| won as f64 / n as f64)
}

/// The Wilson score interval of `won` successes in `won + lost` trials, with `z` = [`Z95`].
pub fn wilson(won: u64, lost: u64) -> Option<(f64, f64)> {
    let n = (won + lost) as f64;
    if n == 0.0 {
        return None;
    }
    let p = won as f64 / n;
    let z2 = Z95 * Z95;
    let denom = 1.0 + z2 / n;
    let center = (p + z2 / (2.0 * n)) / denom;
    let half = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denom;
    Some((center - half, center + half))
}

/// Counts of one rule among closed accounts where it is known.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Split {
    pub won_holds: u64,
    pub won_fails: u64,
    pub lost_holds: u64,
    pub lost_fails: u64,
}

impl Split {
    pub fn won(&self) -> u64 {
        self.won_holds + self.won_fails
    }
    pub fn lost(&self) -> u64 {
        self.lost_holds + self.lost_fails
    }
    pub fn known(&self) -> u64 {
        self.won() + self.lost()
    }
    pub fn add(&mut self, o: &Split) {
        self.won_holds += o.won_holds;
        self.won_fails += o.won_fails;
        self.lost_holds += o.lost_holds;
        self.lost_fails += o.lost_fails;
    }

    fn woe_of(&self, won_part: u64, lost_part: u64) -> f64 {
        let won = (won_part as f64 + 0.5) / (self.won() as f64 + 1.0);
        let lost = (lost_part as f64 + 0.5) / (self.lost() as f64 + 1.0);
        (won / lost).ln()
    }

    /// Weight of evidence where the rule holds and where it fails; `None` unless both won
    /// and lost accounts are known.
    pub fn woe(&self) -> Option<(f64, f64)> {
        if self.won() == 0 || self.lost() == 0 {
            return None;
        }
        Some((
            self.woe_of(self.won_holds, self.lost_holds),
            self.woe_of(self.won_fails, self.lost_fails),
        ))
    }

    /// Information value: Σ over holds/fails of (won share − lost share) × WoE.
    pub fn iv(&self) -> Option<f64> {
        let (wh, wf) = self.woe()?;
        let (w, l) = (self.won() as f64, self.lost() as f64);
        let holds = (self.won_holds as f64 / w - self.lost_holds as f64 / l) * wh;
        let fails = (self.won_fails as f64 / w - self.lost_fails as f64 / l) * wf;
        Some(holds + fails)
    }
}

/// Area under the ROC curve from counts of won and lost accounts per distinct score, in
/// ascending score order: the probability that a won account outscores a lost one, ties
/// counting ½. `None` without both won and lost accounts.
pub fn auc(dist: &[(u64, u64)]) -> Option<f64> {
    let (w, l) = totals(dist);
    if w == 0 || l == 0 {
        return None;
    }
    // Twice the number of (won, lost) pairs won by the won account, ties counting once.
    let mut twice: u128 = 0;
    let mut lost_below: u128 = 0;
    for &(won, lost) in dist {
        twice += u128::from(won) * (2 * lost_below + u128::from(lost));
        lost_below += u128::from(lost);
    }
    Some(twice as f64 / (2.0 * w as f64 * l as f64))
}

/// Kolmogorov–Smirnov statistic: the largest gap between the cumulative score
/// distributions of won and lost accounts, over every threshold.
pub fn ks(dist: &[(u64, u64)]) -> Option<f64> {
    let (w, l) = totals(dist);
    if w == 0 || l == 0 {
        return None;
    }
    let (mut cw, mut cl) = (0u128, 0u128);
    let mut best = 0u128;
    for &(won, lost) in dist {
        cw += u128::from(won);
        cl += u128::from(lost);
        best = best.max((cw * u128::from(l)).abs_diff(cl * u128::from(w)));
    }
    Some(best as f64 / (w as f64 * l as f64))
}

/// The ROC curve: (false positive rate, true positive rate) as the threshold falls from
/// above the highest score to the lowest.
pub fn roc(dist: &[(u64, u64)]) -> Vec<(f64, f64)> {
    let (w, l) = totals(dist);
    let mut pts = vec![(0.0, 0.0)];
    if w == 0 || l == 0 {
        return pts;
    }
    let (mut tp, mut fp) = (0u64, 0u64);
    for &(won, lost) in dist.iter().rev() {
        tp += won;
        fp += lost;
        pts.push((fp as f64 / l as f64, tp as f64 / w as f64));
    }
    pts
}

fn totals(dist: &[(u64, u64)]) -> (u64, u64) {
    dist.iter().fold((0, 0), |(a, b), &(w, l)| (a + w, b + l))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auc_counts_ties_as_half() {
        // won at 1 and 2, lost at 1 and 0: pairs (1,1) tie, (1,0) win, (2,1) win, (2,0) win.
        let d = [(0, 1), (1, 1), (1, 0)];
        assert_eq!(auc(&d), Some(3.5 / 4.0));
        assert_eq!(auc(&[(3, 0)]), None);
    }

    #[test]
    fn ks_is_the_largest_gap() {
        let d = [(0, 2), (1, 1), (3, 1)];
        // F_won: 0, 1/4, 1; F_lost: 1/2, 3/4, 1 → gaps 1/2, 1/2, 0.
        assert_eq!(ks(&d), Some(0.5));
    }

    #[test]
    fn wilson_matches_the_closed_form() {
        let (lo, hi) = wilson(0, 10).unwrap_or((f64::NAN, f64::NAN));
        assert!(lo.abs() < 1e-15);
        assert!((hi - 0.277_532_799_862_591).abs() < 1e-12, "{hi}");
        assert_eq!(wilson(0, 0), None);
    }
}
