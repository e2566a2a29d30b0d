//! Lexing and parsing throughput on generated inputs of 1 MB and 10 MB.
//!
//! Run with `cargo bench -p icp-syntax --bench parse`; divan prints time per iteration and
//! bytes per second.

use divan::Bencher;
use divan::counter::BytesCount;

// The allocator `icpc` ships with, so the figures are those of the binary.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (mimalloc.h; the sys crate does not name it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Freed pages go back to the OS after a second instead of 10 ms: an analysis frees its
/// tokens and builds the model right after, and faulting those pages in again cost about a
/// fifth of the analysis. `MIMALLOC_PURGE_DELAY` in the environment still wins.
#[allow(unsafe_code)]
fn keep_freed_pages() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    // SAFETY: sets a plain integer option; mimalloc reads options at any time.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 1000) };
}

fn main() {
    keep_freed_pages();
    divan::main();
}

const SIZES: &[usize] = &[1 << 20, 10 << 20];

#[divan::bench(args = SIZES, sample_count = 10)]
fn lex(b: Bencher, size: usize) {
    let src = icp_syntax::generator::generate(size, 1);
    b.counter(BytesCount::of_str(&src))
        .bench(|| icp_syntax::lexer::lex(divan::black_box(&src)));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn parse(b: Bencher, size: usize) {
    let src = icp_syntax::generator::generate(size, 1);
    b.counter(BytesCount::of_str(&src))
        .bench(|| icp_syntax::parse(divan::black_box(&src)));
}
