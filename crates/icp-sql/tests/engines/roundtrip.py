"""Runs `SELECT <literal> AS <identifier>` statements on a real engine and reports the column
name and value each one produced, for the encoder round-trip test.

Reads {"engine": "duckdb"|"postgres"|"spark", "statements": ["SELECT …", …]} on standard input and
writes [[name, value], …] as JSON."""

import csv
import io
import json
import sys
import tempfile

import engines


def main():
    req = json.load(sys.stdin)
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        eng = engines.open_engine(req["engine"], tmp)
        try:
            if req["engine"] == "postgres":
                script = "".join(
                    f"COPY ({s}) TO STDOUT WITH (FORMAT csv, HEADER);\n" for s in req["statements"]
                )
                rows = list(csv.reader(io.StringIO(eng.psql(script))))
                for i in range(0, len(rows), 2):
                    out.append([rows[i][0], rows[i + 1][0]])
            elif req["engine"] == "spark":
                # One job for all: the select lists joined into one statement (a Spark job
                # per statement takes the better part of a second).
                lists = [s[len("SELECT "):] for s in req["statements"]]
                assert all(s.startswith("SELECT ") for s in req["statements"])
                df = eng.spark.sql("SELECT " + ", ".join(lists))
                row = tuple(df.collect()[0])
                out.extend([n, v] for n, v in zip(df.columns, row))
            else:
                for s in req["statements"]:
                    cur = eng.con.execute(s)
                    out.append([cur.description[0][0], cur.fetchone()[0]])
        finally:
            eng.close()
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
