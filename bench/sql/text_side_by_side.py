"""Compiled queries side by side over a CRM export loaded as text: the CSV file is loaded once
into a table of text columns (`read_csv(all_varchar = true)`, as `duckdb_compiled.py` does),
then each QUERY.sql (`icpc compile --target duckdb`) is written with `COPY … TO '/dev/null'`,
the queries taking turns RUNS times, on DuckDB's default threads; prints the median and the
best wall time of each.

    python3 text_side_by_side.py ACCOUNTS.csv RUNS A.sql [B.sql ...]"""

import statistics
import sys
import time

import duckdb

src, runs, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
con = duckdb.connect()
con.execute("CREATE TABLE accounts AS SELECT * FROM read_csv(?, all_varchar = true, header = true)",
            [src])
# Bytes, not universal newlines: literals may hold carriage returns.
queries = {f: open(f, "rb").read().decode("utf-8").strip().rstrip(";") for f in files}
times = {f: [] for f in files}
for _ in range(runs):
    for f, sql in queries.items():
        t0 = time.perf_counter()
        con.execute(f"COPY ({sql}) TO '/dev/null' (FORMAT csv, HEADER)")
        times[f].append(time.perf_counter() - t0)
for f, v in times.items():
    print(f"{f}: median {statistics.median(v):.2f} s, best {min(v):.2f} s")
