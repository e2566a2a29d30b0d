"""Runs the SQL of `icpc compile --target duckdb` over a CSV export in DuckDB: loads the file
into a table, then writes the scored rows with COPY, in turns with `icpc score` on the same file
(`turns.py`), ROUNDS times. Prints "load-s query-median-s icpc-median-s icpc-peak-MB
duckdb-peak-MB".

    python3 duckdb_compiled.py QUERY.sql ACCOUNTS.csv OUT.csv ROUNDS ICPC ICP ICPC_OUT.csv [LOAD]

LOAD is `text` (the default: every column VARCHAR, as a warehouse holds a raw CRM dump) or
`detect` (DuckDB's own reading of the file, which detects each column's type). With `detect`
the script stops if a numeric, date or boolean field's column comes out as text, which the
benchmark's generator does not write."""

import sys
import time

import duckdb

from turns import in_turns, own_peak_mb

query, src, out, rounds, icpc, icp, icpc_out = sys.argv[1:8]
load_mode = sys.argv[8] if len(sys.argv) > 8 else "text"
if load_mode not in ("text", "detect"):
    raise SystemExit(f"LOAD must be text or detect, not {load_mode!r}")
sql = open(query, encoding="utf-8").read().strip().rstrip(";")
con = duckdb.connect()
t0 = time.perf_counter()
con.execute(
    "CREATE TABLE accounts AS SELECT * FROM read_csv(?, all_varchar = ?, header = true)",
    [src, load_mode == "text"],
)
load = time.perf_counter() - t0
if load_mode == "detect":
    # The profile's numeric, date and boolean columns (the text ones stay VARCHAR).
    typed = {"Employees", "Annual Revenue", "Year Founded", "VP People Start Date",
             "VP People Engaged", "Pain Confirmed", "Confirmed Budget", "Decision Timeline"}
    for name, ty in con.execute("SELECT column_name, column_type FROM (DESCRIBE accounts)").fetchall():
        if name in typed and ty == "VARCHAR":
            raise SystemExit(f"DuckDB read {name!r} as text; the benchmark expects it typed")
cmd = [icpc, "score", icp, "--accounts", src, "--out", icpc_out, "--as-of", "2026-11-23", "-q"]
q, i, ipeak = in_turns(con, sql, out, cmd, int(rounds))
print(f"{load:.2f} {q:.2f} {i:.2f} {ipeak} {own_peak_mb()}")
