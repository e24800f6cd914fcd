"""Worker memory: each gunicorn worker's resident set at idle, once a minute under a steady load (a soak),
after exports, and idle again.

gunicorn with the shipped ``gunicorn.conf.py`` (3 gthread workers x 2 threads unless ``--workers``/``--threads``;
``preload_app`` as shipped unless ``--no-preload``), on a fresh SQLite store whose assets were built first
(scripts/build_assets.py, as an install does). Idle is when every worker's resident set has stopped growing
(sampled each second, three samples in a row within 1 MB); the soak then replays the county visit of
bench/dash_requests.py with ``--clients`` closed-loop clients for ``--minutes`` minutes, printing each worker's
resident set (RSS) after each minute; then ``--exports`` briefings and snapshots are asked for through the page's
callbacks and fetched from /exports/<token>. Beside RSS: PSS (shared pages divided among the processes sharing
them: with preload_app the workers share the master's) and the export processes' RSS. A worker that keeps
growing after the first minutes holds on to something per request.

Run: .venv/bin/python bench/bench_memory.py [--minutes 15] [--clients 10] [--exports 4] [--no-preload]
"""

from __future__ import annotations

import argparse
import http.client
import json
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
                raise RuntimeError(f"gunicorn did not start: {master.log.read_text()[-2000:]!r}") from None
            time.sleep(0.2)


@contextmanager
def throwaway_server(workers: int, threads: int, preload: bool = True, cache: str | None = None,
                     built: bool = True) -> Iterator[tuple[subprocess.Popen, int, dict]]:
    """gunicorn with the shipped gunicorn.conf.py on a fresh seeded SQLite store, its assets built (in ``cache``,
    default a fresh folder), listening on a free port: (master, port, its environment); stopped on leaving.
    ``master.started_at`` is when gunicorn was started (monotonic), after the store and assets were made.
    ``built`` False: nothing made before (a first deployment: an empty store, no assets)."""
    with tempfile.TemporaryDirectory() as folder:
        port = free_port()
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite", "PYTHONPATH": str(ROOT),
               "SDPLAN_CACHE_DIR": cache or f"{folder}/cache", "SDPLAN_WORKERS": str(workers),
               "SDPLAN_THREADS": str(threads), "SDPLAN_PRELOAD": "1" if preload else "0",
               "SDPLAN_BIND": f"127.0.0.1:{port}"}
        if built:
            subprocess.run([sys.executable, "scripts/build_assets.py"], cwd=ROOT, env=env, check=True,
                           stdout=subprocess.DEVNULL)
        master = subprocess.Popen([GUNICORN, "--log-level", "warning", "app:server"], cwd=ROOT, env=env,
                                  stdout=subprocess.DEVNULL, stderr=(Path(folder) / "gunicorn.log").open("w"))
        master.started_at, master.log = time.monotonic(), Path(folder) / "gunicorn.log"  # its log: read, never a full pipe
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


def proc_kb(pid: int | str, field: str, source: str = "status") -> float:
    """A field of /proc/<pid>/status (VmRSS) or smaps_rollup (Pss), in MB."""
    for line in Path(f"/proc/{pid}/{source}").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def children(pid: int | str) -> list[str]:
    """The process's children, started by any of its threads."""
    return [child for task in Path(f"/proc/{pid}/task").iterdir() for child in (task / "children").read_text().split()]


def memory_line(master: int) -> str:
    """Each worker's RSS and PSS, and the RSS of the export processes the workers started (if any)."""
    workers = children(master)
    rss = sorted(proc_kb(w, "VmRSS") for w in workers)
    pss = sorted(proc_kb(w, "Pss", "smaps_rollup") for w in workers)
    exporters = [proc_kb(c, "VmRSS") for w in workers for c in children(w)]  # and multiprocessing's resource tracker
    line = f"RSS per worker {', '.join(f'{m:.0f}' for m in rss)} MB (PSS {', '.join(f'{m:.0f}' for m in pss)})"
    return line + (f"; export processes {', '.join(f'{m:.0f}' for m in exporters)} MB" if exporters else "")


EXPORTS = [("brief", [("brief-button", "n_clicks", 1)], [("map-query", "data", "?indicator=urban_rail_km"),
                                                           ("brief-format", "value", "docx")],
            [("brief-button", "disabled"), ("brief-progress", "hidden")]),
           ("export", [("export-button", "n_clicks", 1)], [("map-query", "data", "?indicator=urbanization_rate"),
                                                             ("export-format", "value", "pdf"),
                                                             ("export-orientation", "value", "landscape")],
            [("export-button", "disabled"), ("export-button", "className")])]


def export_once(port: int, site: str, inputs: list, states: list, busy: list) -> float:
    """Ask for an export as the page does (its start callback), then fetch /exports/<token> once it is made;
    the seconds until the file came."""
    outputs = [(f"{site}-job", "data"), (f"{site}-poll", "disabled"), (f"{site}-notice", "children"),
               (f"{site}-file", "hidden"), *busy]
    body = {"output": ".." + "...".join(f"{i}.{p}" for i, p in outputs) + "..",
            "outputs": [{"id": i, "property": p} for i, p in outputs],
            "inputs": [{"id": i, "property": p, "value": v} for i, p, v in inputs],
            "state": [{"id": i, "property": p, "value": v} for i, p, v in states],
            "changedPropIds": [f"{inputs[0][0]}.{inputs[0][1]}"]}
    start = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    conn.request("POST", "/_dash-update-component", body=json.dumps(body), headers={"Content-Type": "application/json"})
    answer = conn.getresponse()
    token = json.loads(answer.read())["response"][f"{site}-job"]["data"]["token"]
    while True:
        conn.request("GET", f"/exports/{token}")
        response = conn.getresponse()
        content = response.read()
        if response.status == 200:
            assert content, "an empty export"
            return time.monotonic() - start
        time.sleep(0.5)


def main() -> None:
    parser = argparse.ArgumentParser(description="worker memory at idle and during a soak")
    parser.add_argument("--minutes", type=int, default=15)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--exports", type=int, default=2, help="briefings and snapshots asked for after the soak")
    parser.add_argument("--no-preload", dest="preload", action="store_false")
    parser.add_argument("--cache", help="the cache folder (built assets) to use and keep; default a fresh one")
    args = parser.parse_args()
    with throwaway_server(args.workers, args.threads, args.preload, args.cache) as (master, port, _env):
        settled_rss(master.pid, args.workers)
        print(f"{args.workers} gthread workers x {args.threads} threads ({os.cpu_count()} cores, shared), "
              f"preload_app {'on' if args.preload else 'off'}; load average {os.getloadavg()[0]:.1f}")
        print(f"idle:      {memory_line(master.pid)}", flush=True)
        bodies = record_ours(port)
        for minute in range(1, args.minutes + 1):
            result = load(port, bodies, args.clients, 0, 60)
            print(f"minute {minute:>2}: {memory_line(master.pid)}   {result['rate']:.0f} interactions/s, "
                  f"p95 {result['p95']:.0f} ms, errors {result['errors']}, load {os.getloadavg()[0]:.1f}", flush=True)
        settled_rss(master.pid, args.workers)
        print(f"idle:      {memory_line(master.pid)}", flush=True)
        if args.exports:
            seconds = [export_once(port, *EXPORTS[n % len(EXPORTS)]) for n in range(args.exports)]
            print(f"exports:   {memory_line(master.pid)}   {args.exports} exports (briefing DOCX, snapshot PDF "
                  f"alternately): {', '.join(f'{s:.1f}' for s in seconds)} s each", flush=True)
            load(port, bodies, args.clients, 0, 30)
            settled_rss(master.pid, args.workers)
            print(f"after 30 s more traffic, idle: {memory_line(master.pid)}")
        errors = [line for line in master.log.read_text().splitlines() if "Error" in line or "error" in line]
        print(f"gunicorn's log: {len(errors)} error lines" + (f", the last: {errors[-1][:300]}" if errors else ""))


if __name__ == "__main__":
    main()
