//! `cargo fuzz run lsp_edits`: the body is `icp_tests::fuzz::lsp_edits` (tests/src/fuzz.rs), which
//! `cargo test` also runs over the seed corpus (tests/tests/fuzz_smoke.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| icp_tests::fuzz::lsp_edits(data));
