//! Parse, check and format every bundled example, and hold the formatter to what the checker
//! says: a layout never changes a finding, and every layout comes back to the canonical one.

use icp_check::{Config, Diagnostic, Severity};
use icp_fmt::{FmtOptions, format_source};
use icp_tests::examples;

/// A fixed date, so `stale-review` and `within` judge the same in every run.
fn config() -> Config {
    Config {
        today: Some(20_780), // 2026-11-23
        ..Config::default()
    }
}

/// The text of a span with its layout taken out: no whitespace, and no comma before a closing
/// bracket (a list broken one item per line gets a trailing comma).
fn layout_free(src: &str, start: u32, end: u32) -> String {
    let text: String = src[start as usize..end as usize]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    text.replace(",]", "]")
}

/// What a finding says, wherever its text sits: code, severity, message, help, the text it
/// points at and its labels' messages and texts.
type Finding = (
    &'static str,
    Severity,
    String,
    Option<String>,
    String,
    Vec<(String, String)>,
);

fn findings(src: &str) -> Vec<Finding> {
    let analysis = icp_check::analyze(src, &config());
    let mut out: Vec<Finding> = analysis
        .diagnostics
        .iter()
        .map(|d: &Diagnostic| {
            (
                d.code,
                d.severity,
                d.message.clone(),
                d.help.clone(),
                layout_free(src, d.span.start, d.span.end),
                d.labels
                    .iter()
                    .map(|l| {
                        (
                            l.message.clone(),
                            layout_free(src, l.span.start, l.span.end),
                        )
                    })
                    .collect(),
            )
        })
        .collect();
    out.sort();
    out
}

/// Asserts that `out` is `expected` but for the spacing inside lines: the same lines, each with
/// the same indentation and the same words. The formatter keeps two kinds of alignment as the
/// author wrote them (the column of trailing comments, and the `:` column of a rubric's rules,
/// taken from its first rule), so a layout that moved them does not come back to them exactly.
fn assert_same_but_alignment(out: &str, expected: &str, what: &str) {
    let shape = |text: &str| -> Vec<(usize, Vec<String>)> {
        text.lines()
            .map(|l| {
                let indent = l.len() - l.trim_start().len();
                (indent, l.split_whitespace().map(String::from).collect())
            })
            .collect()
    };
    let (a, b) = (shape(out), shape(expected));
    for (n, (x, y)) in a.iter().zip(&b).enumerate() {
        assert_eq!(x, y, "{what}: line {} differs\n{out}", n + 1);
    }
    assert_eq!(a.len(), b.len(), "{what}: line count differs\n{out}");
}

fn format(src: &str, opts: &FmtOptions) -> String {
    format_source(src, opts).unwrap_or_else(|e| panic!("{e}:\n{src}"))
}

/// The same file laid out badly: indentation of tabs and odd widths (or none), the aligned
/// `from` columns and every other run of blanks squeezed to one or widened to three, trailing
/// blanks. Strings and comments are left alone.
fn messy(src: &str) -> String {
    let mut out = String::new();
    for (n, line) in src.lines().enumerate() {
        out.push_str(["", "\t", "     ", " \t "][n % 4]);
        let mut in_string = false;
        let mut escaped = false;
        let mut blanks = false;
        let mut comment = false;
        for c in line.trim_start().chars() {
            if comment {
                out.push(c);
                continue;
            }
            if in_string {
                out.push(c);
                in_string = escaped || c != '"';
                escaped = !escaped && c == '\\';
                continue;
            }
            if c == ' ' || c == '\t' {
                blanks = true;
                continue;
            }
            if blanks {
                out.push_str(if n % 3 == 0 { "   " } else { " " });
                blanks = false;
            }
            in_string = c == '"';
            comment = c == '#';
            out.push(c);
        }
        if !comment && !line.trim().is_empty() {
            out.push_str(" \t");
        }
        out.push('\n');
    }
    out
}

#[test]
fn every_example_parses_and_is_canonical() {
    for (name, src) in examples() {
        let (file, errors) = icp_syntax::parse(&src);
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        assert!(!file.items.is_empty(), "{name}: no items");
        let syntax: Vec<_> = icp_check::analyze(&src, &config())
            .diagnostics
            .into_iter()
            .filter(|d| d.code == "syntax")
            .collect();
        assert!(
            syntax.is_empty(),
            "{name}: the checker disagrees with the parser: {syntax:#?}"
        );
        assert_eq!(
            format(&src, &FmtOptions::default()),
            src,
            "{name} is not canonical"
        );
    }
}

/// Every layout the formatter produces is stable, checks exactly like the example, and
/// formats back to the example with the default options (but for the alignment the formatter
/// leaves to the author).
#[test]
fn other_layouts_check_the_same_and_come_back() {
    let layouts = [(4, 100), (2, 30), (3, 20), (8, 200)];
    let mut changed = 0;
    for (name, src) in examples() {
        let expected = findings(&src);
        for (indent_width, line_width) in layouts {
            let opts = FmtOptions {
                indent_width,
                line_width,
            };
            let out = format(&src, &opts);
            if out != src {
                changed += 1;
            }
            assert_eq!(format(&out, &opts), out, "{name} {opts:?}: not idempotent");
            assert_eq!(
                findings(&out),
                expected,
                "{name} {opts:?}: the checker says something else of the formatted file"
            );
            let back = format(&out, &FmtOptions::default());
            assert_eq!(
                format(&back, &FmtOptions::default()),
                back,
                "{name} {opts:?}"
            );
            assert_same_but_alignment(
                &back,
                &src,
                &format!("{name} {opts:?}: formatted back with the default options"),
            );
        }
    }
    // Every example under every layout but the widest should have moved some text.
    assert!(
        changed >= 4 * 3,
        "only {changed} layouts changed an example"
    );
}

/// A badly laid out example checks exactly like the example, and formats to it (but for the
/// alignment the formatter leaves to the author).
#[test]
fn messy_layouts_check_the_same_and_format_to_the_example() {
    let mut compared = 0;
    for (name, src) in examples() {
        let expected = findings(&src);
        compared += expected.len();
        for variant in [messy(&src), messy(&src).replace('\n', "\r\n")] {
            assert_ne!(variant, src);
            let (_, errors) = icp_syntax::parse(&variant);
            assert!(errors.is_empty(), "{name}: {errors:#?}\n{variant}");
            assert_eq!(
                findings(&variant),
                expected,
                "{name}: the checker says something else of the messy layout:\n{variant}"
            );
            let out = format(&variant, &FmtOptions::default());
            assert_eq!(
                format(&out, &FmtOptions::default()),
                out,
                "{name}: not idempotent"
            );
            assert_same_but_alignment(&out, &src, &format!("{name}: the messy layout formatted"));
            assert_eq!(findings(&out), expected, "{name}: formatted messy layout");
        }
    }
    assert!(compared >= 10, "only {compared} findings in the examples");
}

/// The checks that have certain fixes, applied and formatted, leave a file that the checker no
/// longer flags for those checks, and formatting keeps the rest of what it says.
#[test]
fn fixed_and_formatted_examples_lose_only_the_fixed_findings() {
    let mut fixed_any = false;
    for (name, src) in examples() {
        let analysis = icp_check::analyze(&src, &config());
        let fixes: Vec<&Diagnostic> = analysis
            .diagnostics
            .iter()
            .filter(|d| d.fix.is_some())
            .collect();
        if fixes.is_empty() {
            continue;
        }
        fixed_any = true;
        let mut edits: Vec<_> = fixes
            .iter()
            .enumerate()
            .flat_map(|(i, d)| {
                d.fix
                    .iter()
                    .flat_map(move |f| f.edits.iter().map(move |e| (i, e)))
            })
            .collect();
        edits.sort_by_key(|(_, e)| std::cmp::Reverse((e.span.start, e.span.end)));
        let mut text = src.clone();
        let mut last_start = usize::MAX;
        let mut skipped = std::collections::BTreeSet::new();
        let mut inserted = Vec::new();
        for (i, e) in edits {
            let (start, end) = (e.span.start as usize, e.span.end as usize);
            if end > last_start {
                skipped.insert(i); // overlapping edits: keep the later one, as `--fix` does a pass at a time
                continue;
            }
            inserted.push(e.replacement.clone());
            text.replace_range(start..end, &e.replacement);
            last_start = start;
        }
        let fixed = format(&text, &FmtOptions::default());
        assert_eq!(
            findings(&text),
            findings(&fixed),
            "{name}: formatting changed a finding"
        );
        // Every finding left was there before and is not one whose fix was applied (compared
        // as multisets of code and message, since positions move): the fixed findings are gone
        // and nothing new appeared. A fix may also remove other findings on the text it edits
        // (deleting a criterion removes its range finding), so fewer is allowed.
        let key = |d: &Diagnostic| (d.code.to_string(), d.message.clone());
        let mut allowed: Vec<_> = analysis.diagnostics.iter().map(key).collect();
        for (i, d) in fixes.iter().enumerate() {
            if !skipped.contains(&i) {
                let at = allowed
                    .iter()
                    .position(|k| *k == key(d))
                    .expect("a finding");
                allowed.remove(at);
            }
        }
        assert!(
            allowed.len() < analysis.diagnostics.len(),
            "{name}: no fix applied"
        );
        for d in &icp_check::analyze(&fixed, &config()).diagnostics {
            // A fix that writes a skeleton (`because "TODO: …"`) leaves a to-do: the
            // `placeholder` check flags the word it inserted, by design.
            let placeholder_inserted = d.code == "placeholder"
                && d.message
                    .split('`')
                    .nth(1)
                    .is_some_and(|word| inserted.iter().any(|r| r.contains(word)));
            if placeholder_inserted {
                continue;
            }
            let Some(at) = allowed.iter().position(|k| *k == key(d)) else {
                panic!(
                    "{name}: after --fix, `{}` is new or was fixed: {}",
                    d.code, d.message
                );
            };
            allowed.remove(at);
        }
    }
    assert!(fixed_any, "expected an example with a fixable finding");
}
