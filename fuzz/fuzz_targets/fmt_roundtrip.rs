//! `cargo fuzz run fmt_roundtrip`: the body is `icp_tests::fuzz::fmt_roundtrip` (tests/src/fuzz.rs), which
//! `cargo test` also runs over the seed corpus (tests/tests/fuzz_smoke.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| icp_tests::fuzz::fmt_roundtrip(data));
