//! Thousands of random incremental edits sent as fast as the pipe takes them (seeded, so a
//! failure reproduces): after each burst the server's copy of the document must equal the
//! client's, and at the end its diagnostics must be what `icp_check::analyze` says for the
//! final text.

mod lsp_common;

use lsp_common::*;
use serde_json::json;

/// A small deterministic generator (xorshift64*), so the edits are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Pieces of text to insert: names, operators, brackets, line breaks, and characters of every
/// UTF-8 and UTF-16 width.
const PIECES: &[&str] = &[
    "a",
    " ",
    "\n",
    "😀",
    "字",
    "é",
    "employees",
    " >= 5",
    "# note 🚀\n",
    "\"漢字 str\"",
    "{",
    "}",
    "[",
    "]",
    "in [saas]",
    "\r\n",
    "tier t when score >= 1\n",
    "rule r : hris == workday\n",
    "🇫🇷",
    "\t",
    "..",
    "😀😀字",
];

/// A valid position: a character boundary, and not between the `\r` and `\n` of a line
/// break (the protocol counts both as the line's end, so no position points between them).
fn char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    if at > 0 && text.as_bytes()[at - 1] == b'\r' && text.as_bytes().get(at) == Some(&b'\n') {
        at -= 1;
    }
    at
}

/// One random change of `text`: the byte range it replaces and the new text.
fn random_change(rng: &mut Rng, text: &str, limit: usize) -> (usize, usize, String) {
    let start = char_boundary(text, rng.below(text.len() + 1));
    let grow = text.len() < limit;
    match rng.below(10) {
        // Insert.
        0..=4 if grow => {
            let piece = PIECES[rng.below(PIECES.len())];
            (start, start, piece.to_string())
        }
        // Replace.
        5..=6 => {
            let end = char_boundary(text, start + rng.below(12));
            (
                start,
                end.max(start),
                PIECES[rng.below(PIECES.len())].to_string(),
            )
        }
        // Delete.
        _ => {
            let end = char_boundary(text, start + 1 + rng.below(24));
            (start, end.max(start), String::new())
        }
    }
}

fn stress(seed: u64, edits: usize, burst: usize, caps: serde_json::Value, name: &str) {
    let (mut c, _) = Client::start(caps);
    let u = uri(name);
    let mut text = example("hr-analytics.icp");
    let limit = text.len() * 2;
    c.open(&u, &text);
    let mut rng = Rng(seed);
    let mut version = 1i64;
    let mut sent = 0;
    while sent < edits {
        for _ in 0..burst.min(edits - sent) {
            version += 1;
            // Sometimes several changes in one notification: each applies to the result of the
            // one before.
            let n = if rng.below(5) == 0 {
                2 + rng.below(3)
            } else {
                1
            };
            let mut changes = Vec::new();
            for _ in 0..n {
                let (start, end, new) = random_change(&mut rng, &text, limit);
                let range = json!({"start": c.pos(&text, start), "end": c.pos(&text, end)});
                changes.push(json!({"range": range, "text": new}));
                text.replace_range(start..end, &new);
            }
            c.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": u, "version": version}, "contentChanges": changes}),
            );
            sent += 1;
        }
        // A request that reads the whole text, then the text itself.
        let symbols = c.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": u}}),
        );
        assert!(symbols.get("error").is_none(), "{symbols}");
        let (v, server) = c.server_text(&u);
        assert_eq!(v, version, "the server's version after {sent} edits");
        assert!(
            server == text,
            "after {sent} edits (seed {seed}) the server's text differs from the client's"
        );
    }
    let diags = c.diagnostics(&u, version);
    let expected = if c.utf8 {
        expected_diagnostics_in(&text, true)
    } else {
        expected_diagnostics(&text)
    };
    assert_eq!(
        comparable(&diags),
        expected,
        "final diagnostics (seed {seed})"
    );
    // The server still answers everything after the storm.
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": u}, "position": {"line": 3, "character": 3}}),
    );
    assert!(h.get("error").is_none(), "{h}");
    assert!(c.shutdown().success());
}

#[test]
fn thousands_of_random_edits_in_utf16() {
    stress(0x1C9_5EED, 3000, 150, json!({}), "stress16.icp");
}

#[test]
fn random_edits_in_utf8() {
    stress(
        0xD1CE,
        1000,
        100,
        json!({"general": {"positionEncodings": ["utf-8"]}}),
        "stress8.icp",
    );
}
