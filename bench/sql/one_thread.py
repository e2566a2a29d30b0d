"""Compiled queries side by side on one DuckDB thread: each QUERY.sql (`icpc compile --target
duckdb --typed`) is run with `COPY … TO '/dev/null'` over the typed table of
`duckdb_typed.py`, the queries taking turns RUNS times; prints the best wall time of each.
One thread shows what a change to the SQL costs per row, free of how the engine splits the
work.

    python3 one_thread.py ROWS RUNS A.sql [B.sql ...]"""

import sys
import time

import duckdb

import duckdb_typed

rows, runs, files = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
con = duckdb.connect()
duckdb_typed.create(con, rows)
con.execute("PRAGMA threads=1")
# Bytes, not universal newlines: literals may hold carriage returns.
sqls = [open(f, encoding="utf-8", newline="").read().strip().rstrip(";") for f in files]
best = [float("inf")] * len(files)
for _ in range(runs):
    for i, sql in enumerate(sqls):
        t = time.perf_counter()
        con.execute(f"COPY ({sql}) TO '/dev/null' (FORMAT csv, HEADER)")
        best[i] = min(best[i], time.perf_counter() - t)
for f, b in zip(files, best):
    print(f"{f}: {b:.2f} s")
