#!/usr/bin/env bash
# End-to-end parse and check times of `icpc check` on generated inputs, beside the tree-sitter
# CLI parsing the same files with the project's tree-sitter grammar (what editors use).
# Usage: bash bench/parse/run.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
cargo build --release --locked -q -p icpc
cargo build --release --locked -q -p icp-syntax --example gen_icp
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
best() { # best wall time in seconds of $runs runs of a command
  local b=999
  for _ in $(seq "$runs"); do
    local s e
    s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N)
    b=$(echo "$e - $s" | bc -l | awk -v b="$b" '{ print ($1 < b) ? $1 : b }')
  done
  echo "$b"
}
printf '| input | icpc check | MB/s | tree-sitter parse | MB/s |\n|---|---|---|---|---|\n'
for size in 1048576 10485760; do
  f="$dir/big-$size.icp"
  ./target/release/examples/gen_icp "$size" > "$f"
  mb=$(echo "$(stat -c %s "$f") / 1000000" | bc -l)
  t1=$(best ./target/release/icpc check --format json --today 2026-11-23 "$f")
  if command -v tree-sitter >/dev/null && [ -d grammar/tree-sitter-icp ]; then
    t2=$(cd grammar/tree-sitter-icp && best tree-sitter parse --quiet "$f")
    t2=$(printf '%.3f' "$t2")
    r2=$(printf '%.1f' "$(echo "$mb / $t2" | bc -l)")
  else
    t2=n/a; r2=n/a
  fi
  printf '| %.1f MB | %.3f s | %.1f | %s s | %s |\n' "$mb" "$t1" "$(echo "$mb / $t1" | bc -l)" "$t2" "$r2"
done
