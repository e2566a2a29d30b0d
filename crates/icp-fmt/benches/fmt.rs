//! Formatting speed on large generated sources (about 1 MB and 10 MB), next to the parse alone,
//! which every format includes. Run with `cargo bench -p icp-fmt`.
//!
//! The sources come from `icp_syntax::generator`: many schemas and icps with every dimension
//! block, written loosely (unaligned `from` columns and rubric colons), so the formatter has
//! work to do on every line.

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use icp_fmt::FmtOptions;

fn main() {
    divan::main();
}

fn source(mb: usize) -> String {
    icp_syntax::generator::generate(mb << 20, 42)
}

#[divan::bench(args = [1, 10], sample_count = 20, sample_size = 1)]
fn format_source(bencher: Bencher, mb: usize) {
    let src = source(mb);
    let opts = FmtOptions::default();
    bencher
        .counter(BytesCount::of_str(&src))
        .bench(|| icp_fmt::format_source(black_box(&src), &opts).map(|s| s.len()));
}

/// Formatting a file that is already canonical (what `icpc fmt --check` does on a clean tree).
#[divan::bench(args = [1, 10], sample_count = 20, sample_size = 1)]
fn format_canonical(bencher: Bencher, mb: usize) {
    let opts = FmtOptions::default();
    let src = icp_fmt::format_source(&source(mb), &opts).expect("generated sources parse");
    bencher
        .counter(BytesCount::of_str(&src))
        .bench(|| icp_fmt::format_source(black_box(&src), &opts).map(|s| s.len()));
}

/// The parse alone, for comparison.
#[divan::bench(args = [1, 10], sample_count = 20, sample_size = 1)]
fn parse_only(bencher: Bencher, mb: usize) {
    let src = source(mb);
    bencher
        .counter(BytesCount::of_str(&src))
        .bench(|| icp_syntax::parse(black_box(&src)).0.items.len());
}
