"""gunicorn settings for production, chosen by bench/bench_load.py on the 2-core machine.

2026-11-29, 50 clients replaying a county visit: offering 400 interactions/s together every configuration
answered all with p95 under 10 ms; without pause 2 sync 563/s, 3 gthread x 2 529/s, 4 sync 505/s, 2 gthread
x 4 302/s. Sync workers saturate as well, but a sync worker is blocked for the whole of a slow request, so 3
gthread workers (one per core plus one) x 2 threads. 2026-12-06, with the map's answers kept as sent and the
requests Chromium sends on a varied visit (bench/README.md): 1,554 interactions/s without pause, p95 3.5 ms at
400/s, 1.0-1.5 ms of the workers' CPU per interaction, 178-181 MB per worker. Override on a bigger machine with
SDPLAN_WORKERS and SDPLAN_THREADS.

Run: .venv/bin/gunicorn app:server   (gunicorn reads this file from the working directory)
"""

from sdplan.settings import load_settings

_settings = load_settings()
bind = _settings.bind
worker_class = "gthread"
workers = _settings.workers
threads = _settings.threads
timeout = 60  # exports run in a process of their own (sdplan.exports); room for a slow machine
keepalive = 5
# Start up once in the master (store checked, dataset and search options read, modules imported, then frozen out
# of the garbage collector) and fork the workers from it: they share those pages copy-on-write and answer at
# once. A code update then needs a restart (HUP re-forks the loaded code). SDPLAN_PRELOAD=0 turns it off.
preload_app = _settings.preload


_builder = []  # the process making the assets, while it runs


def when_ready(_server: object) -> None:
    """Answering now: the first view's brotli-11 files and the PDF fonts are made in a process of their own on idle
    CPU time (scripts/build_assets.py; quick when made), not before the start: a first start answers in seconds."""
    from app import build_assets_later

    _builder.append(build_assets_later())


def on_exit(_server: object) -> None:
    """A stop ends the assets' process too if it is still at work (the next start carries on from what it made)."""
    for process in _builder:
        process.terminate()


def post_fork(_server: object, _worker: object) -> None:
    """Each worker gets its own database connections (none inherited from the master)."""
    from sdplan.store.db import after_fork

    after_fork()
