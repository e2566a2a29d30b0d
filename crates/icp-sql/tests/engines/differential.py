"""Differential test: the SQL of `icpc compile` run on real engines must give, row for row,
the columns `icpc score` gives on the same accounts.

    python3 differential.py --icpc target/debug/icpc --engines duckdb,postgres

For every example .icp (each icp in it) and the scoring test profile, over the example
account lists and generated messy exports, it runs `icpc score` and the compiled SQL, and
compares score, score_max, tier, rules, unknown, disqualified_by, segments and error (and fit,
when a tier says `and fit`).
Exit status 1 on any difference, with the first differences printed."""

import argparse
import csv
import io
import os
import re
import subprocess
import sys
import tempfile

import accounts
import engines

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
COLUMNS = ["score", "score_max", "tier", "rules", "unknown", "disqualified_by", "segments", "error"]
AS_OF = "2026-11-23"


def cases():
    """(label, .icp path, icp name, csv text) for every case."""
    out = []
    files = sorted(
        os.path.join(ROOT, "examples", f)
        for f in os.listdir(os.path.join(ROOT, "examples"))
        if f.endswith(".icp")
    )
    files.append(os.path.join(ROOT, "crates", "icp-eval", "tests", "data", "kitchen-sink.icp"))
    files.append(os.path.join(ROOT, "crates", "icp-sql", "tests", "engines", "edge.icp"))
    for path in files:
        src = open(path, encoding="utf-8").read()
        names = re.findall(r"^icp\s+(\w+)", src, re.M)
        base = os.path.basename(path)[: -len(".icp")]
        for i, name in enumerate(names):
            out.append((f"{base}/{name}/generated", path, name,
                        accounts.generate(src, 400, seed=hash(base) % 1000 + i)))
        lists = os.path.join(ROOT, "examples", "accounts")
        given_lists = [os.path.join(lists, f) for f in sorted(os.listdir(lists))
                       if f.endswith(".csv") and base.startswith(f[: -len(".csv")])]
        given_lists.append(os.path.join(ROOT, "crates", "icp-sql", "tests", "engines", base + ".csv"))
        for given in given_lists:
            if os.path.exists(given):
                text = open(given, encoding="utf-8", newline="").read()
                rows = list(csv.reader(io.StringIO(text)))
                buf = io.StringIO()
                w = csv.writer(buf, lineterminator="\n")
                w.writerow(["__row"] + rows[0])
                for j, r in enumerate(rows[1:]):
                    w.writerow([str(j)] + r)
                for name in names:
                    out.append((f"{base}/{name}/{os.path.basename(given)}", path, name,
                                buf.getvalue()))
    return out


def icpc_score(icpc, path, name, csv_path):
    p = subprocess.run(
        [icpc, "score", path, "--icp", name, "--accounts", csv_path, "--keep", "__row",
         "--as-of", AS_OF, "--quiet"],
        capture_output=True, text=True,
    )
    if p.returncode == 2 and "has errors" in p.stderr:
        return None
    if p.returncode not in (0, 1):
        raise SystemExit(f"icpc score failed on {path}: {p.stderr}")
    rows = list(csv.DictReader(io.StringIO(p.stdout)))
    return {r["__row"]: r for r in rows}


def icpc_compile(icpc, path, name, target, extra=()):
    p = subprocess.run(
        [icpc, "compile", path, "--icp", name, "--target", target, "--from", "accounts",
         "--keep", "__row", "--as-of", AS_OF, *extra],
        capture_output=True,
    )
    if p.returncode != 0:
        raise SystemExit(
            f"icpc compile --target {target} failed on {path}: {p.stderr.decode('utf-8', 'replace')}")
    # Bytes, not text mode: universal newlines would turn a carriage return inside a literal
    # (DuckDB's literals hold control characters as they are) into a line feed.
    return p.stdout.decode("utf-8")


def compare_rows(target, label, got, want, cells):
    """Compares the engine's rows with `icpc score`'s (by `__row`), column by column; prints
    the first differences with the row's cells (`cells(row id)`) and a line for the case.
    Returns the number of differences."""
    bad = 0 if len(got) == len(want) else 1
    if bad:
        print(f"FAIL {target} {label}: {len(got)} rows, icpc score has {len(want)}")
    for row in got:
        w = want.get(str(row["__row"]))
        # `fit` when a tier requires it (`and fit`): then both sides must have it.
        cols = COLUMNS + (["fit"] if w is not None and "fit" in w else [])
        for c in cols:
            gv = "" if row.get(c) is None else str(row[c])
            if w is None or gv != w[c]:
                if bad < 5:
                    print(f"FAIL {target} {label} row {row['__row']} {c}: "
                          f"sql {gv!r} != score {w and w[c]!r}\n  cells {cells(row['__row'])}")
                bad += 1
    print(f"{'ok  ' if bad == 0 else 'FAIL'} {target} {label}: {len(got)} rows, {bad} differences")
    return bad


def schema_columns(path):
    return [c for _, _, c in accounts.fields(open(path, encoding="utf-8").read())]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--icpc", required=True)
    ap.add_argument("--engines", default="duckdb")
    args = ap.parse_args()
    failures = 0
    compared = 0
    with tempfile.TemporaryDirectory() as tmp:
        runners = [engines.open_engine(e, tmp) for e in args.engines.split(",")]
        try:
            for label, path, name, text in cases():
                csv_path = os.path.join(tmp, "accounts.csv")
                with open(csv_path, "w", encoding="utf-8", newline="") as f:
                    f.write(text)
                want = icpc_score(args.icpc, path, name, csv_path)
                if want is None:
                    # A profile with errors: compile must refuse it too, with its diagnostics.
                    for eng in runners:
                        p = subprocess.run(
                            [args.icpc, "compile", path, "--icp", name, "--target", eng.target],
                            capture_output=True, text=True)
                        ok = p.returncode == 2 and "Error:" in p.stderr and not p.stdout
                        print(f"{'ok  ' if ok else 'FAIL'} {eng.target} {label}: refused "
                              f"(exit {p.returncode}), as icpc score refuses it")
                        failures += 0 if ok else 1
                    continue
                rows = list(csv.reader(io.StringIO(text)))
                header, data = rows[0], rows[1:]
                for col in schema_columns(path):
                    if col.lower() not in [h.lower() for h in header]:
                        header.append(col)
                        data = [r + [None] for r in data]
                for eng in runners:
                    sql = icpc_compile(args.icpc, path, name, eng.target)
                    eng.load("accounts", header, data)
                    got = eng.query(sql)
                    cells = lambda r, h=header, d=data: dict(zip(h, d[int(r)]))
                    failures += compare_rows(eng.target, label, got, want, cells)
                    compared += len(got)
        finally:
            for eng in runners:
                eng.close()
    print(f"{compared} rows compared, {failures} differences")
    sys.exit(1 if failures or compared == 0 else 0)


if __name__ == "__main__":
    main()
