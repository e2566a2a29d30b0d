//! A loaded accounts file and the figures of a compiled icp over it, with caches keyed by
//! what each figure depends on, so that after an edit only what changed is evaluated again.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use icp_check::config::{DEFAULT_SAMPLE, DataConfig};
use icp_eval::columns::{Column, Counts, Table};
use icp_eval::program::{NodeId, RuleKind, SlotType};
use icp_eval::{Program, T3, TierOut};

use crate::sheet::Sheet;

/// Whether an account's deal was won, lost or neither, by the outcome column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deal {
    Won,
    Lost,
    Open,
}

/// An accounts file held in memory, with its columns read for the programs asked about.
#[derive(Debug)]
pub struct DataSet {
    pub path: PathBuf,
    pub sheet: Sheet,
    /// The outcome column's name, when one is configured and present.
    pub outcome: Option<String>,
    /// Per row, when an outcome column is configured and present.
    deals: Vec<Deal>,
    columns: Mutex<HashMap<String, Arc<Column>>>,
    counts: Mutex<HashMap<String, Counts>>,
    rubric: Mutex<HashMap<String, Arc<IcpFigures>>>,
    values: Mutex<HashMap<String, Arc<Vec<(String, u64)>>>>,
}

/// One tier's share of the accounts, and its won and lost deals.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TierFigure {
    pub name: String,
    pub accounts: u64,
    pub won: u64,
    pub lost: u64,
}

/// What an icp's rubric and disqualifiers do to the accounts: a full pass, as `icpc score`
/// would score them.
#[derive(Clone, Debug, Default)]
pub struct IcpFigures {
    /// Rows scored (the sample).
    pub n: u64,
    /// Rows in the file.
    pub total: u64,
    pub tiers: Vec<TierFigure>,
    pub disqualified: u64,
    pub errors: u64,
    pub no_tier: u64,
    /// Per rule.
    pub rules: Vec<Counts>,
    /// Per disqualifier: counts, and how many won deals it holds for (would exclude).
    pub disqualifiers: Vec<(Counts, u64)>,
    /// Per segment: its accounts.
    pub segments: Vec<Counts>,
    /// Won deals in all, when there is an outcome.
    pub won: u64,
    pub lost: u64,
    pub has_outcome: bool,
}

/// `100 × part / whole` rounded to a whole percent, as the figures show it: `<1%` and `>99%`
/// when rounding would hide that some (or not all) accounts are in.
pub fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "–".into();
    }
    let r = (200 * part as u128 + whole as u128) / (2 * whole as u128);
    if part > 0 && r == 0 {
        "<1%".into()
    } else if part < whole && r == 100 {
        ">99%".into()
    } else {
        format!("{r}%")
    }
}

/// A count with thousands separators: `1203334` → `1,203,334`.
pub fn thousands(n: u64) -> String {
    icp_check::words::thousands(&n.to_string())
}

impl DataSet {
    /// Reads the file `[data]` names.
    pub fn load(cfg: &DataConfig) -> Result<DataSet, String> {
        let path = cfg
            .accounts
            .clone()
            .ok_or("`[data]` names no `accounts` file")?;
        let sheet = Sheet::load(&path, cfg.sample.unwrap_or(DEFAULT_SAMPLE))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(DataSet::new(path, sheet, cfg))
    }

    /// A data set over rows already read.
    pub fn new(path: PathBuf, sheet: Sheet, cfg: &DataConfig) -> DataSet {
        let own = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let won = cfg
            .won
            .clone()
            .unwrap_or_else(|| own(icp_audit::audit::DEFAULT_WON));
        let lost = cfg
            .lost
            .clone()
            .unwrap_or_else(|| own(icp_audit::audit::DEFAULT_LOST));
        let outcome_cfg = icp_audit::audit::Config::new(&won, &lost, false);
        let outcome_col = cfg.outcome.as_deref().and_then(|o| sheet.column(o));
        let deals = match outcome_col {
            Some(c) => (0..sheet.rows())
                .map(|r| {
                    let v = sheet
                        .cell(r, c)
                        .map(|v| String::from_utf8_lossy(v).trim().to_lowercase())
                        .unwrap_or_default();
                    if outcome_cfg.won.contains(&v) {
                        Deal::Won
                    } else if outcome_cfg.lost.contains(&v) {
                        Deal::Lost
                    } else {
                        Deal::Open
                    }
                })
                .collect(),
            None => Vec::new(),
        };
        DataSet {
            path,
            outcome: outcome_col.map(|c| sheet.header[c].clone()),
            sheet,
            deals,
            columns: Mutex::default(),
            counts: Mutex::default(),
            rubric: Mutex::default(),
            values: Mutex::default(),
        }
    }

    /// The file's name, for messages.
    pub fn name(&self) -> String {
        self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// `n = 50,000 of 1,203,334`, or `n = 4,812` when every row is kept.
    pub fn n_text(&self) -> String {
        let n = self.sheet.rows() as u64;
        if n < self.sheet.total {
            format!("n = {} of {}", thousands(n), thousands(self.sheet.total))
        } else {
            format!("n = {}", thousands(n))
        }
    }

    /// The typed column of each slot of `prog`, read once per reading and kept.
    pub fn columns(&self, prog: &Program) -> Vec<Arc<Column>> {
        let mut cache = self.columns.lock().unwrap_or_else(|e| e.into_inner());
        let mut rows = None;
        (0..prog.slots.len())
            .map(|s| {
                let key = Column::key(prog, s);
                if let Some(c) = cache.get(&key) {
                    return c.clone();
                }
                let rows = rows.get_or_insert_with(|| self.sheet.each_row());
                let col = self.sheet.column(&prog.slots[s].column);
                let c = Arc::new(Column::read(prog, s, col, rows));
                cache.insert(key, c.clone());
                c
            })
            .collect()
    }

    /// Whether slot `s`'s column is in the file.
    pub fn has_column(&self, prog: &Program, s: usize) -> bool {
        self.sheet.column(&prog.slots[s].column).is_some()
    }

    fn slots_key(prog: &Program) -> String {
        (0..prog.slots.len())
            .map(|s| Column::key(prog, s))
            .collect::<Vec<_>>()
            .join("\u{3}")
    }

    /// How the criterion `node` fares on every row; kept by its text and the slots' readings.
    pub fn count(&self, prog: &Program, node: NodeId) -> Counts {
        let key = format!(
            "{}\u{4}{}\u{4}{}",
            prog.texts.get(node as usize).map_or("", String::as_str),
            prog.as_of,
            DataSet::slots_key(prog)
        );
        if let Some(c) = self
            .counts
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
        {
            return *c;
        }
        let cols = self.columns(prog);
        let refs: Vec<&Column> = cols.iter().map(|c| &**c).collect();
        let counts = Table::new(prog, &refs).count_node(node);
        self.counts
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key, counts);
        counts
    }

    /// The icp's rubric, disqualifiers and segments over every row; kept by everything the
    /// scoring reads.
    pub fn figures(&self, prog: &Program) -> Arc<IcpFigures> {
        // What scoring reads: the rules, disqualifiers, tiers and segments (each with its
        // source text, which with the slots' readings decides its nodes), and the icp's own
        // criteria only when a segment builds on them. An edit to a firmographics criterion
        // alone leaves the rubric's figures as they were.
        let core_matters = prog.segments.iter().any(|s| !s.secondary);
        let key = format!(
            "{}\u{4}{:?}\u{4}{:?}\u{4}{:?}\u{4}{:?}\u{4}{:?}\u{4}{}",
            DataSet::slots_key(prog),
            prog.rules,
            prog.disqualifiers,
            prog.tiers,
            prog.segments,
            if core_matters { Some(&prog.core) } else { None },
            prog.as_of
        );
        if let Some(f) = self
            .rubric
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
        {
            return f.clone();
        }
        let cols = self.columns(prog);
        let refs: Vec<&Column> = cols.iter().map(|c| &**c).collect();
        let mut table = Table::new(prog, &refs);
        let mut f = IcpFigures {
            n: self.sheet.rows() as u64,
            total: self.sheet.total,
            tiers: prog
                .tiers
                .iter()
                .map(|t| TierFigure {
                    name: t.name.clone(),
                    ..TierFigure::default()
                })
                .collect(),
            rules: vec![Counts::default(); prog.rules.len()],
            disqualifiers: vec![(Counts::default(), 0); prog.disqualifiers.len()],
            segments: vec![Counts::default(); prog.segments.len()],
            has_outcome: !self.deals.is_empty(),
            ..IcpFigures::default()
        };
        for i in 0..table.rows() {
            let deal = self.deals.get(i).copied().unwrap_or(Deal::Open);
            match deal {
                Deal::Won => f.won += 1,
                Deal::Lost => f.lost += 1,
                Deal::Open => {}
            }
            let ev = table.eval(i);
            let out = &ev.out;
            for (c, t) in f.rules.iter_mut().zip(&out.rules) {
                c.add(*t);
            }
            for ((c, won), t) in f.disqualifiers.iter_mut().zip(&out.disqualifiers) {
                c.add(*t);
                if *t == T3::True && deal == Deal::Won {
                    *won += 1;
                }
            }
            for (c, t) in f.segments.iter_mut().zip(&out.segments) {
                c.add(*t);
            }
            match out.tier {
                TierOut::Tier(t) => {
                    let tf = &mut f.tiers[t];
                    tf.accounts += 1;
                    match deal {
                        Deal::Won => tf.won += 1,
                        Deal::Lost => tf.lost += 1,
                        Deal::Open => {}
                    }
                }
                TierOut::Disqualified => f.disqualified += 1,
                TierOut::Error => f.errors += 1,
                TierOut::NoTier => f.no_tier += 1,
            }
        }
        let f = Arc::new(f);
        self.rubric
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key, f.clone());
        f
    }

    /// The values of slot `s`'s column, most frequent first, with how many rows hold each:
    /// enum and set values normalised as the scorer compares them (a set's cell counts once
    /// per value), other values trimmed. Blank cells are not counted.
    pub fn values(&self, prog: &Program, s: usize) -> Arc<Vec<(String, u64)>> {
        let key = Column::key(prog, s);
        if let Some(v) = self
            .values
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
        {
            return v.clone();
        }
        let slot = &prog.slots[s];
        let v = self.column_values(&slot.column, slot.ty);
        self.values
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key, v.clone());
        v
    }

    /// The values of a column read as `ty` (see [`DataSet::values`]); kept by column and type.
    pub fn column_values(&self, column: &str, ty: SlotType) -> Arc<Vec<(String, u64)>> {
        let key = format!("{}\u{5}{}", column.trim().to_lowercase(), ty.as_str());
        if let Some(v) = self
            .values
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
        {
            return v.clone();
        }
        let mut counts: HashMap<String, u64> = HashMap::new();
        if let Some(c) = self.sheet.column(column) {
            let mut norm = Vec::new();
            for r in 0..self.sheet.rows() {
                let Some(cell) = self.sheet.cell(r, c) else {
                    continue;
                };
                match ty {
                    SlotType::Enum => {
                        if icp_eval::cell::trim(cell).is_empty() {
                            continue;
                        }
                        icp_eval::cell::normalize_into(cell, &mut norm);
                        *counts
                            .entry(String::from_utf8_lossy(&norm).into_owned())
                            .or_default() += 1;
                    }
                    SlotType::Set => {
                        for part in cell.split(|&b| b == b';' || b == b',') {
                            if icp_eval::cell::trim(part).is_empty() {
                                continue;
                            }
                            icp_eval::cell::normalize_into(part, &mut norm);
                            *counts
                                .entry(String::from_utf8_lossy(&norm).into_owned())
                                .or_default() += 1;
                        }
                    }
                    _ => {
                        let t = icp_eval::cell::trim(cell);
                        if !t.is_empty() {
                            *counts
                                .entry(String::from_utf8_lossy(t).into_owned())
                                .or_default() += 1;
                        }
                    }
                }
            }
        }
        let mut v: Vec<(String, u64)> = counts.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let v = Arc::new(v);
        self.values
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key, v.clone());
        v
    }

    /// The values of slot `s` closest to `wanted` (up to 3), with their counts.
    pub fn closest(&self, prog: &Program, s: usize, wanted: &str) -> Vec<(String, u64)> {
        let w = wanted.trim().to_lowercase().replace([' ', '-'], "_");
        let mut scored: Vec<(f64, String, u64)> = self
            .values(prog, s)
            .iter()
            .take(1000)
            .map(|(v, n)| {
                (
                    strsim::jaro_winkler(&w, &v.to_lowercase().replace([' ', '-'], "_")),
                    v.clone(),
                    *n,
                )
            })
            .filter(|(score, _, _)| *score > 0.6)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| b.2.cmp(&a.2)));
        scored.into_iter().take(3).map(|(_, v, n)| (v, n)).collect()
    }

    /// The header name closest to `column`, if any is close.
    pub fn closest_header(&self, column: &str) -> Option<String> {
        let want = column.trim().to_lowercase();
        self.sheet
            .header
            .iter()
            .map(|h| (strsim::jaro_winkler(&want, &h.to_lowercase()), h))
            .filter(|(s, _)| *s > 0.7)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, h)| h.clone())
    }

    /// Bytes held: the cells and every typed column read so far.
    pub fn heap_bytes(&self) -> usize {
        self.sheet.heap_bytes()
            + self.deals.capacity()
            + self
                .columns
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .values()
                .map(|c| c.heap_bytes())
                .sum::<usize>()
    }

    /// The path this data set was read from.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// The hint of a criterion: `admits 31% · 4% unknown` (the unknown share only when it is at
/// least 1% of the rows).
pub fn hint_text(c: &Counts) -> String {
    let mut s = if c.known() == 0 {
        "admits – (all unknown)".to_string()
    } else {
        format!("admits {}", percent(c.holds, c.known()))
    };
    if c.known() > 0 && c.unknown > 0 && c.unknown * 100 >= c.total() {
        s.push_str(&format!(" · {} unknown", percent(c.unknown, c.total())));
    }
    s
}

/// The rule kind's node, when the rule is a plain criterion.
pub fn rule_node(prog: &Program, i: usize) -> Option<NodeId> {
    match prog.rules.get(i)?.kind {
        RuleKind::Pred(n) => Some(n),
        RuleKind::Graded { .. } => None,
    }
}
