#!/usr/bin/env bash
# Installs the SQL engines the compile tests run for real, only where they are missing:
# DuckDB, sqlglot and pyspark from PyPI; PostgreSQL and a Java 17 runtime (for Spark) from
# Debian. Under CI=true a missing engine that cannot be installed is a failure.
set -euo pipefail

fail() {
  echo "install-sql: $*" >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  echo "install-sql: the SQL engine tests will be skipped" >&2
  exit 0
}

have_py() { python3 -c "import $1" >/dev/null 2>&1; }

command -v python3 >/dev/null || fail "python3 is missing"
if ! have_py duckdb || ! have_py sqlglot; then
  python3 -m pip install --quiet "duckdb>=1.1" "sqlglot>=25" || fail "pip could not install duckdb and sqlglot"
fi

pg_found() {
  command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1
}
if ! pg_found; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null \
      || fail "apt-get could not install postgresql"
  else
    fail "PostgreSQL (initdb, pg_ctl) is missing: apt-get install postgresql"
  fi
fi
pg_found || fail "PostgreSQL's initdb is still missing"

# Spark SQL in local mode: pyspark (about 450 MB, downloaded once) on a Java 17 runtime.
if ! command -v java >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null \
      || fail "apt-get could not install openjdk-17-jre-headless"
  else
    fail "a Java runtime is missing (Spark needs one): apt-get install openjdk-17-jre-headless"
  fi
fi
if ! have_py pyspark; then
  python3 -m pip install --quiet "pyspark>=3.5,<5" || fail "pip could not install pyspark"
fi
