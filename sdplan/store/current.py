"""Read the store: the current figures of an indicator, the revisions, the batch history."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, Engine, select

from ..observations import COLUMNS
from . import models


def store_revision(engine: Engine) -> int:
    """The store's global revision: it moves whenever a batch is accepted or rolled back."""
    with engine.connect() as conn:
        return conn.execute(select(models.revisions.c.value).where(models.revisions.c.key == models.GLOBAL)).scalar() or 0


def indicator_revisions(conn: Connection, indicator_ids) -> dict[str, int]:
    """The current revision of each indicator (0 if it never had one)."""
    rows = conn.execute(select(models.revisions).where(models.revisions.c.key.in_(list(indicator_ids)))).all()
    found = {key: value for key, value in rows}
    return {i: found.get(i, 0) for i in indicator_ids}


def current_rows(conn: Connection, indicator_ids) -> pd.DataFrame:
    """The current figure of every (indicator, adcode, period): the latest accepted batch's."""
    o, b = models.observations, models.batches
    statement = (select(o.c.indicator, *[o.c[c] for c in COLUMNS], o.c.batch_id)
                 .join(b, b.c.id == o.c.batch_id)
                 .where(o.c.indicator.in_(list(indicator_ids)), b.c.status == "accepted")
                 .order_by(o.c.batch_id, o.c.id))
    frame = pd.DataFrame(conn.execute(statement).all(), columns=["indicator", *COLUMNS, "batch_id"])
    return frame.drop_duplicates(["indicator", "adcode", "period"], keep="last")


def current_observations(engine: Engine, indicator_id: str) -> pd.DataFrame:
    """The current observations of one indicator in the columns and types of the CSV tables.

    Returns
    -------
    pandas.DataFrame
        adcode, period, value (float), unit, provenance, source_title, source_url,
        source_date, note (text, missing as None), sorted by period and adcode.
    """
    with engine.connect() as conn:
        frame = current_rows(conn, [indicator_id])
    frame = frame[list(COLUMNS)].sort_values(["period", "adcode"], ignore_index=True)
    text = [c for c in COLUMNS if c != "value"]
    frame[text] = frame[text].astype(object).where(frame[text].notna(), None)
    frame["value"] = frame["value"].astype(float)
    return frame


def history(engine: Engine) -> pd.DataFrame:
    """Every batch, newest first."""
    with engine.connect() as conn:
        rows = conn.execute(select(models.batches).order_by(models.batches.c.id.desc())).mappings().all()
    frame = pd.DataFrame([dict(r) for r in rows], columns=[c.name for c in models.batches.columns], dtype=object)
    return frame.where(frame.notna(), None)


def dump(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every table, sorted (tests compare dumps before and after)."""
    out = {}
    with engine.connect() as conn:
        for table in models.metadata.sorted_tables:
            out[table.name] = sorted(tuple(map(repr, row)) for row in conn.execute(select(table)).all())
    return out
