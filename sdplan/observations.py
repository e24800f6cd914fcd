"""Observation tables: one value per region and period, each with its provenance.

For an indicator ``X`` the values live in ``data/indicators/observations/X.csv`` (figures read
from a public source, ``provenance = sourced``) and ``data/indicators/samples/X.csv``
(plausible sample values made by ``scripts/make_sample_data.py``, ``provenance = sample``).
Both are validated against the indicator's unit, range, levels and categories and seed the
store (``sdplan.store``); imports are validated by the same schema. This module only describes
and reads these tables: the current figures come from the store, in a
:class:`~sdplan.dataset.Dataset`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from .boundaries import load_regions
from .catalog import Indicator, load_catalog
from .errors import DataError, Problem, problem
from .i18n import t
from .paths import INDICATORS
from .tables import ADCODE_RE, DATE_RE, PERIOD_RE, check, is_number, read_csv_text, text_column, validate

COLUMNS = ("adcode", "period", "value", "unit", "provenance", "source_title", "source_url", "source_date", "note",
           "source_strength", "definition")
PROVENANCES = ("sourced", "sample")
# How strong a source is: an official site or official media; official media seen through a reprint;
# an aggregator page or an unclear origin (the marks S, M, W of shared/data-sources.md).
STRENGTHS = ("official", "reprint", "aggregator")
SOURCED_DIR = INDICATORS / "observations"
SAMPLE_DIR = INDICATORS / "samples"


def observation_schema(indicator: Indicator, provenance: str | None = None) -> pa.DataFrameSchema:
    """The schema an observation table of ``indicator`` must satisfy.

    ``provenance`` restricts the provenance column to one value (a samples file holds only
    sample values; an observations file only sourced ones).
    """
    regions = load_regions()

    def definition_text(lang: str) -> str:
        keys = ", ".join(d.key for d in indicator.definitions)
        return t("expect_definition", lang, keys=keys) if keys else t("expect_no_definition", lang)

    allowed_levels = set(indicator.levels) | {"province"}
    codes = set(regions.loc[regions["level"].isin(allowed_levels), "adcode"])
    level_text = "、".join(t(f"level.{lvl}", "zh") for lvl in sorted(allowed_levels))
    code_zh, code_en = f"{level_text}一级的已知行政区划代码", f"a known adcode at level {', '.join(sorted(allowed_levels))}"
    if indicator.members:  # a named list takes its own regions only (and the province's count)
        codes = (codes & set(indicator.members)) | set(regions.loc[regions["level"] == "province", "adcode"])
        code_zh, code_en = t("expect_list_member", "zh"), t("expect_list_member", "en")
    provenances = (provenance,) if provenance else PROVENANCES
    return pa.DataFrameSchema(
        {
            "adcode": text_column(
                check("adcode", "6 位山东行政区划代码(GB/T 2260)", "a 6-digit Shandong adcode (GB/T 2260)",
                      lambda v: bool(ADCODE_RE.match(v))),
                check(f"adcode_level_{indicator.id}", code_zh, code_en,
                      lambda v: v in codes or not ADCODE_RE.match(v)),  # a malformed code gets one message, not two
            ),
            "period": text_column(check("period", "统计期,形如 2022、2022-06 或 2022-Q3",
                                        "a period like 2022, 2022-06 or 2022-Q3", lambda v: bool(PERIOD_RE.match(v)))),
            "value": text_column(check("number", "数字", "a number", is_number)),  # its range: value_problems()
            "unit": text_column(check(f"unit_is_{indicator.unit}", f"单位代码 {indicator.unit}",
                                      f"the unit code {indicator.unit!r} of indicator {indicator.id}",
                                      lambda v: v == indicator.unit)),
            "provenance": text_column(check(f"provenance_{'_'.join(provenances)}", " 或 ".join(provenances),
                                            " or ".join(provenances), lambda v: v in provenances)),
            "source_title": text_column(),
            "source_url": text_column(check("url", "以 http:// 或 https:// 开头的网址", "an address starting http:// or https://",
                                            lambda v: v.startswith(("http://", "https://"))), required=False),
            "source_date": text_column(check("date", "日期,形如 2022、2022-10 或 2022-10-13",
                                             "a date like 2022, 2022-10 or 2022-10-13", lambda v: bool(DATE_RE.match(v))),
                                       required=False),
            "note": text_column(required=False),
            "source_strength": text_column(check("strength", "来源类别(official、reprint 或 aggregator)",
                                                 "a source strength (official, reprint or aggregator)",
                                                 lambda v: v in STRENGTHS), required=False),
            "definition": text_column(check(f"definition_{indicator.id}", definition_text("zh"), definition_text("en"),
                                            lambda v: indicator.definition(v) is not None), required=False),
        },
        strict=True,
    )


def _number(value: float) -> str:
    return f"{value:.15g}"


def _range_problem(file: str, row: int, text: str, indicator: Indicator, level: str | None) -> Problem | None:
    """The one thing wrong with a number of ``indicator`` at ``level`` (range, whole number, category), or None."""
    value = float(text)
    low, high, narrowed = indicator.range_at(level)
    if (low is not None and value < low) or (high is not None and value > high):
        if narrowed:
            key, values = f"value_plausible_{level}", {"low": _number(low), "high": _number(high)}
        elif low is not None and high is not None:
            key, values = "value_between", {"low": _number(low), "high": _number(high)}
        elif low is not None:
            key, values = "value_at_least", {"low": _number(low)}
        else:
            key, values = "value_at_most", {"high": _number(high)}
        return problem(file, row, "value", text, key, **values)
    if indicator.integer and not value.is_integer():
        return problem(file, row, "value", text, "value_whole")
    if indicator.categories and value not in {c.code for c in indicator.categories}:
        listed = ", ".join(f"{c.code} ({c.en})" for c in indicator.categories)
        return problem(file, row, "value", text, "value_category", codes=listed)
    return None


def value_problems(frame: pd.DataFrame, indicator: Indicator, file: str) -> list[Problem]:
    """Numbers outside the range of their region's level, not whole, or not a category: one problem per cell.

    The range is the catalog's plausible range at the region's level where it has one, else
    the unit's; cells that are not numbers are the schema's to report (once).
    """
    levels = load_regions().set_index("adcode")["level"]
    problems = []
    for index, code, text in zip(frame.index, frame["adcode"], frame["value"]):
        if isinstance(text, str) and is_number(text):
            level = levels.get(code) if isinstance(code, str) else None
            found = _range_problem(file, int(index) + 2, text, indicator, level)
            if found:
                problems.append(found)
    return problems


def duplicate_problems(frame: pd.DataFrame, file: str) -> list[Problem]:
    """Each row giving a region and period that another row gives too: one problem per row."""
    keys = frame[["adcode", "period"]]
    repeated = keys[keys.notna().all(axis=1) & keys.duplicated(keep=False)]
    rows = repeated.groupby(["adcode", "period"]).groups
    return [problem(file, int(i) + 2, "adcode", code, "value_duplicate",
                    rows=lambda lang, group=group: t("enum_sep", lang).join(str(int(j) + 2) for j in group))
            for (code, _period), group in rows.items() for i in group]


def check_observations(frame: pd.DataFrame, indicator: Indicator, file: str, provenance: str | None = None) -> pd.DataFrame:
    """Validate an observation table of ``indicator``: the schema, value ranges by level, duplicates; every problem at once.

    Raises
    ------
    DataError
        Listing every problem, at most one per cell, in row order.
    """
    problems: list[Problem] = []
    try:
        valid = validate(frame, observation_schema(indicator, provenance), file)
    except DataError as exc:
        problems += exc.problems
        valid = None
    if {"adcode", "period", "value"} <= set(frame.columns):
        problems += value_problems(frame, indicator, file) + duplicate_problems(frame, file)
    if problems:
        raise DataError(sorted(set(problems), key=lambda p: (p.row or 0, p.column or "", str(p.value))))
    return valid


def _sourced_rows_need_dates(frame: pd.DataFrame, file: str) -> list[Problem]:
    sourced = frame["provenance"] == "sourced"
    undated = frame.index[sourced & frame["source_date"].isna()]
    unrated = frame.index[sourced & frame["source_strength"].isna()]
    return ([Problem(file, int(i) + 2, "source_date", None, "来源日期(有来源的数值必须注明日期)",
                     "the source's date (a sourced value needs one)") for i in undated]
            + [Problem(file, int(i) + 2, "source_strength", None, "来源类别(有来源的数值必须注明其来源的可靠程度)",
                       "the source's strength (a sourced value needs one)") for i in unrated])


def read_observations(path: Path, indicator: Indicator, provenance: str | None = None) -> pd.DataFrame:
    """Read and validate one observation file; raise :class:`DataError` with every problem."""
    frame = check_observations(read_csv_text(path), indicator, path.name, provenance)
    problems = _sourced_rows_need_dates(frame, path.name)
    if problems:
        raise DataError(problems)
    frame["value"] = frame["value"].astype(float)
    return frame


def bundled_observations(indicator_id: str) -> pd.DataFrame:
    """The bundled CSV observations of an indicator (sourced and sample), validated.

    These seed the store (batch #1). Columns: :data:`COLUMNS`, value as float. A region and period
    appear once; sourced and sample files may not both give a value for the same region and period.
    """
    indicator = load_catalog().indicator(indicator_id)
    parts = []
    for folder, provenance in ((SOURCED_DIR, "sourced"), (SAMPLE_DIR, "sample")):
        path = folder / f"{indicator_id}.csv"
        if path.exists():
            parts.append(read_observations(path, indicator, provenance))
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=float if c == "value" else object) for c in COLUMNS})
    frame = pd.concat(parts, ignore_index=True)
    clash = frame[frame.duplicated(["adcode", "period"], keep=False)]
    if not clash.empty:
        raise DataError([Problem(f"samples/{indicator_id}.csv", None, "adcode", f"{a} {p}",
                                 "示例数据不得覆盖已有来源的数值", "no sample value where a sourced value exists")
                         for a, p in clash[["adcode", "period"]].drop_duplicates().itertuples(index=False)])
    return frame.sort_values(["period", "adcode"], ignore_index=True)
