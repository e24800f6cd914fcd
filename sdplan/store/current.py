"""Read the store: the current dataset, the dataset as it stood at a past moment, the revisions, the history."""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import ColumnElement, Connection, Engine, and_, func, or_, select

from ..beijing import BEIJING
from ..boundaries import load_bounds, load_regions
from ..catalog import load_catalog
from ..dataset import SUBTARGET_COLUMNS, Dataset, make_dataset
from ..observations import COLUMNS
from ..settings import revision_check_seconds
from . import models
from .db import get_engine
from .outage import StoreUnavailable, answered, failed, is_outage, may_try
from .recheck import checked, recheck_revision

_latest: dict[str, Dataset] = {}  # per database: the dataset of the newest revision read
_builders: dict[str, threading.Lock] = {}  # per database: held by the one thread reading a new revision
_lock = threading.Lock()
_reading_as_of: ContextVar[datetime | None] = ContextVar("reading_as_of", default=None)
AS_OF_KEPT = 8  # datasets as of past moments kept per process (each about as large as the current one)
_as_of_seen: OrderedDict[tuple[str, datetime], tuple[int, Dataset]] = OrderedDict()  # (db, moment) -> (store revision, dataset)


def store_revision(engine: Engine) -> int:
    """The store's global revision: it moves whenever a batch is accepted or rolled back."""
    with engine.connect() as conn:
        return _revision(conn)


def forget_datasets() -> None:
    """Drop every dataset read so far (benchmarks measure a read at a new revision with it)."""
    with _lock:
        _latest.clear()
        _as_of_seen.clear()
        recheck_revision()


def _revision(conn: Connection) -> int:
    return conn.execute(select(models.revisions.c.value).where(models.revisions.c.key == models.GLOBAL)).scalar() or 0


def current_dataset(engine: Engine | None = None) -> Dataset:
    """The dataset at the store's current revision (of ``engine``, default :func:`~sdplan.store.db.get_engine`).

    One small query asks for the revision (at most once per ``SDPLAN_REVISION_CHECK_MS``, 250 ms, per
    process: :func:`~sdplan.settings.revision_check_seconds`); only when it has moved are the
    observations read again (every indicator, in one query) into a new :class:`Dataset`. So an
    import or a rollback, in this process or another, shows in the next request; while one thread of
    the process reads it, the others are answered from the previous dataset instead of reading it too.
    Inside :func:`reading_as_of` it is the dataset as it stood at that moment instead.

    Raises
    ------
    StoreUnavailable
        When the database cannot be reached or does not answer in time (logged once per outage).
    """
    engine = engine or get_engine()
    moment = _reading_as_of.get()
    try:
        data = _read(engine) if moment is None else _read_as_of(engine, moment)
    except Exception as error:
        if not is_outage(error):
            raise
        failed(error)
        raise StoreUnavailable("the database cannot be reached") from None
    answered()
    return data


def served_dataset(engine: Engine | None = None) -> tuple[Dataset, bool]:
    """For the dashboard's pages: (the current dataset, True), or while the database cannot be reached the
    last dataset this process read and False (the page then says so and keeps what it drew). During an
    outage one request every :data:`~sdplan.store.outage.RETRY_SECONDS` asks the database; the others are
    answered at once, so a frozen database costs the timeout to a few requests, not to every one.

    Raises
    ------
    StoreUnavailable
        When the database cannot be reached and this process has read nothing yet.
    """
    engine = engine or get_engine()
    if _reading_as_of.get() is not None:  # a past version: never the last current one in its place
        return current_dataset(engine), True
    latest = _latest.get(_key(engine))
    if latest is not None and not may_try():  # in an outage another request asked a moment ago
        return latest, False
    try:
        return current_dataset(engine), True
    except StoreUnavailable:
        latest = _latest.get(_key(engine))
        if latest is None:
            raise
        return latest, False


def _key(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def _read(engine: Engine) -> Dataset:
    """The dataset at the current revision; while another thread of this process reads a new revision, the
    previous dataset (one build per process, not one per request thread: an import costs readers little)."""
    key = _key(engine)
    latest = _latest.get(key)
    asked = time.monotonic()
    if latest is not None and asked - checked.get(key, -math.inf) < revision_check_seconds():
        return latest  # asked a moment ago: one query per worker every few hundred ms, not one per request
    with engine.connect() as conn:
        revision = _revision(conn)
    latest = _latest.get(key)
    if latest is not None and latest.revision == revision:
        checked[key] = asked
        return latest
    with _lock:
        builder = _builders.setdefault(key, threading.Lock())
    if not builder.acquire(blocking=latest is None):  # someone is building: serve what we have meanwhile
        return latest
    try:
        latest = _latest.get(key)
        if latest is None or latest.revision < revision:  # else built while this thread waited
            latest = _build(engine, key)
        checked[key] = asked
        return latest
    finally:
        builder.release()


def _read_as_of(engine: Engine, moment: datetime) -> Dataset:
    """The dataset as of ``moment``, read again only when the store has moved since it was last read (a few
    moments are kept: the pages drawn as of a date do not read the whole store at every request)."""
    key = (_key(engine), moment)
    revision = store_revision(engine)
    with _lock:
        seen = _as_of_seen.get(key)
    if seen is not None and seen[0] == revision:
        return seen[1]
    data = dataset_as_of(engine, moment)
    with _lock:
        _as_of_seen[key] = (revision, data)
        _as_of_seen.move_to_end(key)
        while len(_as_of_seen) > AS_OF_KEPT:
            _as_of_seen.popitem(last=False)
    return data


def _build(engine: Engine, key: str) -> Dataset:
    with engine.connect() as conn:
        revision = _revision(conn)
        rows = current_rows(conn, list(load_catalog().indicators))
        subtargets = current_subtargets(conn)
        if _revision(conn) != revision:  # a batch landed while reading: read it whole again
            return _build(engine, key)
    data = make_dataset(revision, load_catalog(), load_regions(), load_bounds(), rows, subtargets=subtargets)
    with _lock:
        if key not in _latest or _latest[key].revision <= revision:
            _latest[key] = data
    return data


def _utc(moment: datetime) -> datetime:
    """``moment`` in UTC (a naive one taken as Beijing time): SQLite keeps the batches' UTC times without their zone."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=BEIJING)).astimezone(UTC)


def _live_at(moment: datetime) -> ColumnElement[bool]:
    """Batches created by ``moment`` and not rolled back by then (a rollback without a time counts as always)."""
    b = models.batches
    return and_(b.c.created_at <= moment, or_(b.c.status == "accepted", b.c.rolled_back_at > moment))


def revision_as_of(conn: Connection, moment: datetime) -> int:
    """The store's global revision at ``moment``: the batches created and the rollbacks made by then."""
    b, moment = models.batches, _utc(moment)
    created = conn.execute(select(func.count()).where(b.c.created_at <= moment)).scalar()
    undone = conn.execute(select(func.count()).where(b.c.rolled_back_at <= moment)).scalar()
    return created + undone


def rows_as_of(conn: Connection, indicator_ids: Iterable[str], moment: datetime) -> pd.DataFrame:
    """The figure of every (indicator, adcode, period) at ``moment``: the latest batch then live's."""
    return _figures(conn, indicator_ids, _live_at(_utc(moment)))


def dataset_as_of(engine: Engine, moment: datetime) -> Dataset:
    """The dataset as it stood at ``moment`` (naive: Beijing time): what :func:`current_dataset` gave then.

    Its revision is the one the store had then, so a dataset read then and this one agree on it.
    Before the first batch it is empty, at revision 0.
    """
    with engine.connect() as conn:
        revision = revision_as_of(conn, moment)
        rows = rows_as_of(conn, list(load_catalog().indicators), moment)
        subtargets = _subtargets(conn, _live_at(_utc(moment)))
    return make_dataset(revision, load_catalog(), load_regions(), load_bounds(), rows, as_of=moment, subtargets=subtargets)


@contextmanager
def reading_as_of(moment: datetime) -> Iterator[None]:
    """Within the block, :func:`current_dataset` reads the dataset as it stood at ``moment`` (the CLI's --data-as-of)."""
    token = _reading_as_of.set(moment)
    try:
        yield
    finally:
        _reading_as_of.reset(token)


def indicator_revisions(conn: Connection, indicator_ids: Iterable[str]) -> dict[str, int]:
    """The current revision of each indicator (0 if it never had one)."""
    rows = conn.execute(select(models.revisions).where(models.revisions.c.key.in_(list(indicator_ids)))).all()
    found = {key: value for key, value in rows}
    return {i: found.get(i, 0) for i in indicator_ids}


def current_rows(conn: Connection, indicator_ids: Iterable[str]) -> pd.DataFrame:
    """The current figure of every (indicator, adcode, period): the latest accepted batch's."""
    return _figures(conn, indicator_ids, models.batches.c.status == "accepted")


def _figures(conn: Connection, indicator_ids: Iterable[str], live: ColumnElement[bool]) -> pd.DataFrame:
    """The figure of every (indicator, adcode, period) from the latest batch that ``live`` (a condition) admits."""
    o, b = models.observations, models.batches
    statement = (select(o.c.indicator, *[o.c[c] for c in COLUMNS], o.c.batch_id)
                 .join(b, b.c.id == o.c.batch_id)
                 .where(o.c.indicator.in_(list(indicator_ids)), live)
                 .order_by(o.c.batch_id, o.c.id))
    frame = pd.DataFrame(conn.execute(statement).all(), columns=["indicator", *COLUMNS, "batch_id"])
    return frame.drop_duplicates(["indicator", "adcode", "period"], keep="last")


def current_subtargets(conn: Connection, target_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """The current sub-target of every (target, adcode): the latest accepted batch's (of ``target_ids``, or all)."""
    return _subtargets(conn, models.batches.c.status == "accepted", target_ids)


def _subtargets(conn: Connection, live: ColumnElement[bool], target_ids: Iterable[str] | None = None) -> pd.DataFrame:
    s, b = models.subtargets, models.batches
    statement = (select(*[s.c[c] for c in SUBTARGET_COLUMNS]).join(b, b.c.id == s.c.batch_id).where(live)
                 .order_by(s.c.batch_id, s.c.id))
    if target_ids is not None:
        statement = statement.where(s.c.target.in_(list(target_ids)))
    frame = pd.DataFrame(conn.execute(statement).all(), columns=list(SUBTARGET_COLUMNS))
    return frame.drop_duplicates(["target", "adcode"], keep="last").reset_index(drop=True)


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
