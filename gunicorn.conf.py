"""gunicorn settings for production, chosen by bench/bench_load.py on the 2-core machine (2026-11-29).

50 closed-loop clients replaying a county visit, two runs: 3 gthread workers x 2 threads answered the most
interactions per second with the lowest median (521-622/s, p50 28-56 ms) beside 2 gthread x 4 (342-587/s,
p50 86-94 ms), 2 sync (268-274/s) and 4 sync (86-268/s); each worker holds about 345 MB. A request spends most of its time in
Python (the GIL), so threads mainly hide waiting on the network and the database, and a worker per core
plus one keeps both cores busy. Override on a bigger machine with SDPLAN_WORKERS and SDPLAN_THREADS.

Run: .venv/bin/gunicorn app:server   (gunicorn reads this file from the working directory)
"""

import os

bind = os.environ.get("SDPLAN_BIND", "0.0.0.0:8050")
worker_class = "gthread"
workers = int(os.environ.get("SDPLAN_WORKERS", (os.cpu_count() or 1) + 1))
threads = int(os.environ.get("SDPLAN_THREADS", 2))
timeout = 60  # a pack of snapshot PDFs takes about 11 s; room for a slow machine
keepalive = 5
