"""Runs the hand-written SQL rubric in DuckDB: duckdb_score.py SQL INPUT.csv OUTPUT.csv"""
import sys

import duckdb

sql_path, inp, out = sys.argv[1:4]
sql = open(sql_path).read().replace("{input}", inp).replace("{output}", out)
duckdb.connect().execute(sql)
