//! Messages about characters that cannot be seen: they are named by code point, and the error
//! points at them.

fn errors(src: &str) -> Vec<(String, String)> {
    let (_, errs) = icp_syntax::parse(src);
    errs.into_iter()
        .map(|e| (src[e.span.range()].to_string(), e.message))
        .collect()
}

#[test]
fn a_nul_inside_a_keyword_is_named_and_pointed_at() {
    let errs = errors("schema crm {\n  x: te\0xt\n}\n");
    let (at, message) = errs.first().expect("an error");
    assert_eq!(at, "\0", "{errs:?}");
    assert!(
        message.contains("found `te` followed by the character U+0000 (NUL)"),
        "{message}"
    );
    assert!(!message.contains('\0'), "{message:?}");
    assert!(!message.contains("did you mean"), "{message}");

    // A NUL inside a block keyword at the top level.
    let errs = errors("sch\0ema crm {\n  x: text\n}\n");
    let (at, message) = errs.first().expect("an error");
    assert_eq!(at, "\0", "{errs:?}");
    assert!(
        message.contains("found `sch` followed by the character U+0000 (NUL)"),
        "{message}"
    );
}

#[test]
fn a_stray_control_character_is_shown_by_its_code_point() {
    let errs = errors("schema crm {\n  x: text\n}\n\u{1b}\n");
    let messages: Vec<&str> = errs.iter().map(|(_, m)| m.as_str()).collect();
    assert!(
        messages.iter().any(|m| m.contains("U+001B")),
        "{messages:?}"
    );
    assert!(
        !messages.iter().any(|m| m.contains('\u{1b}')),
        "{messages:?}"
    );
}
