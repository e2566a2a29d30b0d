"""The `--typed` side of the compiled SQL benchmark: accounts for examples/hr-analytics.icp
drawn in DuckDB as a typed table (integers, dates, booleans; enum and set values in the
spellings a CRM uses; about a tenth of each column NULL), as a warehouse table holds them.
Writes the same rows as a CSV file for `icpc score`, then runs the SQL of `icpc compile
--target duckdb --typed` over the table, writing the scored rows with COPY, in turns with
`icpc score` on the CSV file (`turns.py`), ROUNDS times. Prints "query-median-s
icpc-median-s icpc-peak-MB duckdb-peak-MB".

    python3 duckdb_typed.py ROWS QUERY.sql ACCOUNTS_OUT.csv SCORED_OUT.csv ROUNDS ICPC ICP ICPC_OUT.csv

The query is timed alone, the table already in memory, as the text benchmark times its query
apart from the load."""

import sys

import duckdb

from turns import in_turns, own_peak_mb


def pick(seed, values):
    """One of `values` by a hash of the row and the column's seed; NULL for a tenth of rows."""
    items = ", ".join("'" + v.replace("'", "''") + "'" for v in values)
    return (f"CASE WHEN hash(i, {seed}0) % 10 = 0 THEN NULL "
            f"ELSE [{items}][(1 + hash(i, {seed}) % {len(values)})::BIGINT] END")


def num(seed, expr):
    return f"CASE WHEN hash(i, {seed}0) % 10 = 0 THEN NULL ELSE {expr} END"


columns = {
    "Billing Country": pick(1, ["US", "us", " US ", "CA", "DE", "United States"]),
    "Employees": num(2, f"(hash(i, 2) % 5000)::BIGINT"),
    "Annual Revenue": num(3, f"(hash(i, 3) % 100000000)::BIGINT"),
    "Year Founded": num(4, f"(1990 + hash(i, 4) % 36)::BIGINT"),
    "Industry": pick(5, ["SaaS", "saas", "Services", "manufacturing", "Retail", "healthcare",
                         "Public Sector", "public-sector"]),
    "HRIS": pick(6, ["Workday", "workday", "BambooHR", "bamboohr", "Rippling", "in house",
                     "In-House", "none"]),
    "Payroll": pick(7, ["ADP", "adp", "Gusto", "Paychex", "other"]),
    "BI Tools": pick(8, ["Looker", "looker; tableau", "Tableau,Mode", "Power BI", "mode",
                         "power-bi; Looker"]),
    "VP People Start Date": num(9, "DATE '2025-01-01' + (hash(i, 9) % 700)::INTEGER"),
    "VP People Engaged": num(11, "hash(i, 11) % 2 = 0"),
    "Pain Confirmed": num(12, "hash(i, 12) % 3 <> 0"),
    "Confirmed Budget": num(13, f"(hash(i, 13) % 200000)::BIGINT"),
    "Decision Timeline": num(14, f"(hash(i, 14) % 400)::BIGINT"),
}


def create(con, rows):
    """The typed table `accounts` of `rows` rows, in the connection `con`."""
    select = ", ".join(f'{expr} AS "{name}"' for name, expr in columns.items())
    con.execute(f"CREATE TABLE accounts AS SELECT {select} FROM range({rows}) t(i)")


if __name__ == "__main__":
    rows, query, accounts_csv, out = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    rounds, icpc, icp, icpc_out = int(sys.argv[5]), sys.argv[6], sys.argv[7], sys.argv[8]
    sql = open(query, encoding="utf-8").read().strip().rstrip(";")
    con = duckdb.connect()
    create(con, rows)
    con.execute(f"COPY accounts TO '{accounts_csv}' (FORMAT csv, HEADER)")
    cmd = [icpc, "score", icp, "--accounts", accounts_csv, "--out", icpc_out,
           "--as-of", "2026-11-23", "-q"]
    q, i, ipeak = in_turns(con, sql, out, cmd, rounds)
    print(f"{q:.2f} {i:.2f} {ipeak} {own_peak_mb()}")
