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
from .errors import DataError, Problem
from .i18n import t
from .paths import INDICATORS
from .tables import ADCODE_RE, DATE_RE, PERIOD_RE, check, is_number, read_csv_text, text_column, validate

COLUMNS = ("adcode", "period", "value", "unit", "provenance", "source_title", "source_url", "source_date", "note")
PROVENANCES = ("sourced", "sample")
SOURCED_DIR = INDICATORS / "observations"
SAMPLE_DIR = INDICATORS / "samples"


def observation_schema(indicator: Indicator, provenance: str | None = None) -> pa.DataFrameSchema:
    """The schema an observation table of ``indicator`` must satisfy.

    ``provenance`` restricts the provenance column to one value (a samples file holds only
    sample values; an observations file only sourced ones).
    """
    regions = load_regions()
    allowed_levels = set(indicator.levels) | {"province"}
    codes = set(regions.loc[regions["level"].isin(allowed_levels), "adcode"])
    level_text = "、".join(t(f"level.{lvl}", "zh") for lvl in sorted(allowed_levels))
    value_checks = [check("number", "数字", "a number", is_number)]
    if indicator.min is not None or indicator.max is not None:
        lo = -float("inf") if indicator.min is None else indicator.min
        hi = float("inf") if indicator.max is None else indicator.max
        value_checks.append(check(f"range_{lo:g}_{hi:g}", f"介于 {lo:g} 与 {hi:g} 之间的数", f"a number from {lo:g} to {hi:g}",
                                  lambda v: is_number(v) and lo <= float(v) <= hi))
    if indicator.integer:
        value_checks.append(check("whole_number", "整数", "a whole number", lambda v: is_number(v) and float(v).is_integer()))
    if indicator.categories:
        allowed = {c.code for c in indicator.categories}
        listed = ", ".join(f"{c.code} ({c.en})" for c in indicator.categories)
        value_checks.append(check(f"category_{indicator.id}", f"类别代码之一:{listed}", f"one of the category codes {listed}",
                                  lambda v: is_number(v) and float(v) in allowed))
    provenances = (provenance,) if provenance else PROVENANCES
    return pa.DataFrameSchema(
        {
            "adcode": text_column(
                check("adcode", "6 位山东行政区划代码(GB/T 2260)", "a 6-digit Shandong adcode (GB/T 2260)",
                      lambda v: bool(ADCODE_RE.match(v))),
                check(f"adcode_level_{indicator.id}", f"{level_text}一级的已知行政区划代码",
                      f"a known adcode at level {', '.join(sorted(allowed_levels))}", lambda v: v in codes),
            ),
            "period": text_column(check("period", "统计期,形如 2022、2022-06 或 2022-Q3",
                                        "a period like 2022, 2022-06 or 2022-Q3", lambda v: bool(PERIOD_RE.match(v)))),
            "value": text_column(*value_checks),
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
        },
        strict=True,
        unique=["adcode", "period"],
    )


def _sourced_rows_need_dates(frame: pd.DataFrame, file: str) -> list[Problem]:
    missing = frame.index[(frame["provenance"] == "sourced") & frame["source_date"].isna()]
    return [Problem(file, int(i) + 2, "source_date", None, "来源日期(有来源的数值必须注明日期)",
                    "the source's date (a sourced value needs one)") for i in missing]


def read_observations(path: Path, indicator: Indicator, provenance: str | None = None) -> pd.DataFrame:
    """Read and validate one observation file; raise :class:`DataError` with every problem."""
    frame = validate(read_csv_text(path), observation_schema(indicator, provenance), path.name)
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
