"""Interactions per second under load, ours against the naive app, on gunicorn on loopback (bounded).

Closed-loop clients (threads, one keep-alive connection each) replay recorded interactions without
pause: for ours, the bodies a browser sends for a visit at county level (bench/dash_requests.py,
recorded once against the running server, so every body carries what the page held: the query, the
controls, the layer's URL, the revision drawn); for the naive app (bench/naive_app.py), its indicator
and circle changes. Each configuration runs WARM_UP + DURATION seconds and stops by itself; memory is
each worker's resident set at the end. The configurations compare worker classes and counts on this
machine; the best one is what ``gunicorn.conf.py`` uses.

``--through-nginx`` measures the deployment instead (deploy/README.md): nginx running
deploy/nginx/sdplan.conf in front of two gunicorn masters sharing one database (a fresh schema of
``SDPLAN_TEST_POSTGRES_URL`` when set, else one SQLite file), ours and the naive app, each beside one master
without nginx, all in the same run. The clients, nginx and every worker share this machine's cores.

``--rate R`` paces the clients: together they offer R interactions per second (each one its share, as a
person reading the map between clicks), so the latency is measured at that throughput rather than at
saturation, where a closed loop's latency is only the number of clients over the throughput.

Run: .venv/bin/python bench/bench_load.py [--clients 50] [--duration 10] [--rate 250] [--through-nginx]
"""

from __future__ import annotations

import argparse
import http.client
import json
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
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from dash_requests import COUNTY_VISIT, ENDPOINT, Session, map_spec

from deploy import local

GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
HEADERS = {"Content-Type": "application/json", "Accept-Encoding": "gzip, deflate, br, zstd"}  # as Chromium asks
# (name, app, gunicorn options)
CONFIGS = [
    ("ours, shipped gunicorn.conf.py (3 gthread x 2, preload)", "app:server", None),
    ("ours, 2 sync workers", "app:server", ["--workers", "2", "--worker-class", "sync"]),
    ("ours, 2 gthread workers x 4 threads", "app:server", ["--workers", "2", "--worker-class", "gthread", "--threads", "4"]),
    ("ours, 3 gthread workers x 2 threads", "app:server", ["--workers", "3", "--worker-class", "gthread", "--threads", "2"]),
    ("ours, 4 sync workers", "app:server", ["--workers", "4", "--worker-class", "sync"]),
    ("naive, 2 gthread workers x 4 threads", "naive_app:server",
     ["--workers", "2", "--worker-class", "gthread", "--threads", "4", "--chdir", str(ROOT / "bench")]),
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


def load(port: int, bodies: list[bytes], clients: int, warm_up: float, duration: float, rate: float = 0,
         master: int | None = None) -> dict:
    """Each client sends the next interaction as soon as it has its answer or, with ``rate`` (interactions
    per second offered by all clients together), at its next turn: every ``clients / rate`` seconds, phases
    spread, never catching up in a burst when an answer came late (a person reading the map between
    clicks, at a pace that adds up to ``rate``)."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    start = time.monotonic()
    measure_from, stop_at = start + warm_up, start + warm_up + duration
    interval = clients / rate if rate else 0.0

    def client(offset: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        i = offset
        mine = []
        turn = start + interval * offset / clients
        while (now := time.monotonic()) < stop_at:
            if interval:
                if turn > now:
                    time.sleep(turn - now)
                    now = time.monotonic()
                turn = max(turn + interval, now)
            try:
                status, _ = post(conn, bodies[i % len(bodies)])
            except (http.client.HTTPException, OSError):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                status = 0
            done = time.monotonic()
            if measure_from <= done <= stop_at:  # completed in the measured window
                if status == 200:
                    mine.append((done - now) * 1000)
                else:
                    errors[0] += 1
            i += 1
        with lock:
            latencies.extend(mine)

    cpu = {}

    def sample_cpu() -> None:  # the workers' CPU over the measured window only
        time.sleep(max(0.0, measure_from - time.monotonic()))
        workers = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        cpu["from"] = cpu_seconds(workers)
        time.sleep(max(0.0, stop_at - time.monotonic()))
        cpu["to"], cpu["load"] = cpu_seconds(workers), os.getloadavg()[0]

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    if master:
        threads.append(threading.Thread(target=sample_cpu))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    cpu_ms = (cpu["to"] - cpu["from"]) * 1000 / len(latencies) if master and latencies else float("nan")
    return {"rate": len(latencies) / duration, "p50": statistics.median(latencies) if latencies else float("nan"),
            "p95": latencies[int(0.95 * len(latencies))] if latencies else float("nan"), "errors": errors[0],
            "cpu_ms": cpu_ms, "load": cpu.get("load", os.getloadavg()[0])}


def run(name: str, target: str, options: list[str], env: dict, args) -> dict:
    port = free_port()
    configured = ["--bind", f"127.0.0.1:{port}"] if options is None else \
        [*options, "--bind", f"127.0.0.1:{port}", "--config", "/dev/null"]  # None: gunicorn.conf.py as shipped
    master = subprocess.Popen([GUNICORN, *configured, "--log-level", "warning", target], cwd=ROOT,
                              env={**env, "SDPLAN_BIND": f"127.0.0.1:{port}"},
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or master.poll() is not None:
                    raise RuntimeError(f"{name}: gunicorn did not start: {master.stderr.read()[-2000:]!r}") from None
                time.sleep(0.2)
        bodies = record_ours(port) if target == "app:server" else naive_bodies()
        # every worker sees every view once before measuring (the warm-up does the same under load)
        result = load(port, bodies, args.clients, args.warm_up, args.duration, args.rate, master.pid)
        result["rss"] = workers_rss_mb(master.pid)
        return result
    finally:
        master.send_signal(signal.SIGTERM)
        try:
            master.wait(timeout=30)
        except subprocess.TimeoutExpired:
            master.kill()


def run_through_nginx(target: str, options: tuple[str, ...], env: dict, args) -> dict:
    """Two gunicorn masters behind nginx (deploy/local.py); the clients talk to nginx only."""
    ports, proxy = [local.free_port(), local.free_port()], local.free_port()
    with local.app_servers(ports, env, target, options) as masters, \
            local.nginx([f"127.0.0.1:{port}" for port in ports], proxy):
        bodies = record_ours(proxy) if target == "app:server" else naive_bodies()
        result = load(proxy, bodies, args.clients, args.warm_up, args.duration, args.rate)
        result["cpu_ms"] = float("nan")  # several masters: not summed here
        result["rss"] = [size for master in masters for size in workers_rss_mb(master.pid)]
        return result


def report(name: str, r: dict) -> None:
    rss = ", ".join(f"{m:.0f}" for m in r["rss"])
    print(f"{name:<58} {r['rate']:7.1f} interactions/s   p50 {r['p50']:7.1f} ms   p95 {r['p95']:7.1f} ms"
          f"   errors {r['errors']}   workers' CPU {r['cpu_ms']:.1f} ms per interaction   RSS per worker {rss} MB"
          f"   load average {r.get('load', os.getloadavg()[0]):.1f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description="bounded load benchmark: ours against the naive app")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--warm-up", type=float, default=3.0)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--only", help="run the configurations whose name contains this")
    parser.add_argument("--rate", type=float, default=0,
                        help="interactions per second the clients offer together, paced (default: no pause)")
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
        pace = f"offering {args.rate:.0f} interactions/s together" if args.rate else "without pause"
        print(f"{args.clients} closed-loop clients on loopback ({pace}), {args.warm_up:.0f} s warm-up + {args.duration:.0f} s"
              f" measured per configuration ({os.cpu_count()} cores, shared)"
              + (f"; {'PostgreSQL' if postgres else 'SQLite'} store, nginx {local.find_nginx()}"
                 if args.through_nginx else ""))
        direct = ("ours, 3 gthread workers x 2 threads", "naive, 2 gthread workers x 4 threads")
        configs = [c for c in CONFIGS if c[0] in direct] if args.through_nginx else CONFIGS
        for name, target, options in configs:
            if args.only and args.only not in name:
                continue
            report(name + (" (no nginx)" if args.through_nginx else ""), run(name, target, options, env, args))
        if args.through_nginx:
            for name, target, options, sizes in NGINX_CONFIGS:
                if args.only and args.only not in name:
                    continue
                report(name, run_through_nginx(target, options, {**env, **sizes}, args))


if __name__ == "__main__":
    main()
