//! The fuzz targets' bodies (`icp_tests::fuzz`, run by `cargo fuzz` from `fuzz/`) over the seed
//! corpus, the crashes found so far (`fuzz/regressions/TARGET/`), and random inputs: mutated
//! seeds and plain random bytes. A bounded stand-in for the fuzzer in every `cargo test`; see
//! docs/fuzzing.md for running the real one.

use std::path::{Path, PathBuf};

use icp_tests::fuzz;
use proptest::prelude::*;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn walk(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, exts, out);
        } else if p.extension().is_some_and(|x| exts.iter().any(|e| x == *e)) {
            out.push(p);
        }
    }
}

/// Every `.icp` of the examples and of the crates' test fixtures.
fn icp_seeds() -> Vec<Vec<u8>> {
    let mut paths = Vec::new();
    walk(&root().join("examples"), &["icp"], &mut paths);
    for c in std::fs::read_dir(root().join("crates"))
        .expect("crates")
        .flatten()
    {
        walk(&c.path().join("tests/fixtures"), &["icp"], &mut paths);
    }
    paths.sort();
    assert!(paths.len() > 20, "only {} seeds", paths.len());
    paths
        .iter()
        .map(|p| std::fs::read(p).expect("seed"))
        .collect()
}

/// The example accounts, as the cells target reads them: a first byte 0 for CSV, 1 for JSON
/// Lines (each CSV row also written as a JSON object).
fn cell_seeds() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for name in ["hr-analytics.csv", "hr-analytics-known.csv", "borghei.csv"] {
        let csv = std::fs::read(root().join("examples/accounts").join(name)).expect("accounts");
        let mut seed = vec![0];
        seed.extend_from_slice(&csv);
        out.push(seed);
    }
    let text = std::fs::read_to_string(root().join("examples/accounts/hr-analytics.csv"))
        .expect("accounts");
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = r
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    let mut jsonl = vec![1];
    for rec in r.records() {
        let rec = rec.expect("record");
        let fields: Vec<String> = header
            .iter()
            .zip(rec.iter())
            .map(|(k, v)| format!("{k:?}: {v:?}"))
            .collect();
        jsonl.extend_from_slice(format!("{{{}}}\n", fields.join(", ")).as_bytes());
    }
    out.push(jsonl);
    out
}

fn regressions(target: &str) -> Vec<Vec<u8>> {
    let mut paths = Vec::new();
    if let Ok(rd) = std::fs::read_dir(root().join("fuzz/regressions").join(target)) {
        paths.extend(rd.flatten().map(|e| e.path()).filter(|p| p.is_file()));
    }
    paths
        .iter()
        .map(|p| std::fs::read(p).expect("regression"))
        .collect()
}

/// A seed changed as a fuzzer would: bytes overwritten, inserted, removed and spliced.
fn mutate(seed: &[u8], edits: &[(u16, u8, u8)]) -> Vec<u8> {
    let mut v = seed.to_vec();
    for &(at, byte, op) in edits {
        let at = if v.is_empty() {
            0
        } else {
            usize::from(at) % v.len()
        };
        match op % 4 {
            0 if !v.is_empty() => v[at] = byte,
            1 => v.insert(at, byte),
            2 if !v.is_empty() => {
                v.remove(at);
            }
            _ => {
                // Copy a stretch of the text elsewhere, as a splice does.
                let len = usize::from(byte) % 40;
                let end = (at + len).min(v.len());
                let piece = v[at..end].to_vec();
                let to = usize::from(byte).wrapping_mul(7919) % (v.len() + 1);
                v.splice(to..to, piece);
            }
        }
    }
    v
}

fn edits() -> impl Strategy<Value = Vec<(u16, u8, u8)>> {
    prop::collection::vec(any::<(u16, u8, u8)>(), 1..12)
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

#[test]
fn every_target_passes_its_seeds_and_regressions() {
    let icps = icp_seeds();
    for s in icps.iter().chain(&regressions("parse")) {
        fuzz::parse(s);
    }
    for s in icps.iter().chain(&regressions("fmt_roundtrip")) {
        fuzz::fmt_roundtrip(s);
    }
    for s in cell_seeds().iter().chain(&regressions("cells")) {
        fuzz::cells(s);
    }
    // Each file with a few edits after it, in both encodings.
    for s in &icps {
        for mode in [0u8, 1] {
            let mut data = s.clone();
            data.push(0xFF);
            data.push(mode);
            data.extend_from_slice(&[3, 4, 3, 9, 2, 0, 0, 0, 0, 5, 200, 1, 1, 0, 1, 7, 7, 7, 7, 4]);
            fuzz::lsp_edits(&data);
        }
    }
    for s in regressions("lsp_edits") {
        fuzz::lsp_edits(&s);
    }
}

proptest! {
    #![proptest_config(config(300))]

    #[test]
    fn parse_mutated_seeds(i in any::<usize>(), e in edits()) {
        let seeds = icp_seeds();
        fuzz::parse(&mutate(&seeds[i % seeds.len()], &e));
    }

    #[test]
    fn fmt_roundtrip_mutated_seeds(i in any::<usize>(), e in edits()) {
        let seeds = icp_seeds();
        fuzz::fmt_roundtrip(&mutate(&seeds[i % seeds.len()], &e));
    }

    #[test]
    fn lsp_edits_random(i in any::<usize>(), mode in any::<u8>(), ops in prop::collection::vec(any::<u8>(), 0..200)) {
        let seeds = icp_seeds();
        let mut data = seeds[i % seeds.len()].clone();
        data.push(0xFF);
        data.push(mode);
        data.extend_from_slice(&ops);
        fuzz::lsp_edits(&data);
    }

    #[test]
    fn random_bytes(data in prop::collection::vec(any::<u8>(), 0..400)) {
        fuzz::parse(&data);
        fuzz::fmt_roundtrip(&data);
        fuzz::lsp_edits(&data);
        fuzz::cells(&data);
    }
}

proptest! {
    #![proptest_config(config(60))]

    #[test]
    fn cells_mutated_seeds(i in any::<usize>(), e in edits()) {
        let seeds = cell_seeds();
        fuzz::cells(&mutate(&seeds[i % seeds.len()], &e));
    }
}
