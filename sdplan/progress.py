"""Progress against the plan's targets, for the province, an economic circle or one prefecture.

Coverage is part of every figure: a progress knows how many of the regions in its scope have
data, and whether its value was published for exactly that scope. A status against the target
(met, on track, behind) is given only when the figure is complete, that is published for the
scope or summed over every region in it; otherwise the status is ``partial`` and the value is
what the reporting regions add up to, never presented as the scope's total. Which target applies
to a scope and which periods may be judged is decided by :mod:`sdplan.meaning`: the plan's targets
are the province's; a city is judged against its own sub-target where one was imported, and is
``province_only`` without one (as is a circle); targets are set for the plan year (a figure of
another year is ``other_year``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from .catalog import Definition, Indicator, Target
from .circles import CIRCLE_IDS
from .dataset import Dataset
from .errors import UnknownKeyError
from .i18n import t
from .meaning import JUDGED, OwnTarget, elapsed_share, own_target, period_judgeable, summary_meaning
from .values import aggregate, observed, weights_for

# The regions' values were counted by different definitions (words in the catalogue: definition_mixed).
MIXED = Definition("mixed", t("definition_mixed", "zh"), t("definition_mixed", "en"))
STATUSES = ("met", "on_track", "behind", "partial", "other_year", "no_data", "province_only")
__all__ = ["JUDGED", "STATUSES", "Progress", "meets", "progress", "status_of"]


@dataclass(frozen=True)
class Progress:
    """Where one target stands for a scope (the province, a circle or a prefecture) at a period."""

    target: Target
    circle: str | None
    period: str | None
    value: float
    target_value: float | None  # the scope's own target; None where it has none (a circle, a city without a sub-target)
    unit: str
    status: str
    n_units: int  # regions in the scope
    n_with_data: int  # of which have a value
    sample: bool
    sources: tuple[str, ...]
    published: bool = False  # the value was published for exactly this scope (not added up from its regions)
    prefecture: str | None = None
    how: str = "value"  # how the regions' values were combined (sum, weighted_mean, ...), "value" if published
    decimals: int | None = None  # the indicator's decimals for this unit
    categories: tuple = ()  # the indicator's categories, where the value is one of its codes (a city's own rating)
    definition: Definition | None = None  # how the value was counted, where the indicator counts in more than one way
    subtarget: bool = False  # target_value is the region's own sub-target, not the plan's
    target_sample: bool = False  # that sub-target is a sample value

    @property
    def on_sample(self) -> bool:
        """Whether a verdict on it rests on a sample value: the figure's or its own target's."""
        return self.sample or self.target_sample

    @property
    def complete(self) -> bool:
        """Whether the value covers the whole scope: published for it, or every region reported."""
        return self.published or (self.n_units > 0 and self.n_with_data == self.n_units)

    @property
    def partial(self) -> bool:
        """A value that rests on only some of the scope's regions."""
        return not math.isnan(self.value) and not self.complete

    @property
    def ratio(self) -> float | None:
        """Share of the way to the target (1.0 = met), for a progress bar; None if undefined or partial."""
        if self.target_value is None or math.isnan(self.value) or self.partial:
            return None
        if self.target.sense == "zero":
            return 1.0 if self.value <= 0 else 0.0
        if self.target.sense == "at_most":
            return min(1.0, self.target_value / self.value) if self.value > 0 else 1.0
        return min(1.0, self.value / self.target_value) if self.target_value else 1.0


def meets(target: Target, value: float, target_value: float) -> bool:
    if target.sense == "at_most":
        return value <= target_value
    if target.sense == "zero":
        return value <= 0
    return value >= target_value


def status_of(target: Target, value: float, target_value: float | None, period: str | None,
              complete: bool = True) -> str:
    """Where ``value`` stands: no data, not the scope's target, partial, of another year, or judged."""
    if math.isnan(value):
        return "no_data"
    if not complete:
        return "partial"  # never judge a figure that rests on part of the scope (and say how much it rests on)
    if target_value is None:
        return "province_only"  # the province's target: a circle or a city is not judged against it
    if not period_judgeable(target, period):
        return "other_year"  # a 2020 figure is not judged against a 2022 target
    if meets(target, value, target_value):
        return "met"
    cumulative = target.sense == "at_least" and target.unit not in ("percent", "stars")
    if cumulative and period and value >= target_value * elapsed_share(period):
        return "on_track"
    return "behind"


def progress(data: Dataset, target_id: str, period: str | None, circle: str | None = None,
             prefecture: str | None = None) -> Progress:
    """Progress of one target for the province, one economic circle or one prefecture.

    A figure published for exactly the scope (the province's, or the prefecture's own) is used
    when there is one for the period; otherwise the value is aggregated from the scope's regions
    at the target's level, with its coverage.
    """
    return data.remember(("progress", target_id, period, circle, prefecture),
                         lambda: _progress(data, target_id, period, circle, prefecture))


def _progress(data: Dataset, target_id: str, period: str | None, circle: str | None,
              prefecture: str | None) -> Progress:
    target = data.catalog.target(target_id)
    if circle not in (None, *CIRCLE_IDS):
        raise UnknownKeyError("circle", circle, CIRCLE_IDS)
    if prefecture is not None and prefecture not in data.prefecture_codes:
        raise UnknownKeyError("prefecture", prefecture, sorted(data.prefecture_codes))
    if not target.indicator or period is None:
        return Progress(target, circle, period, math.nan, target.target, target.unit, "no_data", 0, 0, False, (),
                        prefecture=prefecture)
    indicator = data.catalog.indicator(target.indicator)
    how = indicator.aggregate if target.measure == "value" else target.measure
    level = indicator.level_for(target.level if target.level != "province" else indicator.primary_level)
    whole = circle is None and prefecture is None
    own = own_target(data, target, circle, prefecture)
    target_value, marks = (own.value, _marks(own)) if own else (None, {})
    if whole and target.measure == "value":  # the province's own figure is the indicator's value itself
        province = observed(data, target.indicator, "province", period)
        if province["value"].notna().any():
            row = province.iloc[0]
            sample = row["provenance"] == "sample"
            sources = () if sample else (row["source_title"],)
            value = float(row["value"])
            return Progress(target, None, period, value, target_value, target.unit,
                            status_of(target, value, target_value, period), 1, 1, sample, sources, published=True,
                            decimals=indicator.decimals_for(target.unit),
                            definition=indicator.definition(row.get("definition")), **marks)
    frame = observed(data, target.indicator, level, period)
    if indicator.members:  # a named list: its own regions are the scope's regions
        frame = frame[frame["adcode"].isin(indicator.members)]
    if prefecture:
        frame = frame[(frame["adcode"] == prefecture) if level == "prefecture" else (frame["parent"] == prefecture)]
    elif circle:
        frame = frame[frame["circle"] == circle]
    agg = aggregate(frame, indicator, how=how, threshold=target.threshold, weights=weights_for(data, indicator, period))
    complete = agg.n_units > 0 and agg.n_with_data == agg.n_units
    if len(frame) == 1 and summary_meaning(indicator, how).kind in ("rate", "count") and how != "weighted_mean":
        # one region: a share or count of one is no figure (100 %); the region's own value stands
        row = frame.iloc[0]
        value = float(row["value"])
        sample = row["provenance"] == "sample"
        sources = () if sample or not isinstance(row["source_title"], str) else (row["source_title"],)
        return Progress(target, circle, period, value, None, indicator.unit,
                        "no_data" if math.isnan(value) else "province_only", 1, int(not math.isnan(value)),
                        bool(sample and not math.isnan(value)), sources, prefecture=prefecture, how="value",
                        decimals=indicator.decimals_for(indicator.unit), categories=indicator.categories,
                        definition=indicator.definition(row.get("definition")))
    return Progress(target, circle, period, agg.value, target_value, agg.unit,
                    status_of(target, agg.value, target_value, period, complete), agg.n_units, agg.n_with_data,
                    agg.sample, agg.sources, prefecture=prefecture, how=how,
                    decimals=indicator.decimals_for(agg.unit), definition=_counted_as(indicator, frame), **marks)


def _marks(own: OwnTarget) -> dict:
    return {"subtarget": own.subtarget, "target_sample": own.sample}


def _counted_as(indicator: Indicator, frame: pd.DataFrame) -> Definition | None:
    """How the regions' values were counted: their one definition; :data:`MIXED` where they differ (a sum of
    a metro-only figure and a metro-and-tram one says so); None for an indicator counted one way."""
    if not indicator.definitions or "definition" not in frame:
        return None
    keys = {d for d in frame.loc[frame["value"].notna(), "definition"] if isinstance(d, str)}
    if len(keys) > 1:
        return MIXED
    return indicator.definition(keys.pop()) if keys else None
