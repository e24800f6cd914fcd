"""Uploads waiting for confirmation on the web: the file and the revisions its preview saw."""

from __future__ import annotations

import json
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, delete, select

from . import models

MAX_AGE = timedelta(days=1)


def stage_upload(engine: Engine, username: str, file_name: str, content: bytes, note: str | None,
                 revisions: dict[str, int], indicator: str | None = None, kind: str | None = None) -> str:
    """Keep a validated file until it is confirmed; its token. Stale uploads are dropped.

    ``indicator`` is the one chosen at upload for a file without an indicator column (a sub-targets
    file: its target); ``kind`` what the file holds (None: figures; "subtargets"); the name is cut to
    fit its column (:func:`~sdplan.store.models.fit_file_name`).
    """
    token = secrets.token_urlsafe(24)
    now = datetime.now(UTC)
    with engine.begin() as conn:
        conn.execute(delete(models.uploads).where(models.uploads.c.created_at < now - MAX_AGE))
        conn.execute(models.uploads.insert().values(token=token, username=username, created_at=now,
                                                    file_name=models.fit_file_name(file_name), content=content, note=note,
                                                    revisions=json.dumps(revisions), indicator=indicator, kind=kind))
    return token


def get_upload(engine: Engine, token: str, username: str) -> dict | None:
    """The staged upload of ``username`` with this token (revisions decoded), or None."""
    with engine.connect() as conn:
        row = conn.execute(select(models.uploads).where(models.uploads.c.token == token,
                                                        models.uploads.c.username == username)).mappings().first()
    if row is None:
        return None
    return {**dict(row), "content": bytes(row["content"]), "revisions": json.loads(row["revisions"])}


def drop_upload(engine: Engine, token: str) -> None:
    """Forget a staged upload (confirmed or cancelled)."""
    with engine.begin() as conn:
        conn.execute(delete(models.uploads).where(models.uploads.c.token == token))
