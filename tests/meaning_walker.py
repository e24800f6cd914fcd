"""The invariants every view must keep, checked independently of the code that decides them.

:func:`violations` looks at one view's model and what the screen draws from it and names each rule it
breaks. The checks recompute from the observations themselves (definitions, provenance, periods), so a
rule removed from :mod:`sdplan.meaning` shows up here as a violation, not as an agreement with itself.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from plotly.utils import PlotlyJSONEncoder

from components.panel import create_cards
from sdplan.circles import CIRCLE_IDS
from sdplan.i18n import t
from sdplan.mapview import MapModel, build_map_model
from sdplan.progress_text import status_line
from sdplan.snapshot.texts import progress_line
from sdplan.viewstate import View, choices, compare_choices, with_changes

JUDGED = ("met", "on_track", "behind")
PLAN_YEAR = "2022"
NUMBER = re.compile(r"[+-]?[0-9][0-9,]*(\.[0-9]+)?")


def half_up(value: float, decimals: int) -> str:
    return str(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def views(data, drill: bool = True, langs=("zh", "en")):
    """Every indicator x level x circle x period x comparison (x drilled prefecture) x language."""
    for indicator in data.catalog.map_indicators():
        for level in choices(data, "level", indicator):
            for period in choices(data, "period", indicator, level):
                for compare in [None, *compare_choices(data, indicator, level, period)]:
                    for circle in (None, *CIRCLE_IDS):
                        for lang in langs:
                            base = View(indicator=indicator, level=level, circle=circle, period=period,
                                        compare=compare, lang=lang)
                            yield with_changes(data, base)
                            if compare is None and data.catalog.targets_of(indicator):  # the completion map
                                yield with_changes(data, replace(base, measure="completion"))
                            if drill and level == "county" and circle is None:
                                for prefecture in sorted(data.prefecture_codes)[:3]:
                                    yield with_changes(data, View(indicator=indicator, level=level, period=period,
                                                                  compare=compare, lang=lang, prefecture=prefecture))


def violations(data, view: View) -> list[str]:
    """The rules ``view`` breaks, each as '<rule>: <where>'."""
    model = build_map_model(data, view)
    where = f"{view}"
    found = []
    found += [f"legend_kind: {where}: {m}" for m in _legend_kind(model)]
    found += [f"verdict_scope: {where}: {m}" for m in _verdicts(data, model)]
    found += [f"change: {where}: {m}" for m in _changes(data, model)]
    found += [f"number: {where}: {m}" for m in _numbers(model)]
    found += [f"sample_verdict: {where}: {m}" for m in _sample_verdicts(model)]
    found += [f"export_text: {where}: {m}" for m in _snapshot_text(data, model)]
    found += [f"completion: {where}: {m}" for m in _completion(data, model)]
    return found


def _snapshot_text(data, model: MapModel) -> list[str]:
    """The snapshot's headline (on every PNG and PDF of the view) judges only the province, and says when a
    verdict rests on sample values."""
    line = progress_line(model) or ""
    subtargets = data.subtargets
    verdicts = [t(f"status.{s}", model.lang) for s in JUDGED]
    bad = []
    own = {p.target.id for p in model.progress if p.prefecture is not None} & set(
        subtargets.loc[subtargets["adcode"] == model.view.prefecture, "target"])
    if (model.view.circle or (model.view.prefecture and not own)) and any(word in line for word in verdicts):
        bad.append(f"a verdict on {model.scope_name}: {line!r}")
    for p in model.progress:
        marked = t("verdict_sample", model.lang, status=t(f"status.{p.status}", model.lang))
        if p.status in JUDGED and p.sample and marked not in line:
            bad.append(f"{p.target.id}: its sample verdict is not written as such: {line!r}")
    return bad


def _legend_kind(model: MapModel) -> list[str]:
    """The legend's kind is the values' kind: category names only for the indicator's own codes."""
    indicator = model.indicator
    if model.view.measure == "completion":  # completions of own targets, in their own fixed classes
        return ["a completion map with the indicator's categories"] if model.classes.scheme == "categories" else []
    own_codes = indicator.source_level(model.layer) == model.layer and not model.view.compare
    categorical_legend = model.classes.scheme == "categories"
    if categorical_legend and not (own_codes and indicator.categories):
        return [f"{model.layer} values are not the indicator's codes but the legend names its categories"]
    if own_codes and indicator.categories and not categorical_legend:
        return ["codes drawn as numbers"]
    return []


def _verdicts(data, model: MapModel) -> list[str]:
    """No verdict without the scope's own target (the province's, or a city's own imported sub-target) of the
    same year, on a complete figure."""
    bad = []
    subtargets = data.subtargets
    for p in model.progress:
        if p.status not in JUDGED:
            continue
        own = subtargets[(subtargets["target"] == p.target.id) & (subtargets["adcode"] == p.prefecture)]["value"]
        if p.circle is not None or (p.prefecture is not None and (own.empty or float(own.iloc[0]) != p.target_value)):
            bad.append(f"{p.target.id} judged for {p.circle or p.prefecture} against a target not its own")
        if p.circle is None and p.prefecture is None and p.target_value != p.target.target:
            bad.append(f"{p.target.id} judged for the province against {p.target_value}, not the plan's target")
        if not p.period or p.period[:4] != PLAN_YEAR:
            bad.append(f"{p.target.id} of {p.period} judged against the {PLAN_YEAR} target")
        if not p.complete:
            bad.append(f"{p.target.id} judged on {p.n_with_data}/{p.n_units}")
    return bad


def _changes(data, model: MapModel) -> list[str]:
    """No change across a definition break, between a sample and a published value, or of a sum of part
    of a region's counties (from the rows)."""
    view = model.view
    if not view.compare:
        return []
    obs = data.observations(view.indicator)
    own = model.indicator.source_level(model.layer) == model.layer
    bad = []
    for code, change in zip(model.values["adcode"], model.values["value"]):
        if math.isnan(change):
            continue
        if not own:  # rolled up from counties: both periods must cover every county of the region
            counties = set(data.regions_at("county", parent=code)["adcode"])
            for period in (view.compare, view.period):
                n = obs[(obs["period"] == period) & obs["adcode"].isin(counties)]["adcode"].nunique()
                if 0 < n < len(counties):
                    bad.append(f"{code} changed on {n} of its {len(counties)} counties at {period}")
            continue
        rows = obs[obs["adcode"] == code].set_index("period")
        now, before = rows.loc[view.period], rows.loc[view.compare]
        if (now.get("definition") or "") != (before.get("definition") or ""):
            bad.append(f"{code} changed across definitions {before.get('definition')} -> {now.get('definition')}")
        if (now["provenance"] == "sample") != (before["provenance"] == "sample"):
            bad.append(f"{code} changed between {before['provenance']} and {now['provenance']}")
    return bad


def _numbers(model: MapModel) -> list[str]:
    """Every number the map writes is its value written with the indicator's decimals, rounded half up."""
    hideout = model.hideout()
    decimals = model.decimals
    names = {(c.en if model.lang == "en" else c.zh) for c in model.indicator.categories}
    bad = []
    unjudged = t("completion_class.none", model.lang)
    for value, text in zip(model.values["value"], hideout["val"]):
        if math.isnan(value):
            if text is not None and not (model.view.measure == "completion" and text == unjudged):
                bad.append(f"a region without a value reads {text!r}")
            continue
        if text in names:
            continue
        if model.lang == "en" and model.unit.startswith(("10k", "100m")):
            continue  # written at full size ("9.2 million persons"): checked by the units tests
        number = NUMBER.search(text)
        if number is None:
            bad.append(f"{value} written without a number: {text!r}")
            continue
        digits = number.group(0).replace(",", "").lstrip("+")
        wanted = half_up(value, decimals if decimals is not None else len(digits.partition(".")[2]))
        if Decimal(digits) != Decimal(wanted):
            bad.append(f"{value} written {text!r}, not {wanted}")
    return bad


def _completion(data, model: MapModel) -> list[str]:
    """In the completion map, a region is coloured as a completion only against its own imported target (the
    figure over that target, from the rows), never without one; a sample figure or sample target is marked."""
    if model.view.measure != "completion" or model.completion is None:
        return []
    target, hideout = model.completion, model.hideout()
    subtargets = data.subtargets[data.subtargets["target"] == target.id].set_index("adcode")
    own_values = target.measure == "value" and model.indicator.source_level(model.layer) == model.layer
    obs = data.observations(target.indicator)
    obs = obs[obs["period"] == model.view.period].set_index("adcode")
    bad = []
    for i, (code, value, cls) in enumerate(zip(model.values["adcode"], model.values["value"], model.values["cls"])):
        has_own = code in subtargets.index
        if not has_own and (not math.isnan(value) or 0 <= cls < len(model.classes.colors) - 1):
            bad.append(f"{code} coloured as a completion without a target of its own")
        if not has_own:
            continue
        sample = subtargets.at[code, "provenance"] == "sample" or (code in obs.index and obs.at[code, "provenance"] == "sample")
        if sample and not hideout["smp"][i]:
            bad.append(f"{code}'s completion rests on a sample value but is not marked")
        if own_values and not math.isnan(value) and code in obs.index:
            figure, own = float(obs.at[code, "value"]), float(subtargets.at[code, "value"])
            expected = own * 100 / figure if target.sense == "at_most" else figure * 100 / own
            if abs(expected - value) > 1e-9:
                bad.append(f"{code}: completion {value}, not {figure} / {own}")
    return bad


def _sample_verdicts(model: MapModel) -> list[str]:
    """A verdict that rests on sample values says so, in its status and on its card."""
    bad = []
    cards = json.dumps(create_cards(model), cls=PlotlyJSONEncoder, ensure_ascii=False)
    mark = t("verdict_sample", model.lang, status="")
    for p in model.progress:
        if p.status in JUDGED and p.sample:
            line = status_line(p, model.lang)
            if mark.strip("() ") not in line or line not in cards:
                bad.append(f"{p.target.id}: sample verdict {line!r} not marked as such")
    return bad
