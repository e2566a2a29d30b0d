#!/usr/bin/env bash
# `icpc diff` speed beside the commands a user would run anyway: the diff of two generated
# 10 MB files against `icpc check` on one of them, and `icpc diff --accounts` on a generated
# CRM export against one `icpc score` of it. Best of RUNS wall times (default 3), release.
#
#   bash bench/diff/run.sh [RUNS]          ROWS=1000000 by default
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
rows=${ROWS:-1000000}
cargo build --release --locked -q -p icpc -p icp-syntax --example gen_icp -p icp-eval --example gen_accounts
bin=target/release
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
best() { # best wall time in seconds of $runs runs of a command (its exit status is ignored)
  local b=999
  for _ in $(seq "$runs"); do
    local s e
    s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N)
    b=$(echo "$e - $s" | bc -l | awk -v b="$b" '{ print ($1 < b) ? $1 : b }')
  done
  echo "$b"
}
# Two 10 MB files: the second raises every icp's revenue floor (a change in every icp).
"$bin/examples/gen_icp" 10485760 > "$dir/old.icp"
sed 's/revenue >= \([0-9]*\)M/revenue >= 1\1M/' "$dir/old.icp" > "$dir/new.icp"
changes=$("$bin/icpc" diff "$dir/old.icp" "$dir/new.icp" --format json | grep -c '"kind"' || true)
check=$(best "$bin/icpc" check --format json --today 2026-11-23 "$dir/new.icp")
diff=$(best "$bin/icpc" diff --format json --today 2026-11-23 "$dir/old.icp" "$dir/new.icp")
printf '| 10 MB files (%s changes) | icpc check (one file) | icpc diff | diff ÷ check |\n|---|---|---|---|\n' "$changes"
printf '| best of %s | %.2f s | %.2f s | %.2f |\n\n' "$runs" "$check" "$diff" "$(echo "$diff / $check" | bc -l)"

# Accounts: the scoring benchmark's export; the new version widens the size band and adds a
# disqualifier.
"$bin/examples/gen_accounts" "$rows" "$dir/accounts.csv"
sed -e 's/: employees in 200\.\.2000/: employees in 150..5000/' \
    -e 's/^    employees < 50 because/    industry == retail because "Retail buys elsewhere"\n    employees < 50 because/' \
    examples/hr-analytics.icp > "$dir/hr-new.icp"
score=$(best "$bin/icpc" score examples/hr-analytics.icp --accounts "$dir/accounts.csv" --out "$dir/scored.csv" --as-of 2026-11-23 -q)
impact=$(best "$bin/icpc" diff --format json --today 2026-11-23 examples/hr-analytics.icp "$dir/hr-new.icp" --accounts "$dir/accounts.csv")
printf '| %s rows | icpc score (one version) | icpc diff --accounts (both) | diff ÷ score |\n|---|---|---|---|\n' "$rows"
printf '| best of %s | %.2f s | %.2f s | %.2f |\n' "$runs" "$score" "$impact" "$(echo "$impact / $score" | bc -l)"
