"""The SQL engines the tests run for real: DuckDB in-process, PostgreSQL on a private
server in a temporary directory (started and stopped here)."""

import csv
import io
import os
import shutil
import subprocess
import sys
import time


# Column types of a typed table (`icpc compile --typed`), by schema field type.
SQL_TYPES = {"text": "VARCHAR", "enum": "VARCHAR", "set": "VARCHAR", "int": "BIGINT",
             "duration": "BIGINT", "bool": "BOOLEAN", "date": "DATE",
             "number": "DECIMAL(38,10)", "money": "DECIMAL(38,10)", "percent": "DECIMAL(38,10)"}
PG_TYPES = {"text": "TEXT", "enum": "TEXT", "set": "TEXT"}


class Duckdb:
    target = "duckdb"

    def __init__(self, tmp):
        import duckdb

        self.con = duckdb.connect()

    def load(self, table, header, rows):
        cols = ", ".join('"' + h.replace('"', '""') + '" VARCHAR' for h in header)
        self.con.execute(f'DROP TABLE IF EXISTS "{table}"')
        self.con.execute(f'CREATE TABLE "{table}" ({cols})')
        if rows:
            marks = ", ".join("?" for _ in header)
            self.con.executemany(f'INSERT INTO "{table}" VALUES ({marks})', rows)

    def load_typed(self, table, kinds, rows):
        cols = ", ".join('"' + c.replace('"', '""') + '" ' + SQL_TYPES[k] for c, k in kinds)
        self.con.execute(f'DROP TABLE IF EXISTS "{table}"')
        self.con.execute(f'CREATE TABLE "{table}" ({cols})')
        marks = ", ".join("?" for _ in kinds)
        self.con.executemany(f'INSERT INTO "{table}" VALUES ({marks})', rows)

    def query(self, sql):
        cur = self.con.execute(sql)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    def scalar(self, sql, params=()):
        return self.con.execute(sql, params).fetchone()[0]

    def close(self):
        self.con.close()


def _pg_bin(name):
    found = shutil.which(name)
    if found:
        return found
    for v in ("17", "16", "15", "14", "13"):
        p = f"/usr/lib/postgresql/{v}/bin/{name}"
        if os.path.exists(p):
            return p
    raise SystemExit(f"PostgreSQL's {name} is not installed (scripts/install-sql.sh installs it)")


class Postgres:
    """A server of our own: initdb in a temporary directory, a private port and socket,
    run as the `postgres` user when we are root (the server refuses root)."""

    target = "postgres"

    def __init__(self, tmp):
        self.dir = os.path.join(tmp, "pg")
        os.makedirs(self.dir)
        self.as_user = []
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
            os.chmod(tmp, 0o755)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.data = os.path.join(self.dir, "data")
        self.port = str(20000 + os.getpid() % 20000)
        self.run([_pg_bin("initdb"), "-D", self.data, "-U", "icp", "-E", "UTF8",
                  "--locale=C.UTF-8", "-A", "trust"])
        self.run([_pg_bin("pg_ctl"), "-D", self.data, "-l", os.path.join(self.dir, "log"),
                  "-o", f"-p {self.port} -k {self.dir} -c listen_addresses=''", "-w", "start"])
        self.started = True

    def run(self, cmd, stdin=None):
        # Bytes, decoded by hand: text mode would turn a CR inside a value into a line feed.
        p = subprocess.run(self.as_user + cmd, input=None if stdin is None else stdin.encode(),
                           capture_output=True)
        out, err = p.stdout.decode("utf-8"), p.stderr.decode("utf-8", "replace")
        if p.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd[:2])} failed: {err}{out}")
        return out

    def psql(self, sql):
        return self.run([_pg_bin("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", self.dir,
                         "-p", self.port, "-U", "icp", "-d", "postgres", "-f", "-"], stdin=sql)

    def load(self, table, header, rows):
        q = lambda h: '"' + h.replace('"', '""') + '"'
        cols = ", ".join(q(h) + " TEXT" for h in header)
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        for r in rows:
            w.writerow(["" if c is None else c for c in r])
        self.psql(f"DROP TABLE IF EXISTS {q(table)}; CREATE TABLE {q(table)} ({cols});\n"
                  f"COPY {q(table)} FROM STDIN WITH (FORMAT csv);\n{buf.getvalue()}\\.\n")

    def load_typed(self, table, kinds, rows):
        q = lambda h: '"' + h.replace('"', '""') + '"'
        cols = ", ".join(q(c) + " " + PG_TYPES.get(k, SQL_TYPES[k]) for c, k in kinds)
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        for r in rows:
            w.writerow(["" if c is None else ("t" if c is True else "f" if c is False else c)
                        for c in r])
        self.psql(f"DROP TABLE IF EXISTS {q(table)}; CREATE TABLE {q(table)} ({cols});\n"
                  f"COPY {q(table)} FROM STDIN WITH (FORMAT csv);\n{buf.getvalue()}\\.\n")

    def query(self, sql):
        out = self.psql(f"COPY ({sql.strip().rstrip(';')}) TO STDOUT WITH (FORMAT csv, HEADER);")
        return list(csv.DictReader(io.StringIO(out)))

    def close(self):
        if self.started:
            subprocess.run(self.as_user + [_pg_bin("pg_ctl"), "-D", self.data, "-m", "fast",
                                           "-w", "stop"], capture_output=True)
            self.started = False


class Spark:
    """Spark SQL in local mode (pyspark on a Java 17 runtime), one session for the run."""

    target = "spark"

    def __init__(self, tmp):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        from pyspark.sql import SparkSession

        self.spark = (
            SparkSession.builder.master("local[1]")
            .appName("icpc-compile-test")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "1")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.driver.memory", "1g")
            .config("spark.local.dir", tmp)
            .config("spark.sql.warehouse.dir", os.path.join(tmp, "warehouse"))
            .getOrCreate()
        )
        self.spark.sparkContext.setLogLevel("ERROR")

    def load(self, table, header, rows):
        from pyspark.sql.types import StringType, StructField, StructType

        schema = StructType([StructField(h, StringType(), True) for h in header])
        df = self.spark.createDataFrame([tuple(r) for r in rows], schema)
        df.createOrReplaceTempView(table)

    def load_typed(self, table, kinds, rows):
        from pyspark.sql import types as T

        spark_types = {"text": T.StringType(), "enum": T.StringType(), "set": T.StringType(),
                       "int": T.LongType(), "duration": T.LongType(), "bool": T.BooleanType(),
                       "date": T.DateType(), "number": T.DecimalType(38, 10),
                       "money": T.DecimalType(38, 10), "percent": T.DecimalType(38, 10)}
        schema = T.StructType([T.StructField(c, spark_types[k], True) for c, k in kinds])
        self.spark.createDataFrame([tuple(r) for r in rows], schema).createOrReplaceTempView(table)

    def query(self, sql):
        df = self.spark.sql(sql.strip().rstrip(";"))
        names = df.columns
        return [dict(zip(names, tuple(r))) for r in df.collect()]

    def close(self):
        self.spark.stop()


def open_engine(name, tmp):
    return {"duckdb": Duckdb, "postgres": Postgres, "spark": Spark}[name](tmp)
