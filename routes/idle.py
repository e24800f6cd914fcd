"""Work done beside the server's answers, on CPU time they do not want."""

from __future__ import annotations

import contextlib
import os


def when_idle() -> None:
    """Let the calling thread run only on CPU time nothing else wants (Linux's SCHED_IDLE; on Linux a thread has
    its own scheduling, and the threads it starts inherit it). Brotli 11 made beside a first visit (the workers'
    background compression, ``routes.precompress``; the asset builder, ``scripts/build_assets.py``) must not slow
    the visit's own answers: on the 2-core machine, a first deployment's first page, whose files its workers and
    the builder were all compressing at the default priority, drew its map at 1.2-1.5 s, against 0.6-0.9 s once
    the files were made. Imports nothing heavy: the builder calls it before importing the app."""
    with contextlib.suppress(AttributeError, OSError):  # not Linux, or refused: at the default priority, as before
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
