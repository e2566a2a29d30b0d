//! The parser's keywords and `grammar/keywords.json` (which the tree-sitter and TextMate
//! grammars are tested against) are the same set, so no grammar can drift from the parser.

use std::collections::BTreeSet;
use std::path::Path;

/// Words the parser matches as keywords: every `kw!("…")`, `kw_("…"` and prop-key list entry.
fn parser_keywords() -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = std::fs::read_to_string(root.join("src/parser.rs")).expect("parser source");
    // Whitespace removed, so the markers match however rustfmt breaks the calls.
    let src: String = src.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = BTreeSet::new();
    for marker in ["kw!(\"", "kw_(\"", "crit_block(\""] {
        for (i, _) in src.match_indices(marker) {
            let rest = &src[i + marker.len()..];
            if let Some(end) = rest.find('"') {
                out.insert(rest[..end].to_string());
            }
        }
    }
    // Prop keys: `props(&["role", "tenure", …]`.
    for (i, _) in src.match_indices("props(&[") {
        let rest = &src[i + 8..];
        let list = &rest[..rest.find(']').expect("list end")];
        for w in list.split(',') {
            out.insert(w.trim().trim_matches('"').to_string());
        }
    }
    for t in icp_syntax::ast::TypeName::ALL {
        out.insert(t.as_str().to_string());
    }
    out
}

#[test]
fn parser_keywords_match_the_grammar_keyword_list() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../grammar/keywords.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&root).expect("keywords.json"))
            .expect("json");
    // Value lists (channel kinds, job kinds, cadences) are checked by the semantic model;
    // operators and suffixes are lexical.
    let value_lists = [
        "refresh_cadences",
        "job_kinds",
        "channel_kinds",
        "criterion_operators",
        "number_suffixes",
        "duration_units",
    ];
    let mut grammar = BTreeSet::new();
    for (k, v) in json.as_object().expect("object") {
        if value_lists.contains(&k.as_str()) {
            continue;
        }
        for w in v.as_array().expect("array") {
            grammar.insert(w.as_str().expect("string").to_string());
        }
    }
    let parser = parser_keywords();
    let only_parser: Vec<_> = parser.difference(&grammar).collect();
    let only_grammar: Vec<_> = grammar.difference(&parser).collect();
    assert!(
        only_parser.is_empty() && only_grammar.is_empty(),
        "keywords differ: only in the parser {only_parser:?}; only in grammar/keywords.json {only_grammar:?}"
    );
}
