#!/usr/bin/env bash
# Evidence benchmarks, measured in one run so that both sides of each pair see the same load:
#
# 1. `icpc audit` against `icpc score` on the same generated export (ROWS rows, default 1M),
#    alternately, RUNS times each (default 3); the outcome is the `Pain Confirmed` column
#    (true = won, false = lost, empty = open).
# 2. `icpc init --from` on a big generated export (BIG_ROWS rows, default 11M, about 1 GB),
#    against DuckDB's type detection over the whole file (`read_csv(…, sample_size = -1)`),
#    the tool a user would otherwise reach for; wall time and peak resident set of each.
#
#   bash bench/evidence/run.sh
#   ROWS=200000 BIG_ROWS=2000000 RUNS=1 bash bench/evidence/run.sh   # a quick look
set -euo pipefail
cd "$(dirname "$0")/../.."

ROWS="${ROWS:-1000000}"
BIG_ROWS="${BIG_ROWS:-11000000}"
RUNS="${RUNS:-3}"
ICP=examples/hr-analytics.icp

cargo build --release --quiet -p icpc
cargo build --release --quiet -p icp-eval --example gen_accounts
python3 -c "import duckdb" 2>/dev/null || pip install --quiet duckdb

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Runs a command under /usr/bin/time; prints "seconds max-rss-KB".
measure() {
  /usr/bin/time -f "%e %M" -o "$TMP/time" "$@" >/dev/null 2>"$TMP/stderr" || {
    # audit exits 1 when some rows are unreadable; the generated data has none.
    cat "$TMP/stderr" >&2
    return 1
  }
  cat "$TMP/time"
}

csv="$TMP/accounts.csv"
target/release/examples/gen_accounts "$ROWS" "$csv"
echo "audit vs score: $ROWS rows, $(( $(stat -c %s "$csv") / 1000000 )) MB, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-4s | %-9s %-8s | %-9s %-8s | %s\n' run "score s" "peak MB" "audit s" "peak MB" "audit/score"
for r in $(seq "$RUNS"); do
  read -r st sm < <(measure target/release/icpc score "$ICP" --accounts "$csv" --out "$TMP/scored.csv" --as-of 2026-11-23 -q)
  read -r at am < <(measure target/release/icpc audit "$ICP" --accounts "$csv" --outcome "Pain Confirmed" --as-of 2026-11-23 --format json)
  printf '%-4s | %-9s %-8s | %-9s %-8s | %.2f\n' "$r" "$st" "$((sm / 1024))" "$at" "$((am / 1024))" "$(python3 -c "print($at/$st)")"
done
rm -f "$csv" "$TMP/scored.csv"

big="$TMP/export.csv"
target/release/examples/gen_accounts "$BIG_ROWS" "$big"
echo "init --from: $BIG_ROWS rows, $(( $(stat -c %s "$big") / 1000000 )) MB, load $(cut -d' ' -f1-3 /proc/loadavg)"
read -r it im < <(measure target/release/icpc init --from "$big" "$TMP/inferred.icp")
read -r dt dm < <(measure python3 -c "
import duckdb, sys
print(duckdb.sql(\"DESCRIBE SELECT * FROM read_csv('$big', sample_size = -1)\").fetchall())")
printf 'icpc init --from: %s s, peak %s MB | duckdb read_csv sniff (whole file): %s s, peak %s MB\n' \
  "$it" "$((im / 1024))" "$dt" "$((dm / 1024))"
grep -E '^\s+[a-z_]+: ' "$TMP/inferred.icp" | sed 's/^ */  /'
