#!/usr/bin/env bash
# `icpc check` throughput on 10 MB of three kinds of input: generated profiles (every dimension,
# little prose), the bundled example profiles repeated (the prose real profiles carry) and the
# prose stress input (every phrase of the labelled corpus in every prose position). With a
# second binary, both are run alternately on each file, so a before/after comparison sees the
# same machine load.
# Usage: bash bench/check/run.sh [runs] [other-icpc]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
other=${2:-}
cargo build --release --locked -q -p icpc
cargo build --release --locked -q -p icp-syntax --example gen_icp -p icp-check --example prose_eval
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
size=10485760
./target/release/examples/gen_icp "$size" >"$dir/generated.icp"
python3 bench/check/profiles.py "$size" . >"$dir/profiles.icp"
./target/release/examples/prose_eval --prose-input "$size" >"$dir/prose.icp"
once() { # wall time in seconds of one run
  local s e
  s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N)
  echo "$e - $s" | bc -l
}
printf '| input | MB | binary | best | median | MB/s (best) |\n|---|---|---|---|---|---|\n'
for input in generated profiles prose; do
  f="$dir/$input.icp"
  mb=$(echo "$(stat -c %s "$f") / 1000000" | bc -l)
  bins=("$PWD/target/release/icpc")
  [ -n "$other" ] && bins+=("$other")
  declare -A times=()
  for i in $(seq "$runs"); do
    # Which binary goes first alternates: the first run after another process's exit was seen
    # to be slower here (its memory comes back zeroed page by page).
    order=("${bins[@]}")
    if [ $((i % 2)) -eq 0 ] && [ ${#bins[@]} -eq 2 ]; then order=("${bins[1]}" "${bins[0]}"); fi
    for b in "${order[@]}"; do
      times[$b]+="$(once "$b" check --format json --today 2026-11-23 "$f") "
    done
  done
  for b in "${bins[@]}"; do
    read -r best median < <(echo "${times[$b]}" | tr ' ' '\n' | grep . | sort -g |
      awk '{ a[NR] = $1 } END { print a[1], a[int((NR + 1) / 2)] }')
    printf '| %s | %.1f | %s | %.3f s | %.3f s | %.1f |\n' "$input" "$mb" "$b" "$best" "$median" \
      "$(echo "$mb / $best" | bc -l)"
  done
  unset times
done
