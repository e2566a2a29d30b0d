//! Writes a generated, valid `.icp` of at least N bytes to standard output, for benchmarks:
//! `cargo run --release -p icp-syntax --example gen_icp -- 10000000 > big.icp`.

use std::io::Write;

fn main() {
    let bytes: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1 << 20);
    let seed: u64 = std::env::args()
        .nth(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1);
    let src = icp_syntax::generator::generate(bytes, seed);
    let mut out = std::io::stdout().lock();
    if out.write_all(src.as_bytes()).is_err() {
        std::process::exit(1);
    }
}
