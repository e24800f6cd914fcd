"""Write to the store in single transactions: add a batch, roll one back, check revisions.

A batch is written with its rows and the revision bumps in one transaction, so a failure or a
killed process leaves the store as it was. A confirmation carries the revisions its preview was
computed against; if another batch moved one of them meanwhile, :class:`ConflictError`.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pandas as pd
from sqlalchemy import Connection, Engine, select, update

from ..observations import COLUMNS
from . import models


class ConflictError(RuntimeError):
    """The store changed since the preview: the same indicators were imported or rolled back."""

    def __init__(self, indicators: list[str]):
        self.indicators = indicators
        super().__init__(self.message("en"))

    def message(self, lang: str = "zh") -> str:
        names = ", ".join(self.indicators)
        if lang == "en":
            return (f"Conflict: since your preview, someone else changed the figures of {names}. "
                    "Nothing was saved; please upload the file again to see a fresh preview.")
        return f"冲突:在您预览之后,他人已修改了指标 {names} 的数值。本次未保存任何内容,请重新上传文件以查看最新预览。"


def _bump(conn: Connection, key: str, expected: int | None) -> bool:
    statement = update(models.revisions).where(models.revisions.c.key == key)
    if expected is not None:
        statement = statement.where(models.revisions.c.value == expected)
    result = conn.execute(statement.values(value=models.revisions.c.value + 1))
    if result.rowcount == 0 and expected is None:
        conn.execute(models.revisions.insert().values(key=key, value=1))
        return True
    return result.rowcount == 1


def bump_revisions(conn: Connection, indicator_ids, expected: dict[str, int] | None = None) -> None:
    """Move the revision of each indicator and of the store; conflict if one was not ``expected``."""
    conflicts = [i for i in sorted(set(indicator_ids)) if not _bump(conn, i, None if expected is None else expected.get(i, 0))]
    if conflicts:
        raise ConflictError(conflicts)
    _bump(conn, models.GLOBAL, None)


def _records(frame: pd.DataFrame, batch_id: int) -> list[dict]:
    columns = ["indicator", *COLUMNS]
    rows = frame[columns].astype(object).where(frame[columns].notna(), None).to_dict("records")
    for row in rows:
        row["batch_id"] = batch_id
        row["value"] = float(row["value"])
    return rows


def insert_batch(conn: Connection, frame: pd.DataFrame, *, username: str, file_name: str, file_hash: str,
                 note: str | None, now: datetime | None = None, bump: bool = True,
                 expected: dict[str, int] | None = None) -> int:
    """Add ``frame`` (observation columns plus ``indicator``) as a new accepted batch; its id.

    Parameters
    ----------
    conn : sqlalchemy.Connection
        A connection inside a transaction (the caller commits).
    expected : dict, optional
        The revision of each indicator the preview saw; a moved one raises :class:`ConflictError`.
    """
    ids = sorted(frame["indicator"].unique())
    if bump:
        bump_revisions(conn, ids, expected)
    batch_id = conn.execute(models.batches.insert().values(
        username=username, created_at=now or datetime.now(timezone.utc), file_name=file_name[:255],
        file_hash=file_hash, note=note, indicators=";".join(ids), n_rows=len(frame), status="accepted",
    )).inserted_primary_key[0]
    conn.execute(models.observations.insert(), _records(frame, batch_id))
    return batch_id


def apply_batch(engine: Engine, frame: pd.DataFrame, **kwargs) -> int:
    """:func:`insert_batch` in its own transaction; the new batch id."""
    with engine.begin() as conn:
        return insert_batch(conn, frame, **kwargs)


def rollback_batch(engine: Engine, batch_id: int, username: str) -> None:
    """Mark an accepted batch rolled back (its rows stay); earlier figures become current again.

    Raises
    ------
    LookupError
        If there is no such batch or it is already rolled back.
    """
    with engine.begin() as conn:
        row = conn.execute(select(models.batches).where(models.batches.c.id == batch_id)).mappings().first()
        if row is None or row["status"] != "accepted":
            raise LookupError(batch_id)
        done = conn.execute(update(models.batches).where(models.batches.c.id == batch_id,
                                                         models.batches.c.status == "accepted").values(
            status="rolled_back", rolled_back_by=username, rolled_back_at=datetime.now(timezone.utc)))
        if done.rowcount != 1:
            raise LookupError(batch_id)
        bump_revisions(conn, [i for i in row["indicators"].split(";") if i])
