"""Runs the SQL of `icpc compile --target duckdb` over a CSV export in DuckDB: loads the file
into a table of text columns (as a warehouse holds a raw CRM dump), then writes the scored rows
with COPY, in turns with `icpc score` on the same file (`turns.py`), ROUNDS times. Prints
"load-s query-median-s icpc-median-s icpc-peak-MB duckdb-peak-MB".

    python3 duckdb_compiled.py QUERY.sql ACCOUNTS.csv OUT.csv ROUNDS ICPC ICP ICPC_OUT.csv"""

import sys
import time

import duckdb

from turns import in_turns, own_peak_mb

query, src, out, rounds, icpc, icp, icpc_out = sys.argv[1:8]
sql = open(query, encoding="utf-8").read().strip().rstrip(";")
con = duckdb.connect()
t0 = time.perf_counter()
con.execute(
    "CREATE TABLE accounts AS SELECT * FROM read_csv(?, all_varchar = true, header = true)",
    [src],
)
load = time.perf_counter() - t0
cmd = [icpc, "score", icp, "--accounts", src, "--out", icpc_out, "--as-of", "2026-11-23", "-q"]
q, i, ipeak = in_turns(con, sql, out, cmd, int(rounds))
print(f"{load:.2f} {q:.2f} {i:.2f} {ipeak} {own_peak_mb()}")
