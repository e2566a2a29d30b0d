"""Differential test of `icpc compile --typed`: a table whose columns already have types (as in
a warehouse) must score, row for row, as `icpc score` scores the same values written as CSV
cells.

    python3 typed.py --icpc target/debug/icpc --engines duckdb,postgres,spark

For every example profile and the compiler's edge cases, it draws typed values per field
(boundary numbers, fractions for percents, dates, whole days for durations, booleans, enum and
set values spelled as a CRM spells them, NULLs), loads them into typed columns, runs the
`--typed` SQL, and compares every output column with `icpc score` on the CSV rendering."""

import argparse
import csv
import datetime
import io
import os
import random
import re
import subprocess
import sys
import tempfile
from decimal import Decimal

import accounts
import differential
import engines

ROOT = differential.ROOT

VALUES = {
    "int": [0, 5, 10, 12, 25, 99, 100, 250, 500, 501, 1200, 2000, 2500, 10000, -1,
            999999999999999999, 9223372036854775807],
    "number": ["-12.5", "-1.5", "0", "2.5", "7.25", "15", "20", "37.5", "100.125", "-0.0001"],
    "money": ["0", "999", "1000", "1500", "50000", "1000000", "20000000", "60000000",
              "1500000000", "999.99"],
    "percent": ["0", "0.05", "0.055", "0.35", "0.41", "0.5", "1", "-0.05", "0.125"],
    "duration": [0, 30, 89, 90, 91, 179, 180, 181, 365, 730, -1, 999999999, 1000000000],
    "date": ["2024-02-29", "2025-12-31", "2026-01-01", "2026-08-25", "2026-09-01",
             "2026-10-05", "2026-11-01", "2026-11-23", "2026-12-01", "2027-01-15"],
}


def draw(rng, ty, values):
    """(typed value for the engine, CSV cell for icpc score); None is NULL / a blank cell."""
    if rng.random() < 0.1:
        return None, ""
    if ty in ("enum", "set", "text"):
        cell = accounts.cell(rng, ty, values)
        return (cell if cell.strip() else None), cell
    if ty == "bool":
        v = rng.random() < 0.5
        return v, "true" if v else "false"
    if ty == "int" or ty == "duration":
        v = rng.choice(VALUES[ty])
        return v, str(v)
    if ty == "date":
        v = rng.choice(VALUES[ty])
        return datetime.date.fromisoformat(v), v
    v = Decimal(rng.choice(VALUES[ty]))
    if ty == "percent":
        return v, format(v * 100, "f") + "%"
    return v, format(v, "f")


def case(path, seed, rows=300):
    src = open(path, encoding="utf-8").read()
    rng = random.Random(seed)
    cols, types = [], {}
    for ty, vals, c in accounts.fields(src):
        if c not in cols:
            cols.append(c)
            types[c] = (ty, vals)
    typed, text = [], []
    for i in range(rows):
        pairs = [draw(rng, *types[c]) for c in cols]
        typed.append([str(i)] + [p[0] for p in pairs])
        text.append([str(i)] + [p[1] for p in pairs])
    kinds = [("__row", "text")] + [(c, types[c][0]) for c in cols]
    return kinds, typed, text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--icpc", required=True)
    ap.add_argument("--engines", default="duckdb")
    args = ap.parse_args()
    files = sorted(
        os.path.join(ROOT, "examples", f)
        for f in os.listdir(os.path.join(ROOT, "examples"))
        if f.endswith(".icp") and f != "antipatterns.icp"
    ) + [os.path.join(os.path.dirname(os.path.abspath(__file__)), "edge.icp")]
    failures = compared = 0
    with tempfile.TemporaryDirectory() as tmp:
        runners = [engines.open_engine(e, tmp) for e in args.engines.split(",")]
        try:
            for k, path in enumerate(files):
                names = re.findall(r"^icp\s+(\w+)", open(path, encoding="utf-8").read(), re.M)
                kinds, typed, text = case(path, seed=k)
                csv_path = os.path.join(tmp, "typed.csv")
                with open(csv_path, "w", encoding="utf-8", newline="") as f:
                    w = csv.writer(f, lineterminator="\n")
                    w.writerow([c for c, _ in kinds])
                    w.writerows(text)
                for name in names:
                    want = differential.icpc_score(args.icpc, path, name, csv_path)
                    label = f"{os.path.basename(path)}/{name}/typed"
                    for eng in runners:
                        sql = differential.icpc_compile(args.icpc, path, name, eng.target,
                                                        extra=("--typed",))
                        eng.load_typed("accounts", kinds, typed)
                        got = eng.query(sql)
                        names = [c for c, _ in kinds]
                        failures += differential.compare_rows(
                            eng.target, label, got, want,
                            lambda r: dict(zip(names, text[int(r)])))
                        compared += len(got)
        finally:
            for eng in runners:
                eng.close()
    print(f"{compared} typed rows compared, {failures} differences")
    sys.exit(1 if failures or compared == 0 else 0)


if __name__ == "__main__":
    main()
