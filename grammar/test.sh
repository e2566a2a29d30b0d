#!/usr/bin/env bash
# Tests of the grammars: tree-sitter corpus and highlight tests, the examples parse with no error,
# the TextMate grammar's scopes, and both grammars against keywords.json.
# Run grammar/install.sh first.
set -euo pipefail
cd "$(dirname "$0")"
export PATH="$HOME/.cargo/bin:$PATH"

if ! command -v tree-sitter >/dev/null 2>&1; then
  echo "grammar/test.sh: tree-sitter is not on PATH; run grammar/install.sh" >&2
  exit 1
fi
if [ ! -d node_modules/vscode-textmate ]; then
  echo "grammar/test.sh: node packages missing; run grammar/install.sh" >&2
  exit 1
fi

TREE_SITTER_VERSION=0.27.1
cd tree-sitter-icp

# The committed parser must be the one grammar.js generates. Generation output can differ
# between CLI versions, so this is only checked with the pinned version.
if tree-sitter --version | grep -q " $TREE_SITTER_VERSION"; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  tree-sitter generate --output "$tmp"
  for f in parser.c grammar.json node-types.json; do
    if ! cmp -s "$tmp/$f" "src/$f"; then
      echo "grammar/test.sh: src/$f is out of date: run 'tree-sitter generate' in grammar/tree-sitter-icp and commit" >&2
      exit 1
    fi
  done
  echo "== generated parser is up to date"
else
  echo "== skipping the generated-parser check: $(tree-sitter --version), pinned $TREE_SITTER_VERSION"
fi

echo "== tree-sitter test (corpus and highlight tests)"
tree-sitter test

cd ..
echo "== node tests (examples parse, TextMate scopes, keywords.json)"
node --test test/*.test.mjs
