"""Soft checks of submitted figures: warnings a submitter may answer with an explanation, never refusals.

The hard checks (format, plausible range, region, unit) refuse a file (:mod:`sdplan.intake.figure_files`);
these ask a question a reviewer would ask:

- ``jump``: the figure moves more than :data:`CHANGE_LIMIT` from the region's last figure before it;
- ``county_sum``: a city's figure of a summed indicator differs by more than :data:`SUM_TOLERANCE` from
  the sum of its counties' (when every county has one, from the file or the store);
- ``unusual``: the figure lies beyond Tukey's far fences (:data:`FENCE` interquartile ranges) of the
  other regions' figures of the same level and period (at least :data:`MIN_PEERS` of them, not all equal).

Each is a pure function of the file's rows and the store's current figures.
"""

from __future__ import annotations

import pandas as pd

from ..boundaries import load_regions
from ..catalog import Catalog

CHECKS = ("jump", "county_sum", "unusual")
CHANGE_LIMIT = 0.30  # a third up or down in a period is worth a sentence
SUM_TOLERANCE = 0.01  # rounding of a handful of counties stays within a percent
FENCE = 3.0
MIN_PEERS = 8


def soft_checks(frame: pd.DataFrame, current: pd.DataFrame, catalog: Catalog) -> dict[int, list[str]]:
    """The soft checks each row of ``frame`` raises, by position (rows raising none are left out).

    Parameters
    ----------
    frame : pandas.DataFrame
        The file's rows: ``indicator``, ``adcode``, ``period``, ``value``.
    current : pandas.DataFrame
        The store's current figures of the same indicators (same columns).
    catalog : Catalog
        Which indicators sum up from counties to cities.
    """
    frame = frame.reset_index(drop=True).assign(value=lambda f: f["value"].astype(float))
    current = current.assign(value=current["value"].astype(float)) if len(current) else current
    raised: dict[int, list[str]] = {}
    for check, positions in (("jump", _jumps(frame, current)), ("county_sum", _county_sums(frame, current, catalog)),
                             ("unusual", _unusual(frame, current))):
        for position in positions:
            raised.setdefault(position, []).append(check)
    return dict(sorted(raised.items()))


def _jumps(frame: pd.DataFrame, current: pd.DataFrame) -> list[int]:
    out = []
    for position, row in frame.iterrows():
        before = current[(current["indicator"] == row["indicator"]) & (current["adcode"] == row["adcode"])
                         & (current["period"] < row["period"])] if len(current) else current
        if before.empty:
            continue
        last = float(before.sort_values("period")["value"].iloc[-1])
        if last != 0 and abs(row["value"] - last) / abs(last) > CHANGE_LIMIT:
            out.append(position)
    return out


def _county_sums(frame: pd.DataFrame, current: pd.DataFrame, catalog: Catalog) -> list[int]:
    regions = load_regions()
    counties_of = regions[regions["level"] == "county"].groupby("parent")["adcode"].apply(list)
    merged = pd.concat([current[["indicator", "adcode", "period", "value"]] if len(current) else None,
                        frame[["indicator", "adcode", "period", "value"]]])
    figures = merged.drop_duplicates(["indicator", "adcode", "period"], keep="last").set_index(
        ["indicator", "adcode", "period"])["value"]
    parent = regions.set_index("adcode")["parent"]
    out = []
    for position, row in frame.iterrows():
        indicator = catalog.indicators.get(row["indicator"])
        if indicator is None or indicator.aggregate != "sum" or not {"prefecture", "county"} <= set(indicator.levels):
            continue
        city = row["adcode"] if row["adcode"] in counties_of.index else parent.get(row["adcode"])
        if city not in counties_of.index:
            continue
        keys = [(row["indicator"], c, row["period"]) for c in counties_of[city]]
        city_key = (row["indicator"], city, row["period"])
        if city_key not in figures.index or not all(k in figures.index for k in keys):
            continue
        total, own = float(figures.loc[keys].sum()), float(figures.loc[city_key])
        if abs(own - total) > SUM_TOLERANCE * max(abs(own), abs(total)):
            out.append(position)
    return out


def _unusual(frame: pd.DataFrame, current: pd.DataFrame) -> list[int]:
    if current.empty:
        return []
    level = load_regions().set_index("adcode")["level"]
    current = current.assign(level=level.reindex(current["adcode"]).to_numpy())
    out = []
    for position, row in frame.iterrows():
        peers = current[(current["indicator"] == row["indicator"]) & (current["period"] == row["period"])
                        & (current["level"] == level.get(row["adcode"])) & (current["adcode"] != row["adcode"])]["value"]
        if len(peers) < MIN_PEERS:
            continue
        q1, q3 = peers.quantile(0.25), peers.quantile(0.75)
        spread = q3 - q1
        if spread > 0 and (row["value"] < q1 - FENCE * spread or row["value"] > q3 + FENCE * spread):
            out.append(position)
    return out
