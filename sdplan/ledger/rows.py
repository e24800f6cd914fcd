"""The ledger's rows: every catalog target with its progress, for the filters in force."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..catalog import THRUSTS, Target, Task
from ..dataset import Dataset
from ..meaning import representative_period, target_year
from ..notes import Note, notes_by_subject
from ..progress import Progress, progress
from ..schedule import Schedule, schedule_of
from ..settings import schedule_thresholds
from ..tables import period_end
from ..values import periods
from ..viewstate import View, view_query
from .filters import Filters
from .search import matches_query

THRUST_ORDER = tuple(THRUSTS)


@dataclass(frozen=True)
class LedgerRow:
    """One target as the ledger shows it."""

    target: Target
    progress: Progress
    provenance: str  # "sourced", "sample" or "no_data"
    map_href: str | None
    notes: tuple[Note, ...] = ()  # its progress notes, newest first
    schedule: Schedule = Schedule("unjudged", reason="no_data")  # against the time-proportional schedule (序时进度)

    @property
    def task(self) -> int:
        return self.target.task

    @property
    def thrust(self) -> str:
        return self.target.thrust

    @property
    def status(self) -> str:
        return self.progress.status

    @property
    def value(self) -> float:
        return self.progress.value


@dataclass(frozen=True)
class TaskRow:
    """A task of the plan as the ledger shows it: one that sets no number (or whose own notes are asked for)."""

    task_item: Task
    notes: tuple[Note, ...] = ()  # its progress notes, newest first

    @property
    def task(self) -> int:
        return self.task_item.number

    @property
    def thrust(self) -> str:
        return self.task_item.thrust

    @property
    def lead_departments(self) -> tuple[str, ...]:
        return self.task_item.lead_departments


def target_periods(data: Dataset, target: Target) -> list[str]:
    """Periods with values for the target's indicator at its primary level or the province's own, oldest first."""
    if not target.indicator:
        return []
    level = data.catalog.indicator(target.indicator).primary_level
    obs = data.observations(target.indicator)
    province = set(data.regions_at("province")["adcode"])
    found = set(periods(data, target.indicator, level)) | set(obs.loc[obs["adcode"].isin(province), "period"])
    return sorted(found, key=period_end)


def ledger_period(data: Dataset, target: Target) -> str | None:
    """The period the ledger shows for a target.

    The period that represents the indicator in the target's year (:func:`sdplan.meaning.representative_period`):
    the latest with the province's own figure or every region's.
    """
    if not target.indicator:
        return None
    level = data.catalog.indicator(target.indicator).primary_level
    return representative_period(data, target.indicator, level, within=target_year(target), regional=False)


def provenance_of(p: Progress) -> str:
    """"no_data" without a value, "sample" for sample values, otherwise "sourced"."""
    if math.isnan(p.value):
        return "no_data"
    return "sample" if p.sample else "sourced"


def map_href(data: Dataset, target: Target, circle: str | None = None, lang: str = "zh",
             plan: str | None = None) -> str | None:
    """The dashboard link ('/?indicator=…') that opens the map on the target's indicator, or None."""
    if not target.indicator or not data.catalog.indicator(target.indicator).on_map:
        return None
    indicator = data.catalog.indicator(target.indicator)
    level = indicator.level_for(target.level)
    if level not in indicator.map_levels:
        level = indicator.default_level
    return "/" + view_query(data, View(indicator=target.indicator, circle=circle, lang=lang, level=level, plan=plan))


def matches(target: Target, filters: Filters) -> bool:
    """Whether the target passes the thrust, department and search filters."""
    if filters.thrust and target.thrust != filters.thrust:
        return False
    if filters.dept and filters.dept not in target.lead_departments:
        return False
    return matches_query(target, filters.q)


def ledger_rows(data: Dataset, filters: Filters = Filters(), notes: tuple[Note, ...] | list[Note] = (),
                thresholds: tuple[float, float] | None = None) -> list[LedgerRow]:
    """The ledger for ``filters``, grouped by thrust then task number.

    Parameters
    ----------
    data : Dataset
        The figures.
    filters : Filters
        Thrust, department, status, circle and search; a circle gives each target the circle's
        own progress (``progress(id, period, circle)``).
    notes : sequence of Note
        The plan's progress notes; each row carries its own, newest first.
    thresholds : (float, float), optional
        The schedule's yellow and red thresholds (default: the settings').

    Returns
    -------
    list of LedgerRow
        One row per target that passes every filter.
    """
    by_subject = notes_by_subject(notes)
    rows = []
    thresholds = thresholds or schedule_thresholds()
    for target in sorted(data.catalog.targets.values(), key=lambda t: (THRUST_ORDER.index(t.thrust), t.task)):
        if not matches(target, filters):
            continue
        p = progress(data, target.id, ledger_period(data, target), filters.circle)
        if filters.status and p.status != filters.status:
            continue
        rows.append(LedgerRow(target, p, provenance_of(p), map_href(data, target, filters.circle, filters.lang,
                                                                     filters.plan),
                              by_subject.get(("target", target.id), ()), schedule_of(p, thresholds)))
    return rows


def task_rows(data: Dataset, filters: Filters = Filters(), notes: tuple[Note, ...] | list[Note] = ()) -> list[TaskRow]:
    """The plan's tasks that set no number, and any task with notes of its own, for the filters in force.

    A task has no status, so none is listed while a status is asked for.
    """
    if filters.status:
        return []
    by_subject = notes_by_subject(notes)
    numbered = {t.task for t in data.catalog.targets.values()}
    rows = []
    for task in sorted(data.catalog.tasks.values(), key=lambda k: (THRUST_ORDER.index(k.thrust), k.number)):
        own = by_subject.get(("task", str(task.number)), ())
        if task.number in numbered and not own:
            continue
        if filters.thrust and task.thrust != filters.thrust:
            continue
        if filters.dept and filters.dept not in task.lead_departments:
            continue
        if not matches_query(task, filters.q):
            continue
        rows.append(TaskRow(task, own))
    return rows


def in_plan_order(rows: list[LedgerRow], tasks: list[TaskRow]) -> list[LedgerRow | TaskRow]:
    """Targets and task rows together, by thrust and task number (a task's own row before its targets)."""
    return sorted([*rows, *tasks], key=lambda r: (THRUST_ORDER.index(r.thrust), r.task, isinstance(r, LedgerRow)))


def trend(data: Dataset, target_id: str, circle: str | None = None) -> list[Progress]:
    """Progress at every period of the target's indicator, oldest first (empty without data)."""
    target = data.catalog.target(target_id)
    return [progress(data, target_id, period, circle) for period in target_periods(data, target)]
