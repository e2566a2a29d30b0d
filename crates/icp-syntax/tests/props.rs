//! Properties: the parser never panics, and every error span lies inside the text on
//! character boundaries, for arbitrary text and for random mutations of the examples.

use proptest::prelude::*;

fn examples() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("examples")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "icp"))
        .map(|p| std::fs::read_to_string(p).expect("read"))
        .collect();
    v.sort();
    v
}

/// One of the examples, each as likely as the others (a new example is drawn too).
fn any_example() -> impl Strategy<Value = String> {
    proptest::sample::select(examples())
}

#[test]
fn mutations_start_from_every_example() {
    use proptest::strategy::ValueTree;
    let all = examples();
    assert!(all.len() >= 4, "examples found: {}", all.len());
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = any_example();
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..64 * all.len() {
        seen.insert(strategy.new_tree(&mut runner).expect("a value").current());
    }
    assert_eq!(seen.len(), all.len(), "examples never drawn");
}

fn assert_sane(src: &str) {
    let (file, errors) = icp_syntax::parse(src);
    for e in &errors {
        assert!(e.span.end as usize <= src.len(), "span past the end: {e:?}");
        assert!(
            src.is_char_boundary(e.span.start as usize)
                && src.is_char_boundary(e.span.end as usize),
            "{e:?}"
        );
        assert!(!e.message.is_empty());
    }
    for c in &file.comments {
        assert!(src[c.range()].starts_with('#'));
    }
}

/// Pieces of the language to splice into files.
const PIECES: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    "\"",
    "..",
    ":",
    ",",
    ";",
    "==",
    ">=",
    "-",
    "+",
    "#",
    "\n",
    "and",
    "or",
    "not",
    "in",
    "has any",
    "within",
    "graded",
    "rule",
    "tier",
    "when score >=",
    "otherwise",
    "because",
    "icp",
    "schema",
    "20M",
    "30%",
    "6mo",
    "2026-13-40",
    "\\u{zz}",
    "é",
    "😀",
    "\u{0}",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_arbitrary_text(s in "\\PC{0,400}") {
        assert_sane(&s);
    }

    #[test]
    fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        assert_sane(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn never_panics_on_mutated_examples(
        original in any_example(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..30, 0usize..PIECES.len()), 1..8),
    ) {
        let mut src = original;
        for (at, del, piece) in edits {
            let mut i = at.index(src.len() + 1);
            while !src.is_char_boundary(i) { i -= 1; }
            let mut j = (i + del).min(src.len());
            while !src.is_char_boundary(j) { j -= 1; }
            src.replace_range(i..j, PIECES[piece]);
        }
        assert_sane(&src);
    }
}

#[test]
fn hostile_nesting_is_an_error_not_a_crash() {
    let head = "schema s { b: bool }\nicp x \"X\" {\n  uses s\n  firmographics {\n    ";
    for body in [
        "(".repeat(100_000) + "b" + &")".repeat(100_000),
        "not ".repeat(100_000) + "b",
        "b and ".repeat(100_000) + "b",
        "[".repeat(100_000),
        "{".repeat(100_000),
    ] {
        let src = format!("{head}{body}\n  }}\n}}\n");
        let (_, errors) = icp_syntax::parse(&src);
        assert!(
            errors
                .iter()
                .any(|e| e.message.contains("nested too deeply")),
            "{errors:?}"
        );
    }
}
