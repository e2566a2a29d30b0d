#!/usr/bin/env bash
# Seeds fuzz/corpus/TARGET/ from the examples, the crates' test fixtures and the example
# accounts, plus the crashes kept in fuzz/regressions/TARGET/. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
for t in parse fmt_roundtrip lsp_edits cells; do mkdir -p "fuzz/corpus/$t"; done
n=0
while IFS= read -r -d '' f; do
  name=$(printf '%s' "$f" | tr '/' '_')
  for t in parse fmt_roundtrip; do cp "$f" "fuzz/corpus/$t/$name"; done
  # lsp_edits: the text, 0xFF, the encoding byte, then a few edits (5 bytes each).
  { cat "$f"; printf '\377\000\003\004\003\011\002\000\000\000\000\005'; } > "fuzz/corpus/lsp_edits/$name"
  n=$((n + 1))
done < <(find examples crates/*/tests/fixtures -name '*.icp' -print0 2>/dev/null)
# cells: a first byte 0 for CSV, 1 for JSON Lines.
for f in examples/accounts/*.csv crates/icpc/tests/data/proftest/*/*.csv; do
  [ -f "$f" ] || continue
  { printf '\000'; cat "$f"; } > "fuzz/corpus/cells/$(printf '%s' "$f" | tr '/' '_')"
done
printf '\001{"Account Name": "Acme", "Employees": 1200, "HRIS": ["Workday"]}\n{"Account Name": "B", "Employees": "lots"}\n' \
  > fuzz/corpus/cells/jsonl-seed
for t in parse fmt_roundtrip lsp_edits cells; do
  if [ -d "fuzz/regressions/$t" ]; then cp fuzz/regressions/$t/* "fuzz/corpus/$t/" 2>/dev/null || true; fi
done
echo "seeded fuzz/corpus from $n .icp files and the example accounts"
