//! Times each phase of the analysis of one file, best of N runs, for profiling:
//! `cargo run --release -p icp-check --example phases -- big.icp 5`.

use std::time::{Duration, Instant};

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

/// Best and median of `runs` timings of `f`.
fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, Duration) {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let out = f();
        times.push(start.elapsed());
        drop(out);
    }
    times.sort();
    (times[0], times[times.len() / 2])
}

fn main() {
    keep_freed_pages();
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: phases FILE.icp [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let only = args.next();
    let wanted = |phase: &str| only.as_deref().is_none_or(|o| o == phase);
    let src = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let config = icp_check::Config::default();
    let mb = src.len() as f64 / 1e6;
    let report = |name: &str, (best, median): (Duration, Duration)| {
        println!(
            "{name:<8} best {:>7.1} ms {:>6.1} MB/s   median {:>7.1} ms {:>6.1} MB/s",
            best.as_secs_f64() * 1e3,
            mb / best.as_secs_f64(),
            median.as_secs_f64() * 1e3,
            mb / median.as_secs_f64()
        );
    };
    if wanted("lex") {
        report("lex", best(runs, || icp_syntax::lexer::lex(&src)));
    }
    if wanted("parse") {
        report("parse", best(runs, || icp_syntax::parse(&src)));
    }
    if wanted("resolve") {
        report(
            "resolve",
            best(runs, || {
                let (file, _) = icp_syntax::parse(&src);
                let mut diags = Vec::new();
                let model = icp_check::model::resolve(&file, &mut diags);
                (file, model, diags)
            }),
        );
    }
    if wanted("analyze") {
        report("analyze", best(runs, || icp_check::analyze(&src, &config)));
    }
}
