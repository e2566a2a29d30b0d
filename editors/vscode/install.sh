#!/usr/bin/env bash
# Installs the extension's node packages (npm ci from the committed package-lock.json), only
# when node_modules is missing or was installed from another lock file.
set -euo pipefail
cd "$(dirname "$0")"
stamp=node_modules/.icp-lock-sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "editors/vscode: node packages up to date"
else
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi
