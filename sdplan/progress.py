"""Progress against the plan's targets, for the whole province or one economic circle."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .catalog import Target
from .circles import CIRCLE_IDS
from .dataset import Dataset
from .errors import UnknownKeyError
from .values import aggregate, observed, weights_for

PLAN_YEAR = "2022"
STATUSES = ("met", "on_track", "behind", "no_data", "province_only")


@dataclass(frozen=True)
class Progress:
    """Where one target stands for a scope (province or a circle) at a period."""

    target: Target
    circle: str | None
    period: str | None
    value: float
    target_value: float | None
    unit: str
    status: str
    n_units: int
    n_with_data: int
    sample: bool
    sources: tuple[str, ...]

    @property
    def ratio(self) -> float | None:
        """Share of the way to the target (1.0 = met), for a progress bar; None if undefined."""
        if self.target_value is None or math.isnan(self.value):
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


def elapsed_share(period: str) -> float:
    """How much of the plan year has passed at the end of ``period`` (1.0 for a whole year)."""
    if not period.startswith(PLAN_YEAR) or len(period) == 4:
        return 1.0
    month = int(period[6]) * 3 if "Q" in period else int(period[5:7])
    return month / 12


def status_of(target: Target, value: float, target_value: float | None, period: str | None) -> str:
    if math.isnan(value):
        return "no_data"
    if target_value is None:
        return "province_only"  # a province-wide total or count: a circle only contributes to it
    if meets(target, value, target_value):
        return "met"
    cumulative = target.sense == "at_least" and target.unit not in ("percent", "stars")
    if cumulative and period and value >= target_value * elapsed_share(period):
        return "on_track"
    return "behind"


def _circle_has_target(how: str) -> bool:
    """A circle shares the province's rate and share targets; totals and counts are province-wide."""
    return how in ("share_at_least", "weighted_mean")


def progress(data: Dataset, target_id: str, period: str | None, circle: str | None = None) -> Progress:
    """Progress of one target for the province (``circle=None``) or one economic circle.

    The province's own published figure is used when there is one for the period; otherwise
    the value is aggregated from the regions at the target's level in scope.
    """
    return data.remember(("progress", target_id, period, circle), lambda: _progress(data, target_id, period, circle))


def _progress(data: Dataset, target_id: str, period: str | None, circle: str | None) -> Progress:
    target = data.catalog.target(target_id)
    if circle not in (None, *CIRCLE_IDS):
        raise UnknownKeyError("circle", circle, CIRCLE_IDS)
    if not target.indicator or period is None:
        return Progress(target, circle, period, math.nan, target.target, target.unit, "no_data", 0, 0, False, ())
    indicator = data.catalog.indicator(target.indicator)
    how = indicator.aggregate if target.measure == "value" else target.measure
    level = indicator.level_for(target.level if target.level != "province" else indicator.primary_level)
    target_value = target.target if circle is None or _circle_has_target(how) else None
    if circle is None:
        province = observed(data, target.indicator, "province", period)
        if province["value"].notna().any():
            row = province.iloc[0]
            sample = row["provenance"] == "sample"
            sources = () if sample else (row["source_title"],)
            value = float(row["value"])
            return Progress(target, None, period, value, target_value, target.unit,
                            status_of(target, value, target_value, period), 1, 1, sample, sources)
    frame = observed(data, target.indicator, level, period)
    if circle:
        frame = frame[frame["circle"] == circle]
    agg = aggregate(frame, indicator, how=how, threshold=target.threshold, weights=weights_for(data, indicator, period))
    return Progress(target, circle, period, agg.value, target_value, agg.unit,
                    status_of(target, agg.value, target_value, period), agg.n_units, agg.n_with_data,
                    agg.sample, agg.sources)
