//! The bundled examples are already in canonical form, and keep every promise of the formatter.

mod common;

use icp_fmt::{format_source, FmtOptions};

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
            common::check_formats(&src, &FmtOptions { indent_width, line_width });
        }
    }
}
