"""What a figure means, decided in one place for every view, export and briefing.

A value travels with its meaning: what kind of value it is (a quantity, a rate, a rating, a category,
a count of regions), its unit and decimals, its definition (how it was counted) and its provenance
(published, derived, sample). From that, and only here, follow the derived figures' rules:

- :func:`meaning_at`: the kind of the values a map level shows (a category rolled up to prefectures is
  a count of counties in a class, never a category);
- :func:`representative_period`: the period that stands for an indicator (or a year of it): the latest
  with a figure published for the province or complete over its regions; later partial figures are
  updates (:func:`later_updates`), never the headline;
- :func:`own_target`: which target a scope is judged against: the plan's for the province, a region's own
  sub-target where one was imported, none for a circle or a region without one; and only a period of the
  target's year is judged (:func:`period_judgeable`); :func:`schedule_share` is how much of the target's
  time has passed at a period (序时进度);
- :func:`change_refusals`: a change is refused across a definition break and between a sample and a
  published value;
- :func:`verdict_counts`: verdicts resting on sample values are counted apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from .catalog import AGGREGATE_UNITS, Indicator, Target
from .dataset import Dataset
from .tables import period_end
from .values import region_values

KINDS = ("quantity", "rate", "rating", "category", "count")
JUDGED = ("met", "on_track", "behind")  # statuses that say where a complete figure stands against its target

# Why a region's change between two periods is not shown.
BREAK = "definition_break"  # the two values were counted by different definitions
SAMPLE_VS_PUBLISHED = "sample_vs_published"  # one of them is a sample value, the other published
PARTIAL = "partial_coverage"  # one of them rests on part of the region's counties: no change of partial sums
MISSING = "missing"  # one of them is missing
REFUSALS = (BREAK, SAMPLE_VS_PUBLISHED, PARTIAL)  # refusals said beside the region (t("change_refused.<id>"))


@dataclass(frozen=True)
class Meaning:
    """What the values of an indicator at one level are."""

    kind: str  # one of KINDS
    unit: str
    decimals: int | None
    rolled_up: bool  # summarised from the regions below (a sum, a share, a count, a weighted mean)

    @property
    def categorical(self) -> bool:
        """Whether the values are codes of classes (drawn in the indicator's own categories)."""
        return self.kind in ("rating", "category")

    @property
    def additive(self) -> bool:
        """Whether values of parts add up to the whole's (a sum of partial coverage is then no total)."""
        return self.kind in ("quantity", "count")


SUMMARY_KINDS = {"sum": "quantity", "weighted_mean": "rate", "share_at_least": "rate", "count_at_least": "count"}


def own_kind(indicator: Indicator) -> str:
    """The kind of the indicator's own values."""
    if indicator.kind in ("rating", "category"):
        return indicator.kind
    if indicator.done_kind:  # a checklist's or a named list's 1/0 are codes of done and not done
        return "category"
    return "rate" if indicator.unit == "percent" else "quantity"


def summary_meaning(indicator: Indicator, how: str) -> Meaning:
    """The meaning of a summary of the indicator's values made by ``how`` (an aggregation)."""
    unit = AGGREGATE_UNITS.get(how, indicator.unit)
    kind = SUMMARY_KINDS[how]
    if kind == "quantity" and unit == "percent":
        kind = "rate"
    return Meaning(kind, unit, indicator.decimals_for(unit), True)


def meaning_at(indicator: Indicator, level: str) -> Meaning:
    """The meaning of the values a map (or table) of ``indicator`` at ``level`` shows."""
    if indicator.source_level(level) == level:
        return Meaning(own_kind(indicator), indicator.unit, indicator.decimals_for(indicator.unit), False)
    return summary_meaning(indicator, indicator.aggregate)


# Periods ---------------------------------------------------------------------------------------


def _periods(data: Dataset, indicator_id: str, level: str) -> pd.DataFrame:
    """Per period (oldest first): regions with a value at the level feeding ``level``, of how many, and
    whether the province has its own figure. Remembered with the dataset."""
    indicator = data.catalog.indicator(indicator_id)
    source_level = indicator.source_level(level)

    def table() -> pd.DataFrame:
        obs = data.observations(indicator_id)
        codes = set(data.regions_at(source_level)["adcode"])
        province = set(obs.loc[obs["adcode"] == "370000", "period"])
        at_level = obs[obs["adcode"].isin(codes)]
        periods = sorted(set(obs["period"]), key=period_end)
        if indicator.persists:  # a value holds from its first period on
            first = at_level.groupby("adcode")["period"].agg(lambda ps: min(ps, key=period_end)).map(period_end)
            counts = [int((first <= period_end(p)).sum()) for p in periods]
        else:
            per = at_level.groupby("period").size()
            counts = [int(per.get(p, 0)) for p in periods]
        frame = pd.DataFrame({"period": pd.Series(periods, dtype=object), "n": pd.Series(counts, dtype=int), "total": len(codes),
                              "published": [p in province for p in periods]})
        return frame[(frame["n"] > 0) | frame["published"]].reset_index(drop=True)

    return data.remember(("meaning_periods", indicator_id, source_level), table)


def period_table(data: Dataset, indicator_id: str, level: str) -> pd.DataFrame:
    """Every period with a figure feeding ``level`` (or the province's own), oldest first: columns
    period, n (regions with a value), total (regions), published (the province has its own figure)."""
    return _periods(data, indicator_id, level).copy()


def representative_period(data: Dataset, indicator_id: str, level: str, within: str | None = None,
                          regional: bool = True) -> str | None:
    """The period that stands for the indicator at ``level`` (within the year ``within``, if given).

    The latest period whose figure is whole: published for the province, or reported by every region
    at the level that feeds ``level``. Where none is whole, the period with the most regions reporting
    (the latest among equals). ``regional`` (a map, a table of regions) leaves out periods with the
    province's figure alone. None where there is no figure at all. Remembered with the dataset (every
    view's query is read and written with it).
    """
    return data.remember(("representative_period", indicator_id, level, within, regional),
                         lambda: _representative_period(data, indicator_id, level, within, regional))


def _representative_period(data: Dataset, indicator_id: str, level: str, within: str | None,
                           regional: bool) -> str | None:
    table = _periods(data, indicator_id, level)
    if within is not None:
        table = table[table["period"].astype(str).str.slice(0, 4) == str(within)]
    if regional:
        table = table[table["n"] > 0]
    if table.empty:
        return None
    whole = table[table["published"] | (table["n"] >= table["total"])]
    if not whole.empty:
        return str(whole["period"].iloc[-1])
    best = table["n"].max()
    return str(table.loc[table["n"] == best, "period"].iloc[-1])


def later_updates(data: Dataset, indicator_id: str, level: str, period: str) -> list[tuple[str, int, int]]:
    """Periods after ``period`` in the same year with figures from part of the regions only (and no
    province figure): (period, regions reporting, regions) each; mentioned as updates, not headlines."""
    table = _periods(data, indicator_id, level)
    later = table[(table["period"].map(period_end) > period_end(period))
                  & (table["period"].astype(str).str.slice(0, 4) == period[:4]) & ~table["published"]
                  & (table["n"] < table["total"])]
    return [(str(p), int(n), int(total)) for p, n, total in zip(later["period"], later["n"], later["total"])]


# Targets ---------------------------------------------------------------------------------------


def target_year(target: Target) -> str:
    """The year a target is set for: its plan's year (``plans/<id>/plan.csv``; "到2022年底" for the 2022 plan)."""
    return target.year


@dataclass(frozen=True)
class OwnTarget:
    """The target a scope is judged against: the plan's (the province) or a region's own sub-target."""

    value: float
    subtarget: bool  # a region's own target (imported), not the plan's
    sample: bool  # the sub-target is a sample value: a verdict against it is marked as such


def own_target(data: Dataset, target: Target, circle: str | None, prefecture: str | None) -> OwnTarget | None:
    """The scope's own target, or None where it has none (then it is not judged).

    The plan's target is the province's; a prefecture has one only where a sub-target was imported for it
    (:mod:`sdplan.subtargets`; a county's serve the completion map, :mod:`sdplan.completion`); an economic
    circle never has one. A region without its own target shows its figure beside the province's target
    and its share or rank.
    """
    if circle is None and prefecture is None:
        return OwnTarget(target.target, False, False)
    if circle is not None:
        return None
    rows = data.subtargets_of(target.id)
    row = rows[rows["adcode"] == prefecture]
    if row.empty:
        return None
    row = row.iloc[0]
    return OwnTarget(float(row["value"]), True, row["provenance"] == "sample")


def target_window(target: Target) -> tuple[date, date]:
    """The first and last day of the time a target is set for: its own ``start``/``end`` where the plan
    gives them, else its year (the 2022 plan's "到2022年底": 2022-01-01 to 2022-12-31)."""
    start, end = getattr(target, "start", None), getattr(target, "end", None)
    year = int(target_year(target))
    return (date.fromisoformat(start) if start else date(year, 1, 1),
            date.fromisoformat(end) if end else date(year, 12, 31))


def period_date(period: str) -> date:
    """The last day a period covers (2022-10: 2022-10-31; 2022: 2022-12-31; 2022-Q3: 2022-09-30)."""
    year, month = period_end(period)
    return date(year, 12, 31) if month == 12 else date(year, month + 1, 1) - timedelta(days=1)


def schedule_share(target: Target, period: str) -> float:
    """The share of the target's time gone by at the end of ``period`` (0..1): days elapsed, the last
    day counted, over the days of the window (序时进度)."""
    start, end = target_window(target)
    elapsed = (period_date(period) - start).days + 1
    return min(1.0, max(0.0, elapsed / ((end - start).days + 1)))


def period_judgeable(target: Target, period: str | None) -> bool:
    """Whether a figure of ``period`` may be judged against ``target``: only one of the target's year
    (a 2020 census figure is not judged against a 2022 target)."""
    return bool(period) and period[:4] == target_year(target)


def elapsed_share(period: str) -> float:
    """How much of the target's year has passed at the end of ``period`` (1.0 for a whole year)."""
    if len(period) == 4:
        return 1.0
    year, month = period_end(period)
    return month / 12


# Changes ---------------------------------------------------------------------------------------


def change_refusals(now: pd.DataFrame, before: pd.DataFrame) -> pd.Series:
    """Why each region of ``now`` has no change since ``before`` (indexed like ``now``), or None.

    Both frames have adcode, value, provenance and definition columns, and for values rolled up from
    counties n_with_data and n_units (as from :func:`sdplan.values.region_values`). A change is refused
    where either value is missing, where either rests on part of the region's counties, where the two were
    counted by different definitions, or where one is a sample value and the other is not.
    """
    previous = before.set_index("adcode")
    b_value = now["adcode"].map(previous["value"]).astype(float)
    b_prov = now["adcode"].map(previous["provenance"])
    b_def = now["adcode"].map(previous["definition"]) if "definition" in previous else pd.Series(None, index=now.index)
    n_def = now["definition"] if "definition" in now else pd.Series(None, index=now.index)
    missing = now["value"].astype(float).isna() | b_value.isna()
    sample_now = now["provenance"].isin(["sample", "mixed"])
    sample_before = b_prov.isin(["sample", "mixed"])
    definitions_differ = n_def.fillna("").astype(str) != b_def.fillna("").astype(str)
    partial = _partial(now) | now["adcode"].map(_partial(before).set_axis(before["adcode"])).fillna(False).astype(bool)
    reasons = np.select([missing, partial, definitions_differ, sample_now != sample_before],
                        [MISSING, PARTIAL, BREAK, SAMPLE_VS_PUBLISHED], "")
    return pd.Series([r or None for r in reasons], index=now.index, dtype=object)


def _partial(frame: pd.DataFrame) -> pd.Series:
    """Whether each row's value rests on part of its region's counties."""
    if "n_with_data" not in frame or "n_units" not in frame:
        return pd.Series(False, index=frame.index)
    n, total = frame["n_with_data"].fillna(0), frame["n_units"].fillna(0)
    return (n > 0) & (n < total)


def comparable_periods(data: Dataset, indicator_id: str, level: str, period: str | None) -> list[str]:
    """The other periods a view of ``period`` can be compared with: those where at least one region's
    change can be shown (none for categories, whose codes have no difference)."""
    indicator = data.catalog.indicator(indicator_id)
    if period is None or meaning_at(indicator, level).kind == "category":  # codes have no difference
        return []

    def compute() -> list[str]:
        now = region_values(data, indicator_id, level, period)
        return [str(other) for other in _periods(data, indicator_id, level)["period"] if other != period
                and change_refusals(now, region_values(data, indicator_id, level, other)).isna().any()]

    return data.remember(("comparable_periods", indicator_id, level, period), compute)


# Verdicts --------------------------------------------------------------------------------------


def verdict_counts(progresses: Iterable) -> dict[str, tuple[int, int]]:
    """Per judged status: (verdicts on published figures, verdicts resting on sample values or a sample target)."""
    progresses = list(progresses)
    real = Counter(p.status for p in progresses if p.status in JUDGED and not p.on_sample)
    sample = Counter(p.status for p in progresses if p.status in JUDGED and p.on_sample)
    return {status: (real[status], sample[status]) for status in JUDGED}


# Paths over the periods ------------------------------------------------------------------------


def path_target(targets: Iterable[Target], indicator: Indicator, meaning: Meaning,
                province: bool) -> tuple[Target, bool] | None:
    """The plan target drawn beside one region's values over the periods, and whether it is the region's own.

    A target of the indicator's value itself in the values' unit: the province's own (True) on the
    province's path; on a region's path only a rate's, as the province's target for reference (False):
    a province-wide total or a share of regions is no line for one region. None where none applies.
    """
    for target in targets:
        if target.indicator != indicator.id or target.measure != "value" or target.unit != meaning.unit:
            continue
        if province:
            return target, True  # the plan's targets are the province's own
        if meaning.kind == "rate":
            return target, False
    return None
