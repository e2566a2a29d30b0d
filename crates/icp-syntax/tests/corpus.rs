//! Parser corpus: `ok/` files parse with no error (snapshot of the syntax tree as an indented
//! outline, see `tree/mod.rs`); `err/` files report errors (snapshot of positions and messages)
//! and still produce a tree.
//!
//! Update snapshots with `INSTA_UPDATE=always cargo test -p icp-syntax --test corpus`, or
//! `cargo insta review`.

mod tree;

use std::fmt::Write;
use std::path::{Path, PathBuf};

fn files(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(dir);
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "icp"))
        .collect();
    v.sort();
    v
}

fn stem(p: &Path) -> String {
    p.file_stem().expect("stem").to_string_lossy().into_owned()
}

#[test]
fn ok_corpus_parses_without_errors() {
    let all = files("ok");
    assert!(all.len() >= 4);
    for path in all {
        let src = std::fs::read_to_string(&path).expect("read");
        let (file, errors) = icp_syntax::parse(&src);
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
        insta::assert_snapshot!(format!("ok_{}", stem(&path)), tree::tree(&file));
    }
}

#[test]
fn err_corpus_reports_errors_and_keeps_a_tree() {
    let all = files("err");
    assert!(all.len() >= 6);
    for path in all {
        let src = std::fs::read_to_string(&path).expect("read");
        let (file, errors) = icp_syntax::parse(&src);
        assert!(
            !errors.is_empty(),
            "{} parsed without error",
            path.display()
        );
        assert!(!file.items.is_empty(), "{}: no tree", path.display());
        let index = icp_syntax::LineIndex::new(&src);
        let mut out = String::new();
        for e in &errors {
            let lc = index.line_col(&src, e.span.start as usize);
            writeln!(out, "{}:{}: {}", lc.line, lc.column, e.message).expect("write");
        }
        writeln!(out, "---").expect("write");
        for item in &file.items {
            match item {
                icp_syntax::ast::Item::Schema(s) => {
                    writeln!(out, "schema {} ({} fields)", s.name.name, s.fields.len())
                        .expect("write")
                }
                icp_syntax::ast::Item::Icp(i) => {
                    let kws: Vec<&str> = i.body.iter().map(|s| s.kind.keyword()).collect();
                    writeln!(out, "icp {} [{}]", i.name.name, kws.join(", ")).expect("write")
                }
                icp_syntax::ast::Item::Test(t) => {
                    let kws: Vec<&str> = t.body.iter().map(|s| s.kind.keyword()).collect();
                    writeln!(out, "test {} [{}]", t.name.name, kws.join(", ")).expect("write")
                }
                icp_syntax::ast::Item::Error(_) => writeln!(out, "error item").expect("write"),
            }
        }
        insta::assert_snapshot!(format!("err_{}", stem(&path)), out);
    }
}
