"""Each region's path over the periods: its values oldest first, as plain data a small chart draws.

(``sdplan.paths`` is about files; this is about a region's values over time.)

Where two values may be joined by a line is decided by :func:`sdplan.meaning.change_refusals`: no line
across a definition break, between a sample and a published value, or to a sum over part of a city's
counties (that one is a point of its own). The target drawn beside the path is
:func:`sdplan.meaning.path_target`'s. Every text is written by :mod:`sdplan.units`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from .catalog import Indicator
from .dataset import Dataset
from .i18n import t
from .mapview import SENSE_SYMBOLS
from .meaning import BREAK, Meaning, change_refusals, meaning_at, path_target, target_year
from .units import figure_text, unit_label, with_unit
from .values import periods, region_values

PROVINCE = "370000"


@dataclass(frozen=True)
class PathPoint:
    """One period's value of the region."""

    period: str
    value: float
    text: str  # as written everywhere, with its unit, and what it rests on (sample, part of the counties)
    sample: bool
    partial: bool  # a sum or share over part of the region's counties: a point of its own, never joined
    segment: int  # points of one segment are joined; a new segment starts where the change is refused


@dataclass(frozen=True)
class PathBreak:
    """A change of definition between two periods: no line is drawn across it."""

    before: str
    after: str
    text: str


@dataclass(frozen=True)
class TargetLine:
    value: float
    text: str
    own: bool  # the region's own target (the province's path), else the province's, for reference


@dataclass(frozen=True)
class RegionPath:
    """A region's values over every period of the indicator at its level (a gap where it has none)."""

    adcode: str
    name: str
    indicator: str
    title: str  # the indicator's name
    axis: str  # the values' unit as a label ("" for categories)
    step: bool  # ratings and categories: steps between levels, never a slope
    periods: tuple[str, ...]
    points: tuple[PathPoint, ...]
    target: TargetLine | None
    breaks: tuple[PathBreak, ...]
    ticks: tuple[tuple[float, str], ...]  # a step path's levels by name
    lang: str

    @property
    def has_sample(self) -> bool:
        return any(p.sample for p in self.points)

    @property
    def has_partial(self) -> bool:
        return any(p.partial for p in self.points)

    @property
    def summary(self) -> str:
        """The path in words, for a screen reader and beside the chart: '2022 三星级 → 2023 四星级'."""
        if not self.points:
            return t("path_none", self.lang)
        return " → ".join(t("labelled", self.lang, label=p.period, value=p.text) for p in self.points)


def path_frame(data: Dataset, indicator_id: str, level: str) -> pd.DataFrame:
    """Every region's value at ``level`` for every period, oldest first (remembered with the dataset)."""

    def build() -> pd.DataFrame:
        frames = [region_values(data, indicator_id, level, p) for p in periods(data, indicator_id, level)]
        if not frames:
            return pd.DataFrame(columns=["adcode", "period", "value"])
        return pd.concat([f.assign(period=p) for f, p in zip(frames, periods(data, indicator_id, level))],
                         ignore_index=True)

    return data.remember(("path_frame", indicator_id, level), build)


def region_path(data: Dataset, indicator_id: str, adcode: str, lang: str = "zh") -> RegionPath:
    """The path of region ``adcode`` (the province, a prefecture or a county) for the indicator.

    A region at a level the indicator is not shown at has an empty path (its ``summary`` says so).
    """
    indicator = data.catalog.indicator(indicator_id)
    level = str(data.region(adcode)["level"])
    name = data.region_name(adcode, lang)
    province = adcode == PROVINCE
    shown = level in indicator.map_levels or province
    meaning = meaning_at(indicator, indicator.default_level if province or not shown else level)
    step = meaning.categorical
    categories = indicator.categories if step else ()
    target = _target(data, indicator, meaning, province, lang)
    base = dict(adcode=adcode, name=name, indicator=indicator_id, title=indicator.name(lang),
                axis="" if step else unit_label(meaning.unit, lang), step=step, target=target, lang=lang,
                ticks=tuple((float(c.code), c.en if lang == "en" else c.zh) for c in categories))
    if not shown:
        return RegionPath(**base, periods=(), points=(), breaks=())
    if province:  # the province's own published figures
        rows = data.observations(indicator_id)
        rows = rows[rows["adcode"] == PROVINCE].reset_index(drop=True)
        all_periods = tuple(rows["period"])  # (sorted by period)
    else:
        frame = path_frame(data, indicator_id, level)
        rows = frame[(frame["adcode"] == adcode) & frame["value"].notna()].reset_index(drop=True)
        all_periods = tuple(periods(data, indicator_id, level))
    adjacent = {} if province else _adjacent_refusals(data, indicator_id, level)
    points: list[PathPoint] = []
    breaks: list[PathBreak] = []
    segment = 0
    records = rows.to_dict("records")
    for i, row in enumerate(records):
        sample = row["provenance"] in ("sample", "mixed")
        partial = 0 < int(row.get("n_with_data", 1) or 0) < int(row.get("n_units", 1) or 0)
        if i:
            before = records[i - 1]
            gap = all_periods.index(row["period"]) - all_periods.index(before["period"]) > 1
            refusal = (adjacent[(adcode, row["period"])] if not gap and not province
                       else change_refusals(pd.DataFrame([row]), pd.DataFrame([before])).iloc[0])
            if refusal is not None or gap:
                segment += 1
            if refusal == BREAK:
                breaks.append(_break(indicator, before, row, lang))
        text = figure_text(float(row["value"]), meaning.unit, lang, meaning.decimals, categories)
        definition = row.get("definition")
        counted = indicator.definition(definition if isinstance(definition, str) else None)
        if counted is not None:  # how it was counted travels with the value
            text = t("value_counted", lang, value=text, definition=counted.name(lang))
        notes = ([t("provenance.sample", lang)] if sample else []) + (
            [t("based_on", lang, n=int(row["n_with_data"]), total=int(row["n_units"]))] if partial else [])
        if notes:
            text = t("with_note", lang, text=text, note=t("enum_sep", lang).join(notes))
        points.append(PathPoint(str(row["period"]), float(row["value"]), text, sample, partial, segment))
    return RegionPath(**base, periods=all_periods, points=tuple(points), breaks=tuple(breaks))


def _adjacent_refusals(data: Dataset, indicator_id: str, level: str) -> dict[tuple[str, str], str | None]:
    """(adcode, period) -> why the change from the period before it is refused (None: it may be shown), for
    every region at ``level`` (one :func:`~sdplan.meaning.change_refusals` per pair of periods, remembered)."""

    def build() -> dict[tuple[str, str], str | None]:
        found: dict[tuple[str, str], str | None] = {}
        every = periods(data, indicator_id, level)
        for before, after in zip(every, every[1:]):
            now = region_values(data, indicator_id, level, after)
            reasons = change_refusals(now, region_values(data, indicator_id, level, before))
            found.update({(code, after): reason for code, reason in zip(now["adcode"], reasons)})
        return found

    return data.remember(("path_refusals", indicator_id, level), build)


def paths_of(data: Dataset, indicator_id: str, codes: list[str], lang: str = "zh") -> dict[str, RegionPath]:
    """The paths of regions ``codes`` by adcode (a table's rows), remembered with the dataset."""
    return data.remember(("paths_of", indicator_id, tuple(codes), lang),
                         lambda: {code: region_path(data, indicator_id, code, lang) for code in codes})


def city_paths(data: Dataset, indicator_id: str, lang: str = "zh", circle: str | None = None) -> list[RegionPath]:
    """The path of every prefecture-level city (of ``circle``, if given), by administrative code."""
    cities = data.regions_at("prefecture", circle)
    return [region_path(data, indicator_id, code, lang) for code in sorted(cities["adcode"])]


def shared_range(paths: list[RegionPath]) -> tuple[float, float] | None:
    """One value range for every path (and its target), so small charts side by side compare; None if empty.

    Its ends are round numbers (a quantity's low end is zero; a rating's or category's its lowest level),
    so they can be written at the ends of an axis.
    """
    values = [p.value for path in paths for p in path.points] + [path.target.value for path in paths if path.target]
    if not values:
        return None
    low, high = min(values), max(values)
    if paths[0].step:
        levels = [level for level, _ in paths[0].ticks] or [low, high]
        return min(low, min(levels)), max(high, max(levels))
    if paths[0].axis not in ("%",):
        low = min(low, 0.0)  # a quantity starts at zero
    step = 10 ** math.floor(math.log10(high - low)) if high > low else 1.0
    return math.floor(low / step) * step, math.ceil(high / step) * step if high > low else high + step


def _target(data: Dataset, indicator: Indicator, meaning: Meaning, province: bool, lang: str) -> TargetLine | None:
    found = path_target(data.catalog.targets_of(indicator.id), indicator, meaning, province)
    if found is None:
        return None
    target, own = found
    value = with_unit(target.target, target.unit, lang)
    text = t("path_target", lang, year=target_year(target), sense=SENSE_SYMBOLS[target.sense], value=value)
    return TargetLine(float(target.target), text if own else t("path_target_reference", lang, target=text), own)


def _break(indicator: Indicator, before: dict, after: dict, lang: str) -> PathBreak:
    def named(key: object) -> str:
        definition = indicator.definition(key if isinstance(key, str) else None)
        return definition.name(lang) if definition is not None else t("path_definition_unnamed", lang)

    text = t("path_break", lang, before=named(before.get("definition")), after=named(after.get("definition")))
    return PathBreak(str(before["period"]), str(after["period"]), text)

