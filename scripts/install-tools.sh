#!/usr/bin/env bash
# Installs what the test suite needs beyond cargo, only where it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
for t in grammar/install.sh editors/vscode/install.sh editors/nvim/install.sh; do
  if [ -f "$t" ]; then bash "$t"; fi
done
bash scripts/install-sql.sh
bash scripts/install-audit.sh
