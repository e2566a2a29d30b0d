//! End-to-end tests across the crates of the workspace: what one front end or layer promises
//! about another (the formatter about the checker, the language server about the CLI's
//! findings, the evaluator about the profiles the checker accepts). The tests are in `tests/`;
//! this library holds the bundled examples they run on, and the bodies of the fuzz targets
//! ([`fuzz`]), which `fuzz/` runs under `cargo fuzz` and `tests/fuzz_smoke.rs` in `cargo test`.

use std::path::{Path, PathBuf};

pub mod fuzz;

/// The `examples/` directory at the root of the workspace.
pub fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples")
}

/// Every bundled `examples/*.icp`, as (file name, text), sorted by name.
///
/// # Panics
///
/// If the directory cannot be read or holds fewer than four examples (the tests would pass
/// vacuously on an empty list).
pub fn examples() -> Vec<(String, String)> {
    let dir = examples_dir();
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            entry
                .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .path()
        })
        .filter(|p| p.extension().is_some_and(|x| x == "icp"))
        .map(|p| {
            let text =
                std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            (name.unwrap_or_default(), text)
        })
        .collect();
    out.sort();
    assert!(
        out.len() >= 4,
        "expected the bundled examples in {}",
        dir.display()
    );
    out
}

/// One bundled example by file name.
///
/// # Panics
///
/// If it cannot be read.
pub fn example(name: &str) -> String {
    let p = examples_dir().join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}
