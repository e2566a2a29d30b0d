//! Times each phase of the analysis of one file (best and median of RUNS), for profiling:
//! `cargo run --release -p icp-check --example phases -- big.icp 20 [lex|parse|resolve|analyze]`;
//! with `PHASES_ALL=1`, every timing is printed too (in ms, in run order).

use std::time::{Duration, Instant};

// The allocator of the `icpc` binary, so that the figures are those of the binary.
#[global_allocator]
static ALLOC: icp_alloc::Mimalloc = icp_alloc::Mimalloc;

/// Best and median of `runs` timings of `f`.
fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, Duration) {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let out = f();
        times.push(start.elapsed());
        drop(out);
    }
    if std::env::var_os("PHASES_ALL").is_some() {
        eprintln!(
            "{:?}",
            times.iter().map(|t| t.as_millis()).collect::<Vec<_>>()
        );
    }
    times.sort();
    (times[0], times[times.len() / 2])
}

fn main() {
    icp_alloc::keep_freed_pages();
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: phases FILE.icp [RUNS] [lex|parse|resolve|analyze]");
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
