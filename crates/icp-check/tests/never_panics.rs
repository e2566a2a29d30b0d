//! The whole analysis (parse, resolve, every check) never panics, on arbitrary text and on
//! random mutations of the examples, and every diagnostic's spans lie inside the text.

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
    let config = icp_check::Config {
        today: Some(20_000),
        ..icp_check::Config::default()
    };
    let a = icp_check::analyze(src, &config);
    for d in &a.diagnostics {
        for span in std::iter::once(d.span).chain(d.labels.iter().map(|l| l.span)) {
            assert!(
                span.end as usize <= src.len() && span.start <= span.end,
                "{d:?}"
            );
            assert!(
                src.is_char_boundary(span.start as usize)
                    && src.is_char_boundary(span.end as usize),
                "{d:?}"
            );
        }
        if let Some(fix) = &d.fix {
            for e in &fix.edits {
                assert!(e.span.end as usize <= src.len(), "{d:?}");
            }
        }
    }
}

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
    "==",
    ">=",
    "<",
    "-",
    "+15",
    "-4",
    "#",
    "\n",
    " and ",
    " or ",
    "not ",
    " in ",
    "has any [",
    "within 0d",
    "graded 3..0",
    "rule r",
    "tier t when score >= 999",
    "otherwise",
    "because",
    "0",
    "-1",
    "99999999999999999999999999",
    "0.0000001",
    "30%",
    "2026-02-29",
    "é",
    "😀",
    "# icp: allow(vague-term)",
    "# icp: allow(nope) -- x",
    "enterprise",
    "everyone",
    "employees",
    "industry",
    "saas",
    "uses crm",
    "secondary",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 384, ..ProptestConfig::default() })]

    #[test]
    fn analysis_never_panics_on_arbitrary_text(s in "\\PC{0,300}") {
        assert_sane(&s);
    }

    #[test]
    fn analysis_never_panics_on_mutated_examples(
        original in any_example(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..20, 0usize..PIECES.len()), 1..8),
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
