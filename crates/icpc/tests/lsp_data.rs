//! The profile meets the data in `icpc lsp`, over JSON-RPC on stdio, with `[data]` in
//! icp.toml: inlay hints whose percentages are recounted here from the CSV (read with the
//! `csv` crate and counted by hand), the rubric's lens equal to `icpc score`'s summary, hover
//! figures, ranked completion, and a hint that follows an edit widening a range.

mod lsp_common;

use std::collections::HashMap;
use std::process::Command;
use std::time::{Duration, Instant};

use lsp_common::*;
use serde_json::json;

const PROFILE: &str = r#"schema crm {
  industry: enum[software, fintech, retail] from "Industry"
  employees: int from "Employees"
  tools: set[slack, jira, github] from "Tools"
}

icp buyers "Software and fintech companies of 200 to 2000 people" {
  uses crm
  firmographics {
    employees in 200..2000
    industry in [software, fintech]
  }
  disqualify {
    industry in [retail] because "No budget for tooling"
  }
  rubric {
    rule collab +2 : tools has any [slack, jira]
    rule big +1 : employees >= 1000
    tier strong when score >= 3
    tier possible when score >= 2
    tier weak otherwise
  }
}
"#;

/// A CSV of `n` accounts from a small deterministic generator, with blanks.
fn accounts(n: usize) -> String {
    let mut x: u64 = 0x5EED;
    let mut next = |m: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % m
    };
    let industries = ["software", "Software", "fintech", "retail", "SaaS", ""];
    let tools = ["slack", "jira;github", "github", "", "Slack;Jira", "teams"];
    let stages = ["won", "lost", "open", "Closed Won"];
    let mut s = String::from("Account,Industry,Employees,Tools,Stage\n");
    for i in 0..n {
        let emp = match next(10) {
            0 => String::new(),
            _ => (next(5000) + 1).to_string(),
        };
        s.push_str(&format!(
            "a{i},{},{emp},{},{}\n",
            industries[next(6) as usize],
            tools[next(6) as usize],
            stages[next(4) as usize]
        ));
    }
    s
}

/// The share as the figures show it: whole percent, half up, `<1%` and `>99%` at the ends.
fn pct(part: u64, whole: u64) -> String {
    let r = (200 * part + whole) / (2 * whole);
    if part > 0 && r == 0 {
        "<1%".into()
    } else if part < whole && r == 100 {
        ">99%".into()
    } else {
        format!("{r}%")
    }
}

fn hint(holds: u64, fails: u64, unknown: u64) -> String {
    let known = holds + fails;
    let mut s = format!("admits {}", pct(holds, known));
    if unknown > 0 && unknown * 100 >= known + unknown {
        s.push_str(&format!(" · {} unknown", pct(unknown, known + unknown)));
    }
    s
}

struct Rows {
    rows: Vec<HashMap<String, String>>,
}

impl Rows {
    fn read(text: &str) -> Rows {
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = r
            .headers()
            .expect("header")
            .iter()
            .map(String::from)
            .collect();
        let rows = r
            .records()
            .map(|rec| {
                let rec = rec.expect("record");
                header
                    .iter()
                    .cloned()
                    .zip(rec.iter().map(|c| c.trim().to_string()))
                    .collect()
            })
            .collect();
        Rows { rows }
    }

    /// (holds, fails, unknown) of a test that answers `None` for unknown.
    fn count(&self, f: impl Fn(&HashMap<String, String>) -> Option<bool>) -> (u64, u64, u64) {
        let mut c = (0, 0, 0);
        for r in &self.rows {
            match f(r) {
                Some(true) => c.0 += 1,
                Some(false) => c.1 += 1,
                None => c.2 += 1,
            }
        }
        c
    }
}

fn employees(r: &HashMap<String, String>) -> Option<u64> {
    r["Employees"].parse().ok()
}

fn industry(r: &HashMap<String, String>) -> Option<String> {
    let v = r["Industry"].to_lowercase();
    (!v.is_empty()).then_some(v)
}

fn in_industries(r: &HashMap<String, String>, list: &[&str]) -> Option<bool> {
    industry(r).map(|v| list.contains(&v.as_str()))
}

fn tools_any(r: &HashMap<String, String>) -> Option<bool> {
    let t = r["Tools"].to_lowercase();
    if t.is_empty() {
        return None;
    }
    Some(t.split(';').any(|x| x == "slack" || x == "jira"))
}

fn won(r: &HashMap<String, String>) -> bool {
    matches!(r["Stage"].to_lowercase().as_str(), "won" | "closed won")
}

fn hints(c: &mut Client, uri: &str) -> Vec<(u64, String)> {
    let r = c.request_ok(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 999, "character": 0}}}),
    );
    r.as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter_map(|h| {
            let label = h["label"].as_str()?;
            label.starts_with("admits").then(|| {
                (
                    h["position"]["line"].as_u64().unwrap_or(0),
                    label.to_string(),
                )
            })
        })
        .collect()
}

/// Waits until the accounts are read and the hints carry figures.
fn data_hints(c: &mut Client, uri: &str) -> Vec<(u64, String)> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let h = hints(c, uri);
        if !h.is_empty() {
            return h;
        }
        assert!(Instant::now() < deadline, "no data hints within 20 s");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn line_of(text: &str, needle: &str) -> u64 {
    let at = text.find(needle).expect("needle");
    text[..at].matches('\n').count() as u64
}

#[test]
fn hints_lenses_hover_and_completion_follow_the_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv_text = accounts(3000);
    std::fs::write(dir.path().join("crm.csv"), &csv_text).expect("csv");
    std::fs::write(
        dir.path().join("icp.toml"),
        "[data]\naccounts = \"crm.csv\"\noutcome = \"Stage\"\nwon = [\"won\", \"closed won\"]\n",
    )
    .expect("toml");
    let path = dir.path().join("p.icp");
    std::fs::write(&path, PROFILE).expect("profile");
    let u = file_uri(&path);
    let rows = Rows::read(&csv_text);

    let (mut c, _) = Client::start_in(json!({}), Some(dir.path()));
    c.open(&u, PROFILE);
    let _ = c.diagnostics(&u, 1);
    let got = data_hints(&mut c, &u);

    let (h, f, unk) = rows.count(|r| employees(r).map(|e| (200..=2000).contains(&e)));
    let emp = hint(h, f, unk);
    let (h, f, unk) = rows.count(|r| in_industries(r, &["software", "fintech"]));
    let ind = hint(h, f, unk);
    let (dq_h, dq_f, dq_u) = rows.count(|r| in_industries(r, &["retail"]));
    let (h, f, unk) = rows.count(tools_any);
    let collab = hint(h, f, unk);
    let (h, f, unk) = rows.count(|r| employees(r).map(|e| e >= 1000));
    let big = hint(h, f, unk);
    let want = vec![
        (line_of(PROFILE, "employees in 200"), emp.clone()),
        (line_of(PROFILE, "industry in [software"), ind.clone()),
        (
            line_of(PROFILE, "industry in [retail]"),
            hint(dq_h, dq_f, dq_u),
        ),
        (line_of(PROFILE, "rule collab"), collab),
        (line_of(PROFILE, "rule big"), big),
    ];
    assert_eq!(got, want);
    // Figures that matter: some unknown, not all admitted.
    assert!(emp.contains("unknown") && !emp.contains("100%"), "{emp}");

    // The rubric's lens: the tier distribution of `icpc score` on the same file.
    let o = Command::new(env!("CARGO_BIN_EXE_icpc"))
        .arg("score")
        .arg(&path)
        .arg("--accounts")
        .arg(dir.path().join("crm.csv"))
        .arg("--out")
        .arg(dir.path().join("scored.csv"))
        .output()
        .expect("icpc score");
    let summary = String::from_utf8_lossy(&o.stderr).to_string();
    let count_of = |name: &str| -> u64 {
        summary
            .lines()
            .find(|l| l.trim_start().starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .map_or(0, |n| n.replace(',', "").parse().expect("count"))
    };
    let n = rows.rows.len() as u64;
    let mut parts: Vec<String> = ["strong", "possible", "weak"]
        .iter()
        .map(|t| format!("{t} {}", pct(count_of(t), n)))
        .collect();
    assert!(count_of("disqualified") > 0, "{summary}");
    parts.push(format!("disqualified {}", pct(count_of("disqualified"), n)));
    let want_lens = format!("{} (n = 3,000)", parts.join(" · "));
    let lenses = c.request_ok("textDocument/codeLens", json!({"textDocument": {"uri": u}}));
    let titles: Vec<(u64, String)> = lenses
        .as_array()
        .expect("lenses")
        .iter()
        .map(|l| {
            (
                l["range"]["start"]["line"].as_u64().unwrap_or(0),
                l["command"]["title"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let rubric_line = line_of(PROFILE, "rubric {");
    assert_eq!(titles[0], (rubric_line, want_lens), "{summary}");
    assert!(titles[1].1.starts_with("win rate: strong "), "{titles:?}");

    // Hover: the counts behind a hint, the top values, and the won deals a disqualifier
    // would exclude.
    let hv = c.request_ok(
        "textDocument/hover",
        c.at(&u, PROFILE, "industry in [software", 3),
    );
    let text = hv["contents"]["value"].as_str().unwrap_or("").to_string();
    let (h, f, _) = rows.count(|r| in_industries(r, &["software", "fintech"]));
    assert!(
        text.contains(&format!(
            "admits {} of {} known accounts",
            thousands(h),
            thousands(h + f)
        )),
        "{text}"
    );
    let software = rows
        .rows
        .iter()
        .filter(|r| industry(r).as_deref() == Some("software"))
        .count() as u64;
    assert!(
        text.contains(&format!("`software` {}", thousands(software))),
        "{text}"
    );
    let hv = c.request_ok(
        "textDocument/hover",
        c.at(&u, PROFILE, "industry in [retail]", 3),
    );
    let text = hv["contents"]["value"].as_str().unwrap_or("").to_string();
    let won_total = rows.rows.iter().filter(|r| won(r)).count() as u64;
    let won_retail = rows
        .rows
        .iter()
        .filter(|r| won(r) && industry(r).as_deref() == Some("retail"))
        .count() as u64;
    assert!(
        text.contains(&format!(
            "it would exclude {} of the {} won deals",
            thousands(won_retail),
            thousands(won_total)
        )),
        "{text}"
    );

    // Completion inside `industry in [` (the disqualifier's, before `retail`: the values not
    // yet listed are offered): values by frequency, with counts.
    let at = PROFILE.find("industry in [retail").expect("criterion") + "industry in [".len();
    let r = c.request_ok(
        "textDocument/completion",
        json!({"textDocument": {"uri": u}, "position": c.pos(PROFILE, at)}),
    );
    let items = r["items"].as_array().cloned().unwrap_or_default();
    let mut ranked: Vec<(String, String, String)> = items
        .iter()
        .filter(|i| {
            i["detail"]
                .as_str()
                .is_some_and(|d| d.contains("in [data]"))
        })
        .map(|i| {
            (
                i["sortText"].as_str().unwrap_or("").to_string(),
                i["label"].as_str().unwrap_or("").to_string(),
                i["detail"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    ranked.sort();
    let mut by_hand: Vec<(u64, String)> = ["software", "fintech", "retail"]
        .iter()
        .map(|v| {
            (
                rows.rows
                    .iter()
                    .filter(|r| industry(r).as_deref() == Some(*v))
                    .count() as u64,
                v.to_string(),
            )
        })
        .collect();
    by_hand.sort_by(|a, b| b.0.cmp(&a.0));
    by_hand.retain(|(_, v)| v != "retail");
    assert_eq!(
        ranked.iter().map(|r| r.1.clone()).collect::<Vec<_>>(),
        by_hand.iter().map(|r| r.1.clone()).collect::<Vec<_>>(),
        "{items:?}"
    );
    assert!(
        ranked[0]
            .2
            .starts_with(&format!("{} accounts", thousands(by_hand[0].0)))
    );

    // Widen the range: the hint follows.
    let at = PROFILE.find("200..2000").expect("range");
    c.change(&u, 2, PROFILE, at, at + 3, "100");
    let edited = PROFILE.replacen("200..2000", "100..2000", 1);
    let _ = c.diagnostics(&u, 2);
    let (h, f, unk) = rows.count(|r| employees(r).map(|e| (100..=2000).contains(&e)));
    let widened = hint(h, f, unk);
    assert_ne!(widened, emp);
    let got = hints(&mut c, &u);
    assert_eq!(got[0], (line_of(&edited, "employees in 100"), widened));
    c.shutdown();
}

fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// The data-aware findings reach the editor too: after the document's own diagnostics, once the
/// accounts are read, the server publishes them again with the data's findings added.
#[test]
fn data_aware_findings_are_published_after_the_others() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/datachecks");
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(
        fixtures.join("accounts.csv"),
        dir.path().join("accounts.csv"),
    )
    .expect("csv");
    std::fs::write(
        dir.path().join("icp.toml"),
        "[data]\naccounts = \"accounts.csv\"\n",
    )
    .expect("toml");
    let text = std::fs::read_to_string(fixtures.join("unmapped-column.icp")).expect("fixture");
    let path = dir.path().join("p.icp");
    std::fs::write(&path, &text).expect("profile");
    let u = file_uri(&path);
    let (mut c, _) = Client::start_in(json!({}), Some(dir.path()));
    c.open(&u, &text);
    let has_code = |p: &serde_json::Value, code: &str| {
        p["diagnostics"]
            .as_array()
            .is_some_and(|ds| ds.iter().any(|d| d["code"] == code))
    };
    let with_data = c.wait_notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == u.as_str() && has_code(p, "unmapped-column")
    });
    assert_eq!(with_data["version"], 1);
    c.shutdown();
}
