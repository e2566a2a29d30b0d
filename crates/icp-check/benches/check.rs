//! What the checks cost on top of parsing, on generated inputs of 1 MB and 10 MB.
//!
//! Run with `cargo bench -p icp-check --bench check`. `parse` is the parser alone;
//! `resolve` adds the semantic model; `analyze` is the whole analysis every front end runs
//! (parse, resolve, every check, suppressions, line index). The overhead of the checks is
//! `analyze` against `parse`; the figures are recorded in `docs/benchmarks.md`.
//! `parse_prose` and `analyze_prose` run on a prose-heavy input built from the labelled
//! corpus of the prose checks (every phrase in its place, distinct texts). `analyze_profiles`
//! runs on the bundled example profiles (personas, jobs, pains, messaging: the prose real
//! profiles carry) repeated to the size, each copy's icps and schemas renamed.

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

fn input(size: usize) -> String {
    icp_syntax::generator::generate(size, 1)
}

fn config() -> icp_check::Config {
    icp_check::Config {
        today: Some(20_780),
        ..icp_check::Config::default()
    }
}

#[divan::bench(args = SIZES, sample_count = 30)]
fn parse(b: Bencher, size: usize) {
    let src = input(size);
    b.counter(BytesCount::of_str(&src))
        .bench(|| icp_syntax::parse(divan::black_box(&src)));
}

#[divan::bench(args = SIZES, sample_count = 30)]
fn resolve(b: Bencher, size: usize) {
    let src = input(size);
    b.counter(BytesCount::of_str(&src)).bench(|| {
        let (file, errors) = icp_syntax::parse(divan::black_box(&src));
        let mut diags = Vec::with_capacity(errors.len());
        let model = icp_check::model::resolve(&file, &mut diags);
        (file, model, diags)
    });
}

#[divan::bench(args = SIZES, sample_count = 30)]
fn analyze(b: Bencher, size: usize) {
    let src = input(size);
    let config = config();
    b.counter(BytesCount::of_str(&src))
        .bench(|| icp_check::analyze(divan::black_box(&src), &config));
}

/// Prose-heavy input: the phrases of the labelled corpus in every prose position.
fn prose_input(size: usize) -> String {
    let corpus = icp_check::lexicon::prose::eval::Corpus::load_default().expect("the corpus");
    icp_check::lexicon::prose::eval::prose_heavy_file(&corpus, size)
}

#[divan::bench(args = SIZES, sample_count = 30)]
fn analyze_prose(b: Bencher, size: usize) {
    let src = prose_input(size);
    let config = config();
    b.counter(BytesCount::of_str(&src))
        .bench(|| icp_check::analyze(divan::black_box(&src), &config));
}

#[divan::bench(args = SIZES, sample_count = 30)]
fn parse_prose(b: Bencher, size: usize) {
    let src = prose_input(size);
    b.counter(BytesCount::of_str(&src))
        .bench(|| icp_syntax::parse(divan::black_box(&src)));
}

/// The bundled example profiles, repeated until `size` bytes, the names of each copy's icps
/// and schemas suffixed with the copy's number so no name is defined twice.
fn profiles_input(size: usize) -> String {
    const EXAMPLES: [&str; 3] = [
        include_str!("../../../examples/borghei-score.icp"),
        include_str!("../../../examples/devtools-weighted.icp"),
        include_str!("../../../examples/hr-analytics.icp"),
    ];
    let mut out = String::with_capacity(size + 16 * 1024);
    let mut copy = 0;
    while out.len() < size {
        for src in EXAMPLES {
            for line in src.lines() {
                let trimmed = line.trim_start();
                let renamed = ["icp ", "schema ", "uses "].iter().find_map(|kw| {
                    let rest = trimmed.strip_prefix(kw)?;
                    let end = rest
                        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                        .unwrap_or(rest.len());
                    let indent = &line[..line.len() - trimmed.len()];
                    (end > 0 && (*kw == "uses " || indent.is_empty()))
                        .then(|| format!("{indent}{kw}{}_{copy}{}", &rest[..end], &rest[end..]))
                });
                out.push_str(renamed.as_deref().unwrap_or(line));
                out.push('\n');
            }
            out.push('\n');
        }
        copy += 1;
    }
    out
}

#[divan::bench(args = SIZES, sample_count = 30)]
fn analyze_profiles(b: Bencher, size: usize) {
    let src = profiles_input(size);
    let config = config();
    b.counter(BytesCount::of_str(&src))
        .bench(|| icp_check::analyze(divan::black_box(&src), &config));
}
