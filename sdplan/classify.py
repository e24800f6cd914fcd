"""Choropleth classes: class breaks for numbers (``sdplan.breaks``), fixed classes for ratings and categories.

Palettes are ColorBrewer sequential schemes (colour-blind safe) and the Okabe-Ito qualitative
set; regions with no data get their own colour, named in the legend.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .breaks import equal_interval_breaks, natural_breaks, quantile_breaks
from .catalog import Indicator
from .errors import UnknownKeyError
from .i18n import t
from .units import format_number

SCHEMES = ("natural_breaks", "quantiles", "equal_interval")  # named by t("scheme.<id>")
NO_DATA_COLOR = "#d9d9d9"
MUTED_FILL = "#e8e8e8"  # regions outside the chosen scope, on the screen and in snapshots

# ColorBrewer YlGnBu, 3 to 7 classes.
YLGNBU = {
    3: ["#edf8b1", "#7fcdbb", "#2c7fb8"],
    4: ["#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"],
    5: ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"],
    6: ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"],
    7: ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"],
}
# Okabe-Ito, for unordered categories.
OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"]
# ColorBrewer RdBu (colour-blind safe), for a change: falls red, rises blue, no change white in the middle.
RDBU = ["#b2182b", "#ef8a62", "#fddbc7", "#f7f7f7", "#d1e5f0", "#67a9cf", "#2166ac"]
# Ordered status categories (not started, under way, done): pale, amber, blue.
STATUS = ["#fff7bc", "#E69F00", "#0072B2"]


@dataclass(frozen=True)
class Classes:
    """A classification: legend entries and the class of every value (-1 for no data)."""

    labels: tuple[tuple[str, str], ...]  # (zh, en) per class
    colors: tuple[str, ...]
    index: tuple[int, ...]  # class of each input value, in input order; -1 = no data
    scheme: str
    nodata_key: str = "nodata"  # the legend's word for a region without a class

    def color_of(self, position: int) -> str:
        cls = self.index[position]
        return NO_DATA_COLOR if cls < 0 else self.colors[cls]

    def legend(self, lang: str = "zh") -> list[tuple[str, str]]:
        """(colour, label) pairs, then the no-data entry."""
        pick = 1 if lang == "en" else 0
        entries = [(c, label[pick]) for c, label in zip(self.colors, self.labels)]
        return entries + [(NO_DATA_COLOR, t(self.nodata_key, lang))]


def classify(values: pd.Series | list[float], indicator: Indicator, scheme: str = "natural_breaks", k: int = 5,
             categorical: bool | None = None, decimals: int | None = None,
             basis: pd.Series | list[float] | None = None) -> Classes:
    """Classify ``values`` for a choropleth of ``indicator``.

    Codes of ratings and categories (``categorical``; default: the indicator has categories) use the
    indicator's own fixed categories (``scheme`` is ignored); numbers (the indicator's, or a summary of
    its codes, such as a count of counties in a class) use ``scheme`` (natural breaks = Fisher-Jenks,
    quantiles, equal interval) with at most ``k`` classes and never more classes than distinct values,
    their bounds written with ``decimals``. The breaks are those of ``basis`` where given (it must hold
    ``values``: e.g. every period's values, so that the classes stay the same from period to period).
    """
    data = np.asarray(pd.Series(values, dtype=float))
    if bool(indicator.categories) if categorical is None else categorical:
        return _categorical(data, indicator)
    if scheme not in SCHEMES:
        raise UnknownKeyError("classification", scheme, list(SCHEMES))
    pool = data if basis is None else np.asarray(pd.Series(basis, dtype=float))
    present = pool[~np.isnan(pool)]
    distinct = np.unique(present)
    if len(distinct) == 0:
        return Classes((), (), tuple(-1 for _ in data), scheme)
    k = max(1, min(k, len(distinct), 7))
    if len(distinct) <= k:
        uppers = distinct
    elif scheme == "natural_breaks":
        uppers = natural_breaks(present, k)
    elif scheme == "quantiles":
        uppers = quantile_breaks(present, k)
    else:
        uppers = equal_interval_breaks(present, k)
    uppers = np.unique(uppers)
    uppers[-1] = max(uppers[-1], present.max())
    positions = np.searchsorted(uppers, data, side="left")
    index = tuple(-1 if missing else int(p) for missing, p in zip(np.isnan(data).tolist(), positions.tolist()))
    lowers = [present.min()] + [u for u in uppers[:-1]]
    labels = []
    for i, (lo, hi) in enumerate(zip(lowers, uppers)):
        write = (lambda v: format_number(v, decimals))
        if len(distinct) <= k or lo == hi:
            text = write(hi)
        else:
            text = f"{write(lo)} – {write(hi)}" if i == 0 else f">{write(lo)} – {write(hi)}"
        labels.append((text, text))
    return Classes(tuple(labels), tuple(_sequential(len(uppers))), index, scheme)


def _sequential(n: int) -> list[str]:
    if n <= 2:
        return YLGNBU[3][-n:] if n == 2 else [YLGNBU[3][1]]
    return YLGNBU[n]


def _categorical(data: np.ndarray, indicator: Indicator) -> Classes:
    codes = [c.code for c in indicator.categories]
    if indicator.kind == "rating":
        colors = YLGNBU[len(codes)] if len(codes) in YLGNBU else _sequential(len(codes))
    elif indicator.unit == "status" and len(codes) == len(STATUS):
        colors = STATUS
    else:
        colors = OKABE_ITO[: len(codes)]
    position = {code: i for i, code in enumerate(codes)}
    index = tuple(-1 if math.isnan(v) else position.get(int(v), -1) for v in data)
    labels = tuple((c.zh, c.en) for c in indicator.categories)
    return Classes(labels, tuple(colors), index, "categories")


def diverging(changes: pd.Series | list[float], decimals: int | None = None) -> Classes:
    """Classes of a change centred on zero: three equal steps down (red), no change, three up (blue).

    The steps are a third of the largest change either way, so a fall and a rise of the same size
    get the same depth of colour. A region missing either value has no change and no class (-1), in
    the no-data colour, named "missing a period" in the legend: never the colour of zero.
    """
    data = np.asarray(pd.Series(changes, dtype=float))
    present = data[~np.isnan(data)]
    largest = float(np.abs(present).max()) if len(present) else 0.0
    step = largest / 3 or 1.0
    tiny = step * 1e-9

    def cls(v: float) -> int:
        if math.isnan(v):
            return -1
        if abs(v) <= tiny:
            return 3
        return 3 + int(math.copysign(min(3, math.ceil(abs(v) / step - 1e-9)), v))

    edges = [step * i for i in range(-3, 4)]
    fmt = (lambda v: format_number(v, decimals))
    labels = [f"{fmt(lo)} – {fmt(hi)}" for lo, hi in zip(edges[:3], edges[1:4])]
    labels += ["0"] + [f"{fmt(lo)} – {fmt(hi)}" for lo, hi in zip(edges[3:6], edges[4:])]
    return Classes(tuple((label, label) for label in labels), tuple(RDBU), tuple(cls(v) for v in data),
                   "equal_interval", nodata_key="compare_missing")
