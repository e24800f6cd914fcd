"""Reporting rounds: the plan's office asks the regions for figures of one period by a deadline.

A round names its indicators and the regions expected to report them; every expected
(indicator, region) is a cell, which moves 未报送 (``not_submitted``) -> 已报送 (``submitted``) ->
已采纳 (``accepted``) or 已退回 (``returned``, with the reason) -> 已报送 again. Submitting and
reviewing are :mod:`sdplan.store.review`; here are opening, closing and reading a round: its cells,
the board's counts by city and by department, and the list of who to chase. Every step is written to
``round_events`` (the audit trail) in the transaction that makes it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pandas as pd
from sqlalchemy import Connection, Engine, RowMapping, select, update

from ..boundaries import load_regions
from ..catalog import load_catalog
from ..tables import PERIOD_RE
from . import models
from .auth import PROVINCE, User
from .errors import RoundClosed, RoundNotFound, RoundRefused

STATUSES = ("not_submitted", "submitted", "accepted", "returned")  # a cell's steps, in the board's order
ACTIONS = ("open", "submit", "import", "accept", "return", "close")  # the audit trail's steps
WAITING = ("not_submitted", "returned")  # the cells a coordinator chases


@dataclass(frozen=True)
class Round:
    id: int
    title: str
    period: str
    deadline: str  # ISO date: the last day, Beijing
    indicators: tuple[str, ...]
    status: str  # open | closed

    def overdue(self, today: date) -> bool:
        """Whether the deadline has passed on ``today`` (Beijing's date)."""
        return today.isoformat() > self.deadline


def record(conn: Connection, user: User, action: str, round_id: int, indicator: str | None = None,
           adcode: str | None = None, value: float | None = None, detail: str | None = None,
           at: datetime | None = None) -> None:
    """Write one step to the audit trail (inside the caller's transaction)."""
    conn.execute(models.round_events.insert().values(
        at=at or datetime.now(UTC), username=user.username, action=action, round_id=round_id,
        indicator=indicator, adcode=adcode, value=value, detail=detail))


def expected_regions(indicator_id: str, regions: Iterable[str] | None = None) -> list[str]:
    """The regions expected to report an indicator: every region at each of its levels, or those of
    ``regions`` among them (a city given also names its counties)."""
    table = load_regions()
    levels = load_catalog().indicator(indicator_id).levels
    at_levels = table[table["level"].isin(levels)]
    if regions is None:
        return at_levels["adcode"].tolist()
    chosen = set(regions)
    return at_levels[at_levels["adcode"].isin(chosen) | at_levels["parent"].isin(chosen)]["adcode"].tolist()


def open_round(engine: Engine, user: User, *, title: str, period: str, deadline: str, indicators: Iterable[str],
               regions: Iterable[str] | None = None) -> int:
    """Open a round (administrators: the plan's office); its id.

    Raises
    ------
    RoundRefused
        If ``user`` is no administrator, an indicator is unknown, the deadline no date, the period
        empty, or no region is expected to report.
    """
    indicators = tuple(dict.fromkeys(indicators))
    catalog = load_catalog()
    if not user.is_admin:
        raise RoundRefused("rounds_only_office")
    unknown = [i for i in indicators if i not in catalog.indicators]
    if not indicators or unknown:
        raise RoundRefused("rounds_unknown_indicator", names=", ".join(unknown) or "—")
    try:
        deadline = date.fromisoformat(deadline).isoformat()
    except ValueError:
        raise RoundRefused("rounds_bad_deadline", value=deadline[:40]) from None
    period, title = period.strip(), title.strip()
    if not title or not PERIOD_RE.match(period):
        raise RoundRefused("rounds_no_period", value=period[:40])
    cells = [(i, a) for i in indicators for a in expected_regions(i, regions)]
    if not cells:
        raise RoundRefused("rounds_no_regions")
    now = datetime.now(UTC)
    with engine.begin() as conn:
        round_id = conn.execute(models.rounds.insert().values(
            title=title, period=period, deadline=deadline, indicators=";".join(indicators),
            status="open", opened_by=user.username, opened_at=now)).inserted_primary_key[0]
        conn.execute(models.round_cells.insert(), [
            dict(round_id=round_id, indicator=i, adcode=a, status="not_submitted") for i, a in cells])
        record(conn, user, "open", round_id, detail=f"{period} · {len(cells)}", at=now)
    return round_id


def close_round(engine: Engine, user: User, round_id: int) -> None:
    """Close a round: nothing more may be submitted into it (reviews of what was submitted go on)."""
    if not user.is_admin:
        raise RoundRefused("rounds_only_office")
    with engine.begin() as conn:
        found = get_round(conn, round_id)
        if found.status != "open":
            raise RoundClosed(round_id)
        conn.execute(update(models.rounds).where(models.rounds.c.id == round_id)
                     .values(status="closed", closed_at=datetime.now(UTC)))
        record(conn, user, "close", round_id)


def cell_keys(frame: pd.DataFrame) -> list[tuple[str, str, str]]:
    """The (indicator, adcode, period) of each row of an import's frame, in order."""
    return list(zip(frame["indicator"], frame["adcode"], frame["period"], strict=True))


def open_cells(conn: Connection, frame: pd.DataFrame) -> dict[tuple[str, str, str], dict]:
    """The open rounds' cells the rows of ``frame`` fill, keyed by (indicator, adcode, period); where two open
    rounds ask for the same cell, the newer one's."""
    c, r = models.round_cells, models.rounds
    rows = conn.execute(
        select(c.c.id, c.c.indicator, c.c.adcode, c.c.status, r.c.period, c.c.round_id)
        .join(r, r.c.id == c.c.round_id)
        .where(r.c.status == "open", c.c.indicator.in_(sorted(frame["indicator"].unique())),
               c.c.adcode.in_(sorted(frame["adcode"].unique())), r.c.period.in_(sorted(frame["period"].unique())))
        .order_by(c.c.round_id)).mappings().all()
    return {(row["indicator"], row["adcode"], row["period"]): dict(row) for row in rows}


def accept_imported(conn: Connection, frame: pd.DataFrame, user: User, now: datetime) -> None:
    """Mark the open cells a province account's import fills as accepted by it (its figures count at once)."""
    values = dict(zip(cell_keys(frame), frame["value"].astype(float), strict=True))  # the last row of a key wins
    for key, cell in open_cells(conn, frame).items():
        conn.execute(update(models.round_cells).where(models.round_cells.c.id == cell["id"]).values(
            status="accepted", value=values[key], batch_id=None, warnings=None, explanation=None, reason=None,
            submitted_by=user.username, submitted_at=now, reviewed_by=user.username, reviewed_at=now))
        record(conn, user, "import", cell["round_id"], key[0], key[1], values[key], at=now)


def _round(row: RowMapping) -> Round:
    return Round(row["id"], row["title"], row["period"], row["deadline"],
                 tuple(i for i in row["indicators"].split(";") if i), row["status"])


def get_round(conn: Connection, round_id: int) -> Round:
    """The round with this id.

    Raises
    ------
    RoundNotFound
        If there is none.
    """
    row = None
    if 0 < round_id < 2**31:
        row = conn.execute(select(models.rounds).where(models.rounds.c.id == round_id)).mappings().first()
    if row is None:
        raise RoundNotFound(round_id)
    return _round(row)


def list_rounds(engine: Engine) -> list[Round]:
    """Every round, newest first."""
    with engine.connect() as conn:
        return [_round(r) for r in conn.execute(select(models.rounds).order_by(models.rounds.c.id.desc())).mappings()]


def open_rounds(conn: Connection) -> list[Round]:
    """The rounds open now, oldest first."""
    rows = conn.execute(select(models.rounds).where(models.rounds.c.status == "open").order_by(models.rounds.c.id))
    return [_round(r) for r in rows.mappings()]


CELL_COLUMNS = ["id", "round_id", "indicator", "adcode", "status", "value", "batch_id", "warnings", "explanation",
                "reason", "submitted_by", "submitted_at", "reviewed_by", "reviewed_at"]


def cells(engine: Engine, round_id: int) -> pd.DataFrame:
    """The round's cells with the city each belongs to (a county's city; a city itself; the province)
    and the departments leading its indicator (``;``-separated); None where a cell has no value or reason."""
    with engine.connect() as conn:
        get_round(conn, round_id)
        rows = conn.execute(select(models.round_cells).where(models.round_cells.c.round_id == round_id)
                            .order_by(models.round_cells.c.id)).mappings().all()
    frame = pd.DataFrame([dict(r) for r in rows], columns=CELL_COLUMNS)
    regions = load_regions().set_index("adcode")
    level = regions["level"].reindex(frame["adcode"]).to_numpy()
    parent = regions["parent"].reindex(frame["adcode"]).to_numpy()
    frame["city"] = [a if lv != "county" else p for a, lv, p in zip(frame["adcode"], level, parent, strict=True)]
    frame.loc[frame["adcode"] == PROVINCE, "city"] = PROVINCE
    catalog = load_catalog()
    frame["departments"] = frame["indicator"].map(lambda i: ";".join(catalog.lead_departments(i)))
    return frame.astype(object).where(frame.notna(), None)  # None where a cell has no value, reason, …


def board(frame: pd.DataFrame, by: str, overdue: bool) -> pd.DataFrame:
    """Counts of a round's cells per status, per city (``by="city"``) or per lead department
    (``by="department"``: a cell counts once under each department leading its indicator), with
    ``waiting`` (未报送 or 已退回) and ``overdue`` (waiting after the deadline: ``overdue`` says whether it
    has passed). One row per city or department, in code or name order."""
    keyed = frame.assign(department=frame["departments"].str.split(";")).explode("department") \
        if by == "department" else frame
    counts = pd.crosstab(keyed[by], keyed["status"]).reindex(columns=list(STATUSES), fill_value=0)
    counts["total"] = counts[list(STATUSES)].sum(axis=1)
    counts["waiting"] = counts[list(WAITING)].sum(axis=1)
    counts["overdue"] = counts["waiting"] if overdue else 0
    return counts.sort_index()


def chase_list(frame: pd.DataFrame) -> pd.DataFrame:
    """The cells still waiting for a figure (未报送, or 已退回 and not yet submitted again), by city."""
    waiting = frame[frame["status"].isin(WAITING)]
    return waiting.sort_values(["city", "adcode", "indicator"])[
        ["city", "adcode", "indicator", "departments", "status", "reason"]].reset_index(drop=True)
