//! Latency of `icpc lsp` over its real protocol, on a generated 20,000-line `.icp` file: by
//! default units of one schema and one icp each; with `--shared-schema`, one schema that every
//! icp of the file uses.
//!
//! Spawns the server binary, speaks JSON-RPC with `Content-Length` frames over its stdio as an
//! editor does, and measures, each request or edit waited for before the next:
//!
//! - diagnostics: from writing a `didChange` (one small edit) to reading the
//!   `publishDiagnostics` of that version;
//! - completion and hover on a document whose analysis is current;
//! - completion and hover sent right after a `didChange`, before its diagnostics.
//!
//! ```text
//! cargo build --release -p icpc -p icp-lsp-bench
//! target/release/icp-lsp-bench [--server target/release/icpc] [--lines 20000] [--runs 300]
//! target/release/icp-lsp-bench --shared-schema   # one schema that every icp uses (~230 icps)
//! target/release/icp-lsp-bench --data 50000   # the data figures of [data] (see `data.rs`)
//! ```

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

mod data;

struct Server {
    stdin: ChildStdin,
    rx: Receiver<(Instant, Value)>,
    next_id: i64,
    /// Notifications read while waiting for an answer.
    pending: std::collections::VecDeque<(Instant, Value)>,
}

impl Server {
    fn spawn(bin: &str) -> (Server, std::process::Child) {
        let mut child = Command::new(bin)
            .arg("lsp")
            .env("ICPC_LOG", "warn")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {bin}: {e}"));
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = 0;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = v.parse().unwrap_or(0);
                    }
                }
                let mut body = vec![0; len];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                let now = Instant::now();
                if let Ok(v) = serde_json::from_slice(&body) {
                    if tx.send((now, v)).is_err() {
                        return;
                    }
                }
            }
        });
        (
            Server {
                stdin,
                rx,
                next_id: 1,
                pending: Default::default(),
            },
            child,
        )
    }

    fn send(&mut self, msg: Value) -> Instant {
        let body = msg.to_string();
        let frame = format!("Content-Length: {}\r\n\r\n{}", body.len(), body);
        let t = Instant::now();
        self.stdin
            .write_all(frame.as_bytes())
            .expect("write to the server");
        self.stdin.flush().expect("flush");
        t
    }

    fn notify(&mut self, method: &str, params: Value) -> Instant {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}))
    }

    /// Sends a request and returns the time from writing it to reading its answer.
    fn request(&mut self, method: &str, params: Value) -> (Duration, Value) {
        let id = self.next_id;
        self.next_id += 1;
        let t = self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let (at, msg) = self
                .rx
                .recv_timeout(Duration::from_secs(60))
                .expect("an answer within 60 s");
            if msg["id"] == id && msg.get("method").is_none() {
                return (at - t, msg);
            }
            if msg.get("method").is_some() {
                self.pending.push_back((at, msg));
            }
        }
    }

    /// Waits for the diagnostics of `version`; returns when they were read.
    fn diagnostics(&mut self, version: i64) -> (Instant, usize) {
        loop {
            let (at, msg) = match self.pending.pop_front() {
                Some(m) => m,
                None => self
                    .rx
                    .recv_timeout(Duration::from_secs(60))
                    .expect("diagnostics within 60 s"),
            };
            if msg["method"] == "textDocument/publishDiagnostics"
                && msg["params"]["version"] == version
            {
                return (
                    at,
                    msg["params"]["diagnostics"].as_array().map_or(0, Vec::len),
                );
            }
        }
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// p50, p90, p99 and max, in milliseconds.
fn stats(mut v: Vec<Duration>) -> [f64; 4] {
    v.sort();
    let at = |q: f64| ms(v[((v.len() as f64 - 1.0) * q).round() as usize]);
    [
        at(0.5),
        at(0.9),
        at(0.99),
        ms(*v.last().unwrap_or(&Duration::ZERO)),
    ]
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

/// A file of at least `lines` lines: the generator's units, one schema and one icp each.
fn generate(lines: usize) -> String {
    let mut rng = icp_syntax::generator::Rng::new(20_000);
    let mut out = String::new();
    let mut n = 0;
    while out.lines().count() < lines {
        out.push_str(&icp_syntax::generator::unit(n, &mut rng));
        n += 1;
    }
    out
}

/// The LSP position (UTF-16; the generated text is ASCII) of a byte offset.
fn pos(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let col = offset - before.rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": col})
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bin = arg(&args, "--server").unwrap_or_else(|| "target/release/icpc".into());
    let lines: usize = arg(&args, "--lines")
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_000);
    let runs: usize = arg(&args, "--runs")
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    if let Some(rows) = arg(&args, "--data").and_then(|s| s.parse().ok()) {
        data::run(&bin, rows, runs);
        return;
    }

    let shared = args.iter().any(|a| a == "--shared-schema");
    let mut text = if shared {
        icp_syntax::generator::shared_schema(lines, 20_000)
    } else {
        generate(lines)
    };
    let uri = "file:///tmp/icp-lsp-bench/generated.icp";
    let (mut s, mut child) = Server::spawn(&bin);
    s.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    s.notify("initialized", json!({}));
    let t = s.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "icp", "version": 1, "text": text}}),
    );
    let (at, n_diags) = s.diagnostics(1);
    let open = at - t;

    // Places to edit and to ask at: every `employees in LO..HI` criterion, the start of every
    // firmographics criterion, every rule keyword.
    let ranges: Vec<usize> = text
        .match_indices("employees in ")
        .map(|(i, _)| i)
        .collect();
    let rules: Vec<usize> = text.match_indices("rule ").map(|(i, _)| i).collect();
    assert!(
        !ranges.is_empty() && !rules.is_empty(),
        "the generated file has criteria and rules"
    );

    let mut version = 1i64;
    // One edit: write a digit into the low end of a range, or take it out again. Every insert
    // is undone by the next edit at the same spot, so the offsets in `ranges` and `rules` are
    // right again after each pair (`shift` corrects them in between).
    let edit = |s: &mut Server,
                text: &mut String,
                version: &mut i64,
                spot: usize,
                insert: bool|
     -> Instant {
        let at = spot + "employees in ".len();
        *version += 1;
        let change = if insert {
            let c = json!({"range": {"start": pos(text, at), "end": pos(text, at)}, "text": "1"});
            text.insert(at, '1');
            c
        } else {
            let c =
                json!({"range": {"start": pos(text, at), "end": pos(text, at + 1)}, "text": ""});
            text.remove(at);
            c
        };
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": *version}, "contentChanges": [change]}),
        )
    };
    let shift = |offset: usize, spot: usize| if offset > spot { offset + 1 } else { offset };

    let mut diag = Vec::new();
    for k in 0..runs {
        let spot = ranges[(k / 2 * 7919) % ranges.len()];
        let t = edit(&mut s, &mut text, &mut version, spot, k % 2 == 0);
        let (at, _) = s.diagnostics(version);
        diag.push(at - t);
    }
    if runs % 2 == 1 {
        let spot = ranges[(runs / 2 * 7919) % ranges.len()];
        edit(&mut s, &mut text, &mut version, spot, false);
        s.diagnostics(version);
    }

    let completion_at = |k: usize| ranges[(k * 104_729) % ranges.len()];
    let hover_at = |k: usize| rules[(k * 15_485_863) % rules.len()] + "rule ".len() + 1;
    let mut completion = Vec::new();
    let mut hover = Vec::new();
    for k in 0..runs {
        let (d, r) = s.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": pos(&text, completion_at(k)), "context": {"triggerKind": 1}}),
        );
        assert!(
            r["result"]["items"]
                .as_array()
                .is_some_and(|i| !i.is_empty()),
            "completion offers fields: {r}"
        );
        completion.push(d);
        let (d, r) = s.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": pos(&text, hover_at(k))}),
        );
        assert!(
            r["result"]["contents"]["value"].is_string(),
            "hover on a rule: {r}"
        );
        hover.push(d);
    }

    // Right after an edit: completion uses the latest analysis (it does not wait for the new
    // one); hover needs the analysis of the new version, so it waits for it.
    let mut completion_after = Vec::new();
    let mut hover_after = Vec::new();
    for k in 0..runs / 2 {
        let spot = ranges[(k * 7919) % ranges.len()];
        edit(&mut s, &mut text, &mut version, spot, true);
        let (d, r) = s.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": pos(&text, shift(completion_at(k), spot)), "context": {"triggerKind": 1}}),
        );
        assert!(
            r["result"]["items"]
                .as_array()
                .is_some_and(|i| !i.is_empty()),
            "completion offers fields: {r}"
        );
        completion_after.push(d);
        s.diagnostics(version);
        edit(&mut s, &mut text, &mut version, spot, false);
        let (d, r) = s.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": pos(&text, hover_at(k))}),
        );
        assert!(
            r["result"]["contents"]["value"].is_string(),
            "hover on a rule: {r}"
        );
        hover_after.push(d);
        s.diagnostics(version);
    }

    s.request("shutdown", Value::Null);
    s.notify("exit", Value::Null);
    let _ = child.wait();

    println!(
        "icpc lsp on a generated file of {} lines{} ({} KB, {} diagnostics), {runs} runs each",
        text.lines().count(),
        if shared {
            format!(
                ", one schema used by {} icps",
                text.matches("\nicp ").count()
            )
        } else {
            String::new()
        },
        text.len() / 1024,
        n_diags
    );
    println!("open to first diagnostics: {:.1} ms", ms(open));
    println!();
    println!("| measure | p50 ms | p90 ms | p99 ms | max ms |");
    println!("|---|---|---|---|---|");
    for (name, v) in [
        ("didChange → publishDiagnostics", diag),
        ("completion", completion),
        ("hover", hover),
        ("completion right after a didChange", completion_after),
        ("hover right after a didChange", hover_after),
    ] {
        let [p50, p90, p99, max] = stats(v);
        println!("| {name} | {p50:.2} | {p90:.2} | {p99:.2} | {max:.2} |");
    }
}
