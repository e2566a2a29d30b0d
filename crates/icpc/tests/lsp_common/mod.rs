//! A small LSP client for the protocol tests: spawns `icpc lsp`, writes `Content-Length`
//! frames to its stdin and reads them from its stdout on a thread. Every read has a timeout,
//! so a server that hangs fails the test instead of hanging it.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long any one answer may take before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(30);

pub struct Client {
    child: Child,
    stdin: Arc<Mutex<ChildStdin>>,
    rx: Receiver<Value>,
    next_id: i64,
    /// Notifications read while waiting for something else.
    pub notifications: VecDeque<Value>,
    /// Whether the server's positions count UTF-8 bytes (else UTF-16 units).
    pub utf8: bool,
}

fn write_frame(stdin: &Mutex<ChildStdin>, msg: &Value) {
    let body = msg.to_string();
    let mut w = stdin.lock().expect("stdin lock");
    // A server that died makes the write fail; the next read then reports it.
    let _ = write!(w, "Content-Length: {}\r\n\r\n{}", body.len(), body);
    let _ = w.flush();
}

impl Client {
    /// Starts `icpc lsp`.
    pub fn spawn() -> Client {
        Client::spawn_with_env(&[])
    }

    /// Starts `icpc lsp` with more environment variables.
    pub fn spawn_with_env(env: &[(&str, &str)]) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_icpc"))
            .arg("lsp")
            .env("ICPC_LOG", "warn")
            .envs(env.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("icpc lsp starts");
        let stdin = Arc::new(Mutex::new(child.stdin.take().expect("stdin")));
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        let replies = stdin.clone();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    match r.read_line(&mut line) {
                        Ok(0) | Err(_) => return,
                        Ok(_) => {}
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = v.trim().parse::<usize>().ok();
                    }
                }
                let Some(len) = len else { return };
                let mut body = vec![0; len];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                let Ok(msg) = serde_json::from_slice::<Value>(&body) else {
                    return;
                };
                // Requests from the server (registrations, refreshes) get an empty answer.
                if msg.get("method").is_some() && msg.get("id").is_some() {
                    write_frame(
                        &replies,
                        &json!({"jsonrpc": "2.0", "id": msg["id"], "result": null}),
                    );
                    continue;
                }
                if tx.send(msg).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            rx,
            next_id: 1,
            notifications: VecDeque::new(),
            utf8: false,
        }
    }

    /// Starts the server and initializes it with `capabilities`; waits for the answer before
    /// sending `initialized`. Returns the initialize result.
    pub fn start(capabilities: Value) -> (Client, Value) {
        Client::start_in(capabilities, None)
    }

    pub fn start_in(capabilities: Value, root: Option<&std::path::Path>) -> (Client, Value) {
        Client::start_with(Client::spawn(), capabilities, root)
    }

    /// Initializes a spawned server (see [`Client::start`]).
    pub fn start_with(
        mut c: Client,
        capabilities: Value,
        root: Option<&std::path::Path>,
    ) -> (Client, Value) {
        let root_uri = root.map(file_uri);
        let folders = root_uri
            .as_ref()
            .map(|u| json!([{"uri": u, "name": "root"}]));
        let result = c.request_ok(
            "initialize",
            json!({"processId": null, "rootUri": root_uri, "workspaceFolders": folders, "capabilities": capabilities, "clientInfo": {"name": "icpc-tests"}}),
        );
        c.utf8 = result["capabilities"]["positionEncoding"] == "utf-8";
        c.notify("initialized", json!({}));
        (c, result)
    }

    /// A client with the usual capabilities of an editor (snippets, markdown, UTF-16).
    pub fn start_default() -> Client {
        Client::start(json!({
            "textDocument": {
                "completion": {"completionItem": {"snippetSupport": true}},
                "hover": {"contentFormat": ["markdown", "plaintext"]},
                "publishDiagnostics": {"relatedInformation": true},
                "documentSymbol": {"hierarchicalDocumentSymbolSupport": true}
            }
        }))
        .0
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        write_frame(
            &self.stdin,
            &json!({"jsonrpc": "2.0", "method": method, "params": params}),
        );
    }

    /// Writes raw bytes to the server's input (for malformed messages).
    pub fn send_raw(&mut self, bytes: &[u8]) {
        let mut w = self.stdin.lock().expect("stdin lock");
        let _ = w.write_all(bytes);
        let _ = w.flush();
    }

    /// Waits for the next message that is not a notification (responses with any id).
    pub fn next_response(&mut self) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let msg = self.recv(deadline, "a response");
            if msg.get("method").is_some() {
                self.notifications.push_back(msg);
            } else {
                return msg;
            }
        }
    }

    /// Sends a request and returns its id, without waiting.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        write_frame(
            &self.stdin,
            &json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}),
        );
        id
    }

    fn recv(&mut self, deadline: Instant, what: &str) -> Value {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.rx.recv_timeout(left) {
            Ok(v) => v,
            Err(RecvTimeoutError::Timeout) => panic!("timed out waiting for {what}"),
            Err(RecvTimeoutError::Disconnected) => {
                panic!("the server closed its output while we waited for {what}")
            }
        }
    }

    /// Waits for the response to request `id` (the whole message: `result` or `error`).
    pub fn response(&mut self, id: i64) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let msg = self.recv(deadline, &format!("the response to request {id}"));
            if msg.get("id") == Some(&json!(id)) && msg.get("method").is_none() {
                return msg;
            }
            if msg.get("method").is_some() {
                self.notifications.push_back(msg);
            }
        }
    }

    /// Sends a request and waits for its whole response message.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.response(id)
    }

    /// Sends a request and returns its result; fails the test on an error response.
    pub fn request_ok(&mut self, method: &str, params: Value) -> Value {
        let r = self.request(method, params);
        assert!(r.get("error").is_none(), "{method} failed: {r}");
        r["result"].clone()
    }

    /// Waits for a notification `method` whose params satisfy `pred` (earlier ones that do not
    /// are dropped).
    pub fn wait_notification(
        &mut self,
        method: &str,
        mut pred: impl FnMut(&Value) -> bool,
    ) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        while let Some(n) = self.notifications.pop_front() {
            if n["method"] == method && pred(&n["params"]) {
                return n["params"].clone();
            }
        }
        loop {
            let msg = self.recv(deadline, &format!("a {method} notification"));
            if msg["method"] == method && pred(&msg["params"]) {
                return msg["params"].clone();
            }
        }
    }

    /// Waits for the diagnostics of `uri` at `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let p = self.wait_notification("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && p["version"] == version
        });
        p["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "icp", "version": 1, "text": text}}),
        );
    }

    /// Sends one incremental change replacing the byte range `start..end` of `text` (the
    /// client's copy, before the change) with `new`; positions in the negotiated encoding.
    pub fn change(
        &mut self,
        uri: &str,
        version: i64,
        text: &str,
        start: usize,
        end: usize,
        new: &str,
    ) {
        let range = json!({"start": self.pos(text, start), "end": self.pos(text, end)});
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"range": range, "text": new}]}),
        );
    }

    /// The LSP position of a byte offset of `text`.
    pub fn pos(&self, text: &str, offset: usize) -> Value {
        let before = &text[..offset];
        let line = before.matches('\n').count();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col: usize = if self.utf8 {
            offset - line_start
        } else {
            text[line_start..offset].chars().map(char::len_utf16).sum()
        };
        json!({"line": line, "character": col})
    }

    /// `{textDocument, position}` at the first occurrence of `needle` plus `delta` bytes.
    pub fn at(&self, uri: &str, text: &str, needle: &str, delta: usize) -> Value {
        let off = text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in the text"))
            + delta;
        json!({"textDocument": {"uri": uri}, "position": self.pos(text, off)})
    }

    /// The server's copy of a document.
    pub fn server_text(&mut self, uri: &str) -> (i64, String) {
        let r = self.request_ok("icp/documentText", json!({"textDocument": {"uri": uri}}));
        (
            r["version"].as_i64().unwrap_or(-1),
            r["text"].as_str().unwrap_or_default().to_string(),
        )
    }

    /// `shutdown` then `exit`; returns how the process ended.
    pub fn shutdown(mut self) -> ExitStatus {
        let r = self.request("shutdown", Value::Null);
        assert!(r.get("error").is_none(), "shutdown failed: {r}");
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    /// Waits for the process to end (killing it after the timeout, and failing).
    pub fn wait_exit(mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the server did not exit within {TIMEOUT:?}");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A `file://` URI for a path.
pub fn file_uri(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

/// A `file://` URI for a name that need not exist.
pub fn uri(name: &str) -> String {
    format!("file:///tmp/icpc-lsp-tests/{name}")
}

/// The codes, 0-based start lines and severities of the LSP diagnostics.
pub fn summary(diags: &[Value]) -> Vec<(String, u64, u64)> {
    diags
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                d["range"]["start"]["line"].as_u64().unwrap_or(u64::MAX),
                d["severity"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

/// What the CLI's analysis says for `text`, as the server must publish it: code, range in
/// UTF-16 positions, severity and message (with the help line).
pub fn expected_diagnostics(text: &str) -> Vec<Value> {
    expected_diagnostics_in(text, false)
}

/// The same, with positions in UTF-8 bytes when `utf8`.
pub fn expected_diagnostics_in(text: &str, utf8: bool) -> Vec<Value> {
    let a = icp_check::analyze(text, &icp_check::Config::default());
    let pos = |offset: usize| {
        let offset = offset.min(text.len());
        let before = &text[..offset];
        let line = before.matches('\n').count();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col: usize = if utf8 {
            offset - line_start
        } else {
            text[line_start..offset].chars().map(char::len_utf16).sum()
        };
        json!({"line": line, "character": col})
    };
    a.diagnostics
        .iter()
        .map(|d| {
            let severity = match d.severity {
                icp_check::Severity::Error => 1,
                icp_check::Severity::Warning => 2,
                icp_check::Severity::Info => 3,
                icp_check::Severity::Hint => 4,
            };
            let mut message = d.message.clone();
            if let Some(h) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(h);
            }
            json!({
                "code": d.code,
                "range": {"start": pos(d.span.start as usize), "end": pos(d.span.end as usize)},
                "severity": severity,
                "message": message,
            })
        })
        .collect()
}

/// The parts of published diagnostics that [`expected_diagnostics`] gives.
pub fn comparable(diags: &[Value]) -> Vec<Value> {
    diags
        .iter()
        .map(|d| json!({"code": d["code"], "range": d["range"], "severity": d["severity"], "message": d["message"]}))
        .collect()
}

/// The examples of the repository.
pub fn example(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Whether a hover answer's text starts with `start` (such as `**employees**`).
pub fn hover_starts_with(h: &Value, start: &str) -> bool {
    h["contents"]["value"]
        .as_str()
        .is_some_and(|s| s.starts_with(start))
}
