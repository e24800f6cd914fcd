"""Which brotli level for the dashboard's dynamic answers (callbacks): bytes and CPU per answer, per level.

The answers are the map page's real ones: the county visit of bench/dash_requests.py replayed in-process
(bodies as the browser sends them), each answer's JSON then compressed at brotli levels 1-7 (and gzip 6, what
a browser without brotli gets), timed over repeats (median per answer, summed over the visit). The level is
``COMPRESS_BR_LEVEL`` in app.py.

Run: .venv/bin/python bench/bench_compression.py
"""

from __future__ import annotations

import gzip
import os
import statistics
import sys
import time
from pathlib import Path

import brotli

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from dash_requests import COUNTY_VISIT, ENDPOINT, Session, map_spec  # noqa: E402

from app import app  # noqa: E402

REPEAT = 30


def answers() -> list[bytes]:
    client = app.server.test_client()
    session, found = Session(map_spec(client.get("/_dash-dependencies").get_json())), []
    for trigger, value in COUNTY_VISIT:
        response = client.post(ENDPOINT, json=session.body(trigger, value))  # no Accept-Encoding: the raw JSON
        assert response.status_code == 200, response.data[:300]
        session.receive(response.data, None)
        found.append(response.data)
    return found


def cost(compress, datas: list[bytes]) -> tuple[int, float]:
    """(bytes of the visit's answers, median ms per answer summed over the visit)."""
    total_ms = 0.0
    for data in datas:
        times = []
        for _ in range(REPEAT):
            start = time.perf_counter()
            compress(data)
            times.append((time.perf_counter() - start) * 1000)
        total_ms += statistics.median(times)
    return sum(len(compress(d)) for d in datas), total_ms / len(datas)


def main() -> None:
    datas = answers()
    raw = sum(map(len, datas))
    print(f"{len(datas)} answers of the county visit, {raw / len(datas) / 1024:.1f} KiB of JSON each on average; "
          f"load average {os.getloadavg()[0]:.1f}")
    ways = [(f"brotli {q}", lambda d, q=q: brotli.compress(d, quality=q)) for q in range(1, 8)]
    ways.append(("gzip 6", lambda d: gzip.compress(d, compresslevel=6)))
    for name, compress in ways:
        size, ms = cost(compress, datas)
        print(f"{name:9s} {size / len(datas) / 1024:6.2f} KiB per answer ({size / raw:5.1%}), {ms:.3f} ms CPU per answer")


if __name__ == "__main__":
    main()
