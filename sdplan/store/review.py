"""Figures from the cities and counties: submitted into an open round, counted once a reviewer accepts them.

A region's account submits a file like any import; its rows must be cells of an open round, in the
account's region and of indicators its department leads. They are kept as a ``submitted`` batch, which
the map, the ledger, the briefings and every export never read (they read accepted batches only), and
the cells become 已报送. A province reviewer of a department leading the indicator (or an
administrator), never the submitter, then accepts cells, which copies their rows into a new accepted
batch (from then on they count), or returns them with a reason. Every step is one transaction and one
audit event per cell. (A province account's own import counts at once: :func:`sdplan.store.rounds.accept_imported`.)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Connection, Engine, select, update

from . import models
from .auth import User, may_import, require, require_region
from .batches import insert_batch
from .errors import NotInRound, ReviewRefused
from .rounds import cell_keys, open_cells, record


def submit(engine: Engine, frame: pd.DataFrame, user: User, *, file_name: str, file_hash: str,
           warnings: dict[int, list[str]] | None = None, note: str | None = None) -> int:
    """Submit a region's figures into the open rounds; the batch that holds them (never current).

    Parameters
    ----------
    frame : pandas.DataFrame
        Observation columns plus ``indicator``; ``note`` holds the submitter's explanation of a row.
    user : User
        A region's account.
    warnings : dict, optional
        The soft checks each row raised (by position in ``frame``), kept with its cell.

    Raises
    ------
    PermissionDenied
        If the account's department leads none of the rows' indicators (nothing is written).
    OutsideRegion
        If a row is of a region outside the account's (nothing is written).
    NotInRound
        If a row fills no cell of an open round (nothing is written).
    """
    require(user, sorted(frame["indicator"].unique()), submitting=True)
    require_region(user, frame["adcode"])
    warnings = warnings or {}
    keys = cell_keys(frame)
    now = datetime.now(UTC)
    with engine.begin() as conn:
        found = open_cells(conn, frame)
        missing = [key for key in keys if key not in found]
        if missing:
            raise NotInRound(missing)
        batch_id = insert_batch(conn, frame, username=user.username, file_name=file_name, file_hash=file_hash,
                                note=note, now=now, bump=False, status="submitted")
        for position, key in enumerate(keys):
            raised = ";".join(warnings.get(position, [])) or None
            explanation = _text(frame["note"].iloc[position]) if "note" in frame else None
            value = float(frame["value"].iloc[position])
            conn.execute(update(models.round_cells).where(models.round_cells.c.id == found[key]["id"]).values(
                status="submitted", value=value, batch_id=batch_id, warnings=raised, explanation=explanation,
                reason=None, submitted_by=user.username, submitted_at=now, reviewed_by=None, reviewed_at=None))
            record(conn, user, "submit", found[key]["round_id"], key[0], key[1], value,
                   " · ".join(filter(None, [raised, explanation])) or None, at=now)
    return batch_id


def _text(value: object) -> str | None:
    return None if value is None or value != value or not str(value).strip() else str(value).strip()


def reviewable(user: User | None, cell: dict) -> bool:
    """Whether ``user`` may accept or return ``cell`` (a row of the round's cells): a province account
    leading its indicator (or an administrator), not its submitter, and the cell waiting for review."""
    return (cell["status"] == "submitted" and user is not None and cell["submitted_by"] != user.username
            and may_import(user, cell["indicator"]))


def _cells_for_review(conn: Connection, cell_ids: Iterable[int], user: User) -> list[dict]:
    ids = sorted({int(i) for i in cell_ids if 0 < int(i) < 2**31})
    rows = [dict(r) for r in conn.execute(select(models.round_cells).where(models.round_cells.c.id.in_(ids))).mappings()]
    if not ids or len(rows) != len(ids):
        raise ReviewRefused("store_review_no_cell")
    for row in rows:
        if row["status"] != "submitted":
            raise ReviewRefused("store_review_not_waiting", id=row["id"])
        if row["submitted_by"] == user.username:
            raise ReviewRefused("store_review_own", id=row["id"])
        if not reviewable(user, row):
            raise ReviewRefused("store_review_not_reviewer", id=row["id"])
    return rows


def _submitted_figure(conn: Connection, cell: dict) -> dict:
    """The observation a cell's submission holds (its last row for the cell's indicator, region and period)."""
    o, r = models.observations, models.rounds
    period = conn.execute(select(r.c.period).where(r.c.id == cell["round_id"])).scalar_one()
    row = conn.execute(select(o).where(o.c.batch_id == cell["batch_id"], o.c.indicator == cell["indicator"],
                                       o.c.adcode == cell["adcode"], o.c.period == period)
                       .order_by(o.c.id.desc())).mappings().first()
    return {k: v for k, v in row.items() if k not in ("id", "batch_id")}


def accept(engine: Engine, user: User, cell_ids: Iterable[int]) -> int:
    """Accept submitted cells: their figures count from now on, as one new accepted batch; its id.

    Raises
    ------
    ReviewRefused
        If a cell does not exist or waits for no review, ``user`` is a region's account, leads none
        of the departments of its indicator, or submitted it (nothing is written).
    """
    now = datetime.now(UTC)
    with engine.begin() as conn:
        rows = _cells_for_review(conn, cell_ids, user)
        frame = pd.DataFrame([_submitted_figure(conn, row) for row in rows])
        submitters = ", ".join(sorted({row["submitted_by"] for row in rows}))
        batch_id = insert_batch(conn, frame, username=user.username, file_name=f"accepted from {submitters}",
                                file_hash="-", note=None, now=now)
        for row in rows:
            conn.execute(update(models.round_cells).where(models.round_cells.c.id == row["id"]).values(
                status="accepted", reviewed_by=user.username, reviewed_at=now))
            record(conn, user, "accept", row["round_id"], row["indicator"], row["adcode"], row["value"], at=now)
    return batch_id


def return_cells(engine: Engine, user: User, cell_ids: Iterable[int], reason: str) -> None:
    """Return submitted cells to their submitters with ``reason`` (required): they wait for a figure again.

    Raises
    ------
    ReviewRefused
        As :func:`accept`, or without a reason (nothing is written).
    """
    reason = (reason or "").strip()
    if not reason:
        raise ReviewRefused("store_review_no_reason")
    now = datetime.now(UTC)
    with engine.begin() as conn:
        for row in _cells_for_review(conn, cell_ids, user):
            conn.execute(update(models.round_cells).where(models.round_cells.c.id == row["id"]).values(
                status="returned", reason=reason, reviewed_by=user.username, reviewed_at=now))
            record(conn, user, "return", row["round_id"], row["indicator"], row["adcode"], row["value"], reason, at=now)
