//! Properties of the formatter over many inputs: the examples, generated messy files, large
//! generated sources and randomly mutated examples. On every input that parses, formatting
//! keeps the meaning (the tree without spans), keeps every comment, gives a file that parses,
//! and is idempotent; an input that does not parse is refused, never rewritten.

mod common;

use common::messy::messy_file;
use common::{check_formats, examples};
use icp_fmt::{FmtError, FmtOptions, format_source};
use proptest::prelude::*;

fn options() -> impl Strategy<Value = FmtOptions> {
    prop_oneof![
        4 => Just(FmtOptions::default()),
        1 => (1usize..6, 10usize..140).prop_map(|(indent_width, line_width)| FmtOptions { indent_width, line_width }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Messy files with every construct, comments everywhere and random spacing.
    #[test]
    fn generated_files_keep_every_promise(seed in any::<u64>(), opts in options()) {
        let src = messy_file(seed);
        check_formats(&src, &opts);
    }

    /// The examples with random edits: whatever still parses formats well; the rest is refused.
    #[test]
    fn mutated_examples(
        which in 0usize..16,
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..12, any::<prop::sample::Index>()), 1..5),
        opts in options(),
    ) {
        let all = examples();
        let (_, mut src) = all[which % all.len()].clone();
        for (at, kind, pick) in edits {
            src = mutate(&src, at.index(src.len() + 1), kind, &pick);
        }
        let (_, errors) = icp_syntax::parse(&src);
        if errors.is_empty() {
            check_formats(&src, &opts);
        } else {
            match format_source(&src, &opts) {
                Err(FmtError::Syntax(reported)) => prop_assert_eq!(reported, errors),
                Ok(out) => prop_assert!(false, "a file with syntax errors was rewritten:\n{}", out),
            }
        }
    }
}

/// One random edit of `src` at byte `at` (moved back to a character boundary).
fn mutate(src: &str, mut at: usize, kind: u8, pick: &prop::sample::Index) -> String {
    while at > 0 && !src.is_char_boundary(at) {
        at -= 1;
    }
    let line_start = src[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = src[at..].find('\n').map_or(src.len(), |i| at + i + 1);
    let mut s = src.to_string();
    match kind {
        0 => {
            // Delete a few characters.
            let n = 1 + pick.index(12);
            let end = s[at..]
                .char_indices()
                .nth(n)
                .map_or(s.len(), |(i, _)| at + i);
            s.replace_range(at..end, "");
        }
        1 => s.insert(at, ' '),
        2 => s.insert(at, '\n'),
        3 => s.insert_str(at, "  # mutated\n"),
        4 => s.insert(at, ';'),
        5 => {
            let line = s[line_start..line_end].to_string();
            s.insert_str(line_start, &line);
        }
        6 => s.replace_range(line_start..line_end, ""),
        7 => {
            // Swap a line with the next.
            let next_end = s[line_end..]
                .find('\n')
                .map_or(s.len(), |i| line_end + i + 1);
            let (a, b) = (
                s[line_start..line_end].to_string(),
                s[line_end..next_end].to_string(),
            );
            if a.ends_with('\n') && b.ends_with('\n') {
                s.replace_range(line_start..next_end, &format!("{b}{a}"));
            }
        }
        8 => {
            let tokens = [
                "and", "[", "]", "{", "}", ",", "\"", "x", "1", "..", "not", "-", "+2", "# c", "\t",
            ];
            s.insert_str(at, tokens[pick.index(tokens.len())]);
        }
        9 => {
            // Squeeze the white space around `at` to nothing, or to a run of blank lines.
            let start = s[..at].trim_end_matches([' ', '\t']).len();
            let end = at + (s[at..].len() - s[at..].trim_start_matches([' ', '\t']).len());
            let with = if pick.index(2) == 0 { "" } else { "\n\n\n" };
            s.replace_range(start..end, with);
        }
        10 => {
            // Re-indent a line.
            let body = s[line_start..line_end].trim_start().to_string();
            s.replace_range(
                line_start..line_end,
                &format!("{}{body}", " ".repeat(pick.index(9))),
            );
        }
        _ => s.insert(at, '\r'),
    }
    s
}

/// The teammate-maintained generator's large sources format well too.
#[test]
fn large_generated_source_keeps_every_promise() {
    let src = icp_syntax::generator::generate(300_000, 11);
    check_formats(&src, &FmtOptions::default());
}

/// A long run of seeds, beyond proptest's default count, for the generated files.
#[test]
fn many_generated_files() {
    for seed in 0..1500u64 {
        check_formats(&messy_file(seed), &FmtOptions::default());
    }
}

#[test]
fn examples_keep_every_promise() {
    for (_, src) in examples() {
        check_formats(&src, &FmtOptions::default());
    }
}
