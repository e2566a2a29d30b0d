#!/usr/bin/env bash
# Scoring benchmark: `icpc score` against the same rubric as hand-written SQL in DuckDB, on
# generated CRM exports for examples/hr-analytics.icp. Builds release, generates the data in
# a temporary folder (removed at the end), runs both, checks that they agree row by row,
# and prints a table.
#
#   bash bench/scoring/run.sh                 # 1M and 10M rows
#   ROWS="2000000" bash bench/scoring/run.sh  # other sizes
set -euo pipefail
cd "$(dirname "$0")/../.."

ROWS="${ROWS:-1000000 10000000}"
ICP=examples/hr-analytics.icp
HERE=bench/scoring

cargo build --release --quiet -p icpc
cargo build --release --quiet -p icp-eval --example gen_accounts
python3 -c "import duckdb" 2>/dev/null || pip install --quiet duckdb

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Runs a command under /usr/bin/time; prints "seconds max-rss-KB".
measure() {
  /usr/bin/time -f "%e %M" -o "$TMP/time" "$@" >/dev/null 2>"$TMP/stderr" || { cat "$TMP/stderr" >&2; return 1; }
  cat "$TMP/time"
}

printf '%-11s %8s | %8s %12s %8s | %8s %12s %8s | %s\n' rows "CSV MB" "icpc s" "rows/s" "peak MB" "duckdb s" "rows/s" "peak MB" "icpc/duckdb time"
for n in $ROWS; do
  csv="$TMP/accounts-$n.csv"
  target/release/examples/gen_accounts "$n" "$csv"
  mb=$(( $(stat -c %s "$csv") / 1000000 ))
  read -r it im < <(measure target/release/icpc score "$ICP" --accounts "$csv" --out "$TMP/icpc.csv" --as-of 2026-11-23 -q)
  read -r dt dm < <(measure python3 "$HERE/duckdb_score.py" "$HERE/hr_analytics.sql" "$csv" "$TMP/duckdb.csv")
  python3 "$HERE/compare.py" "$TMP/icpc.csv" "$TMP/duckdb.csv" >&2
  printf '%-11s %8s | %8s %12s %8s | %8s %12s %8s | %.2f\n' "$n" "$mb" \
    "$it" "$(python3 -c "print(f'{$n/$it:,.0f}')")" "$((im / 1024))" \
    "$dt" "$(python3 -c "print(f'{$n/$dt:,.0f}')")" "$((dm / 1024))" \
    "$(python3 -c "print($it/$dt)")"
  rm -f "$csv" "$TMP/icpc.csv" "$TMP/duckdb.csv"
done
