"""The ledger's rows: every catalog target with its progress, for the filters in force."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..catalog import THRUSTS, Target, get_indicator, targets
from ..progress import Progress, progress
from ..values import default_period, observed, periods
from ..viewstate import View, map_indicators, view_query
from .filters import Filters

THRUST_ORDER = tuple(THRUSTS)


@dataclass(frozen=True)
class LedgerRow:
    """One target as the ledger shows it."""

    target: Target
    progress: Progress
    provenance: str  # "sourced", "sample" or "no_data"
    map_href: str | None

    @property
    def status(self) -> str:
        return self.progress.status

    @property
    def value(self) -> float:
        return self.progress.value


def target_periods(target: Target) -> list[str]:
    """Periods with values for the target's indicator at its first level, oldest first."""
    if not target.indicator:
        return []
    indicator = get_indicator(target.indicator)
    return periods(target.indicator, indicator.levels[0])


def ledger_period(target: Target) -> str | None:
    """The period the ledger shows for a target.

    The latest period with the province's own published figure; without one, the indicator's
    best-covered period (the latest among equals).
    """
    if not target.indicator:
        return None
    with_province = [p for p in target_periods(target)
                     if observed(target.indicator, "province", p)["value"].notna().any()]
    if with_province:
        return with_province[-1]
    return default_period(target.indicator, get_indicator(target.indicator).levels[0])


def provenance_of(p: Progress) -> str:
    """"no_data" without a value, "sample" for sample values, otherwise "sourced"."""
    if math.isnan(p.value):
        return "no_data"
    return "sample" if p.sample else "sourced"


def map_href(target: Target, circle: str | None = None, lang: str = "zh") -> str | None:
    """The dashboard link ('/?indicator=…') that opens the map on the target's indicator, or None."""
    if target.indicator not in map_indicators():
        return None
    return "/" + view_query(View(indicator=target.indicator, circle=circle, lang=lang,
                                 level=_map_level(target)))


def _map_level(target: Target) -> str:
    levels = get_indicator(target.indicator).levels
    return target.level if target.level in levels else ("prefecture" if "prefecture" in levels else levels[0])


def _progress(target_id: str, period: str | None, circle: str | None) -> Progress:
    # Not cached here: sdplan.values caches observations and notices when the store changes.
    return progress(target_id, period, circle)


def matches(target: Target, filters: Filters) -> bool:
    """Whether the target passes the thrust, department and search filters."""
    if filters.thrust and target.thrust != filters.thrust:
        return False
    if filters.dept and filters.dept not in target.lead_departments:
        return False
    q = filters.q.strip().lower()
    return not q or q in target.name_zh.lower() or q in target.name_en.lower() or q in target.id


def ledger_rows(filters: Filters = Filters()) -> list[LedgerRow]:
    """The ledger for ``filters``, grouped by thrust then task number.

    Parameters
    ----------
    filters : Filters
        Thrust, department, status, circle and search; a circle gives each target the circle's
        own progress (``progress(id, period, circle)``).

    Returns
    -------
    list of LedgerRow
        One row per target that passes every filter.
    """
    rows = []
    for target in sorted(targets().values(), key=lambda t: (THRUST_ORDER.index(t.thrust), t.task)):
        if not matches(target, filters):
            continue
        p = _progress(target.id, ledger_period(target), filters.circle)
        if filters.status and p.status != filters.status:
            continue
        rows.append(LedgerRow(target, p, provenance_of(p), map_href(target, filters.circle, filters.lang)))
    return rows


def trend(target_id: str, circle: str | None = None) -> list[Progress]:
    """Progress at every period of the target's indicator, oldest first (empty without data)."""
    target = targets()[target_id]
    return [_progress(target_id, period, circle) for period in target_periods(target)]
