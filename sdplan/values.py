"""Region values for a map or a table: join observations to regions, roll up, filter by circle.

Every function here returns plain pandas objects keyed by 6-digit adcode strings.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .catalog import AGGREGATE_UNITS, Indicator
from .dataset import Dataset
from .errors import UnknownKeyError
from .tables import period_end

AGGREGATIONS = ("sum", "share_at_least", "count_at_least", "weighted_mean")


def periods(data: Dataset, indicator_id: str, level: str) -> list[str]:
    """Periods with at least one value feeding ``level``, oldest first."""
    return list(_coverage(data, indicator_id, level).index)


def _coverage(data: Dataset, indicator_id: str, level: str) -> pd.Series:
    """How many regions feeding ``level`` have a value, per period (sorted by period)."""
    indicator = data.catalog.indicator(indicator_id)
    source_level = indicator.source_level(level)

    def count() -> pd.Series:
        obs = data.observations(indicator_id)
        obs = obs[obs["adcode"].isin(set(data.regions_at(source_level)["adcode"]))]
        if not indicator.persists:
            return obs.groupby("period").size().sort_index()
        first = obs.groupby("adcode")["period"].agg(lambda ps: min(ps, key=period_end)).map(period_end)
        periods = sorted(obs["period"].unique())  # a value holds from its first period on
        return pd.Series([int((first <= period_end(p)).sum()) for p in periods], index=pd.Index(periods, name="period"))

    return data.remember(("coverage", indicator_id, source_level), count)


def observed(data: Dataset, indicator_id: str, level: str, period: str) -> pd.DataFrame:
    """Every region at ``level`` with its observation for ``period`` (NaN value where none).

    For an indicator whose values persist (a pilot cohort), a region's latest value up to
    ``period`` stands for it.
    """

    def join() -> pd.DataFrame:
        obs = data.observations(indicator_id)
        if data.catalog.indicator(indicator_id).persists:
            chosen = _up_to(obs, period).drop_duplicates("adcode", keep="last")
        else:
            chosen = obs[obs["period"] == period]
        return data.regions_at(level).merge(chosen.drop(columns=["unit"]), on="adcode", how="left")

    return data.remember(("observed", indicator_id, level, period), join, copy=True)


@dataclass(frozen=True)
class Aggregate:
    """A value summarising a set of regions, with how much of the set it rests on."""

    value: float
    unit: str
    n_units: int
    n_with_data: int
    sample: bool
    sources: tuple[str, ...]


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
            raise UnknownKeyError("aggregation", how, AGGREGATIONS)
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


def weights_for(data: Dataset, indicator: Indicator, period: str) -> pd.Series | None:
    """Weights (by adcode) for a weighted mean: the weight indicator's latest value up to ``period``."""
    if indicator.aggregate != "weighted_mean" or not indicator.weight:
        return None

    def latest() -> pd.Series:
        return _up_to(data.observations(indicator.weight), period).groupby("adcode")["value"].last()

    return data.remember(("weights", indicator.weight, period), latest)


def _up_to(obs: pd.DataFrame, period: str) -> pd.DataFrame:
    """The observations of periods ending no later than ``period``, oldest first."""
    ends = obs["period"].map(period_end)
    return obs.assign(_end=ends)[ends <= period_end(period)].sort_values("_end", kind="stable").drop(columns="_end")


def region_values(data: Dataset, indicator_id: str, level: str, period: str,
                  from_counties: bool = False) -> pd.DataFrame:
    """Values of every region at ``level`` for ``period``, rolled up from counties if needed.

    ``from_counties`` rolls county values up to prefectures even when prefectures have values
    of their own (e.g. the share of a city's counties rated four stars or more).

    Columns: the region columns, then value, provenance ('sourced', 'sample', 'mixed' or
    NaN), source_title, source_date, note, n_with_data, n_units.
    """
    indicator = data.catalog.indicator(indicator_id)
    return data.remember(("region_values", indicator_id, level, period, from_counties),
                         lambda: _region_values(data, indicator, level, period, from_counties), copy=True)


def _region_values(data: Dataset, indicator: Indicator, level: str, period: str, from_counties: bool) -> pd.DataFrame:
    source_level = indicator.source_level(level)
    if from_counties and level == "prefecture" and "county" in indicator.levels:
        source_level = "county"
    if source_level == level:
        frame = observed(data, indicator.id, level, period)
        frame["n_with_data"] = frame["value"].notna().astype(int)
        frame["n_units"] = 1
        return frame
    counties = observed(data, indicator.id, "county", period)
    summary = aggregate_by(counties, "parent", indicator, weights=weights_for(data, indicator, period))
    frame = data.regions_at(level).merge(summary, left_on="adcode", right_index=True, how="left")
    has_data = frame["n_with_data"].fillna(0) > 0
    has_sources = frame["sources"].fillna("").astype(str) != ""
    frame["provenance"] = np.select([~has_data, frame["sample"].eq(True) & ~has_sources, frame["sample"].eq(True)],
                                    [None, "sample", "mixed"], "sourced")
    frame["provenance"] = frame["provenance"].where(has_data, None)
    frame["source_title"] = frame["sources"].where(has_sources, None)
    frame["n_with_data"] = frame["n_with_data"].fillna(0).astype(int)
    frame["n_units"] = frame["n_units"].fillna(0).astype(int)
    return frame.drop(columns=["sample", "sources"]).assign(period=period, source_url=None, source_date=None, note=None,
                                                            source_strength=None, definition=None)
