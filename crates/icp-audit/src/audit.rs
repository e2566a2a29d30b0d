//! `icpc audit`: one streaming pass over closed deals that counts, per tier and per rule,
//! won and lost accounts, and the won and lost score distributions (one count per distinct
//! score, so memory is bounded by the rubric, not by the rows).

use std::cmp::Ordering;
use std::collections::BTreeMap;

use icp_eval::{Evaluator, Job, Kept, Program, Progress, StreamError, T3, TierOut};
use icp_syntax::ast::CmpOp;
use icp_syntax::literal::Rational;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::stats::{self, Split};

/// Outcome values read as won and as lost by default (compared trimmed, case-insensitively).
pub const DEFAULT_WON: &[&str] = &["won", "closed won", "true", "yes", "1"];
pub const DEFAULT_LOST: &[&str] = &["lost", "closed lost", "false", "no", "0"];

/// A tier holding fewer closed deals than this is too small to judge.
pub const MIN_DEALS: u64 = 30;

/// How many distinct unrecognised outcome values are counted one by one.
const OPEN_VALUES_CAP: usize = 100;

/// What to read from each row besides the icp's fields.
#[derive(Clone, Debug)]
pub struct Config {
    /// Outcome values that mean won, lowercased and trimmed.
    pub won: Vec<String>,
    /// Outcome values that mean lost, lowercased and trimmed.
    pub lost: Vec<String>,
    /// Whether the job keeps a value column (deal size) after the outcome column.
    pub value: bool,
}

impl Config {
    pub fn new(won: &[String], lost: &[String], value: bool) -> Config {
        let norm = |v: &[String]| v.iter().map(|s| s.trim().to_lowercase()).collect();
        Config {
            won: norm(won),
            lost: norm(lost),
            value,
        }
    }
}

impl Default for Config {
    fn default() -> Config {
        let own = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        Config::new(&own(DEFAULT_WON), &own(DEFAULT_LOST), false)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Deal {
    Won,
    Lost,
    Open,
}

#[derive(Clone, Debug, Default)]
struct TierAcc {
    accounts: u64,
    won: u64,
    lost: u64,
    won_value: f64,
}

/// One worker's counts.
struct Acc {
    tiers: Vec<TierAcc>,
    /// Rules, then disqualifiers.
    splits: Vec<Split>,
    /// Per rule and disqualifier: scored rows where it is unknown.
    unknown: Vec<u64>,
    won_value_holds: Vec<f64>,
    scores: BTreeMap<Rational, (u64, u64)>,
    near: TierAcc,
    scored: u64,
    won: u64,
    lost: u64,
    open: u64,
    errors: u64,
    won_value: f64,
    value_errors: u64,
    open_values: FxHashMap<String, u64>,
    open_other: u64,
}

impl Acc {
    fn new(prog: &Program) -> Acc {
        let n = prog.rules.len() + prog.disqualifiers.len();
        Acc {
            tiers: vec![TierAcc::default(); prog.tiers.len() + 2],
            splits: vec![Split::default(); n],
            unknown: vec![0; n],
            won_value_holds: vec![0.0; n],
            scores: BTreeMap::new(),
            near: TierAcc::default(),
            scored: 0,
            won: 0,
            lost: 0,
            open: 0,
            errors: 0,
            won_value: 0.0,
            value_errors: 0,
            open_values: FxHashMap::default(),
            open_other: 0,
        }
    }

    fn merge(&mut self, o: Acc) {
        for (a, b) in self.tiers.iter_mut().zip(&o.tiers) {
            add_tier(a, b);
        }
        for (a, b) in self.splits.iter_mut().zip(&o.splits) {
            a.add(b);
        }
        for (a, b) in self.unknown.iter_mut().zip(&o.unknown) {
            *a += b;
        }
        for (a, b) in self.won_value_holds.iter_mut().zip(&o.won_value_holds) {
            *a += b;
        }
        for (k, (w, l)) in o.scores {
            let e = self.scores.entry(k).or_default();
            e.0 += w;
            e.1 += l;
        }
        add_tier(&mut self.near, &o.near);
        self.scored += o.scored;
        self.won += o.won;
        self.lost += o.lost;
        self.open += o.open;
        self.errors += o.errors;
        self.won_value += o.won_value;
        self.value_errors += o.value_errors;
        for (k, n) in o.open_values {
            self.count_open(k, n);
        }
        self.open_other += o.open_other;
    }

    fn count_open(&mut self, v: String, n: u64) {
        if let Some(c) = self.open_values.get_mut(&v) {
            *c += n;
        } else if self.open_values.len() < OPEN_VALUES_CAP {
            self.open_values.insert(v, n);
        } else {
            self.open_other += n;
        }
    }
}

fn add_tier(a: &mut TierAcc, b: &TierAcc) {
    a.accounts += b.accounts;
    a.won += b.won;
    a.lost += b.lost;
    a.won_value += b.won_value;
}

/// The per-row work, shared by every worker.
struct Counter<'a> {
    prog: &'a Program,
    cfg: &'a Config,
    /// The top tier's condition, when it has one.
    top: Option<(CmpOp, Rational)>,
}

impl Counter<'_> {
    fn deal(&self, acc: &mut Acc, cell: Option<&[u8]>) -> Deal {
        let text = cell.map(String::from_utf8_lossy).unwrap_or_default();
        let v = text.trim().to_lowercase();
        if self.cfg.won.contains(&v) {
            Deal::Won
        } else if self.cfg.lost.contains(&v) {
            Deal::Lost
        } else {
            acc.count_open(v, 1);
            Deal::Open
        }
    }

    fn row(&self, acc: &mut Acc, ev: &Evaluator<'_>, kept: &Kept<'_>) {
        let out = &ev.out;
        if out.tier == TierOut::Error {
            acc.errors += 1;
            return;
        }
        acc.scored += 1;
        let deal = self.deal(acc, kept.text(0));
        let value = if self.cfg.value && deal == Deal::Won {
            match kept.text(1).map(icp_eval::cell::trim) {
                None | Some(b"") => 0.0,
                Some(t) => match icp_eval::cell::parse_money(t) {
                    Ok(d) => d.to_string().parse::<f64>().unwrap_or(0.0),
                    Err(_) => {
                        acc.value_errors += 1;
                        0.0
                    }
                },
            }
        } else {
            0.0
        };
        let nrules = self.prog.rules.len();
        let t3s = out.rules.iter().chain(out.disqualifiers.iter());
        for (i, t) in t3s.enumerate() {
            let s = &mut acc.splits[i];
            match (t, deal) {
                (T3::Unknown, _) => acc.unknown[i] += 1,
                (_, Deal::Open) => {}
                (T3::True, Deal::Won) => {
                    s.won_holds += 1;
                    acc.won_value_holds[i] += value;
                }
                (T3::False, Deal::Won) => s.won_fails += 1,
                (T3::True, Deal::Lost) => s.lost_holds += 1,
                (T3::False, Deal::Lost) => s.lost_fails += 1,
            }
        }
        debug_assert!(acc.splits.len() == nrules + self.prog.disqualifiers.len());
        let ntiers = self.prog.tiers.len();
        let tier = match out.tier {
            TierOut::Tier(i) => i,
            TierOut::Disqualified => ntiers,
            _ => ntiers + 1,
        };
        let near = matches!(out.tier, TierOut::Tier(i) if i > 0) || out.tier == TierOut::NoTier;
        let near = near && self.near_top(ev);
        let groups = [Some(tier), near.then_some(usize::MAX)];
        for g in groups.into_iter().flatten() {
            let t = if g == usize::MAX {
                &mut acc.near
            } else {
                &mut acc.tiers[g]
            };
            t.accounts += 1;
            match deal {
                Deal::Won => {
                    t.won += 1;
                    t.won_value += value;
                }
                Deal::Lost => t.lost += 1,
                Deal::Open => {}
            }
        }
        match deal {
            Deal::Won => {
                acc.won += 1;
                acc.won_value += value;
                acc.scores.entry(ev.rational(out.min)).or_default().0 += 1;
            }
            Deal::Lost => {
                acc.lost += 1;
                acc.scores.entry(ev.rational(out.min)).or_default().1 += 1;
            }
            Deal::Open => acc.open += 1,
        }
    }

    /// Whether one positively weighted rule that did not hold would lift the row's
    /// minimum score into the top tier.
    fn near_top(&self, ev: &Evaluator<'_>) -> bool {
        let Some((op, thr)) = self.top else {
            return false;
        };
        let best = self
            .prog
            .rules
            .iter()
            .zip(&ev.out.rules)
            .filter(|(r, t)| **t != T3::True && r.weight > Rational::from_integer(0))
            .map(|(r, _)| r.weight)
            .max();
        match best {
            Some(w) => op.holds((ev.rational(ev.out.min) + w).cmp(&thr)),
            None => false,
        }
    }
}

/// One tier's line of the report.
#[derive(Clone, Debug, Serialize)]
pub struct TierReport {
    pub tier: String,
    pub accounts: u64,
    pub won: u64,
    pub lost: u64,
    pub win_rate: Option<f64>,
    pub wilson_low: Option<f64>,
    pub wilson_high: Option<f64>,
    /// Share of all won revenue (with a value column).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub won_value_share: Option<f64>,
}

/// One rule's or disqualifier's line of the report.
#[derive(Clone, Debug, Serialize)]
pub struct RuleReport {
    pub rule: String,
    pub kind: &'static str,
    /// The weight as written (rules only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<String>,
    /// Closed accounts for which it is known.
    pub known: u64,
    pub won_holds: u64,
    pub won_fails: u64,
    pub lost_holds: u64,
    pub lost_fails: u64,
    /// Share of won accounts (where known) for which it holds.
    pub won_pass_rate: Option<f64>,
    pub lost_pass_rate: Option<f64>,
    pub lift: Option<f64>,
    /// Weight of evidence where it holds, and where it fails.
    pub woe: Option<f64>,
    pub woe_fails: Option<f64>,
    pub iv: Option<f64>,
    pub verdict: &'static str,
    /// Share of scored accounts (open ones too) for which it is unknown.
    pub unknown_rate: Option<f64>,
    /// Disqualifiers, with a value column: won revenue it would have thrown out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub won_value_excluded: Option<f64>,
}

/// The near-ICP group: accounts one rule short of the top tier.
#[derive(Clone, Debug, Serialize)]
pub struct NearReport {
    pub accounts: u64,
    pub won: u64,
    pub lost: u64,
    pub win_rate: Option<f64>,
    /// The top tier's name and win rate, for comparison.
    pub top_tier: Option<String>,
    pub top_win_rate: Option<f64>,
}

/// Won and lost accounts at one distinct minimum score.
#[derive(Clone, Debug, Serialize)]
pub struct ScoreCount {
    pub score: String,
    pub value: f64,
    pub won: u64,
    pub lost: u64,
}

/// An outcome value that is neither won nor lost, with its count.
#[derive(Clone, Debug, Serialize)]
pub struct OpenValue {
    pub value: String,
    pub count: u64,
}

/// Everything `icpc audit` reports for one icp.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub icp: String,
    pub rows: u64,
    pub won: u64,
    pub lost: u64,
    pub open: u64,
    pub errors: u64,
    pub win_rate: Option<f64>,
    pub auc: Option<f64>,
    pub gini: Option<f64>,
    pub ks: Option<f64>,
    pub tiers: Vec<TierReport>,
    pub rules: Vec<RuleReport>,
    pub near_icp: NearReport,
    /// Won and lost counts per distinct minimum score, ascending.
    pub scores: Vec<ScoreCount>,
    /// ROC curve points (false positive rate, true positive rate).
    pub roc: Vec<(f64, f64)>,
    pub open_values: Vec<OpenValue>,
    /// Occurrences of further open values past the first 100 distinct ones.
    pub open_values_other: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub won_value: Option<f64>,
    /// Won rows whose value cell could not be read as an amount (counted as 0).
    pub value_errors: u64,
    /// The first rows that could not be scored: line, row and reason.
    pub error_rows: Vec<ErrorRow>,
    pub warnings: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ErrorRow {
    pub line: u64,
    pub row: u64,
    pub message: String,
}

/// Runs the audit over an opened job. The job must keep the outcome column first and, when
/// `cfg.value` is set, the value column second.
pub fn audit(
    prog: &Program,
    job: Job<'_>,
    cfg: &Config,
    progress: &mut dyn FnMut(Progress),
) -> Result<Report, StreamError> {
    let top = prog.tiers.first().and_then(|t| t.condition);
    let counter = Counter { prog, cfg, top };
    let (summary, accs) = job.fold(
        || Acc::new(prog),
        |acc, ev, kept| counter.row(acc, ev, kept),
        progress,
    )?;
    let mut acc = Acc::new(prog);
    for a in accs {
        acc.merge(a);
    }
    let mut report = build(prog, cfg, acc);
    report.rows = summary.rows;
    report.error_rows = summary
        .error_rows
        .into_iter()
        .map(|e| ErrorRow {
            line: e.line,
            row: e.row,
            message: e.message,
        })
        .collect();
    Ok(report)
}

fn share(part: f64, whole: f64) -> Option<f64> {
    (whole > 0.0).then(|| part / whole)
}

fn verdict(s: &Split, iv: Option<f64>, positive: bool) -> &'static str {
    let known = s.known();
    if known == 0 {
        return "no data";
    }
    let holds = s.won_holds + s.lost_holds;
    // A rule that holds for (nearly) everyone, or a disqualifier that holds for (nearly)
    // no one, excludes no one.
    let excludes_none = if positive {
        holds * 50 >= known * 49
    } else {
        holds * 50 <= known
    };
    if excludes_none {
        return "excludes no one here";
    }
    let Some(iv) = iv else {
        return "no data";
    };
    // Compare the pass rates won_holds/won and lost_holds/lost without dividing.
    let won_side = u128::from(s.won_holds) * u128::from(s.lost());
    let lost_side = u128::from(s.lost_holds) * u128::from(s.won());
    let inverted = if positive {
        lost_side > won_side
    } else {
        won_side > lost_side
    };
    if inverted {
        "inverted"
    } else if iv >= 0.1 {
        "separates"
    } else if iv >= 0.02 {
        "weak"
    } else {
        "no signal"
    }
}

fn build(prog: &Program, cfg: &Config, acc: Acc) -> Report {
    let overall = stats::win_rate(acc.won, acc.lost);
    let value = cfg.value.then_some(acc.won_value);
    let mut tiers = Vec::new();
    let ntiers = prog.tiers.len();
    for (i, t) in acc.tiers.iter().enumerate() {
        let name = match i.cmp(&ntiers) {
            Ordering::Less => prog.tiers[i].name.clone(),
            Ordering::Equal if !prog.disqualifiers.is_empty() || t.accounts > 0 => {
                "disqualified".to_string()
            }
            Ordering::Greater if t.accounts > 0 => "(no tier)".to_string(),
            _ => continue,
        };
        let w = stats::wilson(t.won, t.lost);
        tiers.push(TierReport {
            tier: name,
            accounts: t.accounts,
            won: t.won,
            lost: t.lost,
            win_rate: stats::win_rate(t.won, t.lost),
            wilson_low: w.map(|x| x.0),
            wilson_high: w.map(|x| x.1),
            won_value_share: value.map(|v| share(t.won_value, v).unwrap_or(0.0)),
        });
    }
    let mut rules = Vec::new();
    let entries = prog
        .rules
        .iter()
        .map(|r| {
            let w = icp_syntax::literal::format_rational(&r.weight);
            let positive = r.weight >= Rational::from_integer(0);
            let w = if positive { format!("+{w}") } else { w };
            (r.name.clone(), "rule", Some(w), positive)
        })
        .chain(
            prog.disqualifiers
                .iter()
                .map(|d| (d.text.clone(), "disqualifier", None, false)),
        );
    for (i, (name, kind, weight, positive)) in entries.enumerate() {
        let s = acc.splits[i];
        let holds_rate = stats::win_rate(s.won_holds, s.lost_holds);
        let lift = match (holds_rate, overall) {
            (Some(h), Some(o)) if o > 0.0 => Some(h / o),
            _ => None,
        };
        let woe = s.woe();
        let iv = s.iv();
        rules.push(RuleReport {
            rule: name,
            kind,
            weight,
            known: s.known(),
            won_holds: s.won_holds,
            won_fails: s.won_fails,
            lost_holds: s.lost_holds,
            lost_fails: s.lost_fails,
            won_pass_rate: share(s.won_holds as f64, s.won() as f64),
            lost_pass_rate: share(s.lost_holds as f64, s.lost() as f64),
            lift,
            woe: woe.map(|x| x.0),
            woe_fails: woe.map(|x| x.1),
            iv,
            verdict: verdict(&s, iv, positive && kind == "rule"),
            unknown_rate: share(acc.unknown[i] as f64, acc.scored as f64),
            won_value_excluded: (kind == "disqualifier" && cfg.value)
                .then_some(acc.won_value_holds[i]),
        });
    }
    let dist: Vec<(u64, u64)> = acc.scores.values().copied().collect();
    let auc = stats::auc(&dist);
    let scores = acc
        .scores
        .iter()
        .map(|(k, &(won, lost))| ScoreCount {
            score: icp_syntax::literal::format_rational(k),
            value: *k.numer() as f64 / *k.denom() as f64,
            won,
            lost,
        })
        .collect();
    let top = tiers.first().filter(|_| ntiers > 0);
    let near_icp = NearReport {
        accounts: acc.near.accounts,
        won: acc.near.won,
        lost: acc.near.lost,
        win_rate: stats::win_rate(acc.near.won, acc.near.lost),
        top_tier: top.map(|t| t.tier.clone()),
        top_win_rate: top.and_then(|t| t.win_rate),
    };
    let mut open_values: Vec<OpenValue> = acc
        .open_values
        .into_iter()
        .map(|(value, count)| OpenValue { value, count })
        .collect();
    open_values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    let mut report = Report {
        icp: prog.icp.clone(),
        rows: 0,
        won: acc.won,
        lost: acc.lost,
        open: acc.open,
        errors: acc.errors,
        win_rate: overall,
        auc,
        gini: auc.map(|a| 2.0 * a - 1.0),
        ks: stats::ks(&dist),
        roc: stats::roc(&dist),
        tiers,
        rules,
        near_icp,
        scores,
        open_values,
        open_values_other: acc.open_other,
        won_value: value,
        value_errors: acc.value_errors,
        error_rows: Vec::new(),
        warnings: Vec::new(),
    };
    report.warnings = warnings(&report, ntiers);
    report
}

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

fn warnings(r: &Report, ntiers: usize) -> Vec<String> {
    let mut out = Vec::new();
    let rubric = &r.tiers[..ntiers.min(r.tiers.len())];
    let rated: Vec<&TierReport> = rubric.iter().filter(|t| t.win_rate.is_some()).collect();
    for pair in rated.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if let (Some(x), Some(y)) = (a.win_rate, b.win_rate) {
            if y >= x {
                out.push(format!(
                    "the win rate does not fall from tier `{}` ({}) to tier `{}` ({}): the rubric ranks these accounts badly",
                    a.tier,
                    pct(x),
                    b.tier,
                    pct(y)
                ));
            }
        }
    }
    for t in rubric {
        let n = t.won + t.lost;
        if n < MIN_DEALS {
            out.push(format!(
                "tier `{}` holds {n} closed deals, under {MIN_DEALS}: too few to judge",
                t.tier
            ));
        }
    }
    if r.won == 0 || r.lost == 0 {
        out.push(
            "the accounts need both won and lost deals to measure how the rubric separates them"
                .to_string(),
        );
    }
    out
}
