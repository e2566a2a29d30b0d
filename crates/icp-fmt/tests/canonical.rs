//! The formatter is canonical: its output depends only on the tokens, the comments and the line
//! breaks of the input, never on its horizontal spacing. `fmt(respace(x)) == fmt(x)` for any
//! re-spacing of every example and every fixture.

mod common;

use icp_fmt::{FmtOptions, format_source};
use proptest::prelude::*;

/// Every example and every fixture that parses.
fn sources() -> Vec<(String, String)> {
    let mut v = common::examples();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut fixtures: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("fixtures dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "icp"))
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).expect("read fixture"),
            )
        })
        .collect();
    fixtures.sort();
    v.extend(fixtures);
    v.retain(|(_, src)| format_source(src, &FmtOptions::default()).is_ok());
    v
}

/// A small deterministic generator, so a failure names its seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Re-spaces `src`: every run of spaces and tabs outside tokens and comments becomes another
/// run of spaces and tabs (possibly empty at the start or the end of a line; never empty
/// between two tokens on a line, where it would join them).
fn respace(src: &str, seed: u64) -> String {
    let lexed = icp_syntax::lexer::lex(src);
    let mut kept: Vec<(usize, usize)> = lexed
        .tokens
        .iter()
        .map(|t| (t.span.start as usize, t.span.end as usize))
        .chain(
            lexed
                .comments
                .iter()
                .map(|c| (c.start as usize, c.end as usize)),
        )
        .collect();
    kept.sort_unstable();
    let mut rng = Rng(seed | 1);
    let mut out = String::with_capacity(src.len() * 2);
    let bytes = src.as_bytes();
    let mut at = 0;
    let mut k = 0;
    while at < src.len() {
        if k < kept.len() && kept[k].0 <= at {
            let end = kept[k].1.max(at);
            out.push_str(&src[at..end]);
            at = end;
            k += 1;
            continue;
        }
        let limit = kept.get(k).map_or(src.len(), |s| s.0);
        if bytes[at] == b' ' || bytes[at] == b'\t' {
            let mut end = at;
            while end < limit && (bytes[end] == b' ' || bytes[end] == b'\t') {
                end += 1;
            }
            let line_start = at == 0 || matches!(bytes[at - 1], b'\n' | b'\r');
            let line_end = end == src.len() || matches!(bytes[end], b'\n' | b'\r');
            let min = u64::from(!(line_start || line_end));
            let n = min + rng.below(4 - min);
            for _ in 0..n {
                out.push(if rng.below(4) == 0 { '\t' } else { ' ' });
            }
            at = end;
        } else {
            let ch = src[at..].chars().next().expect("a char");
            out.push(ch);
            at += ch.len_utf8();
        }
    }
    out
}

#[test]
fn respace_changes_only_spacing() {
    let src = "icp x \"a  b\" {  # two  spaces\n  firmographics {   n   > 1 }\n}\n";
    let r = respace(src, 7);
    assert!(
        r.contains("\"a  b\"") && r.contains("# two  spaces"),
        "{r:?}"
    );
    let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(squeeze(&r), squeeze(src));
}

#[test]
fn alignment_is_computed_from_the_content() {
    // Trailing comments of consecutive lines share a column one space after the longest code;
    // the source's columns play no part.
    let a = "icp x {\n  firmographics {\n    n > 1 # one\n    revenue >= 20M       # two\n  }\n}\n";
    let b = "icp x {\n  firmographics {\n    n > 1                      # one\n    revenue >= 20M # two\n  }\n}\n";
    let want =
        "icp x {\n  firmographics {\n    n > 1          # one\n    revenue >= 20M # two\n  }\n}\n";
    for src in [a, b] {
        assert_eq!(
            format_source(src, &FmtOptions::default()).expect("formats"),
            want
        );
    }
    // The rubric's `:` column: one space after the longest head, whatever the source says.
    let r = "icp x {\n  rubric {\n    rule a \"A\"            : n > 1\n    rule bb \"BB\" : n > 2\n  }\n}\n";
    assert_eq!(
        format_source(r, &FmtOptions::default()).expect("formats"),
        "icp x {\n  rubric {\n    rule a \"A\"   : n > 1\n    rule bb \"BB\" : n > 2\n  }\n}\n"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn formatting_ignores_horizontal_spacing(which in any::<prop::sample::Index>(), seed in any::<u64>()) {
        let all = sources();
        let (name, src) = &all[which.index(all.len())];
        for opts in [FmtOptions::default(), FmtOptions { indent_width: 4, line_width: 40 }] {
            let want = format_source(src, &opts).expect("parses");
            let respaced = respace(src, seed);
            let got = format_source(&respaced, &opts);
            prop_assert_eq!(got.as_ref().ok(), Some(&want), "{} re-spaced with seed {}:\n{}", name, seed, respaced);
        }
    }
}
