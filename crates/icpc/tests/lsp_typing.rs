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
    assert_eq!(
        (r["error"]["code"].clone(), r["id"].clone()),
        (json!(-32600), json!(41))
    );
    // The server still answers.
    let h = c.request_ok(
        "textDocument/hover",
        c.at(&u, &text, "    employees in 200", 6),
    );
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
        (
            json!({"range": {"start": pos(json!(-1), json!(0)), "end": pos(json!(0), json!(0))}, "text": "x"}),
            "`start.line` is -1",
        ),
        (
            json!({"range": {"start": pos(json!(0), json!(0.5)), "end": pos(json!(0), json!(1))}, "text": "x"}),
            "`start.character` is 0.5",
        ),
        (
            json!({"range": {"start": pos(json!(0), json!(0))}, "text": "x"}),
            "the range has no `end`",
        ),
        (
            json!({"range": {"start": pos(json!(0), json!(0)), "end": pos(json!(0), json!(1))}, "text": null}),
            "`text` is null",
        ),
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
    assert_eq!(
        (r["text"].as_str(), r["outOfSync"].as_bool()),
        (Some(new.as_str()), Some(false))
    );
    assert_eq!(
        comparable(&c.diagnostics(&u, 11)),
        expected_diagnostics(&new)
    );
    assert!(c.shutdown().success());
}

#[test]
fn an_unclosed_list_being_typed_blinds_nothing_below_it() {
    let mut c = Client::start_default();
    let u = uri("typing.icp");
    let text = example("hr-analytics.icp");
    c.open(&u, &text);
    c.diagnostics(&u, 1);
    // Type `industry in [` on a line of its own above `employees in 200..2000`.
    let at = text
        .find("    employees in 200..2000")
        .expect("the employees line");
    let typed = "    industry in [\n";
    c.change(&u, 2, &text, at, at, typed);
    let now = format!("{}{typed}{}", &text[..at], &text[at..]);
    assert_eq!(c.server_text(&u).1, now);
    // Exactly one error (the unfinished line), and the findings of the rest as before: no
    // cascade, and nothing below it goes missing.
    let diags = c.diagnostics(&u, 2);
    let errors: Vec<&Value> = diags.iter().filter(|d| d["severity"] == 1).collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0]["code"], "syntax");
    let line = now[..at].matches('\n').count();
    assert_eq!(errors[0]["range"]["start"]["line"], line, "{:?}", errors[0]);
    let before: Vec<Value> = expected_diagnostics(&text);
    let others: Vec<Value> = comparable(&diags)
        .into_iter()
        .filter(|d| d["code"] != "syntax")
        .collect();
    // The same findings as the file without the unfinished line, moved down one line.
    let shifted: Vec<Value> = before
        .iter()
        .map(|d| {
            let mut d = d.clone();
            for end in ["start", "end"] {
                if let Some(l) = d["range"][end]["line"].as_u64() {
                    if l as usize >= line {
                        d["range"][end]["line"] = json!(l + 1);
                    }
                }
            }
            d
        })
        .collect();
    assert_eq!(others, shifted);
    // Hover on `employees` below the unfinished line answers.
    let h = c.request_ok(
        "textDocument/hover",
        c.at(&u, &now, "    employees in 200", 6),
    );
    assert!(
        h["contents"]["value"]
            .as_str()
            .is_some_and(|s| s.starts_with("**employees**")),
        "{h}"
    );
    // Completion inside the unfinished list offers every industry; on a new line below it,
    // the fields.
    let r = c.request_ok(
        "textDocument/completion",
        c.at(&u, &now, typed, typed.len() - 1),
    );
    let labels = |r: &Value| -> Vec<String> {
        let items = r.get("items").unwrap_or(r);
        items
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|i| i["label"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(
        labels(&r),
        [
            "saas",
            "services",
            "manufacturing",
            "retail",
            "healthcare",
            "public_sector"
        ]
    );
    let r = c.request_ok(
        "textDocument/completion",
        c.at(&u, &now, "    employees in 200", 4),
    );
    assert!(labels(&r).contains(&"revenue".to_string()), "{r}");
    assert!(c.shutdown().success());
}
