"""The map's completion mode: each region's figure as a share of its own target (a sub-target).

Where a region has its own target (:mod:`sdplan.subtargets`), its completion is its figure's share of the
way there (:func:`sdplan.schedule.completion_percent`, in %); a region without one is a class of its own
("no sub-target"), never coloured as if judged; a figure resting on part of a city's counties is not a
completion (partial). The classes are fixed so maps compare: under 50 %, 50-80 %, 80-100 %, reached.
Which target: the first of the indicator's targets (plan order) with sub-targets at the map's level,
else its first target (then every region is "no sub-target").
"""

from __future__ import annotations

import math

import pandas as pd

from .catalog import Target
from .classify import YLGNBU, Classes
from .dataset import Dataset
from .i18n import t
from .meaning import period_judgeable
from .progress import progress
from .schedule import completion_percent
from .values import region_values

BOUNDS = (50.0, 80.0, 100.0)  # class edges, in %
CLASS_KEYS = ("low", "mid", "high", "done", "none")  # the legend's words: t("completion_class.<key>")
NO_SUBTARGET_COLOR = "#f7f7f7"
COLORS = (*YLGNBU[4], NO_SUBTARGET_COLOR)
NO_SUBTARGET = len(COLORS) - 1  # the class of a region without its own target
SCHEME = "completion"


def completion_target(data: Dataset, indicator_id: str, layer: str) -> Target | None:
    """The target the completion map of ``indicator_id`` at ``layer`` is drawn against (None: no target)."""
    targets = data.catalog.targets_of(indicator_id)
    level = data.regions.set_index("adcode")["level"]
    for target in targets:
        own = data.subtargets_of(target.id)
        if own["adcode"].map(level).eq(layer).any():
            return target
    return targets[0] if targets else None


def completion_values(data: Dataset, target: Target, layer: str, period: str | None) -> pd.DataFrame:
    """The layer's regions (as :func:`sdplan.values.region_values`) with ``figure`` (the region's value),
    ``own`` (its own target, NaN without one), ``value`` (completion in %, NaN where not judged) and
    ``reason`` (None, "no_subtarget", "partial", "no_data", or "other_year": a period not of the
    target's year); ``provenance`` is "sample" where the figure or the own target is a sample value."""
    frame = region_values(data, target.indicator, layer, period).reset_index(drop=True)
    own = data.subtargets_of(target.id).set_index("adcode")
    judgeable = period_judgeable(target, period)
    figures, completions, reasons, sample = [], [], [], []
    for code, value, provenance, n, total in zip(frame["adcode"], frame["value"], frame["provenance"],
                                                 frame["n_with_data"], frame["n_units"]):
        figure = float(value)
        if layer == "prefecture" and target.measure != "value":  # a share or a count of the city's counties
            p = progress(data, target.id, period, prefecture=code)
            figure, partial, provenance = p.value, p.partial, ("sample" if p.sample else provenance)
        else:
            partial = 0 < n < total
        figures.append(figure)
        mine = own["value"].get(code)
        target_sample = mine is not None and own.at[code, "provenance"] == "sample"
        if mine is None:
            reasons.append("no_subtarget")
            completions.append(math.nan)
        elif math.isnan(figure):
            reasons.append("no_data")
            completions.append(math.nan)
        elif not judgeable:  # a 2020 figure against a 2022 target is no completion
            reasons.append("other_year")
            completions.append(math.nan)
        elif partial:
            reasons.append("partial")
            completions.append(math.nan)
        else:
            reasons.append(None)
            completions.append(completion_percent(target.sense, figure, float(mine)))
        sample.append(target_sample or provenance in ("sample", "mixed"))
    frame = frame.assign(figure=figures, own=[own["value"].get(c, math.nan) for c in frame["adcode"]],
                         value=completions, reason=reasons)
    frame["provenance"] = ["sample" if s else p for s, p in zip(sample, frame["provenance"])]
    return frame


def completion_classes(frame: pd.DataFrame) -> Classes:
    """The fixed completion classes of ``frame`` (from :func:`completion_values`)."""
    index = []
    for value, reason in zip(frame["value"], frame["reason"]):
        if reason == "no_subtarget":
            index.append(NO_SUBTARGET)
        elif value != value:
            index.append(-1)
        else:
            index.append(sum(value >= edge for edge in BOUNDS))
    labels = tuple((t(f"completion_class.{k}", "zh"), t(f"completion_class.{k}", "en")) for k in CLASS_KEYS)
    return Classes(labels, COLORS, tuple(index), SCHEME)
