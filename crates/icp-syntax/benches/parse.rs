//! Lexing and parsing throughput on generated inputs of 1 MB and 10 MB.
//!
//! Run with `cargo bench -p icp-syntax --bench parse`; divan prints time per iteration and
//! bytes per second.

use divan::Bencher;
use divan::counter::BytesCount;

// The allocator of the `icpc` binary, so that the figures are those of the binary.
#[global_allocator]
static ALLOC: icp_alloc::Mimalloc = icp_alloc::Mimalloc;

fn main() {
    icp_alloc::keep_freed_pages();
    divan::main();
}

const SIZES: &[usize] = &[1 << 20, 10 << 20];

#[divan::bench(args = SIZES, sample_count = 30)]
fn lex(b: Bencher, size: usize) {
    let src = icp_syntax::generator::generate(size, 1);
    b.counter(BytesCount::of_str(&src))
        .bench(|| icp_syntax::lexer::lex(divan::black_box(&src)));
}

#[divan::bench(args = SIZES, sample_count = 30)]
fn parse(b: Bencher, size: usize) {
    let src = icp_syntax::generator::generate(size, 1);
    b.counter(BytesCount::of_str(&src))
        .bench(|| icp_syntax::parse(divan::black_box(&src)));
}
