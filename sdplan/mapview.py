"""What the dashboard shows for a view: map styles, legend, breakdown and progress.

:func:`build_map_model` is the single pure function behind the map screen and the snapshot
export: given a :class:`~sdplan.viewstate.View` it returns the values and styles to draw
(never geometry), so the screen and the exported image always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from .catalog import Indicator, Target
from .circles import CIRCLE_NAMES
from .classify import NO_DATA_COLOR, Classes, classify, diverging
from .completion import completion_classes, completion_target, completion_values
from .dataset import Dataset
from .i18n import name_column, t
from .mapstyle import region_style
from .meaning import MISSING, Meaning, change_refusals, meaning_at, summary_meaning
from .progress import Progress, progress
from .translations import SEPARATOR, in_language
from .units import figure_text, format_number, unit_label, with_unit
from .values import periods, region_values
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
    meaning: Meaning | None = None  # what the map's values are (kind, unit, decimals); a change's, in comparison
    drilled: pd.Series | None = None  # the drilled prefecture's own row at prefecture level (its sheet's figure)
    completion: Target | None = None  # the completion mode's target: values are completions of own targets

    @property
    def lang(self) -> str:
        return self.view.lang

    @property
    def has_sample(self) -> bool:
        shown = self.values[self.values["adcode"].isin(self.scope_codes)]
        return bool(shown["provenance"].isin(["sample", "mixed"]).any()) or any(p.on_sample for p in self.progress)

    @property
    def shown_values(self) -> int:
        """How many regions in the view's scope have a value (0: the period has none here)."""
        return int(self.values.loc[self.values["adcode"].isin(self.scope_codes), "value"].notna().sum())

    @property
    def sources(self) -> list[str]:
        """The titles of the sources of the values shown, in the view's language."""
        shown = self.values[self.values["adcode"].isin(self.scope_codes)]
        titles = shown.loc[shown["provenance"].isin(["sourced", "mixed"]), "source_title"].dropna()
        return sorted({in_language(t, self.lang) for joined in titles for t in joined.split(SEPARATOR)})

    def definition_notes(self) -> list[str]:
        """How the values shown were counted, where the indicator counts in more than one way: one line
        per definition in use, naming its regions ('统计口径:仅地铁(青岛市)')."""
        shown = self.values[self.values["adcode"].isin(self.scope_codes) & self.values["value"].notna()]
        if "definition" not in shown or not self.indicator.definitions:
            return []
        names = shown[name_column(self.lang)]
        lines = []
        for definition in self.indicator.definitions:
            regions = names[shown["definition"] == definition.key].tolist()
            if regions:
                lines.append(t("definition_of_regions", self.lang, definition=definition.name(self.lang),
                               regions=t("enum_sep", self.lang).join(regions)))
        return lines

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
        if self.completion is not None:
            name = t("completion_title", self.lang, name=self.completion.name(self.lang))
        if self.view.compare:
            name = t("compare_title", self.lang, name=name, before=self.view.compare, now=self.view.period)
        return f"{self.scope_name} {name}"

    @property
    def decimals(self) -> int | None:
        """Decimals of the values on the map (a completion of an own target: one)."""
        return self.meaning.decimals if self.completion is not None else self.indicator.decimals_for(self.unit)

    @property
    def breakdown_decimals(self) -> int | None:
        """Decimals of the values in the breakdown."""
        return self.meaning.decimals if self.completion is not None else self.indicator.decimals_for(self.breakdown_unit)

    def unit_text(self) -> str:
        return unit_label(self.unit, self.lang)

    def breakdown_unit_label(self) -> str:
        return unit_label(self.breakdown_unit, self.lang)

    def legend(self) -> list[tuple[str, str]]:
        return self.classes.legend(self.lang)

    def region_text(self, position: int) -> tuple[str | None, list[str]]:
        """What the tooltip and the tap sheet say of the region at ``position`` of :attr:`values`: its value
        as written everywhere (None: no data), then the lines that qualify it (the two periods of a change,
        why a change is not shown, the part of the counties it rests on, its definition, its share of the
        province's target or its rank)."""
        row = self.values.iloc[position]
        lang = self.lang
        if self.completion is not None:
            return self._completion_text(row)
        lines: list[str] = []
        value = float(row["value"])
        if self.view.compare:
            lines.append(self._both_periods(row))
            reason = row.get("refusal")
            if isinstance(reason, str) and reason != MISSING:
                lines.append(t(f"change_refused.{reason}", lang))
        if value == value and 0 < row["n_with_data"] < row["n_units"]:
            note = t("partial_sum" if self.meaning.additive else "partial_value", lang)
            lines.append(t("region_partial", lang, n=int(row["n_with_data"]), total=int(row["n_units"]), note=note))
        definition = self.indicator.definition(row.get("definition"))
        if definition is not None and value == value:
            lines.append(t("definition_line", lang, definition=definition.name(lang)))
        context = self._context.get(row["adcode"])
        if context and value == value:
            lines.append(context)
        if value != value:
            return None, lines
        return self.value_text(value), lines

    def _completion_text(self, row: pd.Series) -> tuple[str | None, list[str]]:
        """A region of the completion map: its completion of its own target ('完成本地目标的53.3%') and its figure
        beside that target; without one, 'no sub-target' and its figure beside the province's target."""
        target, lang = self.completion, self.lang
        indicator_unit = self.indicator.unit_at(self.layer) if target.measure == "value" else target.unit
        decimals = self.indicator.decimals_for(indicator_unit)
        figure = float(row["figure"])
        figure_words = t("nodata", lang) if figure != figure else figure_text(figure, indicator_unit, lang, decimals)
        own = float(row["own"])
        own_words = None if own != own else t(f"sense.{target.sense}", lang, value=with_unit(own, target.unit, lang))
        reason = row["reason"]
        if reason == "no_subtarget":
            province = t("province_target_sense", lang, sense=SENSE_SYMBOLS[target.sense],
                         value=with_unit(target.target, target.unit, lang))
            return t("completion_class.none", lang), [t("completion_no_subtarget", lang, figure=figure_words,
                                                           province=province)]
        if reason in ("partial", "other_year"):
            return None, [t(f"completion_{reason}", lang, figure=figure_words, own=own_words)]
        if reason == "no_data":
            return None, [t("completion_figure", lang, figure=figure_words, own=own_words)]
        return (t("completion_value", lang, v=format_number(float(row["value"]), self.decimals)),
                [t("completion_figure", lang, figure=figure_words, own=own_words)])

    def value_text(self, value: float) -> str:
        """A value of the map as it is written everywhere: a category's name ('四星级'), a count of regions in
        a class ('已完成 2 个县(市、区)'), a quantity with its unit, a change with its sign."""
        if self.meaning.kind == "count" and self.indicator.categories and not self.view.compare:
            category = next((c for c in self.indicator.categories if c.code == self.indicator.threshold), None)
            if category is not None:
                return t("count_in_class", self.lang, n=format_number(value, 0),
                         category=category.en if self.lang == "en" else category.zh)
        categories = self.indicator.categories if self.meaning.categorical and not self.view.compare else ()
        return figure_text(value, self.unit, self.lang, self.decimals, categories, signed=bool(self.view.compare))

    def _both_periods(self, row: pd.Series) -> str:
        unit = self.indicator.unit_at(self.layer)
        decimals = self.indicator.decimals_for(unit)
        categories = self.indicator.categories if meaning_at(self.indicator, self.layer).categorical else ()

        def at(period: str, value: float) -> str:
            shown = "—" if value != value else figure_text(value, unit, self.lang, decimals, categories)
            return f"{period}: {shown}"

        return f"{at(self.view.compare, float(row['before']))} → {at(self.view.period, float(row['now']))}"

    def hideout(self) -> dict:
        """The JSON-ready values, styles and texts the browser's style and tooltip functions read.

        Named columns, one entry per region of ``codes`` (the layer's regions, in the same order; the list
        travels again only when the layer does, as an interaction sends only the keys that changed):
        ``cls`` the class index (-1 no data), ``val`` the value as written (null: no data), ``lines`` what
        qualifies it (null: nothing), ``smp`` 1 for a sample value, ``src`` the index of its source in
        ``srcs``. Every text is written here, in the view's language; the browser only places it
        (``sdplan/hideout.schema.json``, checked on both sides by the tests).
        """
        frame = self.values
        texts = [self.region_text(i) for i in range(len(frame))]
        sources = self._sources()
        distinct = list(dict.fromkeys(label for label in sources if label))
        index = {label: i for i, label in enumerate(distinct)}
        return {
            "lang": self.lang,
            "palette": list(self.classes.colors) + [NO_DATA_COLOR],
            "style": region_style(),
            "codes": frame["adcode"].tolist(),
            "cls": frame["cls"].astype(int).tolist(),
            "val": [text for text, _ in texts],
            "lines": [lines or None for _, lines in texts],
            "smp": [1 if flag else 0 for flag in frame["provenance"].isin(["sample", "mixed"])],
            "src": [index.get(label) for label in sources],
            "srcs": distinct,
            "target": self._target_line(),
            "out": sorted(set(self.values["adcode"]) - self.scope_codes),
            "sel": self.view.prefecture,
            "scope": self._drilled_entry(),
            "hl": None,
            "words": {"sample": t("provenance.sample", self.lang), "sourced": t("provenance.sourced", self.lang),
                      "nodata": t("compare_missing" if self.view.compare else "nodata", self.lang)},
        }

    def _drilled_entry(self) -> dict | None:
        """The drilled prefecture's own figure, for its sheet when it is chosen while its counties are drawn
        (it is not a region of the county layer): {code, val, lines} written as its region would be."""
        row = self.drilled
        if row is None or self.view.compare:
            return None
        value = float(row["value"])
        if value != value:
            return {"code": row["adcode"], "val": None, "lines": None}
        meaning = meaning_at(self.indicator, "prefecture")
        categories = self.indicator.categories if meaning.categorical else ()
        lines = []
        if 0 < row["n_with_data"] < row["n_units"]:
            note = t("partial_sum" if meaning.additive else "partial_value", self.lang)
            lines.append(t("region_partial", self.lang, n=int(row["n_with_data"]), total=int(row["n_units"]), note=note))
        return {"code": row["adcode"], "val": figure_text(value, meaning.unit, self.lang, meaning.decimals, categories),
                "lines": lines or None}

    def _sources(self) -> list[str | None]:
        """Each region's source ('title(date) · strength'), None for a sample value or no data."""
        frame = self.values
        titles = frame["source_title"].where(frame["provenance"].isin(["sourced", "mixed"]))
        titles = [in_language(title, self.lang) for title in titles]
        return [None if not isinstance(title, str) else source_label(title, date, strength, self.lang)
                for title, date, strength in zip(titles, frame["source_date"], frame["source_strength"])]

    def layer_targets(self) -> list[Progress]:
        """The targets set for the regions of the map's layer (a county layer: the county targets)."""
        return [p for p in self.progress if p.target.level == self.layer
                or (p.target.level == "province" and self.layer == self.indicator.source_level(self.layer))]

    def _target_line(self) -> str | None:
        """The plan's targets that concern the layer's regions, said to be the province's."""
        if self.completion is not None:
            return t("completion_target_line", self.lang, name=self.completion.name(self.lang))
        if self.view.compare or self.meaning.kind == "category":
            return None
        lines = [t("province_target_named", self.lang, name=p.target.name(self.lang),
                   sense=SENSE_SYMBOLS[p.target.sense], value=with_unit(p.target.target, p.target.unit, self.lang))
                 for p in self.layer_targets()]
        return "; ".join(lines) or None

    @cached_property
    def _context(self) -> dict[str, str]:
        """Beside a region's value, what it is against the province's target: its share of the target
        (a total in the target's unit) or its rank among the regions (rates, ratings, counts)."""
        plain = not self.view.compare and self.completion is None and self.meaning.kind != "category"
        targets = self.layer_targets() if plain else []
        if not targets:
            return {}
        target = targets[0].target
        values = self.values.set_index("adcode")["value"].astype(float)
        if self.meaning.kind == "quantity" and self.unit == target.unit and target.target:
            shares = values * 100 / target.target  # (4.5 * 100 / 1000 is 0.45; 4.5 / 1000 * 100 is 0.4499…)
            return {code: t("share_of_target", self.lang, v=format_number(v, 1)) for code, v in shares.items() if v == v}
        ranks = values.rank(method="min", ascending=target.sense == "at_most")
        n = int(values.notna().sum())
        return {code: t("rank_of", self.lang, v=int(v), n=n) for code, v in ranks.items() if v == v}


def source_label(title: str, date: str | None, strength: str | None, lang: str) -> str:
    """'title(2022-10-13) · 官方发布': a source as a reader can cite it, with how strong it is."""
    label = t("source_dated", lang, title=title, date=date) if isinstance(date, str) else title
    return t("source_rated", lang, source=label, strength=t(f"strength.{strength}", lang)) if isinstance(strength, str) else label


def scope_names(data: Dataset, view: View) -> tuple[str, str]:
    """(zh, en) names of what the view covers: the drilled prefecture, the circle or the province."""
    if view.prefecture:
        return data.region_name(view.prefecture, "zh"), data.region_name(view.prefecture, "en")
    if view.circle:
        return CIRCLE_NAMES[view.circle]["zh"], CIRCLE_NAMES[view.circle]["en"]
    return t("province_name", "zh"), t("province_name", "en")


def target_text(p: Progress, lang: str) -> str:
    """'目标 ≥ 400公里' where the target is the scope's own (the province), '本地目标 ≥ 80公里' for a city's own
    sub-target; '全省目标 ≥ 30%' for a circle or a city without one, shown beside but not judged against."""
    if p.target_value is None:
        key, value = "province_target_sense", p.target.target
    else:
        key, value = ("own_target_sense" if p.subtarget else "target_sense"), p.target_value
    return t(key, lang, sense=SENSE_SYMBOLS[p.target.sense], value=with_unit(value, p.target.unit, lang))


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


def _reference(view: View, breakdown: pd.DataFrame, progress_rows: tuple[Progress, ...], meaning: Meaning,
               bar_level: str):
    """The province's target where it reads for every bar (a rate or share of the bars' level), else the
    average of the bars where that means something (a rate or a quantity, every bar complete), else none:
    an average of partial sums is no figure."""
    for p in progress_rows:
        if meaning.kind == "rate" and p.target.unit == meaning.unit == "percent" and p.target.level in (bar_level, "province"):
            return p.target.target, t("province_target_sense", view.lang, sense=SENSE_SYMBOLS[p.target.sense],
                                      value=with_unit(p.target.target, p.target.unit, view.lang))
    values = breakdown["value"].dropna()
    complete = (breakdown["n_with_data"] >= breakdown["n_units"]).all() if "n_units" in breakdown else True
    if values.empty or meaning.kind not in ("rate", "quantity") or not complete:
        return None
    mean = float(values.mean())
    return mean, t("average_value", view.lang, value=format_number(mean, meaning.decimals))


def build_map_model(data: Dataset, view: View) -> MapModel:
    """Compute the map, legend, breakdown and progress for ``view`` (pure, no Dash).

    Remembered with the dataset; treat the model as read-only. The targets are the plan's the view names
    (``view.plan``; the default plan's without one).
    """
    data = data.for_plan(view.plan)
    return data.remember(("map_model", view), lambda: _build_map_model(data, view))


def change_unit(unit: str) -> str:
    """The unit of a change: percentage points for a rate, else the quantity's own unit."""
    return "pct_points" if unit == "percent" else unit


def with_change(now: pd.DataFrame, before: pd.DataFrame) -> pd.DataFrame:
    """``now`` with ``now``/``before`` columns, ``value`` = the change, and ``refusal`` = why a region has
    none (:func:`sdplan.meaning.change_refusals`: a side missing, a definition break, sample against
    published): NaN there, never 0."""
    previous = before.set_index("adcode")["value"].astype(float)
    refusals = change_refusals(now, before)
    frame = now.assign(now=now["value"].astype(float), before=now["adcode"].map(previous).astype(float),
                       refusal=refusals)
    change = (frame["now"] - frame["before"]).where(refusals.isna())
    return frame.assign(value=change)


def classes_of(data: Dataset, indicator_id: str, layer: str, period: str | None, scheme: str,
               values: pd.Series) -> Classes:
    """The classes of ``values`` (the layer's values, in region order), computed once per (indicator, layer,
    period, scheme) and shared by every circle, language and drilled prefecture of that map. The indicator's
    own categories only where the layer shows its own codes (a count of counties in a class is a number).
    The breaks are those of every period's values at the layer (:func:`all_periods_values`), so a region's
    colour means the same in every period (the time slider plays through them)."""
    indicator = data.catalog.indicator(indicator_id)
    meaning = meaning_at(indicator, layer)
    scheme_key = "categories" if meaning.categorical else scheme
    return data.remember(("classes", indicator_id, layer, period, scheme_key),
                         lambda: classify(values, indicator, scheme, categorical=meaning.categorical,
                                          decimals=meaning.decimals,
                                          basis=all_periods_values(data, indicator_id, layer, period, values)))


def all_periods_values(data: Dataset, indicator_id: str, layer: str, period: str | None,
                       values: pd.Series) -> pd.Series:
    """The values of every period of the indicator at the layer (``values`` standing for ``period``'s)."""
    others = [region_values(data, indicator_id, layer, p)["value"]
              for p in periods(data, indicator_id, layer) if p != period]
    return pd.concat([values.astype(float), *(other.astype(float) for other in others)], ignore_index=True)


def period_coverage(data: Dataset, view: View) -> list[tuple[str, int, int]]:
    """Each period of the view's indicator at its level, oldest first (the time slider's steps): (period,
    regions of the view's scope with a value, regions in the scope)."""
    layer = _layer_for(view, data.catalog.indicator(view.indicator))
    coverage = []
    for period in periods(data, view.indicator, view.level):
        values = region_values(data, view.indicator, layer, period)
        shown = values[values["adcode"].isin(_scope(values, view, layer))]
        coverage.append((period, int(shown["value"].notna().sum()), len(shown)))
    return coverage


def _build_map_model(data: Dataset, view: View) -> MapModel:
    indicator = data.catalog.indicator(view.indicator)
    layer = _layer_for(view, indicator)
    values = region_values(data, view.indicator, layer, view.period).reset_index(drop=True)
    meaning = meaning_at(indicator, layer)
    unit = meaning.unit
    target = completion_target(data, view.indicator, layer) if view.measure == "completion" else None
    if target is not None:  # each region against its own target, in fixed classes
        values = completion_values(data, target, layer, view.period)
        unit, meaning = "percent", Meaning("rate", "percent", 1, False)
        classes = completion_classes(values)
    elif view.compare:  # the change since the comparison period, on a diverging palette centred on zero
        values = with_change(values, region_values(data, view.indicator, layer, view.compare))
        unit = change_unit(unit)
        meaning = Meaning("quantity", unit, 1 if unit == "pct_points" else meaning.decimals, meaning.rolled_up)
        classes = diverging(values["value"], meaning.decimals)
    else:
        classes = classes_of(data, view.indicator, layer, view.period, view.scheme, values["value"])
    values["cls"] = list(classes.index)
    values["color"] = [classes.color_of(i) for i in range(len(values))]
    scope = _scope(values, view, layer)

    if view.prefecture or layer == "prefecture":  # the bars are the regions on the map, in their colours
        breakdown, breakdown_unit, bar_level = values[values["adcode"].isin(scope)], unit, layer
        breakdown = breakdown.assign(bar_color=breakdown["color"])
    elif target is not None:  # counties on the map: the cities' completion of their own targets in the bars
        breakdown = completion_values(data, target, "prefecture", view.period)
        breakdown_unit, bar_level = unit, "prefecture"
        breakdown = breakdown[breakdown["adcode"].isin(_scope(breakdown, view, "prefecture"))].assign(bar_color=NEUTRAL_BAR)
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
    categorical = meaning.kind == "category"
    bar_meaning = meaning if breakdown_unit == unit else summary_meaning(indicator, indicator.aggregate)
    if target is not None:
        reference = (100.0, t("completion_reference", view.lang))
    else:
        reference = None if categorical or view.compare else _reference(view, breakdown, rows, bar_meaning, bar_level)
    return MapModel(
        view=view, indicator=indicator, scope_names=scope_names(data, view), layer=layer, values=values,
        classes=classes, unit=unit, scope_codes=scope, breakdown=breakdown, breakdown_unit=breakdown_unit,
        reference=reference, progress=rows, bounds=data.bounds_of(scope if scope else values["adcode"]),
        categories=category_counts(values, scope, layer, view, classes) if categorical else None, meaning=meaning,
        drilled=None if target is not None else _drilled_row(data, view, layer), completion=target,
    )


def _drilled_row(data: Dataset, view: View, layer: str) -> pd.Series | None:
    if not view.prefecture or layer != "county" or "prefecture" not in data.catalog.indicator(view.indicator).map_levels:
        return None
    rows = region_values(data, view.indicator, "prefecture", view.period)
    chosen = rows[rows["adcode"] == view.prefecture]
    return None if chosen.empty else chosen.iloc[0]


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
