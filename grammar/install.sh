#!/usr/bin/env bash
# Installs what grammar/test.sh needs, only where it is missing:
# - the tree-sitter CLI, exactly the version grammar/tree-sitter-cli.sh pins (the one that
#   generated src/parser.c), built with cargo into its own folder (npm's package downloads a
#   binary at install time),
# - the node packages of the TextMate tests (npm ci, from the committed package-lock.json).
set -euo pipefail
cd "$(dirname "$0")"
export PATH="$HOME/.cargo/bin:$PATH"
. ./tree-sitter-cli.sh

if ts=$(pinned_tree_sitter); then
  echo "grammar: $("$ts" --version) at $ts"
else
  echo "grammar: installing tree-sitter-cli $TREE_SITTER_VERSION with cargo into $TREE_SITTER_ROOT (a few minutes)"
  cargo install tree-sitter-cli --locked --version "$TREE_SITTER_VERSION" --root "$TREE_SITTER_ROOT"
  ts=$(pinned_tree_sitter) || {
    echo "grammar: the installed tree-sitter is not version $TREE_SITTER_VERSION" >&2
    exit 1
  }
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
