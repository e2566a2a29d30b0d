"""Runs the SQL of `icpc compile --target duckdb` over a CSV export in DuckDB: loads the file
into a table of text columns (as a warehouse holds a raw CRM dump), then writes the scored rows
with COPY. Prints the seconds of each step: "load query". With REPS=n in the environment the
query runs n times and the median is printed.

    python3 duckdb_compiled.py QUERY.sql ACCOUNTS.csv OUT.csv"""

import os
import statistics
import sys
import time

import duckdb

query, src, out = sys.argv[1:4]
sql = open(query, encoding="utf-8").read().strip().rstrip(";")
con = duckdb.connect()
t0 = time.perf_counter()
con.execute(
    "CREATE TABLE accounts AS SELECT * FROM read_csv(?, all_varchar = true, header = true)",
    [src],
)
t1 = time.perf_counter()
runs = []
for _ in range(int(os.environ.get("REPS", "1"))):
    s = time.perf_counter()
    con.execute(f"COPY ({sql}) TO '{out}' (FORMAT csv, HEADER)")
    runs.append(time.perf_counter() - s)
print(f"{t1 - t0:.2f} {statistics.median(runs):.2f}")
