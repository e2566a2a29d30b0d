//! `icpc lsp` while the user types: malformed messages, unfinished lines. The binary is
//! spawned and spoken to over stdio, as an editor does.

mod lsp_common;

use lsp_common::*;
use serde_json::{Value, json};

fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

#[test]
fn malformed_json_is_answered_with_a_parse_error_and_the_server_goes_on() {
    let mut c = Client::start_default();
    let u = uri("malformed.icp");
    let text = example("hr-analytics.icp");
    c.open(&u, &text);
    // A body cut short, a body that is not JSON at all, a header without a length.
    for bad in [
        frame(r#"{"jsonrpc":"2.0","id":99,"method":"#),
        frame("not json"),
        b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n".to_vec(),
    ] {
        c.send_raw(&bad);
        let r = c.next_response();
        assert_eq!(
            r,
            json!({"jsonrpc": "2.0", "error": {"code": -32700, "message": "Parse error"}, "id": null})
        );
    }
    // JSON that is not a JSON-RPC message: Invalid Request, with its id when it has one.
    c.send_raw(&frame(r#"{"jsonrpc":"2.0","id":41}"#));
    let r = c.next_response();
    assert_eq!((r["error"]["code"].clone(), r["id"].clone()), (json!(-32600), json!(41)));
    // The server still answers.
    let h = c.request_ok("textDocument/hover", c.at(&u, &text, "    employees in 200", 6));
    assert!(
        h["contents"]["value"]
            .as_str()
            .is_some_and(|s| s.starts_with("**employees**")),
        "{h}"
    );
    assert!(c.shutdown().success());
}

#[test]
fn a_malformed_change_is_refused_logged_and_the_document_waits_for_its_whole_text() {
    let mut c = Client::start_default();
    let u = uri("refused.icp");
    let text = example("hr-analytics.icp");
    c.open(&u, &text);
    c.diagnostics(&u, 1);
    let pos = |l: Value, ch: Value| json!({"line": l, "character": ch});
    let bad_changes = [
        (json!({"range": {"start": pos(json!(-1), json!(0)), "end": pos(json!(0), json!(0))}, "text": "x"}), "`start.line` is -1"),
        (json!({"range": {"start": pos(json!(0), json!(0.5)), "end": pos(json!(0), json!(1))}, "text": "x"}), "`start.character` is 0.5"),
        (json!({"range": {"start": pos(json!(0), json!(0))}, "text": "x"}), "the range has no `end`"),
        (json!({"range": {"start": pos(json!(0), json!(0)), "end": pos(json!(0), json!(1))}, "text": null}), "`text` is null"),
    ];
    for (i, (change, why)) in bad_changes.into_iter().enumerate() {
        let version = i as i64 + 2;
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": u, "version": version}, "contentChanges": [change]}),
        );
        let log = c.wait_notification("window/logMessage", |p| {
            p["message"].as_str().is_some_and(|m| m.contains(why))
        });
        assert_eq!(log["type"], 1, "an error: {log}");
        assert!(
            log["message"]
                .as_str()
                .is_some_and(|m| m.contains(&u) && m.contains("out of sync")),
            "{log}"
        );
        c.wait_notification("window/showMessage", |p| {
            p["message"].as_str().is_some_and(|m| m.contains("reopen"))
        });
        // Nothing was applied, and the server says its copy is out of sync.
        let r = c.request_ok("icp/documentText", json!({"textDocument": {"uri": u}}));
        assert_eq!(r["text"], text.as_str());
        assert_eq!(r["outOfSync"], true);
    }
    // A well-formed edit with a range cannot be applied to a copy that is out of sync.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": u, "version": 10}, "contentChanges": [{"range": {"start": pos(json!(0), json!(0)), "end": pos(json!(0), json!(0))}, "text": "# x\n"}]}),
    );
    c.wait_notification("window/logMessage", |p| {
        p["message"]
            .as_str()
            .is_some_and(|m| m.contains("was ignored") && m.contains("out of sync"))
    });
    assert_eq!(c.server_text(&u).1, text);
    // The whole text brings it back.
    let new = format!("# edited\n{text}");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": u, "version": 11}, "contentChanges": [{"text": new}]}),
    );
    let r = c.request_ok("icp/documentText", json!({"textDocument": {"uri": u}}));
    assert_eq!((r["text"].as_str(), r["outOfSync"].as_bool()), (Some(new.as_str()), Some(false)));
    assert_eq!(comparable(&c.diagnostics(&u, 11)), expected_diagnostics(&new));
    assert!(c.shutdown().success());
}
