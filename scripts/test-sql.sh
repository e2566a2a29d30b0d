#!/usr/bin/env bash
# The SQL compiler on real engines: the differential test against `icpc score` on DuckDB and
# PostgreSQL, the injection round trips, and the BigQuery and Snowflake snapshots parsed by
# sqlglot. Needs what scripts/install-sql.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! python3 -c "import duckdb, sqlglot" >/dev/null 2>&1; then
  if [ "${CI:-}" = "true" ]; then echo "test-sql: duckdb/sqlglot missing" >&2; exit 1; fi
  echo "test-sql: skipped (run scripts/install-sql.sh)"; exit 0
fi
cargo build -p icpc --locked --quiet
ICPC="$PWD/target/debug/icpc"
cd crates/icp-sql/tests/engines
python3 differential.py --icpc "$ICPC" --engines duckdb

