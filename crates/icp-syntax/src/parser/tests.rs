//! The fast pass and the pass with messages read the same files into the same trees.

use chumsky::prelude::*;
use proptest::prelude::*;

use super::input::{Sp, T, token_input, tokens};
use super::items::file_parser;
use super::prepare::brackets;
use crate::ast::Item;

/// The items each pass builds (`None` when it reports an error).
fn both_passes(src: &str) -> (Option<Vec<Item>>, Option<Vec<Item>>) {
    let (mut toks, _, _) = tokens(src);
    brackets(src, &mut toks);
    let eoi = Sp::from(src.len() as u32..src.len() as u32);
    let fast = file_parser::<_, EmptyErr>().parse(token_input(&toks, eoi));
    let fast = if fast.has_errors() {
        None
    } else {
        fast.into_output()
    };
    let rich = file_parser::<_, Rich<'_, T<'_>, Sp>>().parse(token_input(&toks, eoi));
    let rich = if rich.has_errors() {
        None
    } else {
        rich.into_output()
    };
    (fast, rich)
}

/// Whenever the fast pass reads a file, the pass with messages reads it too, into the same
/// tree (the two run the same combinators with different error types: labels and
/// validations must not change what is read).
fn assert_agree(src: &str) {
    let (fast, rich) = both_passes(src);
    if let Some(fast) = fast {
        assert_eq!(Some(fast), rich, "the passes disagree on:\n{src}");
    }
}

fn files(dir: &str) -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut v: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "icp"))
        .map(|p| std::fs::read_to_string(p).unwrap_or_default())
        .collect();
    v.sort();
    v
}

#[test]
fn fast_and_rich_passes_agree() {
    let mut read = 0;
    let mut sources = files("../../examples");
    sources.extend(files("tests/corpus/ok"));
    sources.push(crate::generator::generate(200_000, 7));
    // Every criterion form, nested, with the spans of `not`, parentheses and prose.
    sources.push(
        "schema s { a: int\n b: enum [x, y]\n c: set [p, q]\n d: date\n e: bool }\n\
         icp i \"t\" { uses s\n firmographics {\n\
           not not (a >= 1 or b == x) and c has none [p] or e\n\
           a not in 1..2 and b not in [x] or (d within 30d and \"prose\" within 9d)\n\
           \"prose\" and not e\n a in -5..-1\n }\n\
         rubric { rule r +2 \"l\": a graded 1..9\n rule q: (e) }\n }\n"
            .to_string(),
    );
    for src in &sources {
        let (fast, _) = both_passes(src);
        read += usize::from(fast.is_some());
        assert_agree(src);
    }
    assert!(
        read >= sources.len() / 2,
        "the fast pass read only {read} files"
    );
}

/// Words and symbols that build criteria, to splice into one.
const PARTS: &[&str] = &[
    "a", "b", "e", "and", "or", "not", "in", "has", "any", "within", "graded", "(", ")", "[", "]",
    ",", "..", "1", "-2", "x", "\"p\"", "30d", "==", "<=", "!=", "\n",
];

/// Criteria the language accepts, to combine into longer ones.
const LEAVES: &[&str] = &[
    "a >= 1",
    "a < -2",
    "a != 3",
    "a in 1..2",
    "a not in -5..-1",
    "b == x",
    "b != y",
    "b in [x, y]",
    "b not in [x]",
    "e",
    "\"p\"",
    "\"p\" within 30d",
];

/// A criterion built from [`LEAVES`] with `and`, `or`, `not` and parentheses; one in five
/// has a word or symbol of [`PARTS`] spliced in, which usually breaks it.
fn criterion() -> impl Strategy<Value = String> {
    let whole = proptest::sample::select(LEAVES)
        .prop_map(str::to_string)
        .prop_recursive(4, 32, 2, |inner| {
            prop_oneof![
                (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{a} and {b}")),
                (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{a} or {b}")),
                inner.clone().prop_map(|a| format!("not ({a})")),
                inner.prop_map(|a| format!("({a})")),
            ]
        });
    let splice = proptest::option::weighted(
        0.2,
        (
            proptest::arbitrary::any::<proptest::sample::Index>(),
            0..PARTS.len(),
        ),
    );
    (whole, splice).prop_map(|(mut c, splice)| {
        if let Some((at, part)) = splice {
            let i = at.index(c.len() + 1);
            c.insert_str(i, &format!(" {} ", PARTS[part]));
        }
        c
    })
}

#[test]
fn passes_agree_on_random_criteria() {
    use proptest::test_runner::{Config, TestRunner};
    let (total, read) = (std::cell::Cell::new(0usize), std::cell::Cell::new(0usize));
    let mut runner = TestRunner::new(Config::with_cases(2000));
    let outcome = runner.run(&criterion(), |c| {
        let src = format!(
            "schema s {{ a: int\n b: enum [x, y]\n e: bool }}\n\
             icp i {{ uses s\n firmographics {{\n {c}\n }}\n }}\n"
        );
        let (fast, rich) = both_passes(&src);
        total.set(total.get() + 1);
        read.set(read.get() + usize::from(fast.is_some() && rich.is_some()));
        assert_agree(&src);
        Ok(())
    });
    if let Err(e) = outcome {
        panic!("{e}");
    }
    // Agreement is only tested on what both read: most inputs must be read.
    let (read, total) = (read.get(), total.get());
    assert!(
        read * 10 >= total * 7,
        "both passes read only {read} of {total} generated files"
    );
}

/// The fast pass over `src` cut into `n` pieces at item starts (as [`super::parse`] cuts big
/// files), or whole when `n` is 1; `None` when it reports an error.
fn fast_in_pieces(src: &str, n: usize) -> Option<Vec<Item>> {
    let (toks, _, _) = tokens(src);
    let scanned = super::prepare::scan(&toks, &mut Vec::new());
    let eoi = Sp::from(src.len() as u32..src.len() as u32);
    let pieces = super::pieces(toks.len(), &scanned.items, n);
    assert!(pieces.len() <= n);
    // The pieces cover every token once, in order, and each after the first starts an item.
    assert_eq!(pieces.first().map(|r| r.start), Some(0));
    assert_eq!(pieces.last().map(|r| r.end), Some(toks.len()));
    for w in pieces.windows(2) {
        assert_eq!(w[0].end, w[1].start);
        assert!(w[0].start < w[0].end, "an empty piece: {pieces:?}");
        assert!(scanned.items.contains(&w[1].start));
    }
    super::parse_fast(&toks, &pieces, eoi)
}

#[test]
fn parses_the_same_in_pieces() {
    let mut sources = files("../../examples");
    sources.extend(files("tests/corpus/ok"));
    sources.extend(files("tests/corpus/err"));
    let examples = sources.concat();
    sources.push(examples.repeat(5));
    sources.push(crate::generator::generate(300_000, 11));
    // A field, a value or a title may be called `icp`, `schema` or `test`; only an item's
    // keyword at the start of a line outside every brace is a place to cut.
    sources.push(
        "schema test { icp: int\n schema: bool }\n\
         icp schema \"icp\" { uses test\n firmographics { icp >= 1\n schema }\n }\n\
         icp\nb { uses test\n firmographics { icp >= 2 } }\n"
            .to_string(),
    );
    let mut cut = 0;
    for src in &sources {
        let whole = fast_in_pieces(src, 1);
        for n in 2..=7 {
            assert_eq!(
                fast_in_pieces(src, n),
                whole,
                "{n} pieces disagree on:\n{src}"
            );
        }
        cut += usize::from(whole.as_ref().is_some_and(|items| items.len() > 2));
    }
    assert!(cut >= 5, "only {cut} files had items to cut between");
}

#[test]
fn a_mistake_in_any_piece_sends_the_file_to_the_pass_with_messages() {
    let src = crate::generator::generate(100_000, 3);
    let (toks, _, _) = tokens(&src);
    let mut rng = crate::generator::Rng::new(5);
    let mut failed = 0;
    for _ in 0..40 {
        // Drop a token somewhere: usually a mistake, sometimes still a valid file.
        let i = rng.range(0, toks.len() as u64) as usize;
        let s = toks[i].1;
        let broken = format!("{}{}", &src[..s.start as usize], &src[s.end as usize..]);
        let whole = fast_in_pieces(&broken, 1);
        failed += usize::from(whole.is_none());
        for n in [2, 3, 5] {
            assert_eq!(
                fast_in_pieces(&broken, n),
                whole,
                "{n} pieces, token {i} dropped"
            );
        }
    }
    assert!(
        failed >= 10,
        "only {failed} of 40 broken files failed the fast pass"
    );
}
