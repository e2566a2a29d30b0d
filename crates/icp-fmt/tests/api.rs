//! The library's API as the CLI and the language server use it: errors, options, ranges.

mod common;

use common::messy::messy_file;
use icp_fmt::{FmtError, FmtOptions, format_range, format_source};
use proptest::prelude::*;

fn fmt(src: &str) -> String {
    format_source(src, &FmtOptions::default()).expect("formats")
}

fn apply(src: &str, edit: &(std::ops::Range<usize>, String)) -> String {
    let mut s = src.to_string();
    s.replace_range(edit.0.clone(), &edit.1);
    s
}

#[test]
fn default_options() {
    assert_eq!(
        FmtOptions::default(),
        FmtOptions {
            indent_width: 2,
            line_width: 100
        }
    );
}

#[test]
fn options_read_from_the_fmt_table_of_icp_toml() {
    #[derive(serde::Deserialize)]
    struct Config {
        fmt: FmtOptions,
    }
    let c: Config = toml::from_str("[fmt]\nindent-width = 4\nline-width = 80\n").expect("valid");
    assert_eq!(
        c.fmt,
        FmtOptions {
            indent_width: 4,
            line_width: 80
        }
    );
    let c: Config = toml::from_str("[fmt]\nline-width = 120\n").expect("valid");
    assert_eq!(
        c.fmt,
        FmtOptions {
            indent_width: 2,
            line_width: 120
        }
    );
}

#[test]
fn a_file_with_syntax_errors_is_not_rewritten() {
    let src = "icp x \"X\" {\n  firmographics {\n    employees >\n  }\n}\n";
    let (_, errors) = icp_syntax::parse(src);
    assert!(!errors.is_empty());
    let err = format_source(src, &FmtOptions::default()).expect_err("refused");
    assert_eq!(err, FmtError::Syntax(errors));
    assert_eq!(
        err.to_string(),
        "not formatted: the file has 1 syntax error"
    );
    assert!(format_range(src, 0..5, &FmtOptions::default()).is_err());
    // An unclosed string and an unknown character are syntax errors too.
    assert!(format_source("icp x \"X {}\n", &FmtOptions::default()).is_err());
    assert!(format_source("icp x \"X\" { uses crm ~ }\n", &FmtOptions::default()).is_err());
}

#[test]
fn empty_and_blank_files_stay_empty() {
    assert_eq!(fmt(""), "");
    assert_eq!(fmt("\n\n  \n\t\n"), "");
}

#[test]
fn output_ends_with_one_line_break() {
    assert_eq!(fmt("schema a {}"), "schema a {}\n");
    assert_eq!(fmt("schema a {}\n\n\n"), "schema a {}\n");
    assert_eq!(fmt("# only a comment"), "# only a comment\n");
}

#[test]
fn indent_width_sets_every_level() {
    let src = "icp x \"X\" { firmographics { country in [\"US\"] } }";
    let out = format_source(
        src,
        &FmtOptions {
            indent_width: 4,
            line_width: 100,
        },
    )
    .expect("formats");
    assert_eq!(
        out,
        "icp x \"X\" {\n    firmographics {\n        country in [\"US\"]\n    }\n}\n"
    );
}

#[test]
fn line_width_breaks_long_lists_only() {
    let src =
        "icp x \"X\" { firmographics { country in [\"US\", \"CA\"] and region in [na, emea] } }";
    let narrow = format_source(
        src,
        &FmtOptions {
            indent_width: 2,
            line_width: 20,
        },
    )
    .expect("formats");
    assert_eq!(
        narrow,
        "icp x \"X\" {\n  firmographics {\n    country in [\n      \"US\",\n      \"CA\",\n    ] and region in [\n      na,\n      emea,\n    ]\n  }\n}\n"
    );
    // A list of bare names is broken too (a line break inside brackets is white space), and
    // the broken form means the same and formats to itself.
    let names = "icp x \"X\" { firmographics { industry in [saas, services, retail] } }";
    let narrow_opts = FmtOptions {
        indent_width: 2,
        line_width: 20,
    };
    let out = format_source(names, &narrow_opts).expect("formats");
    assert_eq!(
        out,
        "icp x \"X\" {\n  firmographics {\n    industry in [\n      saas,\n      services,\n      retail,\n    ]\n  }\n}\n"
    );
    assert_eq!(common::stripped_tree(&out), common::stripped_tree(names));
    assert_eq!(format_source(&out, &narrow_opts).expect("formats"), out);
}

const TWO_ITEMS: &str = "schema   a { x : int }\n\nicp b \"B\"{\n  uses   a\n  firmographics {x>1}\n\n  # About the rubric.\n  rubric { rule r : x }\n}\n";

#[test]
fn range_inside_an_icp_body_formats_the_statements_it_touches() {
    let opts = FmtOptions::default();
    let at = TWO_ITEMS.find("x>1").expect("present");
    let edit = format_range(TWO_ITEMS, at..at + 1, &opts).expect("formats");
    assert_eq!(&TWO_ITEMS[edit.0.clone()], "  firmographics {x>1}");
    assert_eq!(edit.1, "  firmographics {\n    x > 1\n  }");
    let after = apply(TWO_ITEMS, &edit);
    assert!(
        after.starts_with("schema   a { x : int }"),
        "the rest is untouched:\n{after}"
    );
    assert!(
        after.contains("  uses   a\n"),
        "the rest is untouched:\n{after}"
    );

    // A range over the rubric takes its own-line comment with it.
    let at = TWO_ITEMS.find("rule r").expect("present");
    let edit = format_range(TWO_ITEMS, at..at, &opts).expect("formats");
    assert_eq!(
        edit.1,
        "  # About the rubric.\n  rubric {\n    rule r : x\n  }"
    );
}

#[test]
fn range_over_items_formats_whole_items() {
    let opts = FmtOptions::default();
    let edit = format_range(TWO_ITEMS, 0..3, &opts).expect("formats");
    assert_eq!(edit, (0..22, "schema a {\n  x: int\n}".to_string()));
    // Touching the icp's header line formats the whole icp.
    let at = TWO_ITEMS.find("icp b").expect("present");
    let edit = format_range(TWO_ITEMS, at..at + 2, &opts).expect("formats");
    assert_eq!(
        apply(TWO_ITEMS, &edit),
        format!(
            "schema   a {{ x : int }}\n\n{}",
            &fmt(TWO_ITEMS)[22..].trim_start()
        )
    );
    // The whole file.
    let edit = format_range(TWO_ITEMS, 0..TWO_ITEMS.len(), &opts).expect("formats");
    assert_eq!(apply(TWO_ITEMS, &edit), fmt(TWO_ITEMS));
}

#[test]
fn range_in_blank_space_changes_nothing() {
    let at = TWO_ITEMS.find("\n\nicp").expect("present") + 1;
    let edit = format_range(TWO_ITEMS, at..at, &FmtOptions::default()).expect("formats");
    assert_eq!(edit, (at..at, String::new()));
}

#[test]
fn range_on_statements_sharing_a_line_falls_back_to_the_whole_file() {
    let src = "icp b \"B\" { uses a owner \"o\" }\n";
    let at = src.find("uses").expect("present");
    let edit = format_range(src, at..at + 1, &FmtOptions::default()).expect("formats");
    assert_eq!(edit, (0..src.len(), fmt(src)));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Applying a range edit gives a file that means the same, keeps its comments, and formats
    /// to the same text as the original; on a formatted file a range edit changes nothing.
    #[test]
    fn range_edits_are_partial_formatting(seed in any::<u64>(), a in any::<prop::sample::Index>(), b in any::<prop::sample::Index>()) {
        let opts = FmtOptions::default();
        let src = messy_file(seed);
        let (mut lo, mut hi) = (a.index(src.len() + 1), b.index(src.len() + 1));
        if lo > hi {
            std::mem::swap(&mut lo, &mut hi);
        }
        let edit = format_range(&src, lo..hi, &opts).expect("formats");
        prop_assert!(edit.0.start <= edit.0.end && edit.0.end <= src.len());
        let after = apply(&src, &edit);
        prop_assert_eq!(common::stripped_tree(&after), common::stripped_tree(&src));
        prop_assert_eq!(common::comment_texts(&after), common::comment_texts(&src));
        prop_assert_eq!(fmt(&after), fmt(&src));

        let formatted = fmt(&src);
        let (lo, hi) = (lo.min(formatted.len()), hi.min(formatted.len()));
        let edit = format_range(&formatted, lo..hi, &opts).expect("formats");
        prop_assert_eq!(apply(&formatted, &edit), formatted);
    }
}
