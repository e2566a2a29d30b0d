#!/usr/bin/env bash
# The full test suite: installs the tools it needs (idempotently), then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-tools.sh
bash scripts/house.sh
cargo test --workspace --locked --no-fail-fast
bash scripts/test-sql.sh
for t in grammar/test.sh editors/vscode/test.sh editors/nvim/test.sh; do
  if [ -f "$t" ]; then
    echo "== $t"
    bash "$t"
  fi
done
