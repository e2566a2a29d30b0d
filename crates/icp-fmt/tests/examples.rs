//! The bundled examples are already in canonical form, and keep every promise of the formatter.

mod common;

use icp_fmt::{FmtOptions, format_source};

#[test]
fn examples_are_canonical() {
    let examples = common::examples();
    assert!(examples.len() >= 3, "expected the bundled examples");
    for (name, src) in examples {
        let out = format_source(&src, &FmtOptions::default()).expect("examples parse");
        if out != src {
            let diff: Vec<String> = src
                .lines()
                .zip(out.lines())
                .enumerate()
                .filter(|(_, (a, b))| a != b)
                .take(5)
                .map(|(i, (a, b))| format!("line {}:\n  example: {a:?}\n  output:  {b:?}", i + 1))
                .collect();
            panic!("{name} is not in canonical form:\n{}", diff.join("\n"));
        }
    }
}

#[test]
fn examples_keep_every_promise_under_other_options() {
    for (_, src) in common::examples() {
        for (indent_width, line_width) in [(2, 100), (4, 100), (2, 40), (3, 20), (8, 200)] {
            common::check_formats(
                &src,
                &FmtOptions {
                    indent_width,
                    line_width,
                },
            );
        }
    }
}

/// The complete files shown in `docs/formatting.md` are in canonical form, so the page cannot
/// drift from what the formatter does.
#[test]
fn documented_layout_is_canonical() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/formatting.md");
    let doc = std::fs::read_to_string(path).expect("docs/formatting.md");
    let mut checked = 0;
    let mut block: Option<String> = None;
    for line in doc.lines() {
        match (&mut block, line.trim_start().strip_prefix("```")) {
            (None, Some("")) => block = Some(String::new()),
            (None, Some(_)) => block = Some("skip".into()),
            (Some(text), Some(_)) => {
                let (_, errors) = icp_syntax::parse(text);
                if text != "skip"
                    && errors.is_empty()
                    && (text.contains("schema ") || text.contains("icp "))
                {
                    let out = format_source(text, &FmtOptions::default()).expect("parses");
                    assert_eq!(&out, text, "a documented file is not in canonical form");
                    checked += 1;
                }
                block = None;
            }
            (Some(text), None) => {
                if text != "skip" {
                    text.push_str(line);
                    text.push('\n');
                }
            }
            (None, None) => {}
        }
    }
    assert!(checked >= 1, "expected a complete example in the page");
}
