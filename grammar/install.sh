#!/usr/bin/env bash
# Installs what grammar/test.sh needs, only where it is missing:
# - the tree-sitter CLI (built with cargo; npm's package downloads a binary at install time),
# - the node packages of the TextMate tests (npm ci, from the committed package-lock.json).
set -euo pipefail
cd "$(dirname "$0")"
export PATH="$HOME/.cargo/bin:$PATH"

TREE_SITTER_VERSION=0.27.1

if command -v tree-sitter >/dev/null 2>&1; then
  echo "grammar: $(tree-sitter --version) already installed"
else
  echo "grammar: installing tree-sitter-cli $TREE_SITTER_VERSION with cargo (a few minutes)"
  cargo install tree-sitter-cli --locked --version "$TREE_SITTER_VERSION"
fi

# npm ci only when node_modules is missing or was installed from another lock file.
stamp=node_modules/.icp-lock-sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "grammar: node packages up to date"
else
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi
