"""The dataset: one immutable value holding everything the domain computes from.

A :class:`Dataset` holds the regions (identities and bounding boxes), the plan's catalog and
the current observations of every indicator at one store revision. The dashboard obtains it
once per request (:func:`sdplan.store.current_dataset`, which builds a new one only when the
store's revision moves) and passes it to every domain function: values, progress, the map
model, the ledger and snapshots. Tests build small ones by hand (:func:`make_dataset`).

Derived results (coverage per period, roll-ups, map models...) are remembered in exactly one
place: :meth:`Dataset.remember`, a bounded cache that belongs to the dataset. Its key is what
was asked; the dataset it belongs to fixes the revision, so an import (a new revision, a new
dataset) can never be answered from an older figure.
"""

from __future__ import annotations

import copy as copying
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property
from types import MappingProxyType
from typing import TypeVar

import pandas as pd

from .catalog import LEVELS, Catalog
from .circles import CIRCLE_IDS
from .errors import UnknownKeyError
from .observations import COLUMNS

T = TypeVar("T")
REGION_COLUMNS = ["adcode", "name_zh", "name_en", "level", "parent", "circle"]
Box = tuple[float, float, float, float]  # west, south, east, north


class Remembered:
    """A bounded, thread-safe map of derived results (least recently used entries leave first)."""

    def __init__(self, max_entries: int = 2048):
        self.max_entries = max_entries
        self._entries: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]  # type: ignore[return-value]
        result = compute()  # outside the lock: two threads may compute the same thing once each
        with self._lock:
            self._entries[key] = result
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return result

    def peek(self, key: Hashable) -> object | None:
        """The result remembered for ``key``, or None (never computes)."""
        with self._lock:
            return self._entries.get(key)

    def __len__(self) -> int:
        return len(self._entries)


@dataclass(frozen=True, eq=False)
class Dataset:
    """Regions, catalog and observations at one store revision (treat every frame as read-only).

    Attributes
    ----------
    revision : int
        The store revision the observations were read at (any number for a hand-built dataset).
    catalog : Catalog
        Indicators and targets.
    regions : pandas.DataFrame
        One row per province, prefecture and county: :data:`REGION_COLUMNS`, sorted by adcode.
    bounds : Mapping
        adcode -> (west, south, east, north) in degrees (WGS84).
    tables : Mapping
        indicator id -> its current observations (:data:`sdplan.observations.COLUMNS`,
        value as float), one row per region and period.
    subtargets : pandas.DataFrame
        The current sub-targets (a city's or a county's own target): :data:`SUBTARGET_COLUMNS`, one row per
        (target, adcode).
    """

    revision: int
    catalog: Catalog
    regions: pd.DataFrame
    bounds: Mapping[str, Box]
    tables: Mapping[str, pd.DataFrame]
    as_of: datetime | None = None  # read as the store stood at this moment (a past version); None: current
    subtargets: pd.DataFrame = field(default_factory=lambda: empty_subtargets())  # regions' own targets (SUBTARGET_COLUMNS)
    _remembered: Remembered = field(default_factory=Remembered, repr=False)

    def remember(self, key: Hashable, compute: Callable[[], T], copy: bool = False) -> T:
        """``compute()``, computed once per dataset for ``key`` (the one cache of derived results).

        ``copy`` hands out a copy of a remembered DataFrame, so the caller may modify it.
        """
        result = self._remembered.get(key, compute)
        return copying.copy(result) if copy and isinstance(result, (pd.DataFrame, pd.Series)) else result

    def for_plan(self, plan_id: str | None) -> Dataset:
        """The same figures with plan ``plan_id``'s targets and tasks (itself for None or its own plan).

        It has a cache of its own (a target id means one target within one plan) and is remembered here."""
        if plan_id is None or plan_id == self.catalog.plan_id:
            return self
        catalog = self.catalog.for_plan(plan_id)
        return self.remember(("for_plan", plan_id), lambda: replace(self, catalog=catalog, _remembered=Remembered()))

    def observations(self, indicator_id: str) -> pd.DataFrame:
        """The current observations of an indicator (empty, with the right columns, if it has none)."""
        self.catalog.indicator(indicator_id)  # names an unknown indicator
        table = self.tables.get(indicator_id)
        return table if table is not None else empty_observations()

    def regions_at(self, level: str, circle: str | None = None, parent: str | None = None) -> pd.DataFrame:
        """Regions at ``level``, optionally only those in ``circle`` or under prefecture ``parent``."""
        if level not in LEVELS:
            raise UnknownKeyError("level", level, LEVELS)
        if circle not in (None, *CIRCLE_IDS):
            raise UnknownKeyError("circle", circle, CIRCLE_IDS)
        if parent is not None and parent not in self.prefecture_codes:
            raise UnknownKeyError("prefecture", parent, sorted(self.prefecture_codes))

        def select() -> pd.DataFrame:
            chosen = self.regions[self.regions["level"] == level]
            if circle:
                chosen = chosen[chosen["circle"] == circle]
            if parent is not None:
                chosen = chosen[chosen["parent"] == parent]
            return chosen[REGION_COLUMNS].reset_index(drop=True)

        return self.remember(("regions_at", level, circle, parent), select)

    @cached_property
    def prefecture_codes(self) -> frozenset[str]:
        """The adcodes of the prefectures."""
        return frozenset(self.regions.loc[self.regions["level"] == "prefecture", "adcode"])

    @cached_property
    def _by_code(self) -> pd.DataFrame:
        return self.regions.set_index("adcode")

    def has_region(self, adcode: object) -> bool:
        """Whether ``adcode`` (perhaps from a request: any value) is one of the dataset's regions."""
        return isinstance(adcode, str) and adcode in self._by_code.index

    def region(self, adcode: str) -> pd.Series:
        """The region ``adcode`` (name_zh, name_en, level, parent, circle)."""
        try:
            return self._by_code.loc[adcode]
        except KeyError:
            raise UnknownKeyError("region", adcode, list(self._by_code.index)) from None

    def region_name(self, adcode: str, lang: str = "zh") -> str:
        """The region's name in ``lang``."""
        row = self.region(adcode)
        return str(row["name_en"] if lang == "en" else row["name_zh"])

    def circle_of(self, adcode: str) -> str | None:
        """The economic circle of a prefecture or county."""
        circle = self.region(adcode)["circle"]
        return circle if isinstance(circle, str) else None

    def bounds_of(self, codes: Iterable[str]) -> tuple[tuple[float, float], tuple[float, float]]:
        """((south, west), (north, east)) around the regions ``codes``."""
        boxes = [self.bounds[c] for c in codes]
        west, south = min(b[0] for b in boxes), min(b[1] for b in boxes)
        east, north = max(b[2] for b in boxes), max(b[3] for b in boxes)
        return (round(south, 4), round(west, 4)), (round(north, 4), round(east, 4))

    def subtargets_of(self, target_id: str) -> pd.DataFrame:
        """The current sub-targets of one target (adcode, value, provenance, sources), one row per region."""
        frame = self.subtargets
        return self.remember(("subtargets_of", target_id),
                             lambda: frame[frame["target"] == target_id].reset_index(drop=True))


SUBTARGET_COLUMNS = ("target", "adcode", "value", "provenance", "source_title", "source_url", "source_date", "note")


def empty_subtargets() -> pd.DataFrame:
    """A sub-target table with no rows."""
    return pd.DataFrame({c: pd.Series(dtype=float if c == "value" else object) for c in SUBTARGET_COLUMNS})


def empty_observations() -> pd.DataFrame:
    """An observation table with no rows."""
    return pd.DataFrame({c: pd.Series(dtype=float if c == "value" else object) for c in COLUMNS})


def make_dataset(revision: int, catalog: Catalog, regions: pd.DataFrame, bounds: Mapping[str, Box],
                 observations: pd.DataFrame, as_of: datetime | None = None,
                 subtargets: pd.DataFrame | None = None) -> Dataset:
    """A dataset from one long table of observations (``indicator`` plus the observation columns) and
    the current sub-targets (:data:`SUBTARGET_COLUMNS`; none by default).

    Each indicator's rows become its table, sorted by period and adcode, text missing as None.
    """
    tables = {}
    text = [c for c in COLUMNS if c != "value"]
    for indicator_id, frame in observations.groupby("indicator", sort=True):
        frame = frame[list(COLUMNS)].sort_values(["period", "adcode"], ignore_index=True)
        frame[text] = frame[text].astype(object).where(frame[text].notna(), None)
        frame["value"] = frame["value"].astype(float)
        tables[str(indicator_id)] = frame
    regions = regions[REGION_COLUMNS].sort_values("adcode").reset_index(drop=True)
    if subtargets is None or subtargets.empty:
        subtargets = empty_subtargets()
    else:
        subtargets = subtargets[list(SUBTARGET_COLUMNS)].sort_values(["target", "adcode"], ignore_index=True)
        text = [c for c in SUBTARGET_COLUMNS if c != "value"]
        subtargets[text] = subtargets[text].astype(object).where(subtargets[text].notna(), None)
        subtargets["value"] = subtargets["value"].astype(float)
    return Dataset(revision, catalog, regions, MappingProxyType(dict(bounds)), MappingProxyType(tables), as_of, subtargets)
