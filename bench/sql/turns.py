"""The two sides of the compiled SQL benchmark measured in turns: each round runs the query in
DuckDB (`COPY … TO` a CSV file) and then `icpc score` on the same accounts, so both see the
same machine; the medians of the rounds are reported."""

import os
import resource
import statistics
import subprocess
import tempfile
import time


def in_turns(con, sql, scored_out, icpc_cmd, rounds):
    """(query median s, icpc median s, icpc peak MB) over `rounds` rounds."""
    query, icpc, peak_kb = [], [], 0
    fd, timing = tempfile.mkstemp()
    os.close(fd)
    try:
        for _ in range(rounds):
            t0 = time.perf_counter()
            con.execute(f"COPY ({sql}) TO '{scored_out}' (FORMAT csv, HEADER)")
            query.append(time.perf_counter() - t0)
            # The peak memory by /usr/bin/time, whose child is icpc alone (this process's own
            # children would count the memory of the fork before icpc starts).
            t0 = time.perf_counter()
            p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", timing] + icpc_cmd,
                               stderr=subprocess.DEVNULL)
            icpc.append(time.perf_counter() - t0)
            # Exit 1 means some rows are errors, which the benchmark data may have.
            if p.returncode not in (0, 1):
                raise SystemExit(f"icpc score failed: exit {p.returncode}")
            with open(timing, encoding="utf-8") as f:
                peak_kb = max(peak_kb, int(f.read().split()[-1]))
    finally:
        os.unlink(timing)
    return statistics.median(query), statistics.median(icpc), peak_kb // 1024


def own_peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
