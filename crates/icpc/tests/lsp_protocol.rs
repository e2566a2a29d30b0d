//! `icpc lsp` over its real protocol: the binary is spawned and spoken to with `Content-Length`
//! frames on stdio, as an editor does.

mod lsp_common;

use lsp_common::*;
use serde_json::{Value, json};

#[test]
fn initialize_negotiates_the_position_encoding() {
    let (c, init) = Client::start(json!({}));
    let caps = &init["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    for cap in [
        "hoverProvider",
        "completionProvider",
        "definitionProvider",
        "referencesProvider",
        "renameProvider",
        "documentSymbolProvider",
        "workspaceSymbolProvider",
        "foldingRangeProvider",
        "codeActionProvider",
        "documentFormattingProvider",
        "documentRangeFormattingProvider",
        "semanticTokensProvider",
        "inlayHintProvider",
    ] {
        assert!(!caps[cap].is_null(), "{cap} missing from {caps}");
    }
    assert!(
        caps["diagnosticProvider"].is_null(),
        "a client without pull support gets pushed diagnostics"
    );
    assert_eq!(init["serverInfo"]["name"], "icpc");
    assert!(c.shutdown().success());

    let (c, init) = Client::start(json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    assert!(c.shutdown().success());
}

#[test]
fn diagnostics_match_the_cli_and_follow_edits() {
    let mut c = Client::start_default();
    let u = uri("antipatterns.icp");
    let text = example("antipatterns.icp");
    c.open(&u, &text);
    let diags = c.diagnostics(&u, 1);
    assert_eq!(comparable(&diags), expected_diagnostics(&text));
    let unknown = diags
        .iter()
        .find(|d| d["code"] == "unknown-field")
        .expect("unknown-field");
    assert_eq!(unknown["range"]["start"]["line"], 40);
    assert_eq!(unknown["source"], "icpc");
    assert_eq!(
        unknown["codeDescription"]["href"],
        icp_check::diagnostic::docs_url("unknown-field")
    );
    assert!(
        unknown["message"]
            .as_str()
            .unwrap_or_default()
            .contains("help: did you mean `hris`?"),
        "{unknown}"
    );
    let related = &unknown["relatedInformation"][0];
    assert_eq!(related["message"], "fields come from this schema");
    assert_eq!(related["location"]["range"]["start"]["line"], 4);

    // Fix the typo with an incremental edit: the finding goes away.
    let at = text.find("hriss").expect("typo");
    c.change(&u, 2, &text, at + 4, at + 5, "");
    let fixed = text.replacen("hriss", "hris", 1);
    let diags = c.diagnostics(&u, 2);
    assert!(
        summary(&diags)
            .iter()
            .all(|(code, ..)| code != "unknown-field"),
        "{diags:?}"
    );
    assert_eq!(comparable(&diags), expected_diagnostics(&fixed));

    // Closing clears them.
    c.notify("textDocument/didClose", json!({"textDocument": {"uri": u}}));
    let p = c.wait_notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == u.as_str() && p["diagnostics"].as_array().is_some_and(Vec::is_empty)
    });
    assert!(p["diagnostics"].as_array().is_some_and(Vec::is_empty));
    assert!(c.shutdown().success());
}

/// A document whose comments and strings hold emoji (two UTF-16 units, four bytes) and CJK
/// (one unit, three bytes) before the places edited.
const MULTIBYTE: &str = "# 📈 成長 profile 🚀\nschema crm \"顧客 📇\" {\n  employees: int from \"従業員 👥\"\n  industry: enum [saas, services]\n}\n\nicp x \"🎯 目標 — sharp\" {\n  uses crm\n  firmographics {\n    employees in 200..2000   # 👍\n    industry in [saas]\n  }\n}\n";

fn edit_multibyte(utf8: bool) {
    let caps = if utf8 {
        json!({"general": {"positionEncodings": ["utf-8"]}})
    } else {
        json!({})
    };
    let (mut c, _) = Client::start(caps);
    assert_eq!(c.utf8, utf8);
    let u = uri(if utf8 {
        "multibyte8.icp"
    } else {
        "multibyte16.icp"
    });
    let mut text = MULTIBYTE.to_string();
    c.open(&u, &text);
    assert_eq!(
        comparable(&c.diagnostics(&u, 1)),
        expected_diagnostics_in(&text, utf8)
    );
    let mut version = 1;
    let mut edit = |c: &mut Client, text: &mut String, start: usize, end: usize, new: &str| {
        version += 1;
        c.change(&u, version, text, start, end, new);
        text.replace_range(start..end, new);
    };
    // Edits after emoji and CJK on the same line and on earlier lines.
    let at = text.find("200..2000").expect("range");
    edit(&mut c, &mut text, at, at + 3, "250");
    let at = text.find("[saas]").expect("list") + 5;
    edit(&mut c, &mut text, at, at, ", servces");
    let at = text.find("🎯").expect("emoji");
    edit(&mut c, &mut text, at, at + "🎯".len(), "🏹🏹");
    let at = text.find("👍").expect("emoji") + "👍".len();
    edit(&mut c, &mut text, at, at, " 🆗 and 中文");
    let at = text.find("employees in").expect("field");
    edit(&mut c, &mut text, at, at + "employees".len(), "employes");
    let (v, server) = c.server_text(&u);
    assert_eq!(v, version);
    assert_eq!(server, text);
    let diags = c.diagnostics(&u, version);
    assert_eq!(comparable(&diags), expected_diagnostics_in(&text, utf8));
    let codes: Vec<String> = summary(&diags).into_iter().map(|s| s.0).collect();
    assert!(
        codes.contains(&"unknown-value".to_string())
            && codes.contains(&"unknown-field".to_string()),
        "{codes:?}"
    );
    // A hover after the multi-byte text lands on the right word.
    let h = c.request_ok(
        "textDocument/hover",
        c.at(&u, &text, "industry in [saas, servces]", 2),
    );
    assert!(
        h["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .starts_with("**industry**"),
        "{h}"
    );
    assert!(c.shutdown().success());
}

#[test]
fn incremental_edits_after_emoji_and_cjk_in_utf16() {
    edit_multibyte(false);
}

#[test]
fn incremental_edits_after_emoji_and_cjk_in_utf8() {
    edit_multibyte(true);
}

#[test]
fn hover_completion_definition_references_rename() {
    let mut c = Client::start_default();
    let u = uri("hr-analytics.icp");
    let text = example("hr-analytics.icp");
    c.open(&u, &text);

    let h = c.request_ok(
        "textDocument/hover",
        c.at(&u, &text, "    employees in 200", 6),
    );
    let md = h["contents"]["value"].as_str().unwrap_or_default();
    assert!(
        md.starts_with("**employees**: `int` — field of schema `crm`")
            && md.contains("column \"Employees\""),
        "{md}"
    );
    assert_eq!(h["contents"]["kind"], "markdown");
    let h = c.request_ok("textDocument/hover", c.at(&u, &text, "  triggers {", 3));
    assert!(
        h["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .contains("(dimension)"),
        "{h}"
    );
    let h = c.request_ok("textDocument/hover", c.at(&u, &text, "tier strong", 6));
    assert!(
        h["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .contains("Scores in this tier: 5..7."),
        "{h}"
    );

    // Completion where a criterion starts: the schema's fields.
    let line_start = text.find("    country in").expect("line");
    let params = json!({"textDocument": {"uri": u}, "position": c.pos(&text, line_start + 4), "context": {"triggerKind": 1}});
    let r = c.request_ok("textDocument/completion", params);
    let labels: Vec<&str> = r["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["label"].as_str())
        .collect();
    for f in ["employees", "revenue", "industry", "hris", "bi_tools"] {
        assert!(labels.contains(&f), "{f} not in {labels:?}");
    }
    // Inside a list: the values not listed yet.
    let params = c.at(
        &u,
        &text,
        "industry in [saas, services]",
        "industry in [saas, ".len(),
    );
    let r = c.request_ok("textDocument/completion", params);
    let labels: Vec<&str> = r["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["label"].as_str())
        .collect();
    assert!(
        labels.contains(&"retail") && !labels.contains(&"saas"),
        "{labels:?}"
    );

    let d = c.request_ok(
        "textDocument/definition",
        c.at(&u, &text, "hris in [workday", 1),
    );
    assert_eq!(d["uri"], u.as_str());
    assert_eq!(d["range"]["start"], json!({"line": 10, "character": 2}));

    let mut params = c.at(&u, &text, "employees: int", 0);
    params["context"] = json!({"includeDeclaration": true});
    let refs = c.request_ok("textDocument/references", params);
    assert_eq!(refs.as_array().map(Vec::len), Some(5), "{refs}");

    let p = c.request_ok(
        "textDocument/prepareRename",
        c.at(&u, &text, "rule size_fit", 6),
    );
    assert_eq!(p["placeholder"], "size_fit");
    let mut params = c.at(&u, &text, "employees in 200", 0);
    params["newName"] = json!("headcount");
    let edit = c.request_ok("textDocument/rename", params.clone());
    let edits = edit["changes"][u.as_str()]
        .as_array()
        .expect("edits")
        .clone();
    // Five occurrences; the field keeps its column, which it names with `from`.
    assert_eq!(edits.len(), 5, "{edits:?}");
    assert!(edits.iter().all(|e| e["newText"] == "headcount"));
    // An invalid or clashing name is refused with an error, and the server goes on.
    params["newName"] = json!("Head Count");
    let r = c.request("textDocument/rename", params.clone());
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("not a name"),
        "{r}"
    );
    params["newName"] = json!("revenue");
    let r = c.request("textDocument/rename", params);
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("already"),
        "{r}"
    );
    assert!(c.shutdown().success());
}

#[test]
fn outline_folding_semantic_tokens_inlay_hints() {
    let mut c = Client::start_default();
    let u = uri("devtools.icp");
    let text = example("devtools-weighted.icp");
    c.open(&u, &text);
    let syms = c.request_ok(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": u}}),
    );
    let names: Vec<&str> = syms
        .as_array()
        .expect("symbols")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(names, vec!["accounts", "platform_teams"]);
    let icp_children: Vec<&str> = syms[1]["children"]
        .as_array()
        .expect("children")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert!(
        icp_children.contains(&"firmographics")
            && icp_children.contains(&"rubric")
            && icp_children.contains(&"apac_bet"),
        "{icp_children:?}"
    );

    let folds = c.request_ok(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": u}}),
    );
    assert!(folds.as_array().is_some_and(|f| f.len() > 10), "{folds}");

    let toks = c.request_ok(
        "textDocument/semanticTokens/full",
        json!({"textDocument": {"uri": u}}),
    );
    let data = toks["data"].as_array().expect("data");
    assert_eq!(data.len() % 5, 0);
    assert!(data.len() / 5 > 100);

    let end = c.pos(&text, text.len());
    let hints = c.request_ok("textDocument/inlayHint", json!({"textDocument": {"uri": u}, "range": {"start": {"line": 0, "character": 0}, "end": end}}));
    let labels: Vec<&str> = hints
        .as_array()
        .expect("hints")
        .iter()
        .filter_map(|h| h["label"].as_str())
        .collect();
    assert_eq!(labels, vec!["→ 7..9", "→ 4..6", "→ -4..3"]);
    assert!(c.shutdown().success());
}

#[test]
fn quick_fixes_and_formatting() {
    let mut c = Client::start_default();
    let u = uri("fix.icp");
    let text = example("antipatterns.icp");
    c.open(&u, &text);
    let at = text.find("servces").expect("typo");
    let range = json!({"start": c.pos(&text, at), "end": c.pos(&text, at)});
    let r = c.request_ok(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": range, "context": {"diagnostics": []}}),
    );
    let actions = r.as_array().expect("actions");
    let fix = actions
        .iter()
        .find(|a| a["isPreferred"] == true)
        .expect("a preferred fix");
    assert_eq!(fix["title"], "Replace with `services`");
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["edit"]["changes"][u.as_str()][0]["newText"], "services");
    assert_eq!(fix["diagnostics"][0]["code"], "unknown-value");

    // A warning can be allowed with a reason on the line above.
    let at = text.find("employees in 100..10000").expect("broad range");
    let range = json!({"start": c.pos(&text, at), "end": c.pos(&text, at + 5)});
    let r = c.request_ok(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": range, "context": {"diagnostics": []}}),
    );
    let allow = r
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("Allow broad-range"))
        })
        .cloned();
    let allow = allow.expect("an allow action for broad-range");
    let new_text = allow["edit"]["changes"][u.as_str()][0]["newText"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        new_text.starts_with("    # icp: allow(broad-range) -- "),
        "{new_text}"
    );

    // Formatting a messy but valid file gives edits that produce icp-fmt's output.
    let u2 = uri("messy.icp");
    let messy = "icp x \"X\" {\n      firmographics {  employees   in 200..2000 }\n}\n";
    c.open(&u2, messy);
    let edits = c.request_ok(
        "textDocument/formatting",
        json!({"textDocument": {"uri": u2}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    let formatted =
        icp_fmt::format_source(messy, &icp_fmt::FmtOptions::default()).expect("formats");
    assert_eq!(apply(messy, edits.as_array().expect("edits")), formatted);
    // A file with syntax errors is not formatted, and says why.
    let u3 = uri("broken.icp");
    c.open(&u3, "icp x \"X\" {\n  firmographics {\n    employees >>\n");
    let r = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": u3}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("syntax error"),
        "{r}"
    );
    assert!(c.shutdown().success());
}

/// Applies LSP edits (UTF-16 positions) to a text.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| -> usize {
        let line = p["line"].as_u64().unwrap_or(0) as usize;
        let ch = p["character"].as_u64().unwrap_or(0) as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= ch || c == '\n' {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    spans.sort();
    let mut out = text.to_string();
    for (s, e, t) in spans.into_iter().rev() {
        out.replace_range(s..e, &t);
    }
    out
}

#[test]
fn bad_requests_get_answers_and_the_server_goes_on() {
    let mut c = Client::start_default();
    let u = uri("bad.icp");
    let text = example("hr-analytics.icp");
    c.open(&u, &text);
    let far = json!({"textDocument": {"uri": u}, "position": {"line": 99999, "character": 99999}});
    for method in [
        "textDocument/hover",
        "textDocument/definition",
        "textDocument/completion",
        "textDocument/references",
        "textDocument/prepareRename",
    ] {
        let mut params = far.clone();
        params["context"] = json!({"includeDeclaration": true, "triggerKind": 1});
        let r = c.request(method, params);
        // A position past the end is the end of the text: nothing is there. An error answer
        // (the server's guard turning a panic into InternalError) is a failure, except the
        // RequestFailed a rename answers where there is no name.
        if method == "textDocument/prepareRename" && r.get("error").is_some() {
            assert_eq!(r["error"]["code"], -32803, "{method}: {r}");
            continue;
        }
        assert!(r.get("error").is_none(), "{method}: {r}");
        if method == "textDocument/completion" {
            // At the end of the text a new item may begin: the answer is the one given there.
            let last = text.split('\n').count() - 1;
            let col = text
                .rsplit('\n')
                .next()
                .map_or(0, |l| l.encode_utf16().count());
            let at_end =
                json!({"textDocument": {"uri": u}, "position": {"line": last, "character": col}});
            let there = c.request_ok(method, at_end);
            assert_eq!(r["result"], there, "{method} at a position past the end");
            let labels: Vec<&str> = there["items"]
                .as_array()
                .expect("items")
                .iter()
                .filter_map(|i| i["label"].as_str())
                .collect();
            assert!(
                labels.contains(&"schema") && labels.contains(&"icp"),
                "{labels:?}"
            );
            continue;
        }
        let nothing = r["result"].is_null()
            || r["result"].as_array().is_some_and(Vec::is_empty)
            || r["result"]["items"].as_array().is_some_and(Vec::is_empty);
        assert!(nothing, "{method} at a position past the end: {r}");
    }
    // A column past the end of a line is the end of that line: the same answer as there.
    let line5_end = text.lines().nth(5).expect("line 5").encode_utf16().count();
    let mid = json!({"textDocument": {"uri": u}, "position": {"line": 5, "character": 99999}});
    let end = json!({"textDocument": {"uri": u}, "position": {"line": 5, "character": line5_end}});
    for method in ["textDocument/hover", "textDocument/definition"] {
        let r = c.request(method, mid.clone());
        assert!(r.get("error").is_none(), "{method}: {r}");
        assert_eq!(r["result"], c.request_ok(method, end.clone()), "{method}");
    }
    // An unknown method is MethodNotFound.
    let r = c.request("icp/noSuchMethod", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    // A document that is not open: an empty answer.
    let r = c.request_ok("textDocument/hover", json!({"textDocument": {"uri": uri("never-opened.icp")}, "position": {"line": 0, "character": 0}}));
    assert!(r.is_null());
    // Malformed parameters: InvalidParams.
    let r = c.request("textDocument/hover", json!({"nonsense": true}));
    assert_eq!(r["error"]["code"], -32602, "{r}");
    // A change whose range lies past the end is clamped to the end of the text.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": u, "version": 2}, "contentChanges": [{"range": {"start": {"line": 5000, "character": 3}, "end": {"line": 6000, "character": 0}}, "text": "# tail\n"}]}),
    );
    let (v, server) = c.server_text(&u);
    assert_eq!((v, server), (2, format!("{text}# tail\n")));
    // A change to a document that is not open is ignored.
    c.notify("textDocument/didChange", json!({"textDocument": {"uri": uri("ghost.icp"), "version": 2}, "contentChanges": [{"text": "x"}]}));
    // And the server still answers properly.
    let h = c.request_ok(
        "textDocument/hover",
        c.at(&u, &text, "    employees in 200", 6),
    );
    assert!(
        h["contents"]["value"]
            .as_str()
            .is_some_and(|s| s.starts_with("**employees**"))
    );
    assert!(c.shutdown().success());
}

#[test]
fn exit_without_shutdown_is_an_error_exit() {
    let mut c = Client::start_default();
    c.notify("exit", Value::Null);
    let status = c.wait_exit();
    assert_eq!(status.code(), Some(1));
}

#[test]
fn pull_diagnostics_when_the_client_asks() {
    let (mut c, init) =
        Client::start(json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}}}));
    assert_eq!(
        init["capabilities"]["diagnosticProvider"]["identifier"],
        "icpc"
    );
    let u = uri("pull.icp");
    let text = example("antipatterns.icp");
    c.open(&u, &text);
    let r = c.request_ok(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": u}}),
    );
    assert_eq!(r["kind"], "full");
    let items = r["items"].as_array().expect("items");
    assert_eq!(comparable(items), expected_diagnostics(&text));
    let again = c.request_ok(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": u}, "previousResultId": r["resultId"]}),
    );
    assert_eq!(again["kind"], "unchanged");
    assert!(c.shutdown().success());
}

#[test]
fn workspace_symbols_and_icp_toml_changes() {
    let dir = std::env::temp_dir().join(format!("icpc-lsp-ws-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sub")).expect("temp dir");
    // The defaults until the test changes them; no icp.toml above the temp dir is picked up.
    std::fs::write(dir.join("icp.toml"), "# the defaults\n").expect("write");
    std::fs::write(
        dir.join("sub/devtools.icp"),
        example("devtools-weighted.icp"),
    )
    .expect("write");
    let (mut c, _) = Client::start_in(
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
        Some(&dir),
    );
    // An open document, and one only on disk.
    let open_path = dir.join("hr.icp");
    let text = example("antipatterns.icp");
    std::fs::write(&open_path, &text).expect("write");
    let u = file_uri(&open_path);
    c.open(&u, &text);
    let r = c.request_ok("workspace/symbol", json!({"query": "plat"}));
    let found: Vec<(String, String)> = r
        .as_array()
        .expect("symbols")
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap_or_default().to_string(),
                s["location"]["uri"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            )
        })
        .collect();
    assert!(
        found
            .iter()
            .any(|(n, u)| n == "platform_teams" && u.ends_with("sub/devtools.icp")),
        "{found:?}"
    );
    let r = c.request_ok("workspace/symbol", json!({"query": "hris"}));
    assert!(
        r.as_array()
            .expect("symbols")
            .iter()
            .any(|s| s["name"] == "hris" && s["location"]["uri"] == u.as_str()),
        "{r}"
    );

    let before = c.diagnostics(&u, 1);
    assert!(
        summary(&before)
            .iter()
            .any(|(code, ..)| code == "broad-range"),
        "{before:?}"
    );
    // Turn broad-range off in an icp.toml and tell the server.
    std::fs::write(dir.join("icp.toml"), "[checks]\nbroad-range = \"off\"\n").expect("write");
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&dir.join("icp.toml")), "type": 1}]}),
    );
    let p = c.wait_notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == u.as_str()
            && p["diagnostics"]
                .as_array()
                .is_some_and(|d| d.iter().all(|x| x["code"] != "broad-range"))
    });
    assert!(!p["diagnostics"].as_array().expect("diagnostics").is_empty());
    assert!(c.shutdown().success());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn long_files_answer_from_the_region_around_the_cursor() {
    let mut c = Client::start_default();
    let u = uri("long.icp");
    let mut text = icp_syntax::generator::generate(30_000, 5);
    c.open(&u, &text);
    assert_eq!(
        comparable(&c.diagnostics(&u, 1)),
        expected_diagnostics(&text)
    );
    // An edit near the top, with multi-byte text, moves every later region.
    let at = text.find('\n').expect("a line") + 1;
    c.change(&u, 2, &text, at, at, "# 🚀 édition\n");
    text.insert_str(at, "# 🚀 édition\n");
    assert_eq!(
        comparable(&c.diagnostics(&u, 2)),
        expected_diagnostics(&text)
    );
    // A field in a later unit: hover, definition and references land in the right places.
    let needle = "employees in ";
    let use_at = text
        .match_indices(needle)
        .nth(6)
        .expect("a later criterion")
        .0;
    let params = json!({"textDocument": {"uri": u}, "position": c.pos(&text, use_at + 2)});
    let h = c.request_ok("textDocument/hover", params.clone());
    assert!(
        h["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .starts_with("**employees**"),
        "{h}"
    );
    assert_eq!(h["range"]["start"], c.pos(&text, use_at));
    let d = c.request_ok("textDocument/definition", params.clone());
    let decl = text[..use_at]
        .rfind("employees:")
        .expect("the schema above");
    assert_eq!(d["range"]["start"], c.pos(&text, decl));
    let mut p = params;
    p["context"] = json!({"includeDeclaration": true});
    let refs = c.request_ok("textDocument/references", p);
    for r in refs.as_array().expect("refs") {
        let line = r["range"]["start"]["line"].as_u64().unwrap_or(0) as usize;
        let ch = r["range"]["start"]["character"].as_u64().unwrap_or(0) as usize;
        let l = text.lines().nth(line).unwrap_or_default();
        assert!(
            l.is_ascii() && l[ch..].starts_with("employees"),
            "{l:?} at {ch}"
        );
    }
    assert!(c.shutdown().success());
}

#[test]
fn a_cancelled_request_is_answered_as_cancelled_and_the_server_goes_on() {
    let mut c = Client::start_default();
    let u = uri("big.icp");
    // Big enough that its first analysis takes far longer than the cancellation takes to
    // arrive.
    let text = icp_syntax::generator::generate(4_000_000, 11);
    c.open(&u, &text);
    let id = c.send_request(
        "textDocument/semanticTokens/full",
        json!({"textDocument": {"uri": u}}),
    );
    c.notify("$/cancelRequest", json!({"id": id}));
    let r = c.response(id);
    assert_eq!(r["error"]["code"], -32800, "RequestCancelled expected: {r}");
    // A cancellation of a request already answered, or never made, changes nothing.
    c.notify("$/cancelRequest", json!({"id": id}));
    c.notify("$/cancelRequest", json!({"id": 987_654}));
    // The document is still served: the same request, not cancelled, is answered in full.
    let tokens = c.request_ok(
        "textDocument/semanticTokens/full",
        json!({"textDocument": {"uri": u}}),
    );
    assert!(
        tokens["data"].as_array().is_some_and(|d| d.len() > 1000),
        "{}",
        &tokens.to_string()[..200.min(tokens.to_string().len())]
    );
    assert!(c.shutdown().success());
}

#[test]
fn diagnostics_of_an_older_version_are_never_published_after_a_newer_ones() {
    let mut c = Client::start_default();
    let u = uri("edits.icp");
    let mut text = icp_syntax::generator::generate(300_000, 3);
    c.open(&u, &text);
    // A burst of edits, each at the top, none waiting for the last one's diagnostics.
    let last = 30;
    for v in 2..=last {
        let line = format!("# edit {v}\n");
        c.change(&u, v, &text, 0, 0, &line);
        text.insert_str(0, &line);
    }
    c.diagnostics(&u, last);
    // Everything the server sends before answering a later request has arrived by then.
    let (v, server) = c.server_text(&u);
    assert_eq!((v, server.len()), (last, text.len()));
    let published: Vec<i64> = c
        .notifications
        .iter()
        .filter(|n| n["method"] == "textDocument/publishDiagnostics" && n["params"]["uri"] == u)
        .filter_map(|n| n["params"]["version"].as_i64())
        .collect();
    assert!(
        published.iter().all(|&v| v == last),
        "published after version {last}: {published:?}"
    );
    assert!(c.shutdown().success());
}

#[test]
fn a_change_whose_version_does_not_increase_is_still_applied() {
    let mut c = Client::start_default();
    let u = uri("versions.icp");
    let text = example("hr-analytics.icp");
    c.open(&u, &text);
    c.diagnostics(&u, 1);
    let broken = text.replacen("employees in 200..2000", "employeez in 200..2000", 1);
    assert_ne!(broken, text);
    // Version 1 again: the client is wrong, but its text is what the user sees.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": u, "version": 1}, "contentChanges": [{"text": broken}]}),
    );
    assert_eq!(c.server_text(&u), (1, broken.clone()));
    let log = c.wait_notification("window/logMessage", |p| {
        p["message"]
            .as_str()
            .is_some_and(|m| m.contains("version 1 did not increase"))
    });
    assert_eq!(log["type"], 2, "a warning: {log}");
    let d = c.wait_notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == u.as_str()
            && p["diagnostics"]
                .as_array()
                .is_some_and(|d| d.iter().any(|x| x["code"] == "unknown-field"))
    });
    assert_eq!(d["version"], 1);
    // A lower version still: applied too, and its diagnostics published under it.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": u, "version": 0}, "contentChanges": [{"text": text}]}),
    );
    assert_eq!(c.server_text(&u), (0, text.clone()));
    assert_eq!(
        comparable(&c.diagnostics(&u, 0)),
        expected_diagnostics(&text)
    );
    assert!(c.shutdown().success());
}

#[test]
fn a_panic_in_a_handler_answers_an_error_and_the_server_goes_on() {
    let (mut c, _) = Client::start_with(
        Client::spawn_with_env(&[("ICPC_LSP_FAIL_IN", "hover")]),
        json!({}),
        None,
    );
    let u = uri("panics.icp");
    let text = example("hr-analytics.icp");
    c.open(&u, &text);
    let at = c.at(&u, &text, "    employees in 200", 6);
    for _ in 0..3 {
        let r = c.request("textDocument/hover", at.clone());
        assert_eq!(r["error"]["code"], -32603, "InternalError expected: {r}");
        assert_eq!(
            r["error"]["message"], "hover failed inside the server",
            "{r}"
        );
    }
    // Other handlers, document sync and diagnostics still work after the panics.
    let d = c.request_ok("textDocument/definition", at);
    let decl = text.find("employees:").expect("the schema's field");
    assert_eq!(d["range"]["start"], c.pos(&text, decl), "{d}");
    c.change(&u, 2, &text, 0, 0, "# edited\n");
    let edited = format!("# edited\n{text}");
    assert_eq!(c.server_text(&u), (2, edited.clone()));
    assert_eq!(
        comparable(&c.diagnostics(&u, 2)),
        expected_diagnostics(&edited)
    );
    assert!(c.shutdown().success(), "a clean exit after the panics");

    // Without the variable the same hover is answered.
    let mut c = Client::start_default();
    c.open(&u, &text);
    let h = c.request_ok(
        "textDocument/hover",
        c.at(&u, &text, "    employees in 200", 6),
    );
    assert!(hover_starts_with(&h, "**employees**"), "{h}");
    assert!(c.shutdown().success());
}
