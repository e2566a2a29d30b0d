//! Snapshot tests: each `tests/fixtures/NAME.icp` is formatted and compared with
//! `tests/snapshots/snapshots__NAME.snap` (review changes with `cargo insta review`, or accept
//! them with `INSTA_UPDATE=always`). A fixture may set options on its first line:
//! `# fmt: indent-width=4 line-width=60`.
//!
//! Every fixture must also keep every promise of the formatter (see `common::check_formats`).

mod common;

use std::path::Path;

use icp_fmt::FmtOptions;

/// Options from a `# fmt: key=value …` first line.
fn options(src: &str) -> FmtOptions {
    let mut opts = FmtOptions::default();
    if let Some(rest) = src.lines().next().and_then(|l| l.strip_prefix("# fmt:")) {
        for pair in rest.split_whitespace() {
            let (key, value) = pair.split_once('=').expect("key=value");
            let value: usize = value.parse().expect("a number");
            match key {
                "indent-width" => opts.indent_width = value,
                "line-width" => opts.line_width = value,
                other => panic!("unknown option {other}"),
            }
        }
    }
    opts
}

#[test]
fn fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "icp"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 10, "expected the fixtures");
    for path in paths {
        let src = std::fs::read_to_string(&path).expect("read fixture");
        let name = path
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        let out = common::check_formats(&src, &options(&src));
        insta::with_settings!({ input_file => &path, prepend_module_to_snapshot => true, omit_expression => true }, {
            insta::assert_snapshot!(name, out);
        });
    }
}

/// Line ends are normalised to `\n`; a CRLF file formats like its LF twin.
#[test]
fn crlf_input() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for name in ["comments.icp", "messy.icp", "blank_lines.icp"] {
        let src = std::fs::read_to_string(dir.join(name)).expect("read fixture");
        let crlf = src.replace('\n', "\r\n");
        let opts = options(&src);
        assert_eq!(
            common::check_formats(&crlf, &opts),
            common::check_formats(&src, &opts),
            "{name}"
        );
    }
}
