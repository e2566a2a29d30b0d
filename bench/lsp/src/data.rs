//! `--data ROWS`: the data figures of `[data]` after an edit, on a profile whose icp.toml
//! names a generated accounts file of ROWS rows (all kept: `sample` is ROWS).
//!
//! - *didChange → publishDiagnostics*, with `[data]` configured: the diagnostics path never
//!   waits for data figures;
//! - *didChange → inlay hints with the new figure*: from writing an edit that changes one
//!   criterion's range to reading the answer of an `inlayHint` request sent right after it,
//!   whose hint for that criterion shows the new share;
//! - the memory of the sample: the cells and the typed columns (`DataSet::heap_bytes`, in this
//!   process, on the same file), and the server's resident set before and after it read them.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::{Server, pos, stats};

pub const PROFILE: &str = r#"schema crm {
  industry: enum[software, fintech, retail, services, health] from "Industry"
  employees: int from "Employees"
  revenue: money from "Annual Revenue"
  country: text from "Country"
  tools: set[slack, jira, github, teams, notion] from "Tools"
  founded: date from "Founded"
}

icp buyers "Software and fintech companies of 200 to 2000 people" {
  uses crm
  firmographics {
    employees in 200..2000
    industry in [software, fintech, services]
    country in ["US", "DE", "FR"]
  }
  tech_stack {
    tools has any [slack, jira, github]
  }
  disqualify {
    industry in [health] because "Regulated buying we cannot serve"
  }
  rubric {
    rule size +2 : employees in 500..5000
    rule money +2 : revenue >= 20M
    rule collab +1 : tools has any [slack, notion]
    rule young +1 : founded >= 2015-01-01
    tier strong when score >= 5
    tier possible when score >= 3
    tier weak otherwise
  }
}
"#;

/// `rows` accounts, with blanks, from a fixed seed.
pub fn accounts(rows: usize) -> String {
    let mut x: u64 = 0x9E37_79B9;
    let mut next = |m: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % m
    };
    let industries = [
        "software", "Fintech", "retail", "services", "health", "", "SaaS",
    ];
    let countries = ["US", "DE", "FR", "GB", "", "JP"];
    let tools = ["slack;jira", "github", "", "Teams", "notion;slack", "jira"];
    let mut s = String::from("Account,Industry,Employees,Annual Revenue,Country,Tools,Founded\n");
    for i in 0..rows {
        let emp = if next(12) == 0 {
            String::new()
        } else {
            (next(20_000) + 1).to_string()
        };
        let rev = if next(5) == 0 {
            String::new()
        } else {
            format!("{}M", next(200) + 1)
        };
        let _ = writeln!(
            s,
            "acct-{i},{},{emp},{rev},{},{},{}-{:02}-01",
            industries[next(7) as usize],
            countries[next(6) as usize],
            tools[next(6) as usize],
            1990 + next(35),
            next(12) + 1
        );
    }
    s
}

fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn hint_at(r: &Value, line: u64) -> Option<String> {
    r["result"].as_array()?.iter().find_map(|h| {
        (h["position"]["line"] == line)
            .then(|| h["label"].as_str().map(String::from))
            .flatten()
            .filter(|l| l.starts_with("admits"))
    })
}

pub fn run(bin: &str, rows: usize, runs: usize) {
    let dir = std::env::temp_dir().join(format!("icp-lsp-bench-data-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let csv = dir.join("crm.csv");
    std::fs::write(&csv, accounts(rows)).expect("write the accounts");
    std::fs::write(
        dir.join("icp.toml"),
        format!("[data]\naccounts = \"crm.csv\"\nsample = {rows}\n"),
    )
    .expect("write icp.toml");
    let path = dir.join("profile.icp");
    std::fs::write(&path, PROFILE).expect("write the profile");
    let uri = format!("file://{}", path.display());

    // The sample's memory, measured in this process on the same file and profile.
    let config = icp_check::Config::load(&dir.join("icp.toml")).expect("icp.toml");
    let t = Instant::now();
    let data = icp_data::DataSet::load(&config.data).expect("the accounts");
    let load = t.elapsed();
    let cells = data.sheet.heap_bytes();
    let a = icp_check::analyze(PROFILE, &config);
    for icp in &a.model.icps {
        let prog = icp_data::checks::compile(&a.model, icp, PROFILE, &config).expect("compiles");
        let _ = data.figures(&prog);
    }
    let total = data.heap_bytes();

    let csv_kb = std::fs::metadata(&csv).map_or(0, |m| m.len() / 1024);
    let baseline = diagnostics_without_data(bin, &dir, runs);
    std::fs::write(
        dir.join("icp.toml"),
        format!("[data]\naccounts = \"crm.csv\"\nsample = {rows}\n"),
    )
    .expect("write icp.toml");

    let (mut s, mut child) = Server::spawn(bin);
    let pid = child.id();
    s.request(
        "initialize",
        json!({"processId": null, "rootUri": format!("file://{}", dir.display()), "capabilities": {}}),
    );
    s.notify("initialized", json!({}));
    let rss_before = rss_kib(pid);
    let mut text = PROFILE.to_string();
    s.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "icp", "version": 1, "text": text}}),
    );
    s.diagnostics(1);
    let spot = text.find("employees in 200").expect("criterion") + "employees in ".len();
    let line = text[..spot].matches('\n').count() as u64;
    let range = json!({"start": {"line": 0, "character": 0}, "end": {"line": 999, "character": 0}});
    let t = Instant::now();
    loop {
        let (_, r) = s.request(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": uri}, "range": range}),
        );
        if hint_at(&r, line).is_some() {
            break;
        }
        assert!(t.elapsed() < Duration::from_secs(120), "no data hints: {r}");
        std::thread::sleep(Duration::from_millis(20));
    }
    let first = t.elapsed();
    let rss_after = rss_kib(pid);

    let mut version = 1i64;
    let mut diag = Vec::new();
    let mut refresh = Vec::new();
    let mut last = None;
    for k in 0..runs {
        // `200` ↔ `100`: the criterion's share changes with each edit.
        let new = if k % 2 == 0 { "1" } else { "2" };
        version += 1;
        let change =
            json!({"range": {"start": pos(&text, spot), "end": pos(&text, spot + 1)}, "text": new});
        text.replace_range(spot..spot + 1, new);
        let t = s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        );
        let (d, r) = s.request(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": uri}, "range": range}),
        );
        let _ = d;
        let answered = Instant::now();
        let h = hint_at(&r, line).expect("the criterion's hint");
        assert_ne!(Some(&h), last.as_ref(), "the hint follows the edit");
        last = Some(h);
        refresh.push(answered - t);
        let (at, _) = s.diagnostics(version);
        diag.push(at.saturating_duration_since(t));
    }
    s.request("shutdown", Value::Null);
    s.notify("exit", Value::Null);
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);

    let mib = |b: usize| b as f64 / (1 << 20) as f64;
    println!(
        "icpc lsp with [data]: {} rows ({} KB CSV), {runs} edits of one criterion's range",
        rows, csv_kb
    );
    println!(
        "sample in memory: cells {:.1} MiB, cells and typed columns {:.1} MiB (read in {:.0} ms here); \
         server resident set {} → {} MiB; first data hints {:.0} ms after opening",
        mib(cells),
        mib(total),
        load.as_secs_f64() * 1000.0,
        rss_before.map_or("?".into(), |k| format!("{:.1}", k as f64 / 1024.0)),
        rss_after.map_or("?".into(), |k| format!("{:.1}", k as f64 / 1024.0)),
        first.as_secs_f64() * 1000.0
    );
    println!();
    println!("| measure | p50 ms | p90 ms | p99 ms | max ms |");
    println!("|---|---|---|---|---|");
    for (name, v) in [
        (
            "didChange → publishDiagnostics (no [data]; hints asked too)",
            baseline,
        ),
        ("didChange → publishDiagnostics (with [data])", diag),
        ("didChange → inlay hints with the new figure", refresh),
    ] {
        let [p50, p90, p99, max] = stats(v);
        println!("| {name} | {p50:.2} | {p90:.2} | {p99:.2} | {max:.2} |");
    }
}

/// The same edits, each followed by an inlay hint request as in the measure with data, with
/// an icp.toml without `[data]`: the diagnostics' latency without the data figures.
fn diagnostics_without_data(bin: &str, dir: &std::path::Path, runs: usize) -> Vec<Duration> {
    std::fs::write(dir.join("icp.toml"), "").expect("write icp.toml");
    let path = dir.join("profile.icp");
    let uri = format!("file://{}", path.display());
    let (mut s, mut child) = Server::spawn(bin);
    s.request(
        "initialize",
        json!({"processId": null, "rootUri": format!("file://{}", dir.display()), "capabilities": {}}),
    );
    s.notify("initialized", json!({}));
    let mut text = PROFILE.to_string();
    s.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "icp", "version": 1, "text": text}}),
    );
    s.diagnostics(1);
    let spot = text.find("employees in 200").expect("criterion") + "employees in ".len();
    let mut out = Vec::new();
    for k in 0..runs {
        let new = if k % 2 == 0 { "1" } else { "2" };
        let version = k as i64 + 2;
        let change =
            json!({"range": {"start": pos(&text, spot), "end": pos(&text, spot + 1)}, "text": new});
        text.replace_range(spot..spot + 1, new);
        let t = s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        );
        // The editor asks for hints after each edit, with or without data.
        s.request(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 999, "character": 0}}}),
        );
        let (at, _) = s.diagnostics(version);
        out.push(at.saturating_duration_since(t));
    }
    s.request("shutdown", Value::Null);
    s.notify("exit", Value::Null);
    let _ = child.wait();
    out
}
