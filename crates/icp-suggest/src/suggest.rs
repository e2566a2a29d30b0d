//! Criteria proposed from the best accounts (`icpc suggest`).
//!
//! "List your top customers by health, revenue or expansion, find the common patterns: that
//! is your real ICP." The file is read twice as a stream: the first pass keeps the top N
//! rows by the `--by` column (a bounded heap), the second counts, over every row, where each
//! proposed criterion holds. For each schema field:
//!
//! - numbers (`int`, `number`, `money`, `percent`, `date`, `duration`): the narrowest band
//!   `lo..hi` that holds at least `cover` of the top accounts whose value is known, its ends
//!   then rounded outwards to two significant digits (whole percents; dates and durations
//!   exactly);
//! - `enum` and `text`: the fewest values that cover at least `cover` of them (most frequent
//!   first; text: at most [`TEXT_VALUES_MAX`] values);
//! - `set`: the fewest values, picked greedily, that at least `cover` of them have any of;
//! - `bool`: the field, or `not` the field, when that holds for at least `cover` of them.
//!
//! A criterion is proposed only when it excludes at least [`MIN_EXCLUDED`] of the accounts
//! where the field is known, and its lift — the share of the top accounts where it holds over
//! the share of the whole file — is at least [`MIN_LIFT`]: a criterion the best accounts pass
//! no more often than everyone else describes everyone, not them.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::fmt::Write as _;
use std::path::Path;

use icp_check::model::{FieldType, SchemaModel};
use icp_eval::cell::{self, CellError, Dec};

use crate::infer::thousands;
use crate::names;
use crate::table::{self, Issues, Table};

/// The least share of the file (where the field is known) a proposed criterion excludes.
pub const MIN_EXCLUDED: f64 = 0.10;
/// The least lift of a proposed criterion. The criterion is fitted to the top accounts, so
/// chance alone gives it some lift: for a numeric field that carries no signal, the
/// narrowest band holding 16 of 20 top accounts reaches a lift of 1.5 about one time in
/// nine, and 2 about one time in two hundred.
pub const MIN_LIFT: f64 = 2.0;
/// The most values a proposed `text` criterion lists.
pub const TEXT_VALUES_MAX: usize = 5;

/// What to suggest from.
#[derive(Clone, Debug)]
pub struct Request<'a> {
    /// The column the accounts are ranked by (highest first).
    pub by: &'a str,
    /// How many top accounts to learn from.
    pub top: usize,
    /// The share of the top accounts a criterion must hold for, in (0, 1].
    pub cover: f64,
    pub schema: &'a SchemaModel,
    /// Fields that belong in `tech_stack` (besides sets and fields named like a tool).
    pub tech_fields: Vec<String>,
}

/// Where a proposed criterion goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Block {
    Firmographics,
    TechStack,
}

impl Block {
    pub fn keyword(self) -> &'static str {
        match self {
            Block::Firmographics => "firmographics",
            Block::TechStack => "tech_stack",
        }
    }
}

/// A criterion for one field, with its evidence.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    pub field: String,
    pub block: Block,
    /// The criterion as `.icp` text: `employees in 200..2000`.
    pub criterion: String,
    /// Top accounts where the field is known, and where the criterion holds.
    pub top_known: u64,
    pub top_holds: u64,
    /// Accounts of the whole file where the field is known, and where the criterion holds.
    pub file_known: u64,
    pub file_holds: u64,
}

impl Proposal {
    /// Share of the top accounts (field known) where it holds.
    pub fn coverage(&self) -> f64 {
        ratio(self.top_holds, self.top_known)
    }
    /// Share of the whole file (field known) where it holds.
    pub fn share(&self) -> f64 {
        ratio(self.file_holds, self.file_known)
    }
    /// Share of the whole file (field known) it excludes.
    pub fn excluded(&self) -> f64 {
        1.0 - self.share()
    }
    /// Coverage over share.
    pub fn lift(&self) -> f64 {
        if self.file_holds == 0 {
            0.0
        } else {
            self.coverage() / self.share()
        }
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// A field with no proposal, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Skipped {
    pub field: String,
    pub reason: String,
    /// The criterion weighed and turned down, if one was.
    pub weighed: Option<Proposal>,
}

/// The result of a run.
#[derive(Clone, Debug)]
pub struct Suggestion {
    pub file: String,
    pub by: String,
    /// Data rows read.
    pub rows: u64,
    /// Rows with a readable `--by` value.
    pub ranked: u64,
    /// The accounts learnt from (at most `--top`).
    pub top: u64,
    /// The lowest `--by` value among them.
    pub cutoff: Option<String>,
    pub cover: f64,
    pub proposals: Vec<Proposal>,
    pub skipped: Vec<Skipped>,
    /// Rows that cannot be read (cell counts, bad `--by` values) and cells of fields that
    /// cannot be read as their type (then unknown).
    pub issues: Issues,
}

/// A cell read as its field's type.
#[derive(Clone, Debug, PartialEq)]
enum Val {
    Unknown,
    Num(Dec),
    Bool(bool),
    /// Normalised enum value or set values.
    Cats(Vec<String>),
    Text(String),
}

fn read(ty: &FieldType, c: &[u8], norm: &mut Vec<u8>) -> Result<Val, CellError> {
    if c.is_empty() {
        return Ok(Val::Unknown);
    }
    Ok(match ty {
        FieldType::Int => Val::Num(cell::parse_int(c)?),
        FieldType::Number => Val::Num(cell::parse_number(c)?),
        FieldType::Money => Val::Num(cell::parse_money(c)?),
        FieldType::Percent => Val::Num(cell::parse_percent(c)?),
        FieldType::Date => Val::Num(Dec::int(i128::from(cell::parse_date(c)?))),
        FieldType::Duration => Val::Num(Dec::int(i128::from(cell::parse_duration(c)?))),
        FieldType::Bool => Val::Bool(cell::parse_bool(c)?),
        FieldType::Enum(_) => {
            cell::normalize_into(c, norm);
            Val::Cats(vec![String::from_utf8_lossy(norm).into_owned()])
        }
        FieldType::Set(_) => {
            let mut v = Vec::new();
            for part in c.split(|&b| b == b';' || b == b',') {
                let part = part.trim_ascii();
                if !part.is_empty() {
                    cell::normalize_into(part, norm);
                    v.push(String::from_utf8_lossy(norm).into_owned());
                }
            }
            if v.is_empty() {
                Val::Unknown
            } else {
                Val::Cats(v)
            }
        }
        FieldType::Text => Val::Text(String::from_utf8_lossy(c).into_owned()),
    })
}

/// A proposed test.
#[derive(Clone, Debug, PartialEq)]
enum Test {
    Band(Dec, Dec),
    In(Vec<String>),
    HasAny(Vec<String>),
    Is(bool),
    TextIn(Vec<String>),
}

impl Test {
    /// Whether it holds for a value; `None` when the value is unknown.
    fn holds(&self, v: &Val) -> Option<bool> {
        Some(match (self, v) {
            (_, Val::Unknown) => return None,
            (Test::Band(lo, hi), Val::Num(x)) => {
                x.cmp_exact(*lo) != Ordering::Less && x.cmp_exact(*hi) != Ordering::Greater
            }
            (Test::In(vals), Val::Cats(c)) => c.first().is_some_and(|x| vals.contains(x)),
            (Test::HasAny(vals), Val::Cats(c)) => c.iter().any(|x| vals.contains(x)),
            (Test::Is(b), Val::Bool(x)) => x == b,
            (Test::TextIn(vals), Val::Text(t)) => vals.contains(t),
            _ => return None,
        })
    }

    fn text(&self, field: &str, ty: &FieldType) -> String {
        let list = |v: &[String], lit: fn(&str) -> String| {
            v.iter().map(|x| lit(x)).collect::<Vec<_>>().join(", ")
        };
        match self {
            Test::Band(lo, hi) => {
                format!("{field} in {}..{}", literal(*lo, ty), literal(*hi, ty))
            }
            Test::In(v) => format!("{field} in [{}]", list(v, names::value_literal)),
            Test::HasAny(v) => format!("{field} has any [{}]", list(v, names::value_literal)),
            Test::Is(true) => field.to_string(),
            Test::Is(false) => format!("not {field}"),
            Test::TextIn(v) => format!("{field} in [{}]", list(v, names::string_literal)),
        }
    }
}

/// A decimal as the language writes it: `1200`, `-3.5`, `20K`, `2.5M`.
fn decimal(d: Dec) -> String {
    let p = 10i128.pow(u32::from(d.k));
    let neg = d.m < 0;
    let a = d.m.unsigned_abs();
    let (int, frac) = (a / p.unsigned_abs(), a % p.unsigned_abs());
    let mut s = if neg { "-".to_string() } else { String::new() };
    if frac == 0 {
        // Magnitude suffixes for round values from 10,000 up.
        let unit = [(1_000_000_000u128, 'B'), (1_000_000, 'M'), (1_000, 'K')]
            .into_iter()
            .find(|(unit, _)| int >= 10_000 && int % unit == 0);
        match unit {
            Some((unit, c)) => {
                let _ = write!(s, "{}{c}", int / unit);
            }
            None => {
                let _ = write!(s, "{int}");
            }
        }
    } else {
        let digits = format!("{frac:0width$}", width = usize::from(d.k));
        let _ = write!(s, "{int}.{}", digits.trim_end_matches('0'));
    }
    s
}

/// A value of a field's type as a literal.
fn literal(d: Dec, ty: &FieldType) -> String {
    match ty {
        FieldType::Percent => {
            let pct = Dec {
                m: d.m,
                k: d.k.saturating_sub(2),
            };
            let pct = if d.k < 2 {
                Dec {
                    m: d.m * 10i128.pow(2 - u32::from(d.k)),
                    k: 0,
                }
            } else {
                pct
            };
            format!("{}%", decimal_plain(pct))
        }
        FieldType::Date => {
            let days = i64::try_from(d.m).unwrap_or(0);
            icp_syntax::literal::civil_from_days(days).to_string()
        }
        FieldType::Duration => format!("{}d", d.m),
        _ => decimal(d),
    }
}

/// A decimal without magnitude suffixes.
fn decimal_plain(d: Dec) -> String {
    let p = 10u128.pow(u32::from(d.k));
    let a = d.m.unsigned_abs();
    let sign = if d.m < 0 { "-" } else { "" };
    if a % p == 0 {
        format!("{sign}{}", a / p)
    } else {
        let digits = format!("{:0width$}", a % p, width = usize::from(d.k));
        format!("{sign}{}.{}", a / p, digits.trim_end_matches('0'))
    }
}

/// Rounds a band's ends outwards to a step of a hundredth of its width, at least 1 for
/// counts and amounts (`263..1849` → `200..1900`, `1953..2021` → `1953..2021`), whole
/// percents; dates and durations as they are.
fn round_out(lo: Dec, hi: Dec, ty: &FieldType) -> (Dec, Dec) {
    match ty {
        FieldType::Date | FieldType::Duration => (lo, hi),
        FieldType::Percent => (
            to_step(lo, 2, false).unwrap_or(lo),
            to_step(hi, 2, true).unwrap_or(hi),
        ),
        _ => {
            let f = |d: Dec| d.m as f64 / 10f64.powi(i32::from(d.k));
            let width = f(hi) - f(lo);
            if width < 1.0 {
                return (lo, hi);
            }
            // 10^(digits of the width − 2): two significant digits of the width.
            let digits = (width.log10().floor() as i32 + 1).max(2);
            let step = 10i128.checked_pow((digits - 2) as u32).unwrap_or(1);
            (
                to_multiple(lo, step, false).unwrap_or(lo),
                to_multiple(hi, step, true).unwrap_or(hi),
            )
        }
    }
}

/// Rounds to a multiple of 10^-k (down or up).
fn to_step(d: Dec, k: u8, up: bool) -> Option<Dec> {
    if d.k <= k {
        return Some(d);
    }
    let step = 10i128.checked_pow(u32::from(d.k - k))?;
    let q = if up {
        -((-d.m).div_euclid(step))
    } else {
        d.m.div_euclid(step)
    };
    Some(Dec { m: q, k })
}

/// Rounds to a whole multiple of `step` (down or up).
fn to_multiple(d: Dec, step: i128, up: bool) -> Option<Dec> {
    let w = to_step(d, 0, up)?;
    let m = if up {
        -((-w.m).div_euclid(step)) * step
    } else {
        w.m.div_euclid(step) * step
    };
    Some(Dec::int(m))
}

/// The narrowest band holding `need` of the sorted values.
fn narrowest(sorted: &[Dec], need: usize) -> Option<(Dec, Dec)> {
    if need == 0 || need > sorted.len() {
        return None;
    }
    let f = |d: Dec| d.m as f64 / 10f64.powi(i32::from(d.k));
    (0..=sorted.len() - need)
        .map(|i| (sorted[i], sorted[i + need - 1]))
        .min_by(|a, b| {
            (f(a.1) - f(a.0))
                .partial_cmp(&(f(b.1) - f(b.0)))
                .unwrap_or(Ordering::Equal)
        })
}

/// Values that cover `need` accounts, most frequent first (ties by name).
fn fewest(counts: &[(String, u64)], need: u64, max: usize) -> Option<Vec<String>> {
    let mut sum = 0;
    let mut out = Vec::new();
    for (v, n) in counts {
        if sum >= need || out.len() >= max {
            break;
        }
        out.push(v.clone());
        sum += n;
    }
    (sum >= need).then_some(out)
}

fn counted(items: impl Iterator<Item = String>) -> Vec<(String, u64)> {
    let mut m: std::collections::BTreeMap<String, u64> = Default::default();
    for i in items {
        *m.entry(i).or_default() += 1;
    }
    let mut v: Vec<(String, u64)> = m.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// Values in the order the schema lists them.
fn in_schema_order(mut v: Vec<String>, listed: &[String]) -> Vec<String> {
    v.sort_by_key(|x| listed.iter().position(|l| l == x));
    v
}

/// The test that covers at least `need` of the known top values, if there is one.
fn propose(ty: &FieldType, vals: &[&Val], need: u64) -> Option<Test> {
    match ty {
        FieldType::Int
        | FieldType::Number
        | FieldType::Money
        | FieldType::Percent
        | FieldType::Date
        | FieldType::Duration => {
            let mut nums: Vec<Dec> = vals
                .iter()
                .filter_map(|v| match v {
                    Val::Num(d) => Some(*d),
                    _ => None,
                })
                .collect();
            nums.sort_by(|a, b| a.cmp_exact(*b));
            let (lo, hi) = narrowest(&nums, need as usize)?;
            let (lo, hi) = round_out(lo, hi, ty);
            Some(Test::Band(lo, hi))
        }
        FieldType::Bool => {
            let t = vals.iter().filter(|v| **v == &Val::Bool(true)).count() as u64;
            let f = vals.len() as u64 - t;
            if t >= need {
                Some(Test::Is(true))
            } else if f >= need {
                Some(Test::Is(false))
            } else {
                None
            }
        }
        FieldType::Enum(listed) => {
            let counts = counted(vals.iter().filter_map(|v| match v {
                Val::Cats(c) => c.first().filter(|x| listed.contains(x)).cloned(),
                _ => None,
            }));
            fewest(&counts, need, usize::MAX).map(|v| Test::In(in_schema_order(v, listed)))
        }
        FieldType::Text => {
            let counts = counted(vals.iter().filter_map(|v| match v {
                Val::Text(t) => Some(t.clone()),
                _ => None,
            }));
            fewest(&counts, need, TEXT_VALUES_MAX).map(Test::TextIn)
        }
        FieldType::Set(listed) => {
            // Greedy cover: the value most of the not yet covered accounts have, in turn.
            let sets: Vec<&Vec<String>> = vals
                .iter()
                .filter_map(|v| match v {
                    Val::Cats(c) => Some(c),
                    _ => None,
                })
                .collect();
            let mut covered = vec![false; sets.len()];
            let mut chosen: Vec<String> = Vec::new();
            let mut n = 0u64;
            while n < need {
                let counts = counted(sets.iter().zip(&covered).filter(|(_, c)| !**c).flat_map(
                    |(s, _)| {
                        let mut u: Vec<String> = s
                            .iter()
                            .filter(|x| listed.contains(x) && !chosen.contains(x))
                            .cloned()
                            .collect();
                        u.sort();
                        u.dedup();
                        u
                    },
                ));
                let (best, _) = counts.first()?;
                chosen.push(best.clone());
                for (s, c) in sets.iter().zip(covered.iter_mut()) {
                    if !*c && s.contains(best) {
                        *c = true;
                        n += 1;
                    }
                }
            }
            Some(Test::HasAny(in_schema_order(chosen, listed)))
        }
    }
}

/// Words in a field or column name that mark a technology signal.
const TECH_WORDS: &[&str] = &[
    "crm",
    "hris",
    "erp",
    "ats",
    "stack",
    "tech",
    "tool",
    "tools",
    "platform",
    "software",
    "cloud",
    "vendor",
    "database",
    "warehouse",
    "bi",
];

fn block_of(req: &Request<'_>, name: &str, column: &str, ty: &FieldType) -> Block {
    let tech_word = |s: &str| {
        s.to_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| TECH_WORDS.contains(&w))
    };
    if req.tech_fields.iter().any(|f| f == name)
        || matches!(ty, FieldType::Set(_))
        || tech_word(name)
        || tech_word(column)
    {
        Block::TechStack
    } else {
        Block::Firmographics
    }
}

/// A top account: its `--by` value, its row number (earlier wins ties) and its field cells.
struct Top {
    by: Dec,
    row: u64,
    cells: Vec<Vec<u8>>,
}

impl PartialEq for Top {
    fn eq(&self, o: &Top) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}
impl Eq for Top {}
impl PartialOrd for Top {
    fn partial_cmp(&self, o: &Top) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Top {
    /// Better first: a higher value, then an earlier row.
    fn cmp(&self, o: &Top) -> Ordering {
        self.by.cmp_exact(o.by).then(o.row.cmp(&self.row))
    }
}

/// Reads a `--by` cell: a number, an amount or a percent.
fn read_by(c: &[u8]) -> Result<Dec, CellError> {
    cell::parse_number(c)
        .or_else(|_| cell::parse_money(c))
        .or_else(|_| cell::parse_percent(c))
        .map_err(|_| CellError {
            problem: "is not a number",
            expected: "a number, an amount or a percent such as 1200, $20,000 or 35%",
        })
}

fn cell_message(column: &str, c: &[u8], e: CellError) -> String {
    format!(
        "column `{column}`: \"{}\" {} (expected {})",
        String::from_utf8_lossy(c),
        e.problem,
        e.expected
    )
}

/// Learns criteria from the top accounts of a CSV file.
pub fn suggest(path: &Path, req: &Request<'_>) -> Result<Suggestion, String> {
    if !(req.cover > 0.0 && req.cover <= 1.0) {
        return Err(format!(
            "--cover must be above 0 and at most 1, not {}",
            req.cover
        ));
    }
    if req.top == 0 {
        return Err("--top must be at least 1".into());
    }
    let mut t = Table::open(path)?;
    let by_col = t.column(req.by).ok_or_else(|| {
        format!(
            "{}: no column `{}` to rank by; it has: {}",
            t.name,
            req.by,
            t.columns.join(", ")
        )
    })?;
    let fields = &req.schema.fields;
    let cols: Vec<Option<usize>> = fields.iter().map(|f| t.column(&f.column)).collect();
    let mut issues = Issues::default();
    let mut heap: BinaryHeap<std::cmp::Reverse<Top>> = BinaryHeap::new();
    let mut rec = csv::ByteRecord::new();
    let (mut rows, mut ranked) = (0u64, 0u64);
    while let Some(line) = t.next(&mut rec)? {
        rows += 1;
        if let Some(why) = t.ragged(&rec) {
            issues.add(line, || format!("{}:{line}: {why}", t.name));
            continue;
        }
        let c = table::cell(&rec, by_col);
        if c.is_empty() {
            continue;
        }
        let by = match read_by(c) {
            Ok(d) => d,
            Err(e) => {
                issues.add(line, || {
                    format!(
                        "{}:{line}: {}",
                        t.name,
                        cell_message(&t.columns[by_col], c, e)
                    )
                });
                continue;
            }
        };
        ranked += 1;
        let worse = heap.len() >= req.top
            && heap.peek().is_some_and(|m| {
                by.cmp_exact(m.0.by) != Ordering::Greater // ties: the earlier row stays
            });
        if worse {
            continue;
        }
        let cells = cols
            .iter()
            .map(|c| c.map_or_else(Vec::new, |i| table::cell(&rec, i).to_vec()))
            .collect();
        heap.push(std::cmp::Reverse(Top {
            by,
            row: rows,
            cells,
        }));
        if heap.len() > req.top {
            heap.pop();
        }
    }
    let mut top: Vec<Top> = heap.into_iter().map(|r| r.0).collect();
    top.sort_by(|a, b| b.cmp(a));
    let cutoff = top.last().map(|t| decimal_plain(t.by));
    let mut norm = Vec::new();
    // Each field's values among the top accounts (a bad cell is unknown; pass 2 reports it).
    let mut tests: Vec<Option<Test>> = Vec::new();
    let mut skipped = Vec::new();
    let need_of = |known: usize| ((req.cover * known as f64) - 1e-9).ceil().max(1.0) as u64;
    for (i, f) in fields.iter().enumerate() {
        let vals: Vec<Val> = top
            .iter()
            .map(|t| read(&f.ty, &t.cells[i], &mut norm).unwrap_or(Val::Unknown))
            .collect();
        let known: Vec<&Val> = vals.iter().filter(|v| **v != Val::Unknown).collect();
        let reason = if cols[i].is_none() {
            Some(format!("the file has no column `{}`", f.column))
        } else if f.column.eq_ignore_ascii_case(req.by) {
            Some("it is the column the accounts are ranked by".to_string())
        } else if known.len() * 2 < top.len() || known.is_empty() {
            Some(format!(
                "known for only {} of the {} top accounts",
                known.len(),
                top.len()
            ))
        } else {
            None
        };
        if let Some(reason) = reason {
            skipped.push(Skipped {
                field: f.name.to_string(),
                reason,
                weighed: None,
            });
            tests.push(None);
            continue;
        }
        let test = propose(&f.ty, &known, need_of(known.len()));
        if test.is_none() {
            skipped.push(Skipped {
                field: f.name.to_string(),
                reason: format!(
                    "no {} covers {:.0}% of the top accounts",
                    match f.ty {
                        FieldType::Text => "short list of values",
                        FieldType::Bool => "single value",
                        _ => "criterion",
                    },
                    req.cover * 100.0
                ),
                weighed: None,
            });
        }
        tests.push(test);
    }
    // Pass 2: where each test holds in the whole file, and which cells cannot be read.
    let mut file_known = vec![0u64; fields.len()];
    let mut file_holds = vec![0u64; fields.len()];
    let mut t = Table::open(path)?;
    while let Some(line) = t.next(&mut rec)? {
        if t.ragged(&rec).is_some() {
            continue;
        }
        for (i, f) in fields.iter().enumerate() {
            let Some(col) = cols[i] else {
                continue;
            };
            let c = table::cell(&rec, col);
            match read(&f.ty, c, &mut norm) {
                Ok(v) => {
                    if let Some(h) = tests[i].as_ref().and_then(|t| t.holds(&v)) {
                        file_known[i] += 1;
                        file_holds[i] += u64::from(h);
                    }
                }
                Err(e) => issues.add(line, || {
                    format!("{}:{line}: {}", t.name, cell_message(&f.column, c, e))
                }),
            }
        }
    }
    let mut proposals = Vec::new();
    for (i, f) in fields.iter().enumerate() {
        let Some(test) = &tests[i] else {
            continue;
        };
        let top_vals: Vec<Val> = top
            .iter()
            .map(|t| read(&f.ty, &t.cells[i], &mut norm).unwrap_or(Val::Unknown))
            .collect();
        let judged: Vec<bool> = top_vals.iter().filter_map(|v| test.holds(v)).collect();
        let p = Proposal {
            field: f.name.to_string(),
            block: block_of(req, &f.name, &f.column, &f.ty),
            criterion: test.text(&f.name, &f.ty),
            top_known: judged.len() as u64,
            top_holds: judged.iter().filter(|h| **h).count() as u64,
            file_known: file_known[i],
            file_holds: file_holds[i],
        };
        let reason = if p.excluded() < MIN_EXCLUDED {
            Some(format!(
                "excludes only {:.1}% of the file (under {:.0}%)",
                p.excluded() * 100.0,
                MIN_EXCLUDED * 100.0
            ))
        } else if p.lift() < MIN_LIFT {
            Some(format!(
                "the top accounts look like everyone else: lift {:.2} (under {MIN_LIFT})",
                p.lift()
            ))
        } else {
            None
        };
        match reason {
            Some(reason) => skipped.push(Skipped {
                field: f.name.to_string(),
                reason,
                weighed: Some(p),
            }),
            None => proposals.push(p),
        }
    }
    Ok(Suggestion {
        file: t.name,
        by: req.by.to_string(),
        rows,
        ranked,
        top: top.len() as u64,
        cutoff,
        cover: req.cover,
        proposals,
        skipped,
        issues,
    })
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

impl Proposal {
    /// The comment that goes with it: coverage, share of the file, exclusion and lift.
    pub fn evidence(&self) -> String {
        format!(
            "top {} ({}/{}), file {}, excludes {}, lift {:.2}",
            pct(self.coverage()),
            self.top_holds,
            self.top_known,
            pct(self.share()),
            pct(self.excluded()),
            self.lift()
        )
    }
}

impl Suggestion {
    /// The proposal as an `.icp` file (before formatting): the schema's text, then an icp
    /// with the proposed `firmographics` and `tech_stack` blocks, one rubric rule per
    /// criterion, and the fields left out with the reason, as comments.
    pub fn source(&self, schema_src: &str, schema_name: &str, icp_name: &str) -> String {
        let mut s = String::new();
        let file = crate::table::base_name(&self.file);
        let _ = writeln!(
            s,
            "# Suggested by `icpc suggest` from the top {} of {} ranked accounts in {} by `{}`{}.",
            thousands(self.top),
            thousands(self.ranked),
            names::comment_text(&file),
            names::comment_text(&self.by),
            self.cutoff
                .as_ref()
                .map(|c| format!(" (at least {c})"))
                .unwrap_or_default()
        );
        let _ = writeln!(
            s,
            "# Each criterion holds for at least {} of the top accounts where its field is known,\n\
             # excludes at least {} of the file and has a lift of at least {MIN_LIFT}. The comment\n\
             # on each line: its share of the top, its share of the file, what it excludes, its lift.\n",
            pct(self.cover),
            pct(MIN_EXCLUDED)
        );
        s.push_str(schema_src.trim_end());
        s.push_str("\n\n");
        let _ = writeln!(
            s,
            "icp {icp_name} {} {{\n  uses {schema_name}\n",
            names::string_literal(&format!(
                "Accounts like the top {} by {}",
                self.top, self.by
            ))
        );
        for block in [Block::Firmographics, Block::TechStack] {
            let ps: Vec<&Proposal> = self.proposals.iter().filter(|p| p.block == block).collect();
            if ps.is_empty() {
                continue;
            }
            let _ = writeln!(s, "  {} {{", block.keyword());
            for p in ps {
                let _ = writeln!(s, "    {}  # {}", p.criterion, p.evidence());
            }
            s.push_str("  }\n\n");
        }
        if !self.proposals.is_empty() {
            s.push_str("  rubric {\n");
            for p in &self.proposals {
                let _ = writeln!(
                    s,
                    "    rule {}_fit : {}  # {}",
                    p.field,
                    p.criterion,
                    p.evidence()
                );
            }
            let n = self.proposals.len();
            let _ = writeln!(s, "\n    tier fit when score >= {n}");
            if n > 1 {
                let _ = writeln!(s, "    tier near when score >= {}", n - 1);
            }
            s.push_str("    tier other otherwise\n  }\n");
        }
        if !self.skipped.is_empty() {
            s.push_str("\n  # Not proposed:\n");
            for k in &self.skipped {
                let weighed = k
                    .weighed
                    .as_ref()
                    .map(|p| format!(" [{}: {}]", p.criterion, p.evidence()))
                    .unwrap_or_default();
                let _ = writeln!(
                    s,
                    "  # - {}: {}{}",
                    k.field,
                    names::comment_text(&k.reason),
                    names::comment_text(&weighed)
                );
            }
        }
        s.push_str("}\n");
        s
    }
}

/// The changes to an icp's `firmographics` and `tech_stack` criteria that adopting the
/// suggestion would make, as `icp-diff` classifies them, written as comments to append to
/// the suggestion. `file` and `icp` name the current profile.
pub fn against_comment(report: &icp_diff::Report, file: &str, icp: &str) -> String {
    let blocks = [
        format!("icp.{icp}.firmographics."),
        format!("icp.{icp}.tech_stack."),
    ];
    let changes: Vec<&icp_diff::Change> = report
        .changes
        .iter()
        .filter(|c| blocks.iter().any(|b| c.path.starts_with(b.as_str())))
        .collect();
    let mut s = format!(
        "\n# Against {} (icp `{icp}`), classified as `icpc diff` classifies them:\n",
        names::comment_text(file)
    );
    if changes.is_empty() {
        s.push_str("# the suggested firmographics and tech_stack criteria are the current ones.\n");
    }
    for c in changes {
        let what = match (&c.old, &c.new) {
            (Some(o), Some(n)) => format!("`{o}` -> `{n}`"),
            (None, Some(n)) => format!("`{n}`"),
            (Some(o), None) => format!("`{o}`"),
            (None, None) => String::new(),
        };
        let _ = writeln!(
            s,
            "# {:<8} {}: {}",
            c.kind.as_str(),
            names::comment_text(&c.path["icp.".len() + icp.len() + 1..]),
            names::comment_text(&what)
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: i128, k: u8) -> Dec {
        Dec { m, k }
    }

    #[test]
    fn rounding_goes_outwards() {
        let int = FieldType::Int;
        assert_eq!(
            round_out(d(263, 0), d(1849, 0), &int),
            (d(200, 0), d(1900, 0))
        );
        assert_eq!(
            round_out(d(1953, 0), d(2021, 0), &int),
            (d(1953, 0), d(2021, 0))
        );
        assert_eq!(
            round_out(d(1800, 0), d(9000, 0), &int),
            (d(1800, 0), d(9000, 0))
        );
        assert_eq!(
            round_out(d(-263, 0), d(125, 1), &FieldType::Number),
            (d(-270, 0), d(20, 0))
        );
        assert_eq!(
            round_out(d(3, 1), d(7, 1), &FieldType::Number),
            (d(3, 1), d(7, 1))
        );
        assert_eq!(to_step(d(3512, 4), 2, false), Some(d(35, 2)));
        assert_eq!(to_step(d(3512, 4), 2, true), Some(d(36, 2)));
    }

    #[test]
    fn literals() {
        assert_eq!(decimal(d(1200, 0)), "1200");
        assert_eq!(decimal(d(20_000, 0)), "20K");
        assert_eq!(decimal(d(2_500_000, 0)), "2500K");
        assert_eq!(decimal(d(20_000_000, 0)), "20M");
        assert_eq!(decimal(d(-35, 1)), "-3.5");
        assert_eq!(literal(d(35, 2), &FieldType::Percent), "35%");
        assert_eq!(literal(d(5, 1), &FieldType::Percent), "50%");
        assert_eq!(literal(d(125, 3), &FieldType::Percent), "12.5%");
    }

    #[test]
    fn narrowest_band_and_fewest_values() {
        let v: Vec<Dec> = [1, 2, 3, 10, 11, 12, 13].iter().map(|&x| d(x, 0)).collect();
        assert_eq!(narrowest(&v, 4), Some((d(10, 0), d(13, 0))));
        assert_eq!(narrowest(&v, 8), None);
        let counts = vec![
            ("a".to_string(), 5),
            ("b".to_string(), 3),
            ("c".to_string(), 2),
        ];
        assert_eq!(fewest(&counts, 8, 9), Some(vec!["a".into(), "b".into()]));
        assert_eq!(fewest(&counts, 10, 2), None);
    }
}
