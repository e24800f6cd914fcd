"""Exports off the request threads: a file is made in a separate process and fetched by a random token.

:func:`start` opens a row in the store (:mod:`sdplan.store.exports`) and hands the work to this process's
export process (one per dashboard worker, started on the first export, ended after :data:`IDLE_SECONDS`
without one); the export process makes the file (:mod:`sdplan.exports.files`, where matplotlib, python-docx
and openpyxl are imported: a worker never holds them) and stores it. :func:`state` says how it goes, from any
worker or server on the same store, and ``/exports/<token>`` (routes/exports.py) hands the file out.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from concurrent.futures import Future, ProcessPoolExecutor

from ..store.db import database_url, get_engine
from ..store.exports import export_state, fail_export, finish_export, open_export
from .made import Made, Refused

log = logging.getLogger(__name__)
__all__ = ["Made", "Refused", "Runner", "start", "state"]
IDLE_SECONDS = 300.0  # the export process (and the libraries it imported) goes after this long without work


def make(url: str, token: str, kind: str, params: dict) -> None:
    """In the export process: make the file of ``kind`` and store it (or why not) under ``token``."""
    from .files import MAKERS

    engine = get_engine(url)
    try:
        made = MAKERS[kind](**params)
    except Refused as exc:
        fail_export(engine, token, str(exc))
        return
    finish_export(engine, token, made.filename, made.media_type, made.content)


class Runner:
    """One export process at a time for this worker: exports queue behind each other, never behind requests."""

    def __init__(self, idle_seconds: float = IDLE_SECONDS) -> None:
        self.idle_seconds = idle_seconds
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._busy = 0
        self._timer: threading.Timer | None = None

    def submit(self, token: str, kind: str, params: dict, failed: str) -> Future:
        """Make the file in the export process; ``failed`` is stored when the process itself dies."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._pool is None:  # spawn: a fork of a threaded worker could inherit a held lock
                self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
            self._busy += 1
            pool = self._pool
        future = pool.submit(make, database_url(), token, kind, params)
        future.add_done_callback(lambda done: self._finished(done, token, failed, pool))
        return future

    def _finished(self, future: Future, token: str, failed: str, pool: ProcessPoolExecutor) -> None:
        error = future.exception()
        if error is not None:  # the process died or the store failed: say so instead of running for ever
            log.error("export %s failed: %r", token[:6], error)
            try:
                fail_export(get_engine(), token, failed)
            except Exception:  # noqa: BLE001 - the store is gone too; the page stops waiting when the row expires
                log.exception("could not record the failed export")
        with self._lock:
            self._busy -= 1
            if error is not None and self._pool is pool:  # a broken pool takes no more work: start afresh
                self._pool = None
                pool.shutdown(wait=False, cancel_futures=True)
            if self._busy == 0 and self._pool is not None:
                self._timer = threading.Timer(self.idle_seconds, self.close_if_idle)
                self._timer.daemon = True
                self._timer.start()

    def close_if_idle(self) -> None:
        """End the export process if nothing is waiting (its memory goes back to the system)."""
        with self._lock:
            if self._busy or self._pool is None:
                return
            pool, self._pool = self._pool, None
        pool.shutdown(wait=True)

    @property
    def running(self) -> bool:
        """Whether an export process is alive."""
        return self._pool is not None


RUNNER = Runner()


def start(kind: str, params: dict, failed: str) -> str:
    """Start making a file of ``kind`` (a key of :data:`sdplan.exports.files.MAKERS`) from ``params``; its token."""
    token = open_export(get_engine())
    RUNNER.submit(token, kind, params, failed)
    return token


def state(token: str) -> dict | None:
    """{status: running | done | failed, file_name, message, ...} of the export, or None (unknown, expired)."""
    return export_state(get_engine(), token)
