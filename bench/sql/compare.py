"""Checks that two scored CSV files hold the same rows in the scoring columns (as multisets).

    python3 compare.py A.csv B.csv"""

import sys

import duckdb

COLS = "score, score_max, tier, rules, unknown, disqualified_by, segments, error"
a, b = sys.argv[1:3]
con = duckdb.connect()
for x, y in ((a, b), (b, a)):
    n = con.execute(
        f"SELECT count(*) FROM (SELECT {COLS} FROM read_csv(?, all_varchar = true) "
        f"EXCEPT ALL SELECT {COLS} FROM read_csv(?, all_varchar = true))",
        [x, y],
    ).fetchone()[0]
    if n:
        sys.exit(f"{n} rows of {x} are not in {y}")
rows = con.execute("SELECT count(*) FROM read_csv(?, all_varchar = true)", [a]).fetchone()[0]
print(f"the compiled SQL and icpc score agree on all {rows:,} rows")
