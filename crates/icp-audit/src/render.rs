//! Renders an audit report as text, Markdown or JSON (HTML is in [`crate::html`]).

use std::fmt::Write;

use crate::audit::Report;

fn pct(x: Option<f64>) -> String {
    x.map_or("–".to_string(), |v| format!("{:.1}%", v * 100.0))
}

fn num(x: Option<f64>, digits: usize) -> String {
    x.map_or("–".to_string(), |v| format!("{v:.digits$}"))
}

fn interval(lo: Option<f64>, hi: Option<f64>) -> String {
    match (lo, hi) {
        (Some(a), Some(b)) => format!("{:.1}–{:.1}%", a * 100.0, b * 100.0),
        _ => "–".to_string(),
    }
}

/// A table as rows of cells; the first row is the header.
struct Table(Vec<Vec<String>>);

impl Table {
    fn text(&self, out: &mut String) {
        let cols = self.0.first().map_or(0, Vec::len);
        let widths: Vec<usize> = (0..cols)
            .map(|c| {
                self.0
                    .iter()
                    .map(|r| r[c].chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for row in &self.0 {
            let mut line = String::from(" ");
            for (c, cell) in row.iter().enumerate() {
                let pad = widths[c] - cell.chars().count();
                line.push(' ');
                if c == 0 {
                    line.push_str(cell);
                    line.push_str(&" ".repeat(pad));
                } else {
                    line.push_str(&" ".repeat(pad));
                    line.push_str(cell);
                }
                line.push(' ');
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }

    fn markdown(&self, out: &mut String) {
        for (i, row) in self.0.iter().enumerate() {
            let cells: Vec<String> = row.iter().map(|c| c.replace('|', "\\|")).collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
            if i == 0 {
                let sep: Vec<&str> = (0..row.len())
                    .map(|c| if c == 0 { "---" } else { "---:" })
                    .collect();
                let _ = writeln!(out, "| {} |", sep.join(" | "));
            }
        }
    }
}

fn s(v: impl ToString) -> String {
    v.to_string()
}

/// The report's tables, in order, each with a title.
fn tables(r: &Report) -> Vec<(&'static str, Table)> {
    let value = r.won_value.is_some();
    let mut head = vec![
        s("tier"),
        s("accounts"),
        s("won"),
        s("lost"),
        s("win rate"),
        s("95% interval"),
    ];
    if value {
        head.push(s("won revenue"));
    }
    let mut t = vec![head];
    for x in &r.tiers {
        let mut row = vec![
            x.tier.clone(),
            s(x.accounts),
            s(x.won),
            s(x.lost),
            pct(x.win_rate),
            interval(x.wilson_low, x.wilson_high),
        ];
        if value {
            row.push(pct(x.won_value_share));
        }
        t.push(row);
    }
    let mut rules = vec![vec![
        s("rule"),
        s("known"),
        s("won pass"),
        s("lost pass"),
        s("lift"),
        s("WoE"),
        s("IV"),
        s("verdict"),
    ]];
    for x in &r.rules {
        let name = match (&x.weight, x.kind) {
            (Some(w), _) => format!("{} {w}", x.rule),
            (None, _) => format!("disqualify: {}", x.rule),
        };
        rules.push(vec![
            name,
            s(x.known),
            pct(x.won_pass_rate),
            pct(x.lost_pass_rate),
            num(x.lift, 2),
            num(x.woe, 2),
            num(x.iv, 3),
            s(x.verdict),
        ]);
    }
    let mut data = vec![vec![s("rule"), s("unknown")]];
    for x in &r.rules {
        data.push(vec![x.rule.clone(), pct(x.unknown_rate)]);
    }
    vec![
        ("Tiers", Table(t)),
        ("Rules and disqualifiers", Table(rules)),
        ("Unknown rate per rule", Table(data)),
    ]
}

fn overall_lines(r: &Report) -> Vec<String> {
    let mut v = vec![
        format!(
            "{} rows: {} won, {} lost, {} open (left out), {} unreadable (left out); win rate {}",
            r.rows,
            r.won,
            r.lost,
            r.open,
            r.errors,
            pct(r.win_rate)
        ),
        format!(
            "AUC {}  Gini {}  KS {}",
            num(r.auc, 3),
            num(r.gini, 3),
            num(r.ks, 3)
        ),
    ];
    let n = &r.near_icp;
    v.push(format!(
        "near-ICP (one rule short of tier `{}`): {} accounts, {} won, {} lost, win rate {} against {}",
        n.top_tier.as_deref().unwrap_or("–"),
        n.accounts,
        n.won,
        n.lost,
        pct(n.win_rate),
        match n.top_win_rate {
            Some(_) => format!("{} in the top tier", pct(n.top_win_rate)),
            None => "no closed deals in the top tier".to_string(),
        }
    ));
    if let (Some(w), Some(t)) = (n.win_rate, n.top_win_rate) {
        if n.won + n.lost > 0 && w < t / 2.0 {
            v.push("near-ICP accounts convert at under half the top tier's rate: a pipeline full of near-ICP accounts that do not convert".to_string());
        }
    }
    v
}

fn data_lines(r: &Report) -> Vec<String> {
    let mut v = Vec::new();
    if !r.open_values.is_empty() {
        let shown: Vec<String> = r
            .open_values
            .iter()
            .take(10)
            .map(|o| {
                let name = if o.value.is_empty() {
                    "(blank)"
                } else {
                    &o.value
                };
                format!("{name} ×{}", o.count)
            })
            .collect();
        let more = r.open_values.len().saturating_sub(10);
        let tail = if more > 0 {
            format!(", and {more} more")
        } else {
            String::new()
        };
        v.push(format!(
            "outcome values neither won nor lost (open, left out): {}{tail}",
            shown.join(", ")
        ));
    }
    if r.value_errors > 0 {
        v.push(format!(
            "{} won rows have a value that is not an amount (counted as 0)",
            r.value_errors
        ));
    }
    for e in &r.error_rows {
        v.push(format!(
            "unreadable: line {} (row {}): {}",
            e.line, e.row, e.message
        ));
    }
    v
}

/// A readable report with aligned tables.
pub fn text(r: &Report) -> String {
    let mut out = format!("audit of icp `{}`\n\n", r.icp);
    for l in overall_lines(r) {
        let _ = writeln!(out, "{l}");
    }
    for (title, t) in tables(r) {
        let _ = writeln!(out, "\n{title}");
        t.text(&mut out);
    }
    let data = data_lines(r);
    if !data.is_empty() {
        out.push_str("\nData\n");
        for l in data {
            let _ = writeln!(out, "  {l}");
        }
    }
    if !r.warnings.is_empty() {
        out.push_str("\nWarnings\n");
        for w in &r.warnings {
            let _ = writeln!(out, "  warning: {w}");
        }
    }
    out
}

/// The same report as Markdown.
pub fn markdown(r: &Report) -> String {
    let mut out = format!("# Audit of icp `{}`\n\n", r.icp);
    for l in overall_lines(r) {
        let _ = writeln!(out, "- {l}");
    }
    for (title, t) in tables(r) {
        let _ = writeln!(out, "\n## {title}\n");
        t.markdown(&mut out);
    }
    let data = data_lines(r);
    if !data.is_empty() {
        out.push_str("\n## Data\n\n");
        for l in data {
            let _ = writeln!(out, "- {l}");
        }
    }
    if !r.warnings.is_empty() {
        out.push_str("\n## Warnings\n\n");
        for w in &r.warnings {
            let _ = writeln!(out, "- {w}");
        }
    }
    out
}

/// The report as one JSON object (see `docs/audit.schema.json`).
pub fn json(r: &Report) -> String {
    let mut s =
        serde_json::to_string_pretty(r).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}
