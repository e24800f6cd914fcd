"""What an import costs readers: map interactions' latency before an import and in the seconds after it.

gunicorn (3 gthread workers x 2 threads, as ``gunicorn.conf.py``) on a fresh SQLite store; ``--clients`` clients
replay the county visit (bench/dash_requests.py), paced to offer ``--rate`` interactions per second together. After
``--before`` seconds of steady state one batch is imported by a process of its own, as the command line does; the
clients go on for ``--after`` seconds after its commit. Printed: p50 and p95 of the steady state, while the import
process runs (it competes for the cores), the first 5 s after its commit (every worker reads the new revision and
draws each view anew at it), and the rest.

Run: .venv/bin/python bench/bench_import_load.py [--clients 20] [--rate 100] [--before 15] [--after 15]
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_load import post, record_ours  # noqa: E402
from bench_memory import settled_rss, throwaway_server  # noqa: E402

AFTER_WINDOW = 5.0


def summary(latencies: list[float]) -> str:
    if not latencies:
        return "no requests"
    ordered = sorted(latencies)
    return (f"p50 {statistics.median(ordered):6.0f} ms   p95 {ordered[int(0.95 * len(ordered))]:6.0f} ms   "
            f"({len(ordered)} interactions)")


def import_one_batch(env: dict) -> float:
    """Import a batch as the command line does (its own process); the time its commit returned."""
    script = ("from sdplan.store.db import open_store\nfrom sdplan.store.auth import add_user, get_user\n"
              "from sdplan.intake.figure_files import parse_import\n"
              "from sdplan.store.imports import apply_import, preview_import\n"
              "e = open_store(); u = get_user(e, 'bench') or add_user(e, 'bench', 'bench-password', is_admin=True)\n"
              "p = preview_import(e, parse_import(b'adcode,period,value\\n370100,2024,12.5\\n', 'b.csv', "
              "'urban_rail_km'), u)\napply_import(e, p, u)\n")
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True)
    return time.monotonic()


def main() -> None:
    parser = argparse.ArgumentParser(description="map latency around an import")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--rate", type=float, default=100)
    parser.add_argument("--before", type=float, default=15)
    parser.add_argument("--after", type=float, default=15)
    args = parser.parse_args()
    with throwaway_server(3, 2) as (master, port, env):
        settled_rss(master.pid, 3)
        bodies = record_ours(port)
        samples: list[tuple[float, float]] = []  # (when sent, latency ms)
        lock, start, stop = threading.Lock(), time.monotonic(), threading.Event()
        interval = args.clients / args.rate

        def client(offset: int) -> None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            turn, i = start + offset * interval / args.clients, offset
            while not stop.is_set():
                time.sleep(max(0.0, turn - time.monotonic()))
                sent = time.monotonic()
                status, _ = post(conn, bodies[i % len(bodies)])
                if status == 200:
                    with lock:
                        samples.append((sent, (time.monotonic() - sent) * 1000))
                turn, i = turn + interval, i + 1

        threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
        for thread in threads:
            thread.start()
        time.sleep(max(0.0, start + args.before - time.monotonic()))
        began = time.monotonic()
        imported = import_one_batch(env)
        time.sleep(args.after)
        stop.set()
        for thread in threads:
            thread.join()
        warm = start + 3  # the first seconds draw every view once per worker
        print(f"{args.clients} clients offering {args.rate:.0f} interactions/s, 3 gthread workers x 2 threads "
              f"({os.cpu_count()} cores, shared); the import (its own process) took {imported - began:.1f} s")
        print(f"steady state:           {summary([ms for t, ms in samples if warm <= t < began])}")
        print(f"while importing:        {summary([ms for t, ms in samples if began <= t < imported])}")
        print(f"first {AFTER_WINDOW:.0f} s after import: "
              f"{summary([ms for t, ms in samples if imported <= t < imported + AFTER_WINDOW])}")
        print(f"later:                  {summary([ms for t, ms in samples if t >= imported + AFTER_WINDOW])}")


if __name__ == "__main__":
    main()
