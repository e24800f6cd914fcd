"""What a briefing says, computed from the dataset: scope, period, one section per indicator.

Each section holds the same :class:`~sdplan.mapview.MapModel` the map screen draws, its table by
region at the briefing's period and at the comparison period, the progress of the indicator's
targets at both periods and the change between them. A change is computed only where both sides
have a value: a region (or a headline) missing a side has no change (None, written "—"), never 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime

import pandas as pd

from ..as_of import moment_banner
from ..beijing import local, now
from ..catalog import Indicator
from ..circles import CIRCLE_IDS
from ..dataset import Dataset
from ..errors import UnknownKeyError
from ..i18n import t
from ..ledger.rows import THRUST_ORDER, ledger_period
from ..mapview import MapModel, build_map_model, scope_names
from ..meaning import later_updates, representative_period
from ..notes import Note, notes_by_subject, notes_within
from ..progress import Progress, progress
from ..tables import period_end
from ..translations import SEPARATOR
from ..values import periods
from ..viewstate import View, with_changes
from .masthead import Masthead, masthead

DEFAULT_INDICATORS = ("urbanization_rate", "urban_rail_km", "smart_city_stars", "sewer_retrofit_km",
                      "sponge_city_new_km2", "sewer_retrofit_status")


@dataclass(frozen=True)
class Scope:
    """The province, an economic circle or one prefecture."""

    circle: str | None = None
    prefecture: str | None = None

    @property
    def key(self) -> str:
        return self.prefecture or self.circle or "province"


def parse_scope(data: Dataset, text: str | None) -> Scope:
    """'province', 'capital', 'jiaodong', 'lunan' or a prefecture's adcode."""
    if text in (None, "", "province"):
        return Scope()
    if text in CIRCLE_IDS:
        return Scope(circle=text)
    if text in data.prefecture_codes:
        return Scope(prefecture=text)
    raise UnknownKeyError("scope", str(text), ["province", *CIRCLE_IDS, *sorted(data.prefecture_codes)])


@dataclass(frozen=True)
class Row:
    """One region of a section's table: its value now, at the comparison period, and the change."""

    adcode: str
    name_zh: str
    name_en: str
    value: float
    previous: float
    provenance: str  # sourced, sample, mixed or nodata

    @property
    def change(self) -> float | None:
        """value - previous, or None when either side is missing (never 0 for a missing side)."""
        if math.isnan(self.value) or math.isnan(self.previous):
            return None
        return self.value - self.previous

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_zh


@dataclass(frozen=True)
class Section:
    """One indicator of the briefing."""

    indicator: Indicator
    model: MapModel  # the map, exactly as the screen draws it at the briefing's period
    period: str
    compare_to: str | None
    rows: tuple[Row, ...]
    unit: str  # the unit of the table's values
    decimals: int | None
    progress: tuple[Progress, ...]  # the indicator's targets for the scope at the period
    previous: tuple[Progress, ...]  # the same targets at the comparison period (empty without one)
    updates: tuple[tuple[str, int, int], ...] = ()  # later partial figures in the period's year (period, n, of N)

    @property
    def has_sample(self) -> bool:
        return self.model.has_sample or any(r.provenance in ("sample", "mixed") for r in self.rows) or any(
            p.on_sample for p in (*self.progress, *self.previous))

    @property
    def is_rate(self) -> bool:
        """Whether a change is in percentage points."""
        return self.unit == "percent"


def headline_change(now: Progress, before: Progress | None) -> float | None:
    """The change of a target's figure between two periods: only between two complete figures."""
    if before is None or math.isnan(now.value) or math.isnan(before.value) or not now.complete or not before.complete:
        return None
    return now.value - before.value


@dataclass(frozen=True)
class Briefing:
    """Everything a briefing document writes, in one language."""

    scope: Scope
    scope_names: tuple[str, str]
    period: str | None  # as asked (None: each indicator at its best-covered period)
    compare_to: str | None
    sections: tuple[Section, ...]
    as_of: datetime
    masthead: Masthead
    lang: str
    ledger: tuple[Progress, ...] = ()  # every target of the plan for the scope, at its ledger period
    leads: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (target id, its lead departments or its figures' keepers)
    notes: tuple[tuple[str, Note], ...] = ()  # (task or target named, its latest progress note in the period)
    version: str | None = None  # drawn from a past version of the data: "数据截至 … 的版本" on every page

    def lead_departments(self, target_id: str) -> tuple[str, ...]:
        return dict(self.leads).get(target_id, ())

    @property
    def issuer(self) -> str:
        return self.masthead.issuer

    @property
    def scope_name(self) -> str:
        return self.scope_names[1 if self.lang == "en" else 0]

    @property
    def has_sample(self) -> bool:
        return any(s.has_sample for s in self.sections)

    @property
    def data_date(self) -> str | None:
        """The latest period the figures describe (the sources' publication dates go with the sources)."""
        return max((s.period for s in self.sections), key=period_end, default=None)

    def sources(self) -> list[tuple[str, str | None]]:
        """(title, date) of every public source behind the figures shown, in order of first use."""
        found: dict[str, str | None] = {}
        for s in self.sections:
            shown = _shown(s.model)
            shown = shown[shown["provenance"].isin(["sourced", "mixed"])]
            for titles, date in zip(shown["source_title"], shown["source_date"]):
                for title in str(titles).split(SEPARATOR) if isinstance(titles, str) else ():
                    if title not in found or (isinstance(date, str) and date > (found[title] or "")):
                        found[title] = date if isinstance(date, str) else None
            for p in s.progress:
                for title in p.sources:
                    found.setdefault(title, None)
        return list(found.items())


def _shown(model: MapModel) -> pd.DataFrame:
    return model.values[model.values["adcode"].isin(model.scope_codes)]


def period_start(period: str) -> tuple[int, int]:
    """(year, first month) of a period: 2022 starts in January, 2022-Q3 in July, 2022-06 in June."""
    year, last = period_end(period)
    _, _, part = period.partition("-")
    return year, 1 if not part else (last - 2 if part.startswith("Q") else last)


def pick_period(available: list[str], wanted: str | None) -> str | None:
    """The latest of ``available`` under way by the end of ``wanted`` (None if none is).

    A yearly figure answers for any month of its year (2022 for 2022-10), a monthly one for the
    year it falls in (2022-12 for 2022).
    """
    if wanted is None:
        return None
    begun = [p for p in available if period_start(p) <= period_end(wanted)]
    return max(begun, key=period_end) if begun else None


def _view(data: Dataset, indicator_id: str, scope: Scope, lang: str) -> View:
    view = with_changes(data, View(), indicator=indicator_id, lang=lang)
    if scope.prefecture:
        circle = data.circle_of(scope.prefecture)
        drill = "county" in data.catalog.indicator(indicator_id).map_levels
        return with_changes(data, view, circle=circle, prefecture=scope.prefecture if drill else None)
    return with_changes(data, view, circle=scope.circle)


def _rows(data: Dataset, model: MapModel, before: MapModel | None, scope: Scope) -> tuple[Row, ...]:
    table = model.breakdown
    if scope.prefecture and not model.view.prefecture:  # a prefecture-level map: the prefecture's own row
        table = table[table["adcode"] == scope.prefecture]
    previous = before.breakdown.set_index("adcode")["value"].astype(float) if before is not None else pd.Series(dtype=float)
    return tuple(Row(str(r.adcode), str(r.name_zh), str(r.name_en), float(r.value),
                     float(previous.get(r.adcode, math.nan)), str(r.provenance)) for r in table.itertuples())


def section(data: Dataset, indicator_id: str, scope: Scope, period: str | None, compare_to: str | None,
            lang: str = "zh") -> Section | None:
    """The section of one indicator, or None when it has no value at or before ``period``.

    Parameters
    ----------
    data : Dataset
        The figures.
    indicator_id : str
        A map indicator.
    scope : Scope
        The province, a circle or a prefecture.
    period : str, optional
        The briefing's period: the indicator's latest period ending no later (None: its best-covered one).
    compare_to : str, optional
        The comparison period, chosen the same way (None: the indicator's period before ``period``).
    lang : {"zh", "en"}
        The language of the map model.
    """
    view = _view(data, indicator_id, scope, lang)
    available = periods(data, indicator_id, view.level)
    if period and len(period) > 4:  # a month or a quarter asked for: the latest figure by then
        chosen = pick_period(available, period)
    else:  # a year (or none): the period that represents it, later partial figures being updates
        chosen = representative_period(data, indicator_id, view.level, within=period)
    if chosen is None:
        return None
    earlier = [p for p in available if period_end(p) < period_end(chosen)]
    before_period = pick_period(earlier, compare_to) if compare_to else (earlier[-1] if earlier else None)
    model = build_map_model(data, with_changes(data, view, period=chosen))
    before = build_map_model(data, with_changes(data, view, period=before_period)) if before_period else None
    if before is not None and before.view.period != before_period:
        before = None
    targets = data.catalog.targets_of(indicator_id)
    scoped = (lambda t, p: progress(data, t.id, p, scope.circle, scope.prefecture))
    whole = scope.circle is None and scope.prefecture is None  # later partial figures are the province's updates
    return Section(indicator=model.indicator, model=model, period=chosen, compare_to=before_period if before else None,
                   rows=_rows(data, model, before, scope), unit=model.breakdown_unit,
                   decimals=model.breakdown_decimals,
                   progress=tuple(scoped(t, chosen) for t in targets),
                   previous=tuple(scoped(t, before_period) for t in targets) if before else (),
                   updates=tuple(later_updates(data, indicator_id, view.level, chosen)) if whole else ())


def build_briefing(data: Dataset, scope: Scope, period: str | None = None, compare_to: str | None = None,
                   indicators: tuple[str, ...] | list[str] | None = None, lang: str = "zh",
                   as_of: datetime | None = None, issuer: str | None = None,
                   head: Masthead | None = None, notes: tuple[Note, ...] | list[Note] = ()) -> Briefing:
    """The briefing for ``scope`` at ``period`` (pure: the same inputs give the same content).

    Parameters
    ----------
    data : Dataset
        The figures.
    scope : Scope
        From :func:`parse_scope`.
    period, compare_to : str, optional
        The briefing's period and the period it is compared with (see :func:`section`).
    indicators : sequence of str, optional
        Map indicators, in order (default :data:`DEFAULT_INDICATORS`).
    lang : {"zh", "en"}
        Language of the document.
    as_of : datetime, optional
        The time printed as the document's date (default now).
    issuer : str, optional
        The issuing unit printed in the 报头 (default: the masthead's).
    head : Masthead, optional
        Name, issue number, issuing unit and recipients (default: the settings', see :mod:`.masthead`).
    notes : sequence of Note
        The plan's progress notes (:func:`progress_notes` keeps the latest of each task or target in the period).
    """
    chosen = list(indicators or DEFAULT_INDICATORS)
    known = data.catalog.map_indicators()
    for indicator_id in chosen:
        if indicator_id not in known:
            raise UnknownKeyError("indicator", indicator_id, known)
    sections = [section(data, i, scope, period, compare_to, lang) for i in chosen]
    names = scope_names(data, View(circle=scope.circle, prefecture=scope.prefecture))
    as_of = as_of or now().replace(microsecond=0)
    return Briefing(scope, names, period, compare_to, tuple(s for s in sections if s is not None), as_of,
                    _head(head, issuer), lang, ledger_progress(data, scope), leads(data),
                    progress_notes(data, notes, period, as_of, lang), moment_banner(data.as_of, lang))


def _head(head: Masthead | None, issuer: str | None) -> Masthead:
    chosen = head or masthead()
    return chosen if issuer is None else replace(chosen, issuer=issuer)


def leads(data: Dataset) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each target's lead departments; where the plan names none (the overall goal), its figures' keepers."""
    catalog = data.catalog
    return tuple((t.id, t.lead_departments or (catalog.lead_departments(t.indicator) if t.indicator else ()))
                 for t in catalog.targets.values())


def progress_notes(data: Dataset, notes: tuple[Note, ...] | list[Note], period: str | None, as_of: datetime,
                   lang: str) -> tuple[tuple[str, Note], ...]:
    """The latest note of each task or target that has one in ``period`` (a year, quarter or month; without a
    period, up to the document's date), named as the ledger names it, in plan order."""
    if period:
        year, month = period_end(period)
        first = {"Q": (int(period[-1]) - 1) * 3 + 1}.get(period[5:6], month) if "-" in period else 1
        start, end = f"{year}-{first:02d}-01", f"{year}-{month:02d}-31"
    else:
        start, end = "0000-01-01", f"{local(as_of):%Y-%m-%d}"
    latest = {key: group[0] for key, group in notes_by_subject(notes_within(notes, start, end)).items()}
    catalog = data.catalog
    named = []
    for (kind, key), note in latest.items():
        if kind == "target" and key in catalog.targets:
            named.append(((note.task, 1), catalog.targets[key].name(lang), note))
        elif kind == "task" and int(key) in catalog.tasks:
            task = catalog.tasks[int(key)]
            named.append(((task.number, 0), t("brief_task_named", lang, n=task.number, name=task.name(lang)), note))
    return tuple((name, note) for _, name, note in sorted(named, key=lambda x: x[0]))


def ledger_progress(data: Dataset, scope: Scope) -> tuple[Progress, ...]:
    """Every target of the plan for ``scope`` at the period the ledger shows it, in the ledger's order."""
    targets = sorted(data.catalog.targets.values(), key=lambda t: (THRUST_ORDER.index(t.thrust), t.task))
    return tuple(progress(data, t.id, ledger_period(data, t), scope.circle, scope.prefecture) for t in targets)
