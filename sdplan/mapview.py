"""What the dashboard shows for a view: map styles, legend, breakdown and progress.

:func:`build_map_model` is the single pure function behind the map screen and the snapshot
export: given a :class:`~sdplan.viewstate.View` it returns the values and styles to draw
(never geometry), so the screen and the exported image always agree.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .catalog import Indicator
from .circles import CIRCLE_NAMES
from .classify import NO_DATA_COLOR, Classes, classify, diverging
from .dataset import Dataset
from .i18n import t
from .mapstyle import region_style
from .progress import Progress, progress
from .translations import SEPARATOR, in_language
from .units import format_number, unit_label, with_unit
from .values import region_values
from .viewstate import View

SENSE_SYMBOLS = {"at_least": "≥", "at_most": "≤", "all": "=", "zero": "="}
NEUTRAL_BAR = "#7f93ad"  # bars of regions not drawn on the map (prefectures rolled up from counties)


@dataclass(frozen=True)
class MapModel:
    """Everything the map screen (or a snapshot) draws for one view, except the geometry."""

    view: View
    indicator: Indicator
    scope_names: tuple[str, str]  # (zh, en): the province, the circle or the drilled prefecture
    layer: str  # which boundary layer is drawn: "prefecture" or "county"
    values: pd.DataFrame  # one row per region of the layer, with value, class and colour
    classes: Classes
    unit: str
    scope_codes: frozenset[str]  # regions in colour; the rest are muted
    breakdown: pd.DataFrame  # by prefecture (or by county when drilled in), in scope, sorted by value; bar_color
    breakdown_unit: str
    reference: tuple[float, str] | None  # the target or average marked on the chart
    progress: tuple[Progress, ...]  # the plan's targets for the view's scope (province, circle or prefecture)
    bounds: tuple[tuple[float, float], tuple[float, float]]  # ((south, west), (north, east))
    categories: pd.DataFrame | None = None  # category indicators: regions per category (columns) per group (rows)

    @property
    def lang(self) -> str:
        return self.view.lang

    @property
    def has_sample(self) -> bool:
        shown = self.values[self.values["adcode"].isin(self.scope_codes)]
        return bool(shown["provenance"].isin(["sample", "mixed"]).any()) or any(p.sample for p in self.progress)

    @property
    def sources(self) -> list[str]:
        """The titles of the sources of the values shown, in the view's language."""
        shown = self.values[self.values["adcode"].isin(self.scope_codes)]
        titles = shown.loc[shown["provenance"].isin(["sourced", "mixed"]), "source_title"].dropna()
        return sorted({in_language(t, self.lang) for joined in titles for t in joined.split(SEPARATOR)})

    @property
    def data_date(self) -> str | None:
        """The date of the newest source of the values shown (None when none is dated)."""
        shown = self.values[self.values["adcode"].isin(self.scope_codes)]
        dates = [d for d in shown["source_date"] if isinstance(d, str) and d]
        return max(dates) if dates else None

    @property
    def scope_name(self) -> str:
        return self.scope_names[1 if self.lang == "en" else 0]

    def title(self) -> str:
        name = self.indicator.name(self.lang)
        if self.view.compare:
            name = t("compare_title", self.lang, name=name, before=self.view.compare, now=self.view.period)
        return f"{self.scope_name} {name}"

    @property
    def decimals(self) -> int | None:
        """Decimals of the values on the map."""
        return self.indicator.decimals_for(self.unit)

    @property
    def breakdown_decimals(self) -> int | None:
        """Decimals of the values in the breakdown."""
        return self.indicator.decimals_for(self.breakdown_unit)

    def unit_text(self) -> str:
        return unit_label(self.unit, self.lang)

    def breakdown_unit_label(self) -> str:
        return unit_label(self.breakdown_unit, self.lang)

    def legend(self) -> list[tuple[str, str]]:
        return self.classes.legend(self.lang)

    def hideout(self) -> dict:
        """The compact, JSON-ready values and styles the browser's style function reads.

        ``d`` holds, per region of ``codes`` (the layer's regions, in the same order: the list travels again
        only when the layer does, as an interaction sends only the keys that changed): class index (-1 no
        data), value, 1 if sample, the number the tooltip's ``ctx`` phrase shows (share of the province's
        target, or rank) and the index of its source in ``src``; trailing empty fields are left out.
        """
        frame = self.values
        values = [None if v != v else compact(round(v, 4)) for v in frame["value"].astype(float).tolist()]  # NaN != NaN
        sample = [1 if flag else None for flag in frame["provenance"].isin(["sample", "mixed"])]
        data = {code: [cls, value, flag] for code, cls, value, flag in
                zip(frame["adcode"].tolist(), frame["cls"].astype(int).tolist(), values, sample)}
        context = self._target_context(data)
        sources = self._sources_of(data)
        for entry in data.values():  # trailing nulls say nothing: leave them out
            while len(entry) > 1 and entry[-1] is None:
                entry.pop()
        return {
            "lang": self.lang,
            "palette": list(self.classes.colors) + [NO_DATA_COLOR],
            "style": region_style(),
            "labels": [label[1 if self.lang == "en" else 0] for label in self.classes.labels]
            if self.classes.scheme == "categories" else None,
            "codes": list(data),
            "d": list(data.values()),
            "out": sorted(set(self.values["adcode"]) - self.scope_codes),
            "sel": self.view.prefecture,
            "hl": None,
            "unit": self.unit_text(),
            "dec": self.decimals,
            **context,
            "src": sources,
            "cmp": self._both_values() if self.view.compare else None,
            "part": self._partial_coverage(),
            "words": {"sample": t("provenance.sample", self.lang), "sourced": t("provenance.sourced", self.lang),
                      "nodata": t("nodata", self.lang),
                      "part": t("region_partial", self.lang, n="{n}", total="{total}", note=t(
                          "partial_sum" if self.indicator.aggregate in ("sum", "count_at_least") else "partial_value",
                          self.lang))},
        }

    def _partial_coverage(self) -> dict[str, list[int]]:
        """[reporting, all] counties of each region whose value rests on part of its counties."""
        frame = self.values
        partial = frame[(frame["n_with_data"] > 0) & (frame["n_with_data"] < frame["n_units"])]
        return {code: [int(n), int(total)] for code, n, total in
                zip(partial["adcode"], partial["n_with_data"], partial["n_units"])}

    def _both_values(self) -> dict:
        """The two periods and each region's value at both (null where missing), for the tooltip."""
        def number(v: float) -> float | None:
            return None if v != v else round(float(v), 4)

        return {"periods": [self.view.compare, self.view.period], "unit": unit_label(self.indicator.unit_at(self.layer),
                                                                                     self.lang),
                "d": {code: [number(b), number(n)] for code, b, n in
                      zip(self.values["adcode"], self.values["before"], self.values["now"])}}

    def _sources_of(self, data: dict) -> list[str]:
        """Each region's source ('title, date'), appended to its entry in ``data`` as an index into the list."""
        frame = self.values
        titles = frame["source_title"].where(frame["provenance"].isin(["sourced", "mixed"]))
        titles = [in_language(title, self.lang) for title in titles]
        labels = [None if not isinstance(title, str) else source_label(title, date, strength, self.lang)
                  for title, date, strength in zip(titles, frame["source_date"], frame["source_strength"])]
        distinct = list(dict.fromkeys(label for label in labels if label))
        index = {label: i for i, label in enumerate(distinct)}
        for code, label in zip(frame["adcode"], labels):
            entry = data[code]
            entry.extend([None] * (4 - len(entry)))
            entry.append(index.get(label))
        return distinct

    def _target_context(self, data: dict) -> dict:
        """The plan's target beside a region's value, as what it is: the province-wide target, with the
        region's share of it (totals) or its rank among the regions (rates, ratings). A fourth number
        is added to each region's entry in ``data``; ``ctx`` is its phrase, ``{v}`` standing for it."""
        p = self.progress[0] if self.progress else None
        if p is None or self.indicator.kind == "category" or self.view.compare:
            for entry in data.values():
                entry.append(None)
            return {"target": None, "ctx": None}
        target = p.target
        label = t("province_target_sense", self.lang, sense=SENSE_SYMBOLS[target.sense],
                  value=with_unit(target.target, target.unit, self.lang))
        values = self.values.set_index("adcode")["value"].astype(float)
        if self.indicator.aggregate == "sum" and self.unit == target.unit and target.target:
            numbers = (values / target.target * 100).round(1)
            phrase = t("share_of_target", self.lang, v="{v}")
        else:
            numbers = values.rank(method="min", ascending=target.sense == "at_most")
            phrase = t("rank_of", self.lang, v="{v}", n=int(values.notna().sum()))
        for code, number in numbers.items():
            data[code].append(None if number != number else compact(float(number)))
        return {"target": label, "ctx": phrase}


def source_label(title: str, date: str | None, strength: str | None, lang: str) -> str:
    """'title(2022-10-13) · 官方发布': a source as a reader can cite it, with how strong it is."""
    label = t("source_dated", lang, title=title, date=date) if isinstance(date, str) else title
    return t("source_rated", lang, source=label, strength=t(f"strength.{strength}", lang)) if isinstance(strength, str) else label


def compact(number: float) -> float | int:
    """A whole number as an int (``3`` rather than ``3.0`` in JSON: the same number for the browser)."""
    return int(number) if number.is_integer() else number


def scope_names(data: Dataset, view: View) -> tuple[str, str]:
    """(zh, en) names of what the view covers: the drilled prefecture, the circle or the province."""
    if view.prefecture:
        return data.region_name(view.prefecture, "zh"), data.region_name(view.prefecture, "en")
    if view.circle:
        return CIRCLE_NAMES[view.circle]["zh"], CIRCLE_NAMES[view.circle]["en"]
    return t("province_name", "zh"), t("province_name", "en")


def target_text(p: Progress, lang: str) -> str | None:
    """'目标 ≥ 400公里' for the province; '全省目标 ≥ 30%' where a circle or a city shares the province's
    rate target; None where the target is a province-wide total the scope only contributes to."""
    if p.target_value is None:
        return None
    key = "target_sense" if p.circle is None and p.prefecture is None else "province_target_sense"
    return t(key, lang, sense=SENSE_SYMBOLS[p.target.sense], value=with_unit(p.target_value, p.target.unit, lang))


def _layer_for(view: View, indicator: Indicator) -> str:
    if view.prefecture and "county" in indicator.map_levels:
        return "county"
    return view.level


def _scope(frame: pd.DataFrame, view: View, layer: str) -> frozenset[str]:
    chosen = frame
    if view.circle:
        chosen = chosen[chosen["circle"] == view.circle]
    if view.prefecture:
        key = "parent" if layer == "county" else "adcode"
        chosen = chosen[chosen[key] == view.prefecture]
    return frozenset(chosen["adcode"])


def _reference(view: View, breakdown: pd.DataFrame, progress_rows: tuple[Progress, ...], unit: str,
               bar_level: str):
    """The province's target where it reads for every bar (a rate or share of the bars' level), else the average."""
    for p in progress_rows:
        if p.target_value is not None and p.unit == unit == "percent" and p.target.level in (bar_level, "province"):
            return p.target_value, t("province_target_sense", view.lang, sense=SENSE_SYMBOLS[p.target.sense],
                                     value=with_unit(p.target_value, p.target.unit, view.lang))
    values = breakdown["value"].dropna()
    if values.empty:
        return None
    mean = float(values.mean())
    return mean, t("average_value", view.lang, value=format_number(mean))


def build_map_model(data: Dataset, view: View) -> MapModel:
    """Compute the map, legend, breakdown and progress for ``view`` (pure, no Dash).

    Remembered with the dataset; treat the model as read-only.
    """
    return data.remember(("map_model", view), lambda: _build_map_model(data, view))


def change_unit(unit: str) -> str:
    """The unit of a change: percentage points for a rate, else the quantity's own unit."""
    return "pct_points" if unit == "percent" else unit


def with_change(now: pd.DataFrame, before: pd.DataFrame) -> pd.DataFrame:
    """``now`` with ``now``/``before`` columns and ``value`` = the change (NaN where either side is missing)."""
    previous = before.set_index("adcode")["value"].astype(float)
    frame = now.assign(now=now["value"].astype(float), before=now["adcode"].map(previous).astype(float))
    return frame.assign(value=frame["now"] - frame["before"])  # NaN - x and x - NaN are NaN: never 0


def classes_of(data: Dataset, indicator_id: str, layer: str, period: str | None, scheme: str,
               values: pd.Series) -> Classes:
    """The classes of ``values`` (the layer's values, in region order), computed once per (indicator, layer,
    period, scheme) and shared by every circle, language and drilled prefecture of that map."""
    indicator = data.catalog.indicator(indicator_id)
    scheme_key = "categories" if indicator.categories else scheme
    return data.remember(("classes", indicator_id, layer, period, scheme_key),
                         lambda: classify(values, indicator, scheme))


def _build_map_model(data: Dataset, view: View) -> MapModel:
    indicator = data.catalog.indicator(view.indicator)
    layer = _layer_for(view, indicator)
    values = region_values(data, view.indicator, layer, view.period).reset_index(drop=True)
    unit = indicator.unit_at(layer)
    if view.compare:  # the change since the comparison period, on a diverging palette centred on zero
        values = with_change(values, region_values(data, view.indicator, layer, view.compare))
        unit = change_unit(unit)
        classes = diverging(values["value"], 1 if unit == "pct_points" else indicator.decimals_for(indicator.unit_at(layer)))
    else:
        classes = classes_of(data, view.indicator, layer, view.period, view.scheme, values["value"])
    values["cls"] = list(classes.index)
    values["color"] = [classes.color_of(i) for i in range(len(values))]
    scope = _scope(values, view, layer)

    if view.prefecture or layer == "prefecture":  # the bars are the regions on the map, in their colours
        breakdown, breakdown_unit, bar_level = values[values["adcode"].isin(scope)], unit, layer
        breakdown = breakdown.assign(bar_color=breakdown["color"])
    else:  # counties on the map, prefectures in the breakdown: roll the counties up
        breakdown = region_values(data, view.indicator, "prefecture", view.period, from_counties=True)
        breakdown_unit, bar_level = indicator.aggregate_unit, "county"
        if view.compare:
            breakdown = with_change(breakdown, region_values(data, view.indicator, "prefecture", view.compare,
                                                             from_counties=True))
            breakdown_unit = change_unit(breakdown_unit)
        breakdown = breakdown[breakdown["adcode"].isin(_scope(breakdown, view, "prefecture"))]
        breakdown = breakdown.assign(bar_color=NEUTRAL_BAR)
    breakdown = breakdown.sort_values("value", ascending=False, na_position="last", kind="stable").reset_index(drop=True)

    targets = data.catalog.targets_of(view.indicator)
    rows = tuple(progress(data, t.id, view.period, view.circle, view.prefecture) for t in targets)
    categorical = indicator.kind == "category"
    return MapModel(
        view=view, indicator=indicator, scope_names=scope_names(data, view), layer=layer, values=values,
        classes=classes, unit=unit, scope_codes=scope, breakdown=breakdown, breakdown_unit=breakdown_unit,
        reference=None if categorical or view.compare else _reference(view, breakdown, rows, breakdown_unit, bar_level),
        progress=rows, bounds=data.bounds_of(scope if scope else values["adcode"]),
        categories=category_counts(values, scope, layer, view, classes) if categorical else None,
    )


def category_counts(values: pd.DataFrame, scope: frozenset[str], layer: str, view: View,
                    classes: Classes) -> pd.DataFrame:
    """How many regions in scope fall in each category: per prefecture when counties are drawn across
    several prefectures, else one row for the whole scope. Columns: class index (-1 = no data)."""
    shown = values[values["adcode"].isin(scope)]
    by_prefecture = layer == "county" and not view.prefecture
    groups = shown["parent"] if by_prefecture else pd.Series("all", index=shown.index)
    counts = pd.crosstab(groups, shown["cls"])
    counts = counts.reindex(columns=[*range(len(classes.colors)), -1], fill_value=0)
    return counts.loc[counts.sum(axis=1).sort_values(ascending=False, kind="stable").index]
