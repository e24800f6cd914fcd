"""A lost database is said once, not a traceback per request: what counts as an outage, and its log lines.

:func:`is_outage` tells an unreachable, frozen or overloaded database (no connection, a timeout, a
dropped connection, SQLite's file gone or locked too long) from a bug. :func:`failed` logs one warning
when this process first sees the database fail, and :func:`answered` one line when it answers again;
in between nothing more is logged, however many requests fail.
"""

from __future__ import annotations

import logging
import threading
import time

from sqlalchemy import exc as sa

log = logging.getLogger(__name__)
_lock = threading.Lock()
_since: list[float] = []  # when this process saw the database fail; empty while it answers
_tried: list[float] = []  # during an outage: when a request last asked the database
RETRY_SECONDS = 2.0


class StoreUnavailable(RuntimeError):
    """The database cannot be reached now (and there is nothing read before to serve instead)."""


def is_outage(error: BaseException) -> bool:
    """Whether ``error`` says the database is unreachable or not answering (rather than a bug)."""
    if isinstance(error, StoreUnavailable | sa.TimeoutError):
        return True
    if isinstance(error, sa.DBAPIError):
        return error.connection_invalidated or isinstance(error, sa.OperationalError | sa.InterfaceError)
    return False


def failed(error: BaseException) -> None:
    """Note an outage: logged once, when it starts (in this process)."""
    with _lock:
        if _since:
            return
        _since.append(time.monotonic())
        _tried[:] = _since  # the failed request was this outage's first attempt
    cause = getattr(error, "orig", None) or error
    said = str(cause).strip()
    log.warning("database unavailable (%s: %s); serving the last data read until it answers",
                type(cause).__name__, said.splitlines()[0][:200] if said else "no message")


def answered() -> None:
    """Note that the database answered: logged once, when an outage ends."""
    if not _since:  # the usual case, without taking the lock
        return
    with _lock:
        if not _since:
            return
        began = _since.pop()
    log.warning("database available again after %.0f s", time.monotonic() - began)


def may_try() -> bool:
    """Whether to ask the database now: always while it answers; during an outage, one caller every
    :data:`RETRY_SECONDS` (the others are served what was read before, without waiting on a timeout)."""
    if not _since:
        return True
    with _lock:
        now = time.monotonic()
        if _tried and now - _tried[0] < RETRY_SECONDS:
            return False
        _tried[:] = [now]
        return True


def down() -> bool:
    """Whether this process is in an outage (it saw the database fail and not answer since)."""
    return bool(_since)
