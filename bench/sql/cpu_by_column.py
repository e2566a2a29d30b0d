"""Where the compiled SQL spends DuckDB's time: single-thread CPU seconds of the query over a
CSV export loaded as text (best of RUNS), of copying the raw columns out, of the query with
every tested cell NULL, and of the query with only one column's cells left (the others NULL).

    python3 cpu_by_column.py QUERY.sql ACCOUNTS.csv [RUNS]

QUERY.sql is `icpc compile … --target duckdb --from accounts`."""

import re
import sys
import time

import duckdb

query, src = sys.argv[1:3]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 2
# Bytes, not universal newlines: literals may hold carriage returns.
sql = open(query, encoding="utf-8", newline="").read().strip().rstrip(";")
con = duckdb.connect()
con.execute("PRAGMA threads=1")
con.execute(
    "CREATE TABLE accounts AS SELECT * FROM read_csv(?, all_varchar = true, header = true)",
    [src],
)
# The tested columns, as the compiled query casts them in its first layer.
columns = list(dict.fromkeys(re.findall(r'CAST\(("(?:[^"]|"")*") AS VARCHAR\)', sql)))


def cpu(q):
    best = float("inf")
    for _ in range(runs):
        t = time.process_time()
        con.execute(f"COPY ({q}) TO '/dev/null' (FORMAT csv, HEADER)")
        best = min(best, time.process_time() - t)
    return best


def only(keep):
    q = sql
    for c in columns:
        if c != keep:
            q = q.replace(f"CAST({c} AS VARCHAR)", "CAST(NULL AS VARCHAR)")
    return q


print(f"{'query':<40} {cpu(sql):6.2f} s")
print(f"{'raw columns copied out':<40} {cpu('SELECT * FROM accounts'):6.2f} s")
print(f"{'every tested cell NULL':<40} {cpu(only(None)):6.2f} s")
for c in columns:
    print(f"{'only ' + c:<40} {cpu(only(c)):6.2f} s")
