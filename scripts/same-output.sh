#!/usr/bin/env bash
# Writes what icpc says about every `.icp` in the tree (check in JSON and text), and the scores
# of the bundled account lists and of a generated 200,000-row export, into a folder, so that a
# restructuring can show its outputs are byte-identical before and after:
#
#   bash scripts/same-output.sh /tmp/before          # on the old commit
#   bash scripts/same-output.sh /tmp/after           # on the new one
#   diff -r /tmp/before /tmp/after && echo identical
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: scripts/same-output.sh OUT_DIR}
mkdir -p "$out"
cargo build --release --locked -q -p icpc
cargo build --release --locked -q -p icp-syntax --example gen_icp -p icp-eval --example gen_accounts
icpc=$PWD/target/release/icpc
today=2026-11-23

# Every profile and fixture, named by its path (slashes become `__`).
find . -name '*.icp' -not -path './target/*' -not -path './fuzz/*' -not -path './.git/*' \
  -not -path '*/node_modules/*' | sort | while read -r f; do
  name=$(echo "${f#./}" | sed 's|/|__|g')
  dir=$(dirname "$f")
  # Relative to the file's folder, so its icp.toml (if any) applies and paths stay short.
  for fmt in json human sarif; do
    rc=0
    (cd "$dir" && "$icpc" check --format "$fmt" --color never --today "$today" "$(basename "$f")") \
      >"$out/$name.check.$fmt" 2>&1 || rc=$?
    echo "exit $rc" >>"$out/$name.check.$fmt"
  done
done

# Generated inputs: a 1 MB profile, and a 200,000-row account export.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
./target/release/examples/gen_icp 1048576 >"$tmp/big.icp"
rc=0
(cd "$tmp" && "$icpc" check --format json --today "$today" big.icp) >"$out/generated-1mb.check.json" 2>&1 || rc=$?
echo "exit $rc" >>"$out/generated-1mb.check.json"
./target/release/examples/gen_accounts 200000 "$tmp/accounts.csv"

score() { # score NAME ICP CSV
  "$icpc" score "$2" --accounts "$3" --as-of "$today" --out "$out/$1.score.csv" 2>&1 | sed "s/ in [0-9.]* s ([0-9,]* rows\/s)//" >"$out/$1.score.log" || true
  "$icpc" score "$2" --accounts "$3" --as-of "$today" --format jsonl --out "$out/$1.score.jsonl" >/dev/null 2>&1 || true
  "$icpc" score "$2" --accounts "$3" --as-of "$today" --explain '#3' >"$out/$1.explain.txt" 2>&1 || true
}
score generated-200k examples/hr-analytics.icp "$tmp/accounts.csv"
for csv in examples/accounts/*.csv; do
  base=$(basename "$csv" .csv)
  icp=examples/${base%-known}.icp
  [ -f "$icp" ] && score "accounts-$base" "$icp" "$csv"
done
echo "wrote $(ls "$out" | wc -l) files to $out"
