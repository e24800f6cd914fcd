"""Worker memory: each gunicorn worker's resident set at idle, then once a minute under a steady load (a soak).

gunicorn as ``gunicorn.conf.py`` runs it (3 gthread workers x 2 threads unless ``--workers``/``--threads``), on a
fresh SQLite store. Idle is when every worker's resident set has stopped growing (sampled each second, three
samples in a row within 1 MB); the soak then replays the county visit of bench/dash_requests.py with
``--clients`` closed-loop clients for ``--minutes`` minutes, printing each worker's resident set after each minute.
A worker that keeps growing after the first minutes holds on to something per request.

Run: .venv/bin/python bench/bench_memory.py [--minutes 15] [--clients 10]
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_load import GUNICORN, free_port, load, record_ours, workers_rss_mb  # noqa: E402


def wait_listening(port: int, master: subprocess.Popen) -> None:
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if master.poll() is not None:
                raise RuntimeError(f"gunicorn did not start: {master.stderr.read()[-2000:]!r}") from None
            time.sleep(0.2)


@contextmanager
def throwaway_server(workers: int, threads: int) -> Iterator[tuple[subprocess.Popen, int, dict]]:
    """gunicorn on a fresh seeded SQLite store and cache in a temporary folder, listening on a free port:
    (master, port, its environment); stopped on leaving."""
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite", "PYTHONPATH": str(ROOT),
               "SDPLAN_CACHE_DIR": f"{folder}/cache"}
        subprocess.run([sys.executable, "-c", "from sdplan.store.db import open_store; open_store()"], cwd=ROOT,
                       env=env, check=True)
        port = free_port()
        master = subprocess.Popen([GUNICORN, "--workers", str(workers), "--threads", str(threads),
                                   "--worker-class", "gthread", "--bind", f"127.0.0.1:{port}", "--config", "/dev/null",
                                   "--log-level", "warning", "app:server"], cwd=ROOT, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            wait_listening(port, master)
            yield master, port, env
        finally:
            master.send_signal(signal.SIGTERM)
            try:
                master.wait(timeout=30)
            except subprocess.TimeoutExpired:
                master.kill()


def settled_rss(master: int, workers: int) -> list[float]:
    """Each worker's resident set once all have started and none grows (three samples within 1 MB)."""
    history: list[list[float]] = []
    while True:
        sizes = sorted(workers_rss_mb(master))
        history = [*history[-2:], sizes]
        if len(sizes) == workers and len(history) == 3 and all(
                len(h) == workers and max(abs(a - b) for a, b in zip(h, sizes, strict=True)) < 1 for h in history):
            return sizes
        time.sleep(1)


def main() -> None:
    parser = argparse.ArgumentParser(description="worker memory at idle and during a soak")
    parser.add_argument("--minutes", type=int, default=15)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    with throwaway_server(args.workers, args.threads) as (master, port, _env):
        idle = settled_rss(master.pid, args.workers)
        print(f"{args.workers} gthread workers x {args.threads} threads ({os.cpu_count()} cores, shared)")
        print(f"idle:      RSS per worker {', '.join(f'{m:.0f}' for m in idle)} MB", flush=True)
        bodies = record_ours(port)
        for minute in range(1, args.minutes + 1):
            result = load(port, bodies, args.clients, 0, 60)
            sizes = sorted(workers_rss_mb(master.pid))
            print(f"minute {minute:>2}: RSS per worker {', '.join(f'{m:.0f}' for m in sizes)} MB   "
                  f"{result['rate']:.0f} interactions/s, p95 {result['p95']:.0f} ms, errors {result['errors']}",
                  flush=True)
        print(f"after:     RSS per worker {', '.join(f'{m:.0f}' for m in settled_rss(master.pid, args.workers))} MB"
              " (idle again)")


if __name__ == "__main__":
    main()
