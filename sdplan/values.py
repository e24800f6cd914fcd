"""Region values for a map or a table: join observations to regions, roll up, filter by circle.

Every function here returns plain pandas objects keyed by 6-digit adcode strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from .boundaries import load_regions
from .catalog import LEVELS, Indicator, get_indicator
from .circles import CIRCLE_IDS
from .errors import UnknownKeyError
from .memo import remember
from .observations import load_observations

PROVINCE = "370000"
REGION_COLUMNS = ["adcode", "name_zh", "name_en", "level", "parent", "circle"]
# Aggregations that change the unit: a share is a percentage, a count is a count.
AGGREGATE_UNITS = {"share_at_least": "percent", "count_at_least": "count"}


def check_level(level: str) -> str:
    if level not in LEVELS:
        raise UnknownKeyError("level", level, LEVELS)
    return level


def check_circle(circle: str | None) -> str | None:
    if circle not in (None, *CIRCLE_IDS):
        raise UnknownKeyError("circle", circle, CIRCLE_IDS)
    return circle


@lru_cache(maxsize=256)
def regions_at(level: str, circle: str | None = None, parent: str | None = None) -> pd.DataFrame:
    """Regions at ``level``, optionally only those in ``circle`` or under prefecture ``parent``.

    Cached: the frame is shared, so callers must not modify it in place.
    """
    regions = load_regions()
    chosen = regions[regions["level"] == check_level(level)]
    if check_circle(circle):
        chosen = chosen[chosen["circle"] == circle]
    if parent is not None:
        if parent not in set(regions.loc[regions["level"] == "prefecture", "adcode"]):
            raise UnknownKeyError("prefecture", parent, list(regions.loc[regions["level"] == "prefecture", "adcode"]))
        chosen = chosen[chosen["parent"] == parent]
    return chosen[REGION_COLUMNS].reset_index(drop=True)


def natural_level(indicator: Indicator, level: str) -> str:
    """The level whose observations feed a map at ``level`` (counties roll up to prefectures)."""
    if level in indicator.levels:
        return level
    if level == "prefecture" and "county" in indicator.levels:
        return "county"
    raise ValueError(f"indicator {indicator.id!r} has values at {', '.join(indicator.levels)}, not at {level!r}")


def available_levels(indicator_id: str) -> list[str]:
    """Map levels an indicator can be shown at: its own, plus prefecture when counties roll up."""
    indicator = get_indicator(indicator_id)
    levels = [lvl for lvl in ("prefecture", "county") if lvl in indicator.levels]
    if "county" in indicator.levels and "prefecture" not in levels:
        levels.insert(0, "prefecture")
    return levels


def default_level(indicator_id: str) -> str:
    """The level an indicator is first shown at: its own (prefecture first when it has both)."""
    return next(lvl for lvl in ("prefecture", "county") if lvl in get_indicator(indicator_id).levels)


def periods(indicator_id: str, level: str) -> list[str]:
    """Periods with at least one value feeding ``level``, oldest first."""
    return list(_coverage(indicator_id, level).index)


def default_period(indicator_id: str, level: str) -> str | None:
    """The period with the most regions covered at ``level``; the latest among equals."""
    counts = _coverage(indicator_id, level)
    if counts.empty:
        return None
    best = counts.max()
    return max(p for p, n in counts.items() if n == best)


def _coverage(indicator_id: str, level: str) -> pd.Series:
    """How many regions feeding ``level`` have a value, per period (sorted by period)."""
    indicator = get_indicator(indicator_id)
    source_level = natural_level(indicator, level)
    obs = load_observations(indicator.id)

    def count() -> pd.DataFrame:
        codes = set(regions_at(source_level)["adcode"])
        return obs[obs["adcode"].isin(codes)].groupby("period").size().sort_index().to_frame("n")

    return remember(("coverage", indicator.id, source_level), (obs,), count)["n"]


def observed(indicator_id: str, level: str, period: str) -> pd.DataFrame:
    """Every region at ``level`` with its observation for ``period`` (NaN value where none)."""
    obs = load_observations(get_indicator(indicator_id).id)

    def join() -> pd.DataFrame:
        return regions_at(level).merge(obs[obs["period"] == period].drop(columns=["unit"]), on="adcode", how="left")

    return remember(("observed", indicator_id, level, period), (obs,), join)


@dataclass(frozen=True)
class Aggregate:
    """A value summarising a set of regions, with how much of the set it rests on."""

    value: float
    unit: str
    n_units: int
    n_with_data: int
    sample: bool
    sources: tuple[str, ...]


def aggregate_unit(indicator: Indicator) -> str:
    """The unit of an aggregate: shares are percent, counts are counts, the rest keep the unit."""
    return AGGREGATE_UNITS.get(indicator.aggregate, indicator.unit)


def aggregate_by(frame: pd.DataFrame, key: str, indicator: Indicator, how: str | None = None,
                 threshold: float | None = None, weights: pd.Series | None = None) -> pd.DataFrame:
    """Summarise the rows of ``frame`` (from :func:`observed`) in groups of ``key``, vectorised.

    Returns one row per group (indexed by the key): value (NaN where no region has data),
    n_units, n_with_data, sample (any sample value), sources (sorted titles of the sourced
    values, '; '-joined, or '').
    """
    how = how or indicator.aggregate
    threshold = indicator.threshold if threshold is None else threshold
    codes, groups = pd.factorize(frame[key])
    n = len(groups)
    value = frame["value"].to_numpy(dtype=float)
    present = ~np.isnan(value)
    n_with = np.bincount(codes, weights=present, minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        if how == "sum":
            result = np.bincount(codes, weights=np.where(present, value, 0.0), minlength=n)
        elif how in ("share_at_least", "count_at_least"):
            hits = np.bincount(codes, weights=present & (np.nan_to_num(value) >= threshold), minlength=n)
            result = hits / n_with * 100.0 if how == "share_at_least" else hits
        elif how == "weighted_mean":
            w = (weights if weights is not None else pd.Series(dtype=float)).reindex(frame["adcode"]).to_numpy(float)
            ok = present & ~np.isnan(w)
            total = np.bincount(codes, weights=np.where(ok, w, 0.0), minlength=n)
            result = np.bincount(codes, weights=np.where(ok, value * w, 0.0), minlength=n) / total
            result[total == 0] = np.nan
        else:
            raise UnknownKeyError("aggregation", how, ["sum", "share_at_least", "count_at_least", "weighted_mean"])
    result = np.where(n_with > 0, result, np.nan)
    provenance = frame["provenance"].to_numpy(dtype=object)
    titles = [set() for _ in range(n)]
    for code, title in zip(codes[present & (provenance == "sourced")],
                           frame["source_title"].to_numpy(dtype=object)[present & (provenance == "sourced")]):
        if isinstance(title, str):
            titles[code].add(title)
    return pd.DataFrame({
        "value": result,
        "n_units": np.bincount(codes, minlength=n),
        "n_with_data": n_with.astype(int),
        "sample": np.bincount(codes, weights=present & (provenance == "sample"), minlength=n) > 0,
        "sources": ["; ".join(sorted(t)) for t in titles],
    }, index=pd.Index(groups, name=key))


def aggregate(frame: pd.DataFrame, indicator: Indicator, how: str | None = None,
              threshold: float | None = None, weights: pd.Series | None = None) -> Aggregate:
    """Summarise all of ``frame`` (rows of :func:`observed`) by ``how`` (default: the indicator's rule)."""
    how = how or indicator.aggregate
    unit = AGGREGATE_UNITS.get(how, indicator.unit)
    if frame.empty:
        return Aggregate(float("nan"), unit, 0, 0, False, ())
    row = aggregate_by(frame.assign(_all=0), "_all", indicator, how, threshold, weights).iloc[0]
    sources = tuple(row["sources"].split("; ")) if row["sources"] else ()
    return Aggregate(float(row["value"]), unit, len(frame), int(row["n_with_data"]), bool(row["sample"]), sources)


def weights_for(indicator: Indicator, period: str) -> pd.Series | None:
    """Weights (by adcode) for a weighted mean: the weight indicator's latest value up to ``period``."""
    if indicator.aggregate != "weighted_mean" or not indicator.weight:
        return None
    obs = load_observations(indicator.weight)
    obs = obs[obs["period"] <= period].sort_values("period")
    return obs.groupby("adcode")["value"].last()


def region_values(indicator_id: str, level: str, period: str, from_counties: bool = False) -> pd.DataFrame:
    """Values of every region at ``level`` for ``period``, rolled up from counties if needed.

    ``from_counties`` rolls county values up to prefectures even when prefectures have values
    of their own (e.g. the share of a city's counties rated four stars or more).

    Columns: the region columns, then value, provenance ('sourced', 'sample', 'mixed' or
    NaN), source_title, source_date, note, n_with_data, n_units.
    """
    indicator = get_indicator(indicator_id)
    sources = tuple(load_observations(i) for i in (indicator.id, indicator.weight) if i)
    return remember(("region_values", indicator_id, level, period, from_counties), sources,
                     lambda: _region_values(indicator, level, period, from_counties))


def _region_values(indicator: Indicator, level: str, period: str, from_counties: bool) -> pd.DataFrame:
    indicator_id = indicator.id
    source_level = natural_level(indicator, check_level(level))
    if from_counties and level == "prefecture" and "county" in indicator.levels:
        source_level = "county"
    if source_level == level:
        frame = observed(indicator_id, level, period)
        frame["n_with_data"] = frame["value"].notna().astype(int)
        frame["n_units"] = 1
        return frame
    counties = observed(indicator_id, "county", period)
    summary = aggregate_by(counties, "parent", indicator, weights=weights_for(indicator, period))
    frame = regions_at(level).merge(summary, left_on="adcode", right_index=True, how="left")
    has_data = frame["n_with_data"].fillna(0) > 0
    has_sources = frame["sources"].fillna("").astype(str) != ""
    frame["provenance"] = np.select([~has_data, frame["sample"].eq(True) & ~has_sources, frame["sample"].eq(True)],
                                    [None, "sample", "mixed"], "sourced")
    frame["provenance"] = frame["provenance"].where(has_data, None)
    frame["source_title"] = frame["sources"].where(has_sources, None)
    frame["n_with_data"] = frame["n_with_data"].fillna(0).astype(int)
    frame["n_units"] = frame["n_units"].fillna(0).astype(int)
    return frame.drop(columns=["sample", "sources"]).assign(period=period, source_url=None, source_date=None, note=None)


def value_unit(indicator_id: str, level: str) -> str:
    """The unit of the values :func:`region_values` returns at ``level``."""
    indicator = get_indicator(indicator_id)
    return indicator.unit if natural_level(indicator, level) == level else aggregate_unit(indicator)
