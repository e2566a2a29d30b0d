#!/usr/bin/env bash
# Runs every cargo-fuzz target for a bounded time: bash scripts/fuzz.sh [SECONDS_PER_TARGET]
# (default 60). Needs a nightly toolchain and cargo-fuzz:
#   rustup toolchain install nightly --profile minimal && cargo install cargo-fuzz --locked
# A crash is saved under fuzz/artifacts/TARGET/; copy it to fuzz/regressions/TARGET/ so that
# `cargo test -p icp-tests --test fuzz_smoke` replays it in every test run, and fix it.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
bash scripts/fuzz-corpus.sh
for t in parse fmt_roundtrip cells lsp_edits; do
  echo "== $t (${secs}s)"
  (cd fuzz && cargo +nightly fuzz run "$t" "corpus/$t" -- -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048)
done
