//! The audit as one self-contained HTML page: tables and inline SVG charts, no script and
//! no network.

use std::fmt::Write;

use crate::audit::Report;
use crate::render;

/// Text and double-quoted attribute values: `&`, `<`, `>` and `"` escaped.
fn esc(s: &str) -> std::borrow::Cow<'_, str> {
    html_escape::encode_double_quoted_attribute(s)
}

const W: f64 = 640.0;
const WON: &str = "#2b8a3e";
const LOST: &str = "#c92a2a";
const BAR: &str = "#1971c2";

fn svg_open(out: &mut String, id: &str, title: &str, h: f64) {
    svg_open_wide(out, id, title, W, h);
}

fn svg_open_wide(out: &mut String, id: &str, title: &str, w: f64, h: f64) {
    let _ = write!(
        out,
        r#"<svg id="{id}" role="img" viewBox="0 0 {w} {h}" width="{w}" height="{h}" xmlns="http://www.w3.org/2000/svg"><title>{}</title><text x="0" y="16" class="ct">{}</text>"#,
        esc(title),
        esc(title)
    );
}

/// Win rate per tier, each with its Wilson interval as a whisker.
fn tier_chart(r: &Report, out: &mut String) {
    let rows = &r.tiers;
    let h = 40.0 + 28.0 * rows.len() as f64 + 20.0;
    svg_open(
        out,
        "chart-tiers",
        "Win rate by tier (95% Wilson interval)",
        h,
    );
    let (x0, plot) = (150.0, W - 210.0);
    for (i, t) in rows.iter().enumerate() {
        let y = 34.0 + 28.0 * i as f64;
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" text-anchor="end">{}</text>"#,
            x0 - 6.0,
            y + 15.0,
            esc(&t.tier)
        );
        match (t.win_rate, t.wilson_low, t.wilson_high) {
            (Some(p), Some(lo), Some(hi)) => {
                let _ = write!(
                    out,
                    r##"<rect x="{x0}" y="{y}" width="{:.1}" height="20" fill="{BAR}"/><line x1="{:.1}" x2="{:.1}" y1="{}" y2="{}" stroke="#000" stroke-width="2"/><text x="{:.1}" y="{}">{:.1}% (n={})</text>"##,
                    p * plot,
                    x0 + lo * plot,
                    x0 + hi * plot,
                    y + 10.0,
                    y + 10.0,
                    x0 + hi * plot + 6.0,
                    y + 15.0,
                    p * 100.0,
                    t.won + t.lost
                );
            }
            _ => {
                let _ = write!(
                    out,
                    r#"<text x="{}" y="{}" class="muted">no closed deals</text>"#,
                    x0 + 4.0,
                    y + 15.0
                );
            }
        }
    }
    axis_pct(out, x0, plot, 34.0 + 28.0 * rows.len() as f64);
    out.push_str("</svg>\n");
}

fn axis_pct(out: &mut String, x0: f64, plot: f64, y: f64) {
    let _ = write!(
        out,
        r##"<line x1="{x0}" x2="{}" y1="{y}" y2="{y}" stroke="#888"/>"##,
        x0 + plot
    );
    for k in 0..=4 {
        let x = x0 + plot * k as f64 / 4.0;
        let _ = write!(
            out,
            r#"<text x="{x:.1}" y="{}" text-anchor="middle" class="muted">{}%</text>"#,
            y + 14.0,
            k * 25
        );
    }
}

/// Lift per rule: bars from 0, with a line at 1 (no better than average).
fn lift_chart(r: &Report, out: &mut String) {
    let rows = &r.rules;
    let h = 40.0 + 26.0 * rows.len() as f64 + 20.0;
    // Wider than the other charts: the verdicts stand in a column right of the bars.
    let w = W + 220.0;
    svg_open_wide(
        out,
        "chart-lift",
        "Lift per rule (win rate where it holds ÷ overall)",
        w,
        h,
    );
    let max = rows
        .iter()
        .filter_map(|x| x.lift)
        .fold(2.0f64, f64::max)
        .ceil();
    let (x0, plot) = (230.0, w - 540.0);
    let label_x = x0 + plot + 10.0;
    // The line at 1 goes first, under the bars.
    let one = x0 + plot / max;
    let bottom = 34.0 + 26.0 * rows.len() as f64;
    let _ = write!(
        out,
        r##"<line x1="{one:.1}" x2="{one:.1}" y1="28" y2="{bottom}" stroke="#000" stroke-dasharray="4 3"/><text x="{one:.1}" y="{}" text-anchor="middle" class="muted">1 = average</text>"##,
        bottom + 14.0
    );
    for (i, x) in rows.iter().enumerate() {
        let y = 34.0 + 26.0 * i as f64;
        let name = if x.kind == "rule" {
            x.rule.clone()
        } else {
            format!("disqualify: {}", x.rule)
        };
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" text-anchor="end">{}</text>"#,
            x0 - 6.0,
            y + 14.0,
            esc(&name)
        );
        match x.lift {
            Some(l) => {
                let fill = if l >= 1.0 { WON } else { LOST };
                let _ = write!(
                    out,
                    r#"<rect x="{x0}" y="{y}" width="{:.1}" height="18" fill="{fill}"/><text x="{label_x:.1}" y="{}">{l:.2} · {}</text>"#,
                    l / max * plot,
                    y + 14.0,
                    esc(x.verdict)
                );
            }
            None => {
                let _ = write!(
                    out,
                    r#"<text x="{label_x:.1}" y="{}" class="muted">no deals where it holds · {}</text>"#,
                    y + 14.0,
                    esc(x.verdict)
                );
            }
        }
    }
    out.push_str("</svg>\n");
}

/// Share of won and of lost deals at each distinct score.
fn score_chart(r: &Report, out: &mut String) {
    let h = 260.0;
    svg_open(
        out,
        "chart-scores",
        "Score distribution: won vs lost (share of each)",
        h,
    );
    let n = r.scores.len().max(1) as f64;
    let (x0, y0, plot_w, plot_h) = (44.0, 220.0, W - 64.0, 170.0);
    let share = |a: u64, t: u64| if t == 0 { 0.0 } else { a as f64 / t as f64 };
    let max = r
        .scores
        .iter()
        .map(|s| share(s.won, r.won).max(share(s.lost, r.lost)))
        .fold(0.0f64, f64::max)
        .max(0.01);
    let slot = plot_w / n;
    let bw = (slot * 0.4).min(30.0);
    // A scale: gridlines at round shares (a step of 1, 2, 5, 10, 20 or 25%, at most four).
    let step = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25]
        .into_iter()
        .find(|s| max / s <= 4.0)
        .unwrap_or(0.25);
    for k in 1..=4 {
        let v = step * f64::from(k);
        if v > max + 1e-9 {
            break;
        }
        let y = y0 - v / max * plot_h;
        let _ = write!(
            out,
            r##"<line x1="{x0}" x2="{:.1}" y1="{y:.1}" y2="{y:.1}" stroke="#eee"/><text x="{:.1}" y="{:.1}" text-anchor="end" class="muted">{:.0}%</text>"##,
            x0 + plot_w,
            x0 - 4.0,
            y + 4.0,
            v * 100.0
        );
    }
    for (i, s) in r.scores.iter().enumerate() {
        let x = x0 + slot * i as f64 + slot / 2.0;
        for (k, (v, c)) in [(share(s.won, r.won), WON), (share(s.lost, r.lost), LOST)]
            .into_iter()
            .enumerate()
        {
            let hgt = v / max * plot_h;
            let _ = write!(
                out,
                r#"<rect x="{:.1}" y="{:.1}" width="{bw:.1}" height="{hgt:.1}" fill="{c}"/>"#,
                x - bw + k as f64 * bw,
                y0 - hgt
            );
        }
        if r.scores.len() <= 30 || i % (r.scores.len() / 15).max(1) == 0 {
            let _ = write!(
                out,
                r#"<text x="{x:.1}" y="{}" text-anchor="middle" class="muted">{}</text>"#,
                y0 + 14.0,
                esc(&s.score)
            );
        }
    }
    let _ = write!(
        out,
        r##"<line x1="{x0}" x2="{}" y1="{y0}" y2="{y0}" stroke="#888"/><rect x="{}" y="26" width="10" height="10" fill="{WON}"/><text x="{}" y="35">won</text><rect x="{}" y="26" width="10" height="10" fill="{LOST}"/><text x="{}" y="35">lost</text><text x="{}" y="{}" text-anchor="middle" class="muted">minimum score</text>"##,
        x0 + plot_w,
        W - 120.0,
        W - 106.0,
        W - 70.0,
        W - 56.0,
        x0 + plot_w / 2.0,
        y0 + 32.0
    );
    out.push_str("</svg>\n");
}

/// The ROC curve with the diagonal of a rubric that ranks at random.
fn roc_chart(r: &Report, out: &mut String) {
    let size = 300.0;
    let h = size + 70.0;
    svg_open(
        out,
        "chart-roc",
        "ROC curve (won vs lost by minimum score)",
        h,
    );
    let (x0, y0) = (62.0, 30.0 + size);
    let mut pts = String::new();
    for (fpr, tpr) in &r.roc {
        let _ = write!(pts, "{:.1},{:.1} ", x0 + fpr * size, y0 - tpr * size);
    }
    let _ = write!(
        out,
        r##"<rect x="{x0}" y="30" width="{size}" height="{size}" fill="none" stroke="#888"/><line x1="{x0}" y1="{y0}" x2="{}" y2="30" stroke="#888" stroke-dasharray="4 3"/><polyline points="{}" fill="none" stroke="{BAR}" stroke-width="2.5"/><text x="{}" y="{}" text-anchor="middle" class="muted">false positive rate (lost)</text><text x="16" y="{}" transform="rotate(-90 16 {})" text-anchor="middle" class="muted">true positive rate (won)</text><text x="{}" y="{}">AUC {}</text>"##,
        x0 + size,
        pts.trim_end(),
        x0 + size / 2.0,
        y0 + 30.0,
        30.0 + size / 2.0,
        30.0 + size / 2.0,
        x0 + size * 0.55,
        y0 - 20.0,
        r.auc.map_or("–".to_string(), |a| format!("{a:.3}"))
    );
    for k in 0..=4 {
        let f = f64::from(k) / 4.0;
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" class="muted">{f}</text><text x="{:.1}" y="{:.1}" text-anchor="end" class="muted">{f}</text>"#,
            x0 + f * size,
            y0 + 14.0,
            x0 - 4.0,
            y0 - f * size + 4.0
        );
    }
    out.push_str("</svg>\n");
}

fn md_table_to_html(md: &str) -> String {
    // The Markdown tables of `render::markdown` become HTML tables: one line a row.
    let mut out = String::from("<table>\n");
    let mut header = true;
    for line in md.lines() {
        let cells: Vec<&str> = line
            .trim()
            .trim_matches('|')
            .split(" | ")
            .map(str::trim)
            .collect();
        if cells.iter().all(|c| c.starts_with("---")) {
            continue;
        }
        let tag = if header { "th" } else { "td" };
        out.push_str("<tr>");
        for c in cells {
            let _ = write!(out, "<{tag}>{}</{tag}>", esc(&c.replace("\\|", "|")));
        }
        out.push_str("</tr>\n");
        header = false;
    }
    out.push_str("</table>\n");
    out
}

/// The whole page.
pub fn html(r: &Report) -> String {
    let md = render::markdown(r);
    // Split the Markdown report into its sections, to reuse its wording and tables.
    let mut sections: Vec<(String, String)> = Vec::new();
    for part in md.split("\n## ").skip(1) {
        let (title, body) = part.split_once('\n').unwrap_or((part, ""));
        sections.push((title.trim().to_string(), body.trim().to_string()));
    }
    let overall: Vec<&str> = md
        .split("\n## ")
        .next()
        .unwrap_or("")
        .lines()
        .filter_map(|l| l.strip_prefix("- "))
        .collect();
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Audit of icp {name}</title>
<style>
body {{ font: 14px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 980px; color: #222; }}
h1 {{ font-size: 22px; }} h2 {{ font-size: 17px; margin-top: 28px; border-bottom: 1px solid #ddd; }}
table {{ border-collapse: collapse; margin: 8px 0; }} th, td {{ padding: 3px 10px; border-bottom: 1px solid #eee; text-align: right; }}
th:first-child, td:first-child {{ text-align: left; }} th {{ background: #f4f4f4; }}
svg {{ display: block; margin: 10px 0; font-size: 12px; }} .ct {{ font-weight: 600; font-size: 13px; }}
.muted {{ fill: #666; }} .warn {{ color: #a61e4d; }}
.kpi span {{ display: inline-block; margin-right: 22px; font-size: 16px; }}
</style></head><body>
<h1>Audit of icp <code>{name}</code></h1>
<section id="overall"><h2>Overall</h2>
<p class="kpi"><span>AUC <b>{auc}</b></span><span>Gini <b>{gini}</b></span><span>KS <b>{ks}</b></span><span>win rate <b>{wr}</b></span></p>
<ul>
"#,
        name = esc(&r.icp),
        auc = r.auc.map_or("–".into(), |a| format!("{a:.3}")),
        gini = r.gini.map_or("–".into(), |a| format!("{a:.3}")),
        ks = r.ks.map_or("–".into(), |a| format!("{a:.3}")),
        wr = r
            .win_rate
            .map_or("–".into(), |a| format!("{:.1}%", a * 100.0)),
    );
    for l in overall {
        let _ = writeln!(out, "<li>{}</li>", esc(l));
    }
    out.push_str("</ul>\n");
    roc_chart(r, &mut out);
    score_chart(r, &mut out);
    out.push_str("</section>\n");
    for (title, body) in &sections {
        let id = title.to_lowercase().replace(' ', "-");
        let _ = writeln!(out, "<section id=\"{}\"><h2>{}</h2>", esc(&id), esc(title));
        if body.starts_with('|') {
            out.push_str(&md_table_to_html(body));
        } else {
            let class = if title == "Warnings" {
                " class=\"warn\""
            } else {
                ""
            };
            let _ = writeln!(out, "<ul{class}>");
            for l in body.lines().filter_map(|l| l.strip_prefix("- ")) {
                let _ = writeln!(out, "<li>{}</li>", esc(l));
            }
            out.push_str("</ul>\n");
        }
        match title.as_str() {
            "Tiers" => tier_chart(r, &mut out),
            "Rules and disqualifiers" => lift_chart(r, &mut out),
            _ => {}
        }
        out.push_str("</section>\n");
    }
    out.push_str("</body></html>\n");
    out
}
