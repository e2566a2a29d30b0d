#!/usr/bin/env bash
# Tests of the grammars: tree-sitter corpus and highlight tests, the examples parse with no error,
# the TextMate grammar's scopes, and both grammars against keywords.json.
# Run grammar/install.sh first.
set -euo pipefail
cd "$(dirname "$0")"
export PATH="$HOME/.cargo/bin:$PATH"

. ./tree-sitter-cli.sh
ts=$(pinned_tree_sitter) || {
  echo "grammar/test.sh: no tree-sitter $TREE_SITTER_VERSION (the version that generated src/parser.c); run grammar/install.sh" >&2
  exit 1
}
if [ ! -d node_modules/vscode-textmate ]; then
  echo "grammar/test.sh: node packages missing; run grammar/install.sh" >&2
  exit 1
fi
echo "using $("$ts" --version) at $ts"
cd tree-sitter-icp

# The committed parser must be the one grammar.js generates with the pinned CLI.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$ts" generate --output "$tmp"
for f in parser.c grammar.json node-types.json; do
  if ! cmp -s "$tmp/$f" "src/$f"; then
    echo "grammar/test.sh: src/$f is out of date: run 'tree-sitter generate' (version $TREE_SITTER_VERSION) in grammar/tree-sitter-icp and commit" >&2
    exit 1
  fi
done
echo "== generated parser is up to date"

echo "== tree-sitter test (corpus and highlight tests)"
"$ts" test

cd ..
echo "== node tests (examples parse, TextMate scopes, keywords.json)"
# The node tests run `tree-sitter` by name: the pinned one comes first on PATH.
PATH="$(dirname "$ts"):$PATH" node --test test/*.test.mjs
