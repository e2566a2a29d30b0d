//! `icpc diff --accounts`: both versions of each icp scored on the same accounts in one pass,
//! and the impact rendered for each output format.

use std::path::Path;

use icp_check::{Config, Severity};
use icp_diff::impact::{self, Impact};
use icp_eval::{Job, Options, Program};
use serde_json::{Value, json};

use crate::score::{Accounts, InFormat, thousands};

/// The impact of one icp of one file.
pub struct FileImpact {
    pub file: String,
    pub accounts: String,
    pub impact: Impact,
}

/// What `--accounts` needs from the command line.
pub struct Request<'a> {
    pub accounts: &'a Path,
    pub input_format: Option<InFormat>,
    pub id: Option<&'a str>,
    pub movers: usize,
    pub as_of: i64,
    pub threads: Option<usize>,
}

/// The programs of the icps both versions define (by name), when both versions are free of
/// errors; a version with errors cannot be scored, and says so.
fn programs(
    name: &str,
    old: &str,
    new: &str,
    as_of: i64,
) -> Result<Vec<(Program, Program)>, String> {
    let config = Config {
        today: Some(as_of),
        ..Config::default()
    };
    let (oa, na) = (
        icp_check::analyze(old, &config),
        icp_check::analyze(new, &config),
    );
    for (side, a) in [("old", &oa), ("new", &na)] {
        if a.diagnostics.iter().any(|d| d.severity == Severity::Error) {
            return Err(format!(
                "{name}: the {side} version has errors, so the accounts cannot be scored with it (run `icpc check`)"
            ));
        }
    }
    let mut out = Vec::new();
    for icp in &na.model.icps {
        let Some(old_icp) = oa.model.icp(&icp.name) else {
            continue;
        };
        let po = Program::compile(&oa.model, old_icp, old, as_of)
            .map_err(|e| format!("{name} (old): {e}"))?;
        let pn = Program::compile(&na.model, icp, new, as_of)
            .map_err(|e| format!("{name} (new): {e}"))?;
        out.push((po, pn));
    }
    Ok(out)
}

/// Scores the accounts under both versions of every icp of every compared file.
pub fn compute(
    files: &[(String, String, String)],
    req: &Request<'_>,
) -> Result<Vec<FileImpact>, String> {
    if req.accounts.as_os_str() == "-" {
        return Err(
            "--accounts -: the accounts are read twice (their header, then the rows); give a file"
                .into(),
        );
    }
    let mut out = Vec::new();
    for (name, old, new) in files {
        for (po, pn) in programs(name, old, new, req.as_of)? {
            // A first look: the id column (the first column, unless given) and the columns
            // of the old version the file lacks.
            let probe = Accounts::open(req.accounts, req.input_format)?;
            let accounts = probe.name.clone();
            let job = Job::open(
                &po,
                probe.input,
                Options {
                    input: probe.format,
                    keep: req.id.map(|i| vec![i.to_string()]),
                    ..Options::default()
                },
            )
            .map_err(|e| match e {
                icp_eval::StreamError::UnknownKeep { name, available } => format!(
                    "{accounts} has no id column `{name}`; it has: {}",
                    available.join(", ")
                ),
                e => format!("{accounts}: {e}"),
            })?;
            let id = job.kept_columns().first().cloned();
            let missing: Vec<String> = job
                .missing_columns()
                .iter()
                .map(|m| m.column.to_lowercase())
                .collect();
            drop(job);
            let kept: Vec<String> = impact::kept_columns(&po, id.as_deref())
                .into_iter()
                .enumerate()
                .filter(|(i, c)| (*i == 0 && id.is_some()) || !missing.contains(&c.to_lowercase()))
                .map(|(_, c)| c)
                .collect();
            let input = Accounts::open(req.accounts, req.input_format)?;
            let mut opts = Options {
                input: input.format,
                keep: Some(kept.clone()),
                ..Options::default()
            };
            if let Some(t) = req.threads {
                opts.threads = t;
            }
            let job = Job::open(&pn, input.input, opts).map_err(|e| format!("{accounts}: {e}"))?;
            crate::score::warn_columns(&job, &pn, &accounts);
            let imp = impact::impact(&po, &pn, job, &kept, id.is_some(), req.movers, &mut |_| {})
                .map_err(|e| format!("{accounts}: {e}"))?;
            out.push(FileImpact {
                file: name.clone(),
                accounts: accounts.clone(),
                impact: imp,
            });
        }
    }
    Ok(out)
}

fn dq_list(i: &Impact) -> String {
    i.newly_disqualified
        .iter()
        .map(|(r, n)| format!("{} by \"{r}\"", thousands(*n)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The headline: "2,000 accounts: 31 newly qualify, 5 no longer; 8 newly disqualified (…)".
fn headline(f: &FileImpact) -> String {
    let i = &f.impact;
    let mut s = format!(
        "{} accounts of {} (icp `{}`): {} moved; {} newly qualify, {} no longer qualify; {} newly disqualified",
        thousands(i.rows),
        f.accounts,
        i.icp,
        thousands(i.moved),
        thousands(i.newly_qualified),
        thousands(i.no_longer_qualified),
        thousands(i.newly_disqualified.iter().map(|(_, n)| n).sum()),
    );
    if !i.newly_disqualified.is_empty() {
        s.push_str(&format!(" ({})", dq_list(i)));
    }
    s.push_str(&format!(
        ", {} no longer disqualified",
        thousands(i.no_longer_disqualified)
    ));
    if i.errors > 0 {
        s.push_str(&format!(
            "; {} with unreadable cells counted apart",
            if i.errors == 1 {
                "1 row".to_string()
            } else {
                format!("{} rows", thousands(i.errors))
            }
        ));
    }
    s
}

/// The transition matrix as rows of cells, the first row and column being labels.
fn grid(i: &Impact) -> Vec<Vec<String>> {
    let (rows, cols) = i.used();
    let mut g = vec![
        std::iter::once("old \\ new".to_string())
            .chain(cols.iter().map(|&j| i.new_tiers[j].clone()))
            .collect::<Vec<_>>(),
    ];
    for &r in &rows {
        g.push(
            std::iter::once(i.old_tiers[r].clone())
                .chain(cols.iter().map(|&j| thousands(i.transitions[r][j])))
                .collect(),
        );
    }
    g
}

fn mover_line(m: &impact::Mover) -> (String, String, String) {
    let id = if m.id.is_empty() {
        "(no id)".to_string()
    } else {
        m.id.clone()
    };
    let tiers = if m.old_tier == m.new_tier {
        format!("{} ({} → {})", m.new_tier, m.old_score, m.new_score)
    } else {
        format!(
            "{} → {} ({} → {})",
            m.old_tier, m.new_tier, m.old_score, m.new_score
        )
    };
    (id, tiers, m.rules.join("; "))
}

pub fn text(impacts: &[FileImpact]) -> String {
    let mut s = String::new();
    for f in impacts {
        s.push_str(&format!("Impact: {}\n", headline(f)));
        let g = grid(&f.impact);
        let widths: Vec<usize> = (0..g[0].len())
            .map(|c| g.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
            .collect();
        for row in &g {
            let cells: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(c, v)| {
                    if c == 0 {
                        format!("{v:<w$}", w = widths[c])
                    } else {
                        format!("{v:>w$}", w = widths[c])
                    }
                })
                .collect();
            s.push_str(&format!("  {}\n", cells.join("  ")));
        }
        if !f.impact.movers.is_empty() {
            s.push_str("  Top movers:\n");
            for m in &f.impact.movers {
                let (id, tiers, why) = mover_line(m);
                s.push_str(&format!("    {id}: {tiers}"));
                if !why.is_empty() {
                    s.push_str(&format!(" — {why}"));
                }
                s.push('\n');
            }
        }
        s.push('\n');
    }
    s
}

/// A table cell: escaped as the rest of the comment, on one line.
fn md_cell(s: &str) -> String {
    crate::render::md_escape(&s.replace('\n', " "))
}

pub fn markdown(impacts: &[FileImpact]) -> String {
    let mut s = String::new();
    for f in impacts {
        s.push_str(&format!("**Impact:** {}\n\n", md_cell(&headline(f))));
        let g = grid(&f.impact);
        s.push_str(&format!(
            "| {} |\n",
            g[0].iter()
                .map(|c| md_cell(c))
                .collect::<Vec<_>>()
                .join(" | ")
        ));
        s.push_str(&format!(
            "|---|{}\n",
            "---:|".repeat(g[0].len().saturating_sub(1))
        ));
        for row in &g[1..] {
            s.push_str(&format!(
                "| {} |\n",
                row.iter()
                    .map(|c| md_cell(c))
                    .collect::<Vec<_>>()
                    .join(" | ")
            ));
        }
        s.push('\n');
        if !f.impact.movers.is_empty() {
            s.push_str(&format!(
                "<details><summary>Top {} movers</summary>\n\n| account | tier (score) | why |\n|---|---|---|\n",
                f.impact.movers.len()
            ));
            for m in &f.impact.movers {
                let (id, tiers, why) = mover_line(m);
                s.push_str(&format!(
                    "| {} | {} | {} |\n",
                    md_cell(&id),
                    md_cell(&tiers),
                    md_cell(&why)
                ));
            }
            s.push_str("\n</details>\n\n");
        }
    }
    s
}

pub fn json(f: &FileImpact) -> Value {
    let i = &f.impact;
    let mut transitions = serde_json::Map::new();
    for (r, name) in i.old_tiers.iter().enumerate() {
        let mut row = serde_json::Map::new();
        for (c, to) in i.new_tiers.iter().enumerate() {
            if i.transitions[r][c] > 0 {
                row.insert(to.clone(), json!(i.transitions[r][c]));
            }
        }
        if !row.is_empty() {
            transitions.insert(name.clone(), Value::Object(row));
        }
    }
    json!({
        "file": f.file,
        "icp": i.icp,
        "accounts": f.accounts,
        "rows": i.rows,
        "errors": i.errors,
        "transitions": transitions,
        "moved": i.moved,
        "newly_qualified": i.newly_qualified,
        "no_longer_qualified": i.no_longer_qualified,
        "newly_disqualified": i.newly_disqualified.iter().map(|(_, n)| n).sum::<u64>(),
        "disqualified_by": i.newly_disqualified.iter()
            .map(|(r, n)| (r.clone(), json!(n)))
            .collect::<serde_json::Map<_, _>>(),
        "no_longer_disqualified": i.no_longer_disqualified,
        "movers": i.movers,
    })
}
