"""The SQL engines the tests run for real: DuckDB in-process, PostgreSQL on a private
server in a temporary directory (started and stopped here)."""

import csv
import io
import os
import shutil
import subprocess
import time


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
        p = subprocess.run(self.as_user + cmd, input=stdin, capture_output=True, text=True)
        if p.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd[:2])} failed: {p.stderr}{p.stdout}")
        return p.stdout

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

    def query(self, sql):
        out = self.psql(f"COPY ({sql.strip().rstrip(';')}) TO STDOUT WITH (FORMAT csv, HEADER);")
        return list(csv.DictReader(io.StringIO(out)))

    def close(self):
        if self.started:
            subprocess.run(self.as_user + [_pg_bin("pg_ctl"), "-D", self.data, "-m", "fast",
                                           "-w", "stop"], capture_output=True)
            self.started = False


def open_engine(name, tmp):
    return {"duckdb": Duckdb, "postgres": Postgres}[name](tmp)
