"""Back up and restore the store while it is in use: ``sdplan backup`` and ``sdplan restore``.

Copying a live SQLite file is not a backup: the WAL beside it holds the latest batches, and the copy still
passes ``integrity_check`` without them. :func:`backup` uses SQLite's online backup API instead (one step, so
the copy is the database as one transaction saw it, whatever writers do meanwhile) and checks the copy's
integrity; for PostgreSQL it runs ``pg_dump --format=custom`` (which also reads one snapshot). A backup is
written beside its target and renamed into place, so a failed one never leaves half a file under the name.

:func:`restore` puts a backup back: SQLite through the same API, PostgreSQL with ``pg_restore --clean
--single-transaction``. It refuses a store that holds data unless forced, and migrates what it restored to
this version's schema (or refuses, in one sentence, a backup made by a newer version).
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, inspect, select

from ..settings import child_environment
from . import models
from .db import migrate

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"
NAME = re.compile(r"^sdplan-\d{8}-\d{6}\.(sqlite|pgdump)$")


class BackupError(RuntimeError):
    """A backup or restore that could not be made; the message says why and what to do."""


def suffix(engine: Engine) -> str:
    return "sqlite" if engine.dialect.name == "sqlite" else "pgdump"


def _sqlite_path(engine: Engine) -> str:
    database = engine.url.database
    if not database or database == ":memory:":
        raise BackupError("an in-memory SQLite store has nothing to back up")
    return database


def _pg_env(engine: Engine) -> dict[str, str]:
    """libpq's variables for ``engine``'s database: the password never appears on a command line."""
    url = engine.url
    values = {"PGHOST": url.host, "PGPORT": url.port, "PGUSER": url.username, "PGPASSWORD": url.password,
              "PGDATABASE": url.database}
    return child_environment({k: str(v) for k, v in values.items() if v is not None})


def _run(command: list[str], engine: Engine) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (Debian: apt-get install postgresql-client)")
    done = subprocess.run(command, env=_pg_env(engine), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[-500:]}")


def backup(engine: Engine, out: Path) -> Path:
    """Write a consistent copy of ``engine``'s store to ``out`` (SQLite file or PostgreSQL custom dump).

    Raises
    ------
    BackupError
        If the copy could not be made or does not pass its check.
    """
    if engine.dialect.name == "sqlite" and out.resolve() == Path(_sqlite_path(engine)).resolve():
        raise BackupError(f"{out} is the store itself: write the backup somewhere else")
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.partial")
    try:
        if engine.dialect.name == "sqlite":
            with closing(sqlite3.connect(_sqlite_path(engine))) as source, closing(sqlite3.connect(partial)) as target:
                source.backup(target)  # pages=-1: all in one step, one consistent snapshot
                target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no WAL beside it
                verdict = target.execute("PRAGMA integrity_check").fetchone()[0]
            if verdict != "ok":
                raise BackupError(f"the copy failed its integrity check: {verdict}")
        else:
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={partial}"], engine)
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
    return out


def backup_into(engine: Engine, folder: Path, keep: int, now: datetime | None = None) -> tuple[Path, list[Path]]:
    """A backup named by its time (``sdplan-YYYYmmdd-HHMMSS.sqlite|pgdump``) in ``folder``, then only the
    newest ``keep`` of such backups kept. Returns the new file and the ones removed (other files are left)."""
    if keep < 1:
        raise BackupError("--keep must be at least 1")
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    made = backup(engine, folder / f"sdplan-{stamp}.{suffix(engine)}")
    ours = sorted((p for p in folder.iterdir() if NAME.match(p.name)), key=lambda p: p.name, reverse=True)
    removed = ours[keep:]
    for old in removed:
        old.unlink()
    return made, removed


def holds_data(engine: Engine) -> bool:
    """Whether the store has any batch or account (an empty database, or one without tables, has none)."""
    tables = set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        return any(conn.execute(select(table).limit(1)).first() is not None
                   for table in (models.batches, models.users) if table.name in tables)


def restore(engine: Engine, file: Path, force: bool = False) -> None:
    """Replace ``engine``'s store with the backup ``file``, then migrate it to this version's schema.

    Stop the servers first: they would keep serving what they read before.

    Raises
    ------
    BackupError
        If the file is not a backup of this kind of database, or the store holds data and ``force`` is not set.
    UnknownRevision
        If the backup was made by a newer version of the dashboard.
    """
    head = file.read_bytes()[:16] if file.is_file() else b""
    kind = "sqlite" if head.startswith(SQLITE_MAGIC) else "pgdump" if head.startswith(PG_MAGIC) else None
    if kind is None:
        raise BackupError(f"{file} is not an sdplan backup (neither a SQLite file nor a PostgreSQL custom dump)")
    if kind != suffix(engine):
        raise BackupError(f"{file} is a {'SQLite' if kind == 'sqlite' else 'PostgreSQL'} backup but the store is "
                          f"{engine.dialect.name}: set DATABASE_URL to a store of the same kind")
    if not force and holds_data(engine):
        raise BackupError("the store already holds data: restoring replaces all of it, so say so with --force "
                          "(and stop the servers first)")
    if kind == "sqlite":
        with closing(sqlite3.connect(file)) as source:
            verdict = source.execute("PRAGMA integrity_check").fetchone()[0]
            if verdict != "ok":
                raise BackupError(f"{file} failed its integrity check: {verdict}")
            engine.dispose()
            with closing(sqlite3.connect(_sqlite_path(engine))) as target:
                source.backup(target)
    else:
        engine.dispose()
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
              "--exit-on-error", f"--dbname={engine.url.database}", str(file)], engine)
    migrate(engine)
