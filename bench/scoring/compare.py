"""Checks that icpc and DuckDB scored every account the same: compare.py ICPC.csv DUCKDB.csv"""
import sys

import duckdb

a, b = sys.argv[1:3]
cols = '"Account Name", score, score_max, tier, rules, unknown, disqualified_by, segments'
read = "read_csv('{}', header = true, all_varchar = true)"
con = duckdb.connect()
q = f"SELECT count(*) FROM (SELECT {cols} FROM {read.format(a)} EXCEPT ALL SELECT {cols} FROM {read.format(b)})"
diff = con.execute(q).fetchone()[0]
rows = con.execute(f"SELECT count(*) FROM {read.format(a)}").fetchone()[0]
print(f"compared {rows} rows: {diff} differ")
sys.exit(1 if diff else 0)
