"""Differential test of the DuckDB SQL of `icpc compile` (without `--typed`) over columns
that DuckDB typed itself: the compiled SQL reads an integer, date or boolean column's value as
it is where that means the same as reading the column's text, so over any table it must score
every row as `icpc score` scores the table written out by DuckDB (`COPY … TO` CSV, DuckDB's
own text of each value).

    python3 adaptive.py --icpc target/debug/icpc

Three kinds of tables, for every example profile and the compiler's edge cases:

- every CSV file of the differential test (the example account lists, the messy generated
  exports, the hostile files of this folder) loaded with DuckDB's type detection
  (`read_csv`), as a user loads a CSV file: the clean columns come out typed, the messy ones
  as text;
- the typed values of `typed.py` (integers, decimals, dates, booleans, NULLs);
- the same with rows of edge values SQL holds and a CSV cell cannot mean as it is: negative
  and 19-digit integers, durations past 999999999 days, dates before year 1 and after 9999,
  `infinity`.

And the SQL compiled `--typed` over a table where one numeric, date or boolean field's column
is text must stop with a message naming the column."""

import argparse
import csv
import io
import os
import re
import sys
import tempfile

import differential
import engines
import typed

# Edge values by field type, as SQL literals (one edge row per position; NULL elsewhere).
EDGES = {
    "int": ["-1", "9223372036854775807", "999999999999999999", "0"],
    "duration": ["-1", "999999999", "1000000000", "9223372036854775807"],
    "date": ["DATE '0044-03-15 (BC)'", "DATE '12026-01-01'", "DATE 'infinity'",
             "DATE '0001-01-01'", "DATE '9999-12-31'"],
    "bool": ["TRUE", "FALSE"],
}


def score_table(icpc, con, tmp, path, name):
    """`icpc score` over the table `accounts` as DuckDB writes it."""
    out = os.path.join(tmp, "rendered.csv")
    con.execute(f"COPY accounts TO '{out}' (FORMAT csv, HEADER)")
    return differential.icpc_score(icpc, path, name, out)


def check(icpc, eng, tmp, label, path, name):
    want = score_table(icpc, eng.con, tmp, path, name)
    sql = differential.icpc_compile(icpc, path, name, "duckdb")
    got = eng.query(sql)
    rendered = eng.query("SELECT * FROM accounts")
    cells = lambda r: next((x for x in rendered if str(x["__row"]) == str(r)), None)
    return differential.compare_rows("duckdb", label, got, want, cells), len(got)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--icpc", required=True)
    args = ap.parse_args()
    failures = compared = typed_cols = 0
    with tempfile.TemporaryDirectory() as tmp:
        eng = engines.open_engine("duckdb", tmp)
        try:
            # CSV files, loaded as DuckDB loads them.
            for label, path, name, text in differential.cases():
                csv_path = os.path.join(tmp, "accounts.csv")
                with open(csv_path, "w", encoding="utf-8", newline="") as f:
                    f.write(text)
                if differential.icpc_score(args.icpc, path, name, csv_path) is None:
                    continue  # a profile with errors: differential.py covers the refusal
                eng.con.execute("DROP TABLE IF EXISTS accounts")
                eng.con.execute(
                    "CREATE TABLE accounts AS SELECT * FROM read_csv(?, header = true, "
                    "delim = ',', quote = '\"', escape = '\"', sample_size = -1)",
                    [csv_path],
                )
                # Fields the file lacks are NULL columns, as in differential.py.
                have = {c.lower() for (c,) in eng.con.execute(
                    "SELECT column_name FROM (DESCRIBE accounts)").fetchall()}
                for col in differential.schema_columns(path):
                    if col.lower() not in have:
                        q = '"' + col.replace('"', '""') + '"'
                        eng.con.execute(f"ALTER TABLE accounts ADD COLUMN {q} VARCHAR")
                        have.add(col.lower())
                typed_cols += eng.con.execute(
                    "SELECT count(*) FROM (DESCRIBE accounts) WHERE column_type <> 'VARCHAR' "
                    "AND column_name <> '__row'").fetchone()[0]
                bad, n = check(args.icpc, eng, tmp, f"{label}/detected", path, name)
                failures += bad
                compared += n
            # Typed values, then edge rows.
            files = sorted(
                os.path.join(differential.ROOT, "examples", f)
                for f in os.listdir(os.path.join(differential.ROOT, "examples"))
                if f.endswith(".icp") and f != "antipatterns.icp"
            ) + [os.path.join(os.path.dirname(os.path.abspath(__file__)), "edge.icp")]
            for k, path in enumerate(files):
                src = open(path, encoding="utf-8").read()
                names = re.findall(r"^icp\s+(\w+)", src, re.M)
                kinds, rows, _ = typed.case(path, seed=100 + k)
                eng.load_typed("accounts", kinds, rows)
                for name in names:
                    bad, n = check(args.icpc, eng, tmp,
                                   f"{os.path.basename(path)}/{name}/typed", path, name)
                    failures += bad
                    compared += n
                edge_rows = 0
                for col, kind in kinds[1:]:
                    for lit in EDGES.get(kind, []):
                        values = [str(len(rows) + edge_rows)] + [
                            lit if c == col else "NULL" for c, _ in kinds[1:]]
                        values[0] = f"'{values[0]}'"
                        eng.con.execute(f"INSERT INTO accounts VALUES ({', '.join(values)})")
                        edge_rows += 1
                if edge_rows:
                    for name in names:
                        bad, n = check(args.icpc, eng, tmp,
                                       f"{os.path.basename(path)}/{name}/edges", path, name)
                        failures += bad
                        compared += n
            # With --typed, a numeric, date or boolean field's column that DuckDB holds as
            # text stops the query with a message naming the column.
            # (edge.icp: every field is read by a rule; an unread one is not looked at.)
            path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "edge.icp")
            kinds, rows, _ = typed.case(path, seed=7)
            for col, kind in kinds[1:]:
                if kind in ("enum", "set", "text"):
                    continue
                eng.load_typed("accounts", kinds, rows)
                q = '"' + col.replace('"', '""') + '"'
                eng.con.execute(f"ALTER TABLE accounts ALTER {q} TYPE VARCHAR")
                sql = differential.icpc_compile(args.icpc, path, "edge", "duckdb",
                                                extra=("--typed",))
                try:
                    eng.query(sql)
                    problem = "ran"
                except Exception as e:  # the engine's error, whatever its class
                    want = f"{col}: the column is text; --typed reads {kind} fields"
                    problem = None if want in str(e) else f"failed otherwise: {e}"
                print(f"{'FAIL' if problem else 'ok  '} duckdb --typed over text column "
                      f"{col!r}: {problem or 'refused, naming the column'}")
                failures += 1 if problem else 0
        finally:
            eng.close()
    print(f"{compared} rows compared ({typed_cols} columns typed by DuckDB's CSV reader), "
          f"{failures} differences")
    sys.exit(1 if failures or compared == 0 or typed_cols == 0 else 0)


if __name__ == "__main__":
    main()
