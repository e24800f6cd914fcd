"""Write batches to the store, each in one transaction: add one, roll one back, move revisions.

A batch is written with its rows and the revision bumps in one transaction, so a failure or a
killed process leaves the store as it was. A confirmation carries the revisions its preview was
computed against; if another batch moved one of them meanwhile, :class:`ConflictError`.
:func:`apply_batch` and :func:`rollback_batch` take the acting user and refuse, with
:class:`~sdplan.store.errors.PermissionDenied`, figures of indicators the user does not lead.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Connection, Engine, select, update
from sqlalchemy.exc import IntegrityError

from ..observations import COLUMNS
from . import models
from .auth import User, require
from .errors import AlreadyRolledBack, BatchNotFound, ConflictError
from .recheck import recheck_revision
from .rounds import accept_imported


def _bump(conn: Connection, key: str, expected: int | None) -> bool:
    statement = update(models.revisions).where(models.revisions.c.key == key)
    if expected is not None:
        statement = statement.where(models.revisions.c.value == expected)
    result = conn.execute(statement.values(value=models.revisions.c.value + 1))
    if result.rowcount == 0 and expected in (None, 0):  # its first batch (an indicator added to the catalog later)
        try:
            with conn.begin_nested():
                conn.execute(models.revisions.insert().values(key=key, value=1))
        except IntegrityError:  # another batch of it was first: the preview is stale
            return False
        return True
    return result.rowcount == 1


def bump_revisions(conn: Connection, indicator_ids: Iterable[str], expected: dict[str, int] | None = None) -> None:
    """Move the revision of each indicator and of the store; conflict if one was not ``expected``."""
    conflicts = [i for i in sorted(set(indicator_ids)) if not _bump(conn, i, None if expected is None else expected.get(i, 0))]
    if conflicts:
        raise ConflictError(conflicts)
    _bump(conn, models.GLOBAL, None)
    recheck_revision()  # this process reads the new revision at once, not after the revision check's interval


def _records(frame: pd.DataFrame, batch_id: int) -> list[dict]:
    columns = ["indicator", *COLUMNS]
    rows = frame[columns].astype(object).where(frame[columns].notna(), None).to_dict("records")
    for row in rows:
        row["batch_id"] = batch_id
        row["value"] = float(row["value"])
    return rows


def insert_batch(conn: Connection, frame: pd.DataFrame, *, username: str, file_name: str, file_hash: str,
                 note: str | None, now: datetime | None = None, bump: bool = True,
                 expected: dict[str, int] | None = None, status: str = "accepted") -> int:
    """Add ``frame`` (observation columns plus ``indicator``) as a new batch (accepted unless ``status``
    says "submitted": a region's figures awaiting review, never current); its id.

    Checks no permission: :func:`apply_batch` does, and the seed writes as ``system``.

    Parameters
    ----------
    conn : sqlalchemy.Connection
        A connection inside a transaction (the caller commits).
    username : str
        Who the batch is recorded as imported by.
    expected : dict, optional
        The revision of each indicator the preview saw; a moved one raises :class:`ConflictError`.
    """
    ids = sorted(frame["indicator"].unique())
    if bump:
        bump_revisions(conn, ids, expected)
    batch_id = conn.execute(models.batches.insert().values(
        username=username, created_at=now or datetime.now(UTC), file_name=models.fit_file_name(file_name),
        file_hash=file_hash, note=note, indicators=";".join(ids), n_rows=len(frame), status=status,
    )).inserted_primary_key[0]
    conn.execute(models.observations.insert(), _records(frame, batch_id))
    return batch_id


def apply_batch(engine: Engine, frame: pd.DataFrame, user: User | None, *, file_name: str, file_hash: str,
                note: str | None = None, expected: dict[str, int] | None = None) -> int:
    """Add ``frame`` as a new batch imported by ``user``, in one transaction; the batch id.

    Parameters
    ----------
    frame : pandas.DataFrame
        Observation columns plus ``indicator``.
    user : User or None
        The acting account; it must lead every indicator of ``frame`` (or be an administrator).
    expected : dict, optional
        The revision of each indicator the preview saw.

    Raises
    ------
    PermissionDenied
        If ``user`` may not import one of the indicators (nothing is written).
    ConflictError
        If one of the indicators' revisions is not ``expected`` any more (nothing is written).
    """
    require(user, sorted(frame["indicator"].unique()))
    now = datetime.now(UTC)
    with engine.begin() as conn:
        batch_id = insert_batch(conn, frame, username=user.username, file_name=file_name, file_hash=file_hash,
                                note=note, expected=expected, now=now)
        accept_imported(conn, frame, user, now)
        return batch_id


def rollback_batch(engine: Engine, batch_id: int, user: User | None) -> None:
    """Mark an accepted batch rolled back by ``user`` (its rows stay); earlier figures become current again.

    Raises
    ------
    BatchNotFound
        If there is no such batch.
    PermissionDenied
        If ``user`` may not change one of the batch's indicators (an administrator may roll back anything).
    AlreadyRolledBack
        If the batch is rolled back already.
    """
    if not 0 < batch_id < 2**31:  # beyond an INTEGER column: PostgreSQL would refuse the query itself
        raise BatchNotFound(batch_id)
    with engine.begin() as conn:
        row = conn.execute(select(models.batches).where(models.batches.c.id == batch_id)).mappings().first()
        if row is None:
            raise BatchNotFound(batch_id)
        ids = [i for i in row["indicators"].split(";") if i]
        require(user, ids)
        done = conn.execute(update(models.batches).where(models.batches.c.id == batch_id,
                                                         models.batches.c.status == "accepted").values(
            status="rolled_back", rolled_back_by=user.username, rolled_back_at=datetime.now(UTC)))
        if done.rowcount != 1:
            raise AlreadyRolledBack(batch_id)
        bump_revisions(conn, ids)
