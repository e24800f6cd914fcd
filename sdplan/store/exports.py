"""Export files waiting to be fetched: a row per export under a random token, running, done or failed.

Any worker (or server) on the store can answer for any token; a token is 32 random bytes and lives
:data:`MAX_AGE`, so one person's files are not found by guessing.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, delete, select, update

from . import models

MAX_AGE = timedelta(hours=1)


def open_export(engine: Engine) -> str:
    """A new running export's token; exports older than :data:`MAX_AGE` are dropped."""
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    with engine.begin() as conn:
        conn.execute(delete(models.exports).where(models.exports.c.created_at < now - MAX_AGE))
        conn.execute(models.exports.insert().values(token=token, created_at=now, status="running"))
    return token


def finish_export(engine: Engine, token: str, file_name: str, media_type: str, content: bytes) -> None:
    with engine.begin() as conn:
        conn.execute(update(models.exports).where(models.exports.c.token == token)
                     .values(status="done", file_name=file_name, media_type=media_type, content=content))


def fail_export(engine: Engine, token: str, message: str) -> None:
    with engine.begin() as conn:
        conn.execute(update(models.exports).where(models.exports.c.token == token, models.exports.c.status == "running")
                     .values(status="failed", message=message))


def export_state(engine: Engine, token: str, with_content: bool = False) -> dict | None:
    """The export's status, file name, media type and message (and content), or None when unknown or expired."""
    table = models.exports
    columns = [table.c.status, table.c.file_name, table.c.media_type, table.c.message, table.c.created_at]
    with engine.connect() as conn:
        row = conn.execute(select(*columns, *([table.c.content] if with_content else []))
                           .where(table.c.token == token)).mappings().first()
    if row is None or _utc(row["created_at"]) < datetime.now(UTC) - MAX_AGE:
        return None
    return dict(row)


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # SQLite gives naive UTC back
