#!/usr/bin/env bash
# Compiled SQL benchmark: `icpc score` against the SQL of `icpc compile --target duckdb` run in
# DuckDB, on the generated CRM export for examples/hr-analytics.icp (the scoring benchmark's
# generator). Builds release, generates the data in a temporary folder (removed at the end),
# runs both, checks that they give the same scored rows (compare.py), and prints a table.
#
#   bash bench/sql/run.sh                  # 2M rows
#   ROWS="1000000 2000000" bash bench/sql/run.sh
#
# The two sides run in turns, REPS rounds (default 5; turns.py), and the medians are shown:
# icpc score as a process (start, read, score, write), the compiled SQL as the COPY statement
# in one DuckDB connection.
#
# Four tables: the file loaded as text columns (a raw dump); the same file loaded as DuckDB
# loads a CSV by default, detecting the columns' types, with the same query and then with the
# query compiled `--typed`; and `--typed` over a table drawn in DuckDB with typed columns
# (duckdb_typed.py).
set -euo pipefail
cd "$(dirname "$0")/../.."

ROWS="${ROWS:-2000000}"
export REPS="${REPS:-5}"
ICP=examples/hr-analytics.icp
HERE=bench/sql

# BIN: a folder with release builds of icpc and examples/gen_accounts (built here if unset).
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet -p icpc
  cargo build --release --quiet -p icp-eval --example gen_accounts
  BIN=target/release
fi
python3 -c "import duckdb" 2>/dev/null || pip install --quiet duckdb

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Compile time: the best of 20 runs, process start included.
best=999
for _ in $(seq 20); do
  s=$(date +%s.%N)
  $BIN/icpc compile "$ICP" --target duckdb --from accounts --as-of 2026-11-23 >"$TMP/q.sql"
  e=$(date +%s.%N)
  best=$(python3 -c "print(min($best, $e - $s))")
done
echo "icpc compile (hr-analytics, duckdb): best of 20 $(python3 -c "print(f'{$best*1000:.1f}')") ms"

# One table of the generated file: QUERY (a file in $TMP) over the file loaded as LOAD (text
# or detect, see duckdb_compiled.py).
file_table() {
  local query_file=$1 load_mode=$2
  printf '%-11s | %8s %8s | %8s %8s %8s %8s | %s\n' rows "icpc s" "peak MB" "load s" "query s" "total s" "peak MB" "query/icpc, total/icpc"
  for n in $ROWS; do
    csv="$TMP/accounts-$n.csv"
    $BIN/examples/gen_accounts "$n" "$csv"
    read -r load query it im dm < <(python3 "$HERE/duckdb_compiled.py" "$TMP/$query_file" "$csv" \
      "$TMP/sql.csv" "$REPS" "$BIN/icpc" "$ICP" "$TMP/icpc.csv" "$load_mode")
    dt=$(python3 -c "print(f'{$load + $query:.2f}')")
    python3 "$HERE/compare.py" "$TMP/icpc.csv" "$TMP/sql.csv" >&2
    printf '%-11s | %8s %8s | %8s %8s %8s %8s | %.2f, %.2f\n' "$n" "$it" "$im" \
      "$load" "$query" "$dt" "$dm" \
      "$(python3 -c "print($query/$it)")" "$(python3 -c "print($dt/$it)")"
    rm -f "$csv" "$TMP/icpc.csv" "$TMP/sql.csv"
  done
}

file_table q.sql text

# The same file as DuckDB reads a CSV by default, detecting each column's type (the generator
# writes integers, ISO dates and true/false, so those columns come out typed), and the same
# query: DuckDB's SQL reads a typed column as it is where that equals reading its text.
# Then the same file and load with the query compiled `--typed`.
$BIN/icpc compile "$ICP" --target duckdb --from accounts --as-of 2026-11-23 --typed >"$TMP/qt.sql"
printf '\nthe same file, types detected by DuckDB (read_csv), the same query\n'
file_table q.sql detect
printf '\nthe same file, types detected by DuckDB (read_csv), the query compiled --typed\n'
file_table qt.sql detect

# Typed tables (`--typed`): the same profile over accounts drawn in DuckDB with typed columns
# (`duckdb_typed.py`, which also writes them as a CSV file for `icpc score`); the query is
# timed alone, the table already in memory.
printf '\ndrawn typed table, --typed\n%-11s | %8s %8s | %8s %8s | %s\n' rows "icpc s" "peak MB" "query s" "peak MB" "query/icpc"
for n in $ROWS; do
  csv="$TMP/typed-$n.csv"
  read -r query it im dm < <(python3 "$HERE/duckdb_typed.py" "$n" "$TMP/qt.sql" "$csv" \
    "$TMP/sql.csv" "$REPS" "$BIN/icpc" "$ICP" "$TMP/icpc.csv")
  python3 "$HERE/compare.py" "$TMP/icpc.csv" "$TMP/sql.csv" >&2
  printf '%-11s | %8s %8s | %8s %8s | %.2f\n' "$n" "$it" "$im" "$query" "$dm" \
    "$(python3 -c "print($query/$it)")"
  rm -f "$csv" "$TMP/icpc.csv" "$TMP/sql.csv"
done
