#!/usr/bin/env bash
# The house rules of docs/architecture.md that a script can see: no source file of a crate
# over 900 lines, and no import cycle between the files of a crate. Run by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
while read -r n f; do
  echo "$f: $n lines (the limit is 900; split it by concern)"
  status=1
done < <(find crates bench tests -path '*/target' -prune -o -path '*/src/*' -name '*.rs' -print \
  | xargs wc -l | awk '$2 != "total" && $1 > 900 { print $1, $2 }')
python3 scripts/module-cycles.py || status=1
[ $status -eq 0 ] && echo "house rules: no file over 900 lines, no import cycle"
exit $status
