# Sourced by grammar/install.sh and grammar/test.sh: the tree-sitter CLI version that generated
# the committed src/parser.c (generation output differs between versions), and where that exact
# version is found.

TREE_SITTER_VERSION=0.27.1
# install.sh installs it here, beside any other tree-sitter a user has on PATH.
TREE_SITTER_ROOT="${ICP_TOOLS_DIR:-$HOME/.local/share/icpc-tools}/tree-sitter-cli-$TREE_SITTER_VERSION"

# Prints the path of a tree-sitter CLI of exactly $TREE_SITTER_VERSION; fails when there is none.
pinned_tree_sitter() {
  local candidate
  for candidate in "$TREE_SITTER_ROOT/bin/tree-sitter" "$(command -v tree-sitter || true)"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ] &&
      "$candidate" --version 2>/dev/null | grep -q "^tree-sitter $TREE_SITTER_VERSION\b"; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}
