"""BigQuery and Snowflake cannot run here: their SQL for every example is parsed by sqlglot
in that dialect (an independent parser) and compared with the reviewed snapshots in
../snapshots/. `--update` rewrites the snapshots after a reviewed change.

    python3 snapshots.py --icpc target/debug/icpc [--update]"""

import argparse
import os
import re
import subprocess
import sys

import sqlglot

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
SNAPS = os.path.join(HERE, "..", "snapshots")
# Example profiles written to show errors: compiling them must be refused.
HAS_ERRORS = {"antipatterns.icp"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--icpc", required=True)
    ap.add_argument("--update", action="store_true")
    args = ap.parse_args()
    files = sorted(
        os.path.join(ROOT, "examples", f)
        for f in os.listdir(os.path.join(ROOT, "examples"))
        if f.endswith(".icp")
    ) + [os.path.join(HERE, "edge.icp")]
    bad = 0
    for target in ("bigquery", "snowflake"):
        for path in files:
            src = open(path, encoding="utf-8").read()
            for name in re.findall(r"^icp\s+(\w+)", src, re.M):
                p = subprocess.run(
                    [args.icpc, "compile", path, "--icp", name, "--target", target,
                     "--from", "crm.accounts", "--keep", "Account Name", "--as-of", "2026-11-23"],
                    capture_output=True, text=True,
                )
                if os.path.basename(path) in HAS_ERRORS:
                    ok = p.returncode == 2 and "Error:" in p.stderr and not p.stdout
                    print(f"{'ok  ' if ok else 'FAIL'} {target} {name}: refused, the profile has errors")
                    bad += 0 if ok else 1
                    continue
                if p.returncode != 0:
                    print(f"FAIL {target} {name}: icpc compile: {p.stderr}")
                    bad += 1
                    continue
                sql = p.stdout
                try:
                    trees = sqlglot.parse(sql, read=target)
                except sqlglot.errors.ParseError as e:
                    print(f"FAIL {target} {name}: sqlglot cannot parse it: {e}")
                    bad += 1
                    continue
                if len([t for t in trees if t is not None]) != 1:
                    print(f"FAIL {target} {name}: {len(trees)} statements, expected one")
                    bad += 1
                    continue
                snap = os.path.join(SNAPS, target, name + ".sql")
                if args.update:
                    os.makedirs(os.path.dirname(snap), exist_ok=True)
                    with open(snap, "w", encoding="utf-8") as f:
                        f.write(sql)
                    print(f"wrote {snap}")
                    continue
                old = open(snap, encoding="utf-8").read() if os.path.exists(snap) else None
                if old != sql:
                    print(f"FAIL {target} {name}: differs from {snap} (review, then --update)")
                    bad += 1
                else:
                    print(f"ok   {target} {name}: parsed by sqlglot, equal to the snapshot")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
