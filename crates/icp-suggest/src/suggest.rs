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
pub use crate::propose::TEXT_VALUES_MAX;
use crate::propose::{Test, Val, decimal_plain, propose, read};
use crate::table::{self, Issues, Table};

/// The least share of the file (where the field is known) a proposed criterion excludes.
pub const MIN_EXCLUDED: f64 = 0.10;
/// The least lift of a proposed criterion. The criterion is fitted to the top accounts, so
/// chance alone gives it some lift: for a numeric field that carries no signal, the
/// narrowest band holding 16 of 20 top accounts reaches a lift of 1.5 about one time in
/// nine, and 2 about one time in two hundred.
pub const MIN_LIFT: f64 = 2.0;

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
