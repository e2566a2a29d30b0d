//! The impact of a change on real accounts: the old and the new version of an icp scored on
//! the same rows, in one pass over the file.
//!
//! The stream is opened for the new version ([`Job`]) keeping the columns the old version
//! reads ([`kept_columns`]); each row is scored by the new program as usual and by the old
//! one from those kept cells, so both see exactly the same text. Memory is bounded by the
//! number of tiers and the number of movers asked for, not by the rows.

use std::cmp::Ordering;
use std::collections::HashMap;

use icp_eval::{Binding, Evaluator, Job, Kept, Program, Progress, Row, StreamError, T3, TierOut};
use icp_syntax::literal::Rational;
use serde::Serialize;

/// One account whose score or tier moved.
#[derive(Clone, Debug, Serialize)]
pub struct Mover {
    /// The account's id (the id column's cell), empty when there is no id column.
    pub id: String,
    pub old_tier: String,
    pub new_tier: String,
    /// Scores (the minimum, the one the tier uses) as `icpc score` prints them.
    pub old_score: String,
    pub new_score: String,
    /// What decided the move: rules and disqualifiers whose outcome differs, as
    /// `name: fails → holds`.
    pub rules: Vec<String>,
    #[serde(skip)]
    delta: f64,
}

/// How the accounts move between the two versions of one icp.
#[derive(Clone, Debug, Serialize)]
pub struct Impact {
    pub icp: String,
    /// Every data row read.
    pub rows: u64,
    /// Rows with an unreadable cell under either version: counted here, not in the matrix.
    pub errors: u64,
    /// Row labels of the matrix: the old tiers in rubric order, then `no tier` (a rubric
    /// without `otherwise`) and `disqualified`.
    pub old_tiers: Vec<String>,
    pub new_tiers: Vec<String>,
    /// `transitions[i][j]`: accounts in old tier `i` and new tier `j`.
    pub transitions: Vec<Vec<u64>>,
    /// Accounts in a qualifying tier (any tier but the lowest) under the new version and not
    /// under the old one, and the reverse.
    pub newly_qualified: u64,
    pub no_longer_qualified: u64,
    /// Accounts disqualified under the new version and not the old, by the first new
    /// disqualifier that held (its `because`, else its criterion).
    pub newly_disqualified: Vec<(String, u64)>,
    pub no_longer_disqualified: u64,
    /// Accounts whose score or tier changed.
    pub moved: u64,
    /// The largest moves, largest first.
    pub movers: Vec<Mover>,
}

/// The columns the new version's job must keep: the id column first (when there is one),
/// then every column the old version reads, once each (compared case-insensitively, as the
/// reader matches headers).
pub fn kept_columns(old: &Program, id: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = id.map(str::to_string).into_iter().collect();
    for s in &old.slots {
        if !out.iter().any(|c| c.eq_ignore_ascii_case(&s.column)) {
            out.push(s.column.clone());
        }
    }
    out
}

/// The old program's cells, read from the kept columns of the new program's row.
struct OldRow<'a, 'k> {
    kept: &'a Kept<'k>,
}

impl Row for OldRow<'_, '_> {
    fn cell(&self, col: usize) -> Option<&[u8]> {
        self.kept.text(col)
    }
}

struct Acc<'p> {
    old: Evaluator<'p>,
    rows: u64,
    errors: u64,
    transitions: Vec<Vec<u64>>,
    newly_qualified: u64,
    no_longer_qualified: u64,
    newly_disqualified: Vec<u64>,
    no_longer_disqualified: u64,
    moved: u64,
    movers: Vec<Mover>,
}

/// Where a tier outcome sits in the matrix (`None` for an error row).
fn slot(t: TierOut, tiers: usize) -> Option<usize> {
    match t {
        TierOut::Tier(i) => Some(i),
        TierOut::NoTier => Some(tiers),
        TierOut::Disqualified => Some(tiers + 1),
        TierOut::Error => None,
    }
}

fn qualifies(t: TierOut, tiers: usize) -> bool {
    matches!(t, TierOut::Tier(i) if i + 1 < tiers.max(2))
}

fn word(t: T3) -> &'static str {
    match t {
        T3::True => "holds",
        T3::False => "fails",
        T3::Unknown => "unknown",
    }
}

fn score_text(ev: &Evaluator<'_>) -> String {
    let mut b = Vec::new();
    ev.write_score(ev.out.min, &mut b);
    String::from_utf8_lossy(&b).into_owned()
}

/// Close enough to rank moves by size.
fn to_f64(r: &Rational) -> f64 {
    *r.numer() as f64 / *r.denom() as f64
}

/// Orders movers: the largest move first, then tier changes, then by id for a stable result.
fn mover_order(a: &Mover, b: &Mover) -> Ordering {
    b.delta
        .abs()
        .partial_cmp(&a.delta.abs())
        .unwrap_or(Ordering::Equal)
        .then_with(|| (b.old_tier != b.new_tier).cmp(&(a.old_tier != a.new_tier)))
        .then_with(|| a.id.cmp(&b.id))
        .then_with(|| a.old_score.cmp(&b.old_score))
        .then_with(|| a.new_score.cmp(&b.new_score))
}

/// What decided one move: the rules (by name) and disqualifiers (by text) whose outcome
/// differs between the versions, and those only one version has.
fn reasons(old: &Evaluator<'_>, new: &Evaluator<'_>) -> Vec<String> {
    let (op, np) = (old.program(), new.program());
    let mut out = Vec::new();
    let old_rules: HashMap<&str, T3> = op
        .rules
        .iter()
        .zip(&old.out.rules)
        .map(|(r, t)| (r.name.as_str(), *t))
        .collect();
    for (r, t) in np.rules.iter().zip(&new.out.rules) {
        match old_rules.get(r.name.as_str()) {
            Some(o) if o != t => out.push(format!("{}: {} → {}", r.name, word(*o), word(*t))),
            Some(_) => {}
            None => out.push(format!("{}: added, {}", r.name, word(*t))),
        }
    }
    for (r, t) in op.rules.iter().zip(&old.out.rules) {
        if !np.rules.iter().any(|n| n.name == r.name) {
            out.push(format!("{}: removed, {}", r.name, word(*t)));
        }
    }
    let old_dq: HashMap<&str, T3> = op
        .disqualifiers
        .iter()
        .zip(&old.out.disqualifiers)
        .map(|(d, t)| (d.text.as_str(), *t))
        .collect();
    for (d, t) in np.disqualifiers.iter().zip(&new.out.disqualifiers) {
        let o = old_dq.get(d.text.as_str()).copied();
        if o != Some(*t) && (*t == T3::True || o == Some(T3::True)) {
            out.push(format!(
                "disqualify `{}`: {} → {}",
                d.text,
                o.map_or("absent", word),
                word(*t)
            ));
        }
    }
    for (d, t) in op.disqualifiers.iter().zip(&old.out.disqualifiers) {
        if *t == T3::True && !np.disqualifiers.iter().any(|n| n.text == d.text) {
            out.push(format!("disqualify `{}`: removed, held", d.text));
        }
    }
    out
}

/// Scores every row of `job` under both versions and counts how the accounts move. The job
/// is opened for `new` keeping `kept`: the id column first when `has_id`, then columns the
/// old version reads (from [`kept_columns`], less those the file lacks, which the old
/// version then sees as blank).
pub fn impact(
    old: &Program,
    new: &Program,
    job: Job<'_>,
    kept: &[String],
    has_id: bool,
    movers: usize,
    progress: &mut dyn FnMut(Progress),
) -> Result<Impact, StreamError> {
    let (on, nn) = (old.tiers.len(), new.tiers.len());
    let first = usize::from(has_id);
    let binding = Binding {
        cols: old
            .slots
            .iter()
            .map(|s| {
                kept.iter()
                    .skip(first)
                    .position(|c| c.eq_ignore_ascii_case(&s.column))
                    .map(|k| k + first)
            })
            .collect(),
    };
    let init = || Acc {
        old: Evaluator::new(old),
        rows: 0,
        errors: 0,
        transitions: vec![vec![0; nn + 2]; on + 2],
        newly_qualified: 0,
        no_longer_qualified: 0,
        newly_disqualified: vec![0; new.disqualifiers.len()],
        no_longer_disqualified: 0,
        moved: 0,
        movers: Vec::new(),
    };
    let keep_movers = movers;
    let (_, accs) = job.fold(
        init,
        |acc, ev, kept| {
            acc.rows += 1;
            acc.old.eval(&OldRow { kept }, &binding);
            let (ot, nt) = (acc.old.out.tier, ev.out.tier);
            let (Some(i), Some(j)) = (slot(ot, on), slot(nt, nn)) else {
                acc.errors += 1;
                return;
            };
            acc.transitions[i][j] += 1;
            match (qualifies(ot, on), qualifies(nt, nn)) {
                (false, true) => acc.newly_qualified += 1,
                (true, false) => acc.no_longer_qualified += 1,
                _ => {}
            }
            match (ot, nt) {
                (TierOut::Disqualified, TierOut::Disqualified) => {}
                (_, TierOut::Disqualified) => {
                    if let Some(k) = ev.out.disqualifiers.iter().position(|t| *t == T3::True) {
                        acc.newly_disqualified[k] += 1;
                    }
                }
                (TierOut::Disqualified, _) => acc.no_longer_disqualified += 1,
                _ => {}
            }
            let (os, ns) = (acc.old.rational(acc.old.out.min), ev.rational(ev.out.min));
            let same_tier = acc.old.tier_name() == ev.tier_name();
            if os == ns && same_tier {
                return;
            }
            acc.moved += 1;
            if keep_movers == 0 {
                return;
            }
            let delta = to_f64(&ns) - to_f64(&os);
            // Only rows that could enter the kept list are described.
            if acc.movers.len() >= keep_movers {
                let last = &acc.movers[acc.movers.len() - 1];
                if delta.abs() < last.delta.abs() {
                    return;
                }
            }
            acc.movers.push(Mover {
                id: if has_id {
                    kept.text(0)
                        .map(|t| String::from_utf8_lossy(t).trim().to_string())
                        .unwrap_or_default()
                } else {
                    String::new()
                },
                old_tier: acc.old.tier_name().to_string(),
                new_tier: ev.tier_name().to_string(),
                old_score: score_text(&acc.old),
                new_score: score_text(ev),
                rules: reasons(&acc.old, ev),
                delta,
            });
            acc.movers.sort_by(mover_order);
            acc.movers.truncate(keep_movers);
        },
        progress,
    )?;
    let mut out = Impact {
        icp: new.icp.clone(),
        rows: 0,
        errors: 0,
        old_tiers: names(old),
        new_tiers: names(new),
        transitions: vec![vec![0; nn + 2]; on + 2],
        newly_qualified: 0,
        no_longer_qualified: 0,
        newly_disqualified: Vec::new(),
        no_longer_disqualified: 0,
        moved: 0,
        movers: Vec::new(),
    };
    let mut dq = vec![0u64; new.disqualifiers.len()];
    for a in accs {
        out.rows += a.rows;
        out.errors += a.errors;
        for (row, arow) in out.transitions.iter_mut().zip(&a.transitions) {
            for (c, ac) in row.iter_mut().zip(arow) {
                *c += ac;
            }
        }
        out.newly_qualified += a.newly_qualified;
        out.no_longer_qualified += a.no_longer_qualified;
        for (d, ad) in dq.iter_mut().zip(&a.newly_disqualified) {
            *d += ad;
        }
        out.no_longer_disqualified += a.no_longer_disqualified;
        out.moved += a.moved;
        out.movers.extend(a.movers);
    }
    out.movers.sort_by(mover_order);
    out.movers.truncate(movers);
    out.newly_disqualified = new
        .disqualifiers
        .iter()
        .zip(dq)
        .filter(|(_, n)| *n > 0)
        .map(|(d, n)| (d.because.clone().unwrap_or_else(|| d.text.clone()), n))
        .collect();
    Ok(out)
}

fn names(p: &Program) -> Vec<String> {
    p.tiers
        .iter()
        .map(|t| t.name.clone())
        .chain(["no tier".to_string(), "disqualified".to_string()])
        .collect()
}

impl Impact {
    /// The non-empty cells of the matrix as `(old tier, new tier, count)`, in tier order.
    pub fn cells(&self) -> Vec<(&str, &str, u64)> {
        let mut out = Vec::new();
        for (i, row) in self.transitions.iter().enumerate() {
            for (j, &n) in row.iter().enumerate() {
                if n > 0 {
                    out.push((self.old_tiers[i].as_str(), self.new_tiers[j].as_str(), n));
                }
            }
        }
        out
    }

    /// Rows and columns of the matrix that hold any account (the `no tier` and
    /// `disqualified` lines are shown only when used).
    pub fn used(&self) -> (Vec<usize>, Vec<usize>) {
        let (on, nn) = (self.old_tiers.len(), self.new_tiers.len());
        let rows = (0..on)
            .filter(|&i| i + 2 < on || self.transitions[i].iter().any(|&n| n > 0))
            .collect();
        let cols = (0..nn)
            .filter(|&j| j + 2 < nn || self.transitions.iter().any(|r| r[j] > 0))
            .collect();
        (rows, cols)
    }
}
