"""Open the store: the database URL, one engine per URL, migrations and first-start seeding.

``DATABASE_URL`` selects the database (``postgresql+psycopg://user:pw@host/db`` or any
SQLAlchemy URL); without it the store is the SQLite file ``instance/sdplan.sqlite`` in the
repository. :func:`open_store` is the explicit start-up step (the app and the command line
call it once): it creates, migrates and seeds the database from ``data/indicators/``;
nothing happens on import.
"""

from __future__ import annotations

import fcntl
import math
import select as sockets
import threading
import time
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, make_url, select, text
from sqlalchemy.exc import DisconnectionError

from .. import settings as configured
from ..settings import load_settings
from . import models
from .seed import seed

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_engines: dict[str, Engine] = {}
_prepared: set[Engine] = set()
_lock = threading.Lock()


def database_url() -> str:
    """The configured database URL (``DATABASE_URL``, see :mod:`sdplan.settings`), SQLite under ``instance/`` by default."""
    return configured.database_url()


def make_engine(url: str) -> Engine:
    """A new engine for ``url`` with the settings' timeouts, so a lost or frozen database fails fast.

    SQLite: directory created, WAL, foreign keys, a busy timeout of ``SDPLAN_DB_STATEMENT_TIMEOUT``.
    PostgreSQL: libpq's ``connect_timeout`` (``SDPLAN_DB_CONNECT_TIMEOUT``, at least 2 s), a server-side
    ``statement_timeout``, and TCP keepalives that drop a connection whose server has gone.
    """
    settings = load_settings()
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": settings.db_statement_timeout})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        return engine
    if url.startswith("postgresql+psycopg"):
        own = make_url(url).query.get("options")  # the URL's own (a search path): kept, the timeout added
        timeout = f"-c statement_timeout={round(settings.db_statement_timeout * 1000)}"
        timeouts = {"connect_timeout": max(2, math.ceil(settings.db_connect_timeout)),
                    "options": f"{own} {timeout}" if own else timeout,
                    "keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 3, "keepalives_count": 3}
        engine = create_engine(url, pool_timeout=settings.db_connect_timeout, connect_args=timeouts)
        event.listen(engine, "checkout", partial(_ping_within, seconds=settings.db_connect_timeout))
        return engine
    return create_engine(url, pool_pre_ping=True)


def _ping_within(dbapi_connection: Any, _record: Any, _proxy: Any, seconds: float) -> None:
    """SQLAlchemy's pre-ping, with a deadline: a pooled connection whose server does not answer ``SELECT 1``
    within ``seconds`` (stopped, or paused and so never answering) is dropped, and the pool connects anew
    (under ``connect_timeout``), instead of the request waiting for as long as the server is frozen."""
    import psycopg

    connection = dbapi_connection.pgconn
    try:
        connection.send_query(b"SELECT 1")
        deadline = time.monotonic() + seconds
        while connection.flush() != 0 or connection.is_busy():
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not sockets.select([connection.socket], [], [], remaining)[0]:
                raise DisconnectionError(f"no answer to a ping within {seconds:g} s")
            connection.consume_input()
        while connection.get_result() is not None:
            pass
    except psycopg.Error as error:  # the server went away: the pool reconnects
        raise DisconnectionError(str(error)) from error


def migrate(engine: Engine, revision: str = "head", down: bool = False) -> None:
    """Run ``alembic upgrade head`` on ``engine`` (programmatically, no alembic.ini needed).

    ``revision`` and ``down`` migrate to another revision, or down to it (``"base"``: no table).
    On PostgreSQL an advisory lock makes workers starting together migrate one after another.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SET LOCAL statement_timeout = 0"))  # waiting for another worker's migration
            connection.execute(text("SELECT pg_advisory_xact_lock(370000)"))
        _refuse_unknown_revisions(connection, config)
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


class UnknownRevision(RuntimeError):
    """The database was migrated to a revision this code does not have (by a newer version of the dashboard)."""


def _refuse_unknown_revisions(connection: Connection, config: Config) -> None:
    known = {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}
    unknown = [r for r in MigrationContext.configure(connection).get_current_heads() if r not in known]
    if unknown:
        where = connection.engine.url.render_as_string(hide_password=True)
        raise UnknownRevision(
            f"The database {where} is at migration {', '.join(unknown)}, which this version of the dashboard does not "
            "have (a newer version upgraded it): deploy that newer version, or restore a backup taken before the "
            "upgrade with `sdplan restore FILE --force`.")


@contextmanager
def _file_lock(engine: Engine):
    """Serialise first starts of several processes on one SQLite file (a lock file beside it)."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    with open(f"{database}.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def prepare(engine: Engine) -> None:
    """Migrate ``engine``'s database and seed it when it holds no batch yet."""
    with _file_lock(engine):
        migrate(engine)
        with engine.connect() as conn:
            empty = conn.execute(select(models.batches.c.id).limit(1)).first() is None
        if empty:
            seed(engine)


def get_engine(url: str | None = None) -> Engine:
    """The process's engine for ``url`` (default :func:`database_url`); see :func:`open_store`."""
    url = url or database_url()
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _engines[url] = make_engine(url)
        return engine


def open_store(url: str | None = None) -> Engine:
    """The start-up step: the engine for ``url``, its database migrated and seeded once.

    Workers starting together migrate and seed once (a lock, see :func:`prepare`); calling it
    again in the same process costs one check.
    """
    engine = get_engine(url)
    with _lock:
        if engine not in _prepared:
            prepare(engine)
            _prepared.add(engine)
    return engine


def after_fork() -> None:
    """In a process forked from one that had engines (gunicorn's ``preload_app``): give each engine a new pool,
    leaving the parent's connections to the parent (SQLAlchemy's advice for forked processes)."""
    with _lock:
        for engine in _engines.values():
            engine.dispose(close=False)


def forget_engines() -> None:
    """Dispose of every cached engine (tests that switch databases)."""
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()
        _prepared.clear()
