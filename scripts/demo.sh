#!/usr/bin/env bash
# Builds icpc and runs it on the bundled examples: check, fmt --check, explain, test, score, diff,
# export, compile.
set -uo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -q -p icpc || exit 2
icpc=./target/release/icpc
step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }

step icpc check examples/hr-analytics.icp examples/devtools-weighted.icp
$icpc check examples/hr-analytics.icp examples/devtools-weighted.icp || exit 1

step icpc check --today 2026-11-23 examples/antipatterns.icp
$icpc check --today 2026-11-23 examples/antipatterns.icp
[ $? -eq 1 ] || { echo "expected findings at error level in antipatterns.icp"; exit 1; }

step icpc fmt --check examples/
$icpc fmt --check examples/ || exit 1

step icpc explain non-excluding
$icpc explain non-excluding || exit 1

step icpc test --as-of 2026-11-23 examples/
$icpc test --as-of 2026-11-23 examples/ || exit 1

if [ -f examples/accounts/hr-analytics.csv ]; then
  step icpc score examples/hr-analytics.icp --accounts examples/accounts/hr-analytics.csv --as-of 2026-11-23
  # The sample holds one bad cell on purpose: that row is written with tier `error` and the
  # exit status is 1.
  $icpc score examples/hr-analytics.icp --accounts examples/accounts/hr-analytics.csv --as-of 2026-11-23
  [ $? -le 1 ] || exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed 's/employees in 200\.\.2000/employees in 150..5000/' examples/hr-analytics.icp > "$tmp/hr-analytics.icp"
step icpc diff examples/hr-analytics.icp "$tmp/hr-analytics.icp" --accounts examples/accounts/hr-analytics.csv --today 2026-11-23
# A change of meaning: exit 1, as `diff` does.
$icpc diff examples/hr-analytics.icp "$tmp/hr-analytics.icp" --accounts examples/accounts/hr-analytics.csv --today 2026-11-23
[ $? -eq 1 ] || { echo "expected a change of meaning"; exit 1; }

step icpc export examples/hr-analytics.icp --format markdown '| head -20'
$icpc export examples/hr-analytics.icp --format markdown > "$tmp/icp.md" || exit 1
head -20 "$tmp/icp.md"

step icpc compile examples/hr-analytics.icp --target duckdb --as-of 2026-11-23 '| head -20'
$icpc compile examples/hr-analytics.icp --target duckdb --as-of 2026-11-23 > "$tmp/score.sql" || exit 1
head -20 "$tmp/score.sql"

echo
echo "demo: all steps ran as expected"
