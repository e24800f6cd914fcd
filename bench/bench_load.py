"""Interactions per second under load, ours against the naive app, through gunicorn on loopback (bounded).

What a user meets: the map callback's request bodies captured from real Chromium on a varied visit
(bench/captured_visits.py: every indicator at its levels in both languages, circles, a slider step, a city
drilled into and back; captured from a server of their own), sent with the headers Chromium sends (brotli,
keep-alive), to gunicorn with the shipped ``gunicorn.conf.py``. Per configuration: first each body once on
a server that has drawn none of them (a view drawn for the first time), then 50 clients (threads in
``LOAD_PROCESSES`` processes, each client from its own place in the bodies) without pause (saturation) and
paced to offer 400 interactions/s together (a person reading the map between clicks; at saturation a closed
loop's latency is only the clients over the throughput). Printed beside each figure: errors, the workers'
CPU per interaction (from /proc over the measured window), the answer's bytes, each worker's resident memory
and the load average. Ours is measured as shipped (answers kept, routes/answer_cache.py) and with no answers
kept (every request drawn by the callback), and the naive app (bench/naive_app.py) in the same run.

``--through-nginx`` measures the deployment instead (deploy/README.md): nginx running
deploy/nginx/sdplan.conf in front of two gunicorn masters sharing one database (a fresh schema of
``SDPLAN_TEST_POSTGRES_URL`` when set, else one SQLite file), ours and the naive app, each beside one master
without nginx, all in the same run. The clients, nginx and every worker share this machine's cores.

Run: .venv/bin/python bench/bench_load.py [--clients 50] [--duration 10] [--rate 0 400] [--all-configs]
     [--through-nginx]
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from captured_visits import capture
from dash_requests import COUNTY_VISIT, ENDPOINT, Session, map_spec

from deploy import local

GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
HEADERS = {"Content-Type": "application/json", "Accept-Encoding": "gzip, deflate, br, zstd"}  # as Chromium asks
LOAD_PROCESSES = 4  # the clients' processes
SHIPPED = None  # gunicorn.conf.py as shipped: 3 gthread workers x 2 threads, preload
NAIVE = ("naive_app:server", ["--workers", "2", "--worker-class", "gthread", "--threads", "4",
                              "--chdir", str(ROOT / "bench")], {})
# (name, app, gunicorn options, environment): what runs by default; --all-configs adds WORKER_CONFIGS
CONFIGS = [
    ("ours, shipped gunicorn.conf.py, answers kept (as shipped)", "app:server", SHIPPED, {}),
    ("ours, shipped gunicorn.conf.py, no answers kept", "app:server", SHIPPED, {"SDPLAN_ANSWER_CACHE": "0"}),
    ("naive, 2 gthread workers x 4 threads", *NAIVE),
]
WORKER_CONFIGS = [
    ("ours, 2 sync workers", "app:server", ["--workers", "2", "--worker-class", "sync"], {}),
    ("ours, 2 gthread workers x 4 threads", "app:server", ["--workers", "2", "--worker-class", "gthread", "--threads", "4"], {}),
    ("ours, 4 sync workers", "app:server", ["--workers", "4", "--worker-class", "sync"], {}),
]
# --through-nginx: (name, app, gunicorn options, workers and threads per master); each master reads
# gunicorn.conf.py as the systemd unit starts it. The same workers and threads in all as the naive app above.
NGINX_CONFIGS = [
    ("ours via nginx, 2 masters x 2 gthread workers x 2 threads", "app:server", (),
     {"SDPLAN_WORKERS": "2", "SDPLAN_THREADS": "2"}),
    ("naive via nginx, 2 masters x 1 gthread worker x 4 threads", "naive_app:server", ("--chdir", str(ROOT / "bench")),
     {"SDPLAN_WORKERS": "1", "SDPLAN_THREADS": "4"}),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(conn: http.client.HTTPConnection, body: bytes) -> tuple[int, bytes]:
    conn.request("POST", ENDPOINT, body=body, headers=HEADERS)
    response = conn.getresponse()
    return response.status, response.read()


def record_ours(port: int) -> list[bytes]:
    """The bodies of one county visit, as the browser sends them (each from the page the previous answer left)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", "/_dash-dependencies")
    session, bodies = Session(map_spec(json.loads(conn.getresponse().read()))), []
    for trigger, value in COUNTY_VISIT:
        body = json.dumps(session.body(trigger, value)).encode()
        conn.request("POST", ENDPOINT, body=body, headers=HEADERS)
        response = conn.getresponse()
        payload = response.read()
        assert response.status == 200, payload[:300]
        session.receive(payload, response.getheader("Content-Encoding"))
        bodies.append(body)
    return bodies


def naive_bodies() -> list[bytes]:
    bodies = []
    for indicator in ("sewer_retrofit_km", "smart_city_stars", "sewer_retrofit_status"):
        for circle in ("all", "jiaodong", "lunan"):
            bodies.append(json.dumps({
                "output": "map.figure", "outputs": {"id": "map", "property": "figure"},
                "inputs": [{"id": "indicator", "property": "value", "value": indicator},
                           {"id": "circle", "property": "value", "value": circle}],
                "changedPropIds": ["circle.value"], "state": []}).encode())
    return bodies


def workers_rss_mb(master: int) -> list[float]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    sizes = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


def cpu_seconds(pids: list[str]) -> float:
    """User and system CPU seconds the processes have used (/proc/<pid>/stat), their children not included."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def _client_process(port: int, bodies: list[bytes], offsets: list[int], start: float, measure_from: float,
                    stop_at: float, interval: float, clients: int) -> tuple[list[float], int, int]:
    """One load process: a thread per client of ``offsets`` (their place in the bodies, and their phase when
    paced). Returns the latencies (ms) of answers completed in the measured window, its errors and the
    bytes of the answers as they travelled."""
    latencies: list[float] = []
    tally = [0, 0]  # errors, response bytes
    lock = threading.Lock()

    def client(offset: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        i, mine, errors, sent = offset, [], 0, 0
        turn = start + interval * offset / clients
        while (now := time.monotonic()) < stop_at:
            if interval:
                if turn > now:
                    time.sleep(turn - now)
                    now = time.monotonic()
                turn = max(turn + interval, now)
            try:
                status, payload = post(conn, bodies[i % len(bodies)])
            except (http.client.HTTPException, OSError):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                status, payload = 0, b""
            done = time.monotonic()
            if measure_from <= done <= stop_at:  # completed in the measured window
                if status == 200:
                    mine.append((done - now) * 1000)
                    sent += len(payload)
                else:
                    errors += 1
            i += 1
        with lock:
            latencies.extend(mine)
            tally[0] += errors
            tally[1] += sent

    threads = [threading.Thread(target=client, args=(n,)) for n in offsets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, tally[0], tally[1]


def load(port: int, bodies: list[bytes], clients: int, warm_up: float, duration: float, rate: float = 0,
         master: int | None = None) -> dict:
    """Each client sends the next interaction as soon as it has its answer or, with ``rate`` (interactions
    per second offered by all clients together), at its next turn: every ``clients / rate`` seconds, phases
    spread, never catching up in a burst when an answer came late (a person reading the map between
    clicks, at a pace that adds up to ``rate``). The clients run in ``LOAD_PROCESSES`` processes (one Python
    process alone cannot send much beyond a few hundred requests a second), each client starting at its own
    place in the bodies."""
    start = time.monotonic() + 2.0  # the processes started
    measure_from, stop_at = start + warm_up, start + warm_up + duration
    interval = clients / rate if rate else 0.0
    spread = max(1, len(bodies) // clients)
    groups = [[n * spread for n in range(clients)][k::LOAD_PROCESSES] for k in range(LOAD_PROCESSES)]
    cpu = {}

    def sample_cpu() -> None:  # the workers' CPU over the measured window only
        time.sleep(max(0.0, measure_from - time.monotonic()))
        workers = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        cpu["from"] = cpu_seconds(workers)
        time.sleep(max(0.0, stop_at - time.monotonic()))
        cpu["to"], cpu["load"] = cpu_seconds(workers), os.getloadavg()[0]

    sampler = threading.Thread(target=sample_cpu) if master else None
    if sampler:
        sampler.start()
    with ProcessPoolExecutor(LOAD_PROCESSES, mp_context=multiprocessing.get_context("spawn")) as pool:
        done = [f.result() for f in [pool.submit(_client_process, port, bodies, offsets, start, measure_from, stop_at,
                                                 interval, clients) for offsets in groups]]
    if sampler:
        sampler.join()
    latencies = sorted(t for group in done for t in group[0])
    answered = len(latencies)
    cpu_ms = (cpu["to"] - cpu["from"]) * 1000 / answered if master and answered else float("nan")
    return {"rate": answered / duration, "p50": statistics.median(latencies) if latencies else float("nan"),
            "p95": latencies[int(0.95 * answered)] if latencies else float("nan"),
            "errors": sum(group[1] for group in done), "cpu_ms": cpu_ms,
            "answer_bytes": sum(group[2] for group in done) / answered if answered else float("nan"),
            "load": cpu.get("load", os.getloadavg()[0])}


@contextmanager
def gunicorn(name: str, target: str, options: list[str] | None, env: dict):
    """A gunicorn master serving ``target`` on a free port (``options`` None: gunicorn.conf.py as shipped),
    stopped on leaving; yields (port, master's pid)."""
    port = free_port()
    configured = ["--bind", f"127.0.0.1:{port}"] if options is None else \
        [*options, "--bind", f"127.0.0.1:{port}", "--config", "/dev/null"]
    master = subprocess.Popen([GUNICORN, *configured, "--log-level", "warning", target], cwd=ROOT,
                              env={**env, "SDPLAN_BIND": f"127.0.0.1:{port}"},
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or master.poll() is not None:
                    raise RuntimeError(f"{name}: gunicorn did not start: {master.stderr.read()[-2000:]!r}") from None
                time.sleep(0.2)
        yield port, master.pid
    finally:
        master.send_signal(signal.SIGTERM)
        try:
            master.wait(timeout=30)
        except subprocess.TimeoutExpired:
            master.kill()


def first_pass(port: int, bodies: list[bytes]) -> dict:
    """Each body once, one after another on one keep-alive connection, to a server that has drawn none of
    them: the latency of a view drawn for the first time, and the bytes both ways."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    times, sizes = [], []
    for body in bodies:
        started = time.monotonic()
        status, payload = post(conn, body)
        times.append((time.monotonic() - started) * 1000)
        assert status == 200, payload[:300]
        sizes.append(len(payload))
    times.sort()
    return {"p50": statistics.median(times), "p95": times[int(0.95 * len(times))],
            "request_bytes": statistics.median(len(b) for b in bodies), "answer_bytes": statistics.median(sizes)}


def run(name: str, target: str, options: list[str] | None, env: dict, bodies: list[bytes], args) -> None:
    """The configuration's first pass (ours) and its load at each rate asked, each reported as it ends."""
    with gunicorn(name, target, options, env) as (port, master):
        if target == "app:server":
            report_first_pass(name, first_pass(port, bodies))
        else:
            bodies = naive_bodies()
        for rate in args.rate:
            result = load(port, bodies, args.clients, args.warm_up, args.duration, rate, master)
            result["rss"] = workers_rss_mb(master)
            report(name, rate, result)


def captured(env: dict) -> list[bytes]:
    """The bodies Chromium sends on a varied visit (bench/captured_visits.py), captured from a server of
    their own (so no server measured has seen them before)."""
    started = time.monotonic()
    with gunicorn("capture", "app:server", SHIPPED, env) as (port, _):
        bodies = capture(f"http://127.0.0.1:{port}")
    print(f"captured {len(bodies)} map requests from Chromium ({len(set(bodies))} distinct; a visit of every indicator "
          f"at its levels in both languages: circles, a slider step, a city drilled into and back) in "
          f"{time.monotonic() - started:.0f} s", flush=True)
    return bodies


def run_through_nginx(name: str, target: str, options: tuple[str, ...], env: dict, bodies: list[bytes],
                      args) -> None:
    """Two gunicorn masters behind nginx (deploy/local.py); the clients talk to nginx only."""
    ports, proxy = [local.free_port(), local.free_port()], local.free_port()
    with local.app_servers(ports, env, target, options) as masters, \
            local.nginx([f"127.0.0.1:{port}" for port in ports], proxy):
        bodies = bodies if target == "app:server" else naive_bodies()
        for rate in args.rate:
            result = load(proxy, bodies, args.clients, args.warm_up, args.duration, rate)
            result["cpu_ms"] = float("nan")  # several masters: not summed here
            result["rss"] = [size for master in masters for size in workers_rss_mb(master.pid)]
            report(name, rate, result)


def report_first_pass(name: str, r: dict) -> None:
    print(f"{name:<62} first time each view: p50 {r['p50']:6.1f} ms  p95 {r['p95']:6.1f} ms   request "
          f"{r['request_bytes']:.0f} B, answer {r['answer_bytes']:.0f} B (brotli), median   load average "
          f"{os.getloadavg()[0]:.1f}", flush=True)


def report(name: str, rate: float, r: dict) -> None:
    rss = ", ".join(f"{m:.0f}" for m in r["rss"])
    pace = f"offered {rate:.0f}/s" if rate else "no pause"
    print(f"{name:<62} {pace:<13} {r['rate']:7.1f} interactions/s   p50 {r['p50']:7.1f} ms   p95 {r['p95']:7.1f} ms"
          f"   errors {r['errors']}   workers' CPU {r['cpu_ms']:.2f} ms per interaction   answer "
          f"{r['answer_bytes']:.0f} B   RSS per worker {rss} MB   load average {r['load']:.1f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description="bounded load benchmark: ours against the naive app")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--warm-up", type=float, default=3.0)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--only", help="run the configurations whose name contains this")
    parser.add_argument("--rate", type=float, nargs="+", default=[0, 400],
                        help="interactions per second the clients offer together, paced; 0: no pause (default: 0 400)")
    parser.add_argument("--all-configs", action="store_true", help="also other worker classes and counts")
    parser.add_argument("--through-nginx", action="store_true",
                        help="two gunicorn masters behind nginx (deploy/nginx/sdplan.conf), beside one without")
    args = parser.parse_args()
    postgres = os.environ.get("SDPLAN_TEST_POSTGRES_URL") if args.through_nginx else None
    with ExitStack() as stack:
        if postgres:
            url = stack.enter_context(local.fresh_schema(postgres, "bench"))
        else:
            url = f"sqlite:///{stack.enter_context(tempfile.TemporaryDirectory())}/bench.sqlite"
        env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
        if args.through_nginx:  # what every server of a deployment shares
            env = {**local.server_env(url, secrets.token_hex(32)), "PYTHONPATH": str(ROOT)}
        subprocess.run([sys.executable, "scripts/build_assets.py"], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)  # migrated, seeded and the assets built once, as an install does
        print(f"{args.clients} closed-loop clients in {LOAD_PROCESSES} processes on loopback, {args.warm_up:.0f} s "
              f"warm-up + {args.duration:.0f} s measured per rate; brotli, keep-alive, as Chromium asks "
              f"({os.cpu_count()} cores, shared by the clients and the servers)"
              + (f"; {'PostgreSQL' if postgres else 'SQLite'} store, nginx {local.find_nginx()}"
                 if args.through_nginx else ""), flush=True)
        bodies = captured(env)
        configs = CONFIGS + (WORKER_CONFIGS if args.all_configs else [])
        if args.through_nginx:
            configs = [c for c in CONFIGS if "answers kept (as shipped)" in c[0] or c[1] == NAIVE[0]]
        for name, target, options, extra in configs:
            if args.only and args.only not in name:
                continue
            run(name + (" (no nginx)" if args.through_nginx else ""), target, options, {**env, **extra}, bodies, args)
        if args.through_nginx:
            for name, target, options, sizes in NGINX_CONFIGS:
                if args.only and args.only not in name:
                    continue
                run_through_nginx(name, target, options, {**env, **sizes}, bodies, args)


if __name__ == "__main__":
    main()
