#!/usr/bin/env bash
# The SQL compiler on real engines: the differential tests against `icpc score` on DuckDB,
# PostgreSQL and Spark (text cells, and typed tables with --typed), DuckDB's SQL over columns
# DuckDB typed itself (adaptive.py), and the BigQuery and
# Snowflake snapshots parsed by sqlglot (the injection round trips are a cargo test).
# Needs what scripts/install-sql.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! python3 -c "import duckdb, sqlglot, pyspark" >/dev/null 2>&1; then
  if [ "${CI:-}" = "true" ]; then echo "test-sql: duckdb, sqlglot or pyspark missing" >&2; exit 1; fi
  echo "test-sql: skipped (run scripts/install-sql.sh)"; exit 0
fi
cargo build -p icpc --locked --quiet
ICPC="$PWD/target/debug/icpc"
cd crates/icp-sql/tests/engines
python3 differential.py --icpc "$ICPC" --engines duckdb,postgres,spark
python3 typed.py --icpc "$ICPC" --engines duckdb,postgres,spark
python3 adaptive.py --icpc "$ICPC"
python3 snapshots.py --icpc "$ICPC"

