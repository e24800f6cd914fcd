"""What an indicator's import template holds: its rows (one per region, optionally with the current
figures) and the rules a filled-in row must follow, in words and as spreadsheet formulas."""

from __future__ import annotations

import pandas as pd

from ..boundaries import load_regions
from ..catalog import Indicator, load_catalog
from ..dataset import Dataset
from ..i18n import t
from .region_names import match_region

# The template's columns, region first and internal ids last; each headed by t("template_column.<id>"),
# a name the import accepts (sdplan.intake.import_rows.ALIASES).
TEMPLATE_ORDER = ("region", "prefecture", "period", "value", "unit", "source_title", "source_url", "source_date",
                  "note", "adcode", "indicator")
PREFILLED = ("period", "value", "source_title", "source_url", "source_date", "note")


def region_choices(indicator: Indicator) -> pd.DataFrame:
    """The regions an indicator's rows may name (its levels and the province), by adcode.

    Columns ``adcode``, ``region`` (the name as the drop-down offers it: a county whose name another
    county shares carries its prefecture, 枣庄市市中区) and ``prefecture`` (None for the province and
    prefectures).
    """
    regions = load_regions()
    names = regions.set_index("adcode")["name_zh"]
    chosen = regions[regions["level"].isin(set(indicator.levels) | {"province"})].sort_values("adcode")
    prefectures = [names.get(p) if isinstance(p, str) and p != "370000" else None for p in chosen["parent"]]
    shown = [f"{p}{name}" if p and match_region(name).ambiguous else name
             for name, p in zip(chosen["name_zh"], prefectures)]
    return pd.DataFrame({"adcode": chosen["adcode"].to_numpy(), "region": shown, "prefecture": prefectures})


def current_sourced(data: Dataset, indicator_id: str, period: str | None = None) -> pd.DataFrame:
    """Each region's sourced figure of ``period`` (default: its latest sourced figure), by adcode.

    Sample values are left out: prefilled into a template they would come back as sourced.
    """
    obs = data.observations(indicator_id)
    obs = obs[obs["provenance"] == "sourced"]
    if period:
        obs = obs[obs["period"] == period]
    return obs.sort_values("period").drop_duplicates("adcode", keep="last").set_index("adcode")


def template_frame(indicator_id: str, data: Dataset | None = None, period: str | None = None) -> pd.DataFrame:
    """The rows of an indicator's import template, in :data:`TEMPLATE_ORDER`.

    Parameters
    ----------
    indicator_id : str
    data : Dataset, optional
        When given, each region's row carries its current sourced figure (with its period and
        source), so an update is an edit, not a retyping; sample values are left blank.
    period : str, optional
        Prefill the figures of this period rather than each region's latest.

    Returns
    -------
    pandas.DataFrame
        One row per region the indicator may name; empty cells are None.
    """
    indicator = load_catalog().indicator(indicator_id)
    frame = region_choices(indicator).assign(indicator=indicator.id, unit=indicator.unit)
    for column in TEMPLATE_ORDER:
        if column not in frame:
            frame[column] = None
    frame = frame[list(TEMPLATE_ORDER)].astype(object)
    if data is not None:
        current = current_sourced(data, indicator_id, period)
        for column in PREFILLED:
            filled = frame["adcode"].map(current[column]).astype(object)
            frame[column] = filled.where(filled.notna(), None)
        frame["value"] = [int(v) if isinstance(v, float) and v.is_integer() else v for v in frame["value"]]
    return frame


def _number(value: float) -> str:
    return f"{value:g}"


def value_rule(indicator: Indicator, lang: str = "zh") -> str:
    """What a value must be, in words: '0 至 5 之间的整数', 'a number of at least 0', category codes."""
    if indicator.categories:
        codes = t("enum_sep", lang).join(f"{c.code} = {c.en if lang == 'en' else c.zh}" for c in indicator.categories)
        return t("template_categories", lang, codes=codes)
    kind = t("template_whole" if indicator.integer else "template_number", lang)
    lo, hi = indicator.min, indicator.max
    if lo is not None and hi is not None:
        return t("template_range_between", lang, kind=kind, lo=_number(lo), hi=_number(hi))
    if lo is not None:
        return t("template_range_at_least", lang, kind=kind, lo=_number(lo))
    if hi is not None:
        return t("template_range_at_most", lang, kind=kind, hi=_number(hi))
    return t("template_range_any", lang, kind=kind)


def example_value(indicator: Indicator) -> float:
    """A value that passes the indicator's checks, for the instructions' example row."""
    if indicator.categories:
        return float(indicator.categories[-1].code)
    lo = indicator.min if indicator.min is not None else 0.0
    hi = indicator.max if indicator.max is not None else lo + 25
    middle = (lo + hi) / 2
    return float(round(middle)) if indicator.integer else round(middle, 1)


def period_formula(cell: str) -> str:
    """A spreadsheet formula, true when ``cell`` holds a period like 2022, 2022-06 or 2022-Q3.

    Each alternative is wrapped in IFERROR because spreadsheet AND/OR do not short-circuit: a
    failed conversion in one branch would otherwise make the whole test an error.
    """
    def number(text: str) -> str:
        return f"AND(ISNUMBER(--{text}),INT(--{text})=--{text})"

    year = f"LEFT({cell},4)"
    valid_year = f"AND({number(year)},--{year}>=1900,--{year}<=2100)"
    month = f"MID({cell},6,2)"
    quarter = f"MID({cell},7,1)"
    alternatives = [
        f"AND(LEN({cell})=4,{valid_year})",
        f"AND(LEN({cell})=7,MID({cell},5,1)=\"-\",{valid_year},{number(month)},--{month}>=1,--{month}<=12)",
        f"AND(LEN({cell})=7,MID({cell},5,2)=\"-Q\",{valid_year},{number(quarter)},--{quarter}>=1,--{quarter}<=4)",
    ]
    return "OR(" + ",".join(f"IFERROR({a},FALSE())" for a in alternatives) + ")"


def url_formula(cell: str) -> str:
    """A spreadsheet formula, true when ``cell`` starts with http:// or https://."""
    return f"OR(LEFT({cell},7)=\"http://\",LEFT({cell},8)=\"https://\")"
