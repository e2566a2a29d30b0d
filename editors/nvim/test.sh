#!/usr/bin/env bash
# Headless Neovim test of the plugin (editors/nvim/test.lua), and the query copies being those
# of grammar/. Run editors/nvim/install.sh first. The language server is built first; under CI
# (CI=true) a test that would skip for a missing binary or C compiler fails instead.
set -euo pipefail
cd "$(dirname "$0")"
here=$(pwd)

# The queries are copies of grammar/tree-sitter-icp/queries (the one source).
for f in highlights folds indents locals; do
  if ! cmp -s "queries/icp/$f.scm" "../../grammar/tree-sitter-icp/queries/$f.scm"; then
    echo "editors/nvim/queries/icp/$f.scm differs from grammar/tree-sitter-icp/queries/$f.scm:" >&2
    echo "  cp grammar/tree-sitter-icp/queries/*.scm editors/nvim/queries/icp/" >&2
    exit 1
  fi
done
echo "queries: same as grammar/tree-sitter-icp/queries"

nvim=$(bash ./find-nvim.sh) || {
  echo "editors/nvim/test.sh: no Neovim 0.10+ found; run editors/nvim/install.sh" >&2
  exit 1
}
echo "using $nvim ($("$nvim" --version | head -1))"

ICPC_BIN=$(bash ../../scripts/build-icpc.sh)
export ICPC_BIN
echo "language server: $ICPC_BIN"

# test.lua ends itself after ICP_NVIM_TEST_TIMEOUT_MS; `timeout` is the last resort.
timeout 150 "$nvim" --headless --clean --cmd "set rtp^=$here" -l "$here/test.lua"
