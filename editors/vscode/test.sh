#!/usr/bin/env bash
# Builds the VS Code extension, runs its node tests (server path resolution, manifest and
# snippets, and a real `icpc lsp` session with the freshly built `icpc`, or $ICPC_BIN), and
# packages it as a .vsix. Run editors/vscode/install.sh first. Under CI (CI=true) a language
# server that cannot be built or run fails the test; locally it is a stated skip.
set -euo pipefail
cd "$(dirname "$0")"
export PATH="$HOME/.cargo/bin:$PATH"
if [ ! -d node_modules/vscode-languageclient ]; then
  echo "editors/vscode/test.sh: node packages missing; run editors/vscode/install.sh" >&2
  exit 1
fi

echo "== build icpc"
ICPC_BIN=$(bash ../../scripts/build-icpc.sh)
export ICPC_BIN
echo "language server: $ICPC_BIN"

echo "== build"
npm run --silent build

echo "== node tests"
node --test test/*.test.mjs

echo "== package"
rm -f ./*.vsix
npx --no-install vsce package --out icp.vsix
# The package holds the compiled client, the grammar, the configuration and the snippets.
node -e '
  const { execFileSync } = require("node:child_process");
  const list = execFileSync("npx", ["--no-install", "vsce", "ls"], { encoding: "utf8" }).split("\n");
  for (const f of ["out/extension.js", "out/serverPath.js", "syntaxes/icp.tmLanguage.json",
                   "language-configuration.json", "snippets/icp.json", "LICENSE", "package.json",
                   "node_modules/vscode-languageclient/package.json"]) {
    if (!list.includes(f)) { console.error("missing from the package: " + f); process.exit(1); }
  }
  const bad = list.filter((f) => f.startsWith("src/") || f.startsWith("test/") || f.startsWith("node_modules/typescript/"));
  if (bad.length) { console.error("should not be packaged: " + bad.slice(0, 5).join(", ")); process.exit(1); }
  console.log("package contents checked: " + list.filter(Boolean).length + " files");
'
ls -l icp.vsix
