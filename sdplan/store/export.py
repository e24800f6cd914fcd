"""Files handed out to people: import templates and CSV exports that spreadsheets cannot run.

A cell starting with = + - @ (or a tab / carriage return) would run as a formula in Excel, so it
is prefixed with an apostrophe; numbers stay numbers.
"""

from __future__ import annotations

import csv
import io

import pandas as pd

from ..boundaries import load_regions
from ..catalog import load_catalog
from .imports import TEMPLATE_COLUMNS

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> object:
    """``value`` made harmless for a spreadsheet (text starting like a formula gets a leading ')."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text cell of ``frame`` made harmless (see :func:`safe_cell`)."""
    return frame.astype(object).map(safe_cell)


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """A CSV in UTF-8 with BOM (Excel on Chinese Windows opens it right), formulas defused."""
    buffer = io.StringIO()
    safe_frame(frame).to_csv(buffer, index=False, quoting=csv.QUOTE_MINIMAL)
    return buffer.getvalue().encode("utf-8-sig")


def template_frame(indicator_id: str) -> pd.DataFrame:
    """The import template of an indicator: the right headers and one row per region to fill."""
    indicator = load_catalog().indicator(indicator_id)
    regions = load_regions()
    names = regions.set_index("adcode")["name_zh"]
    regions = regions[regions["level"].isin(set(indicator.levels) | {"province"})]
    frame = pd.DataFrame({
        "indicator": indicator.id,
        "adcode": regions["adcode"].to_numpy(),
        "region": regions["name_zh"].to_numpy(),
        "prefecture": [names.get(p) if isinstance(p, str) and p != "370000" else None for p in regions["parent"]],
        "unit": indicator.unit,
    })
    for column in TEMPLATE_COLUMNS:
        if column not in frame:
            frame[column] = None
    return frame[list(TEMPLATE_COLUMNS)]


def template_bytes(indicator_id: str, fmt: str = "csv") -> bytes:
    """The template as CSV (UTF-8 with BOM) or XLSX bytes."""
    frame = template_frame(indicator_id)
    if fmt == "csv":
        return to_csv_bytes(frame)
    if fmt != "xlsx":
        raise ValueError(f"unknown template format {fmt!r}; expected csv or xlsx")
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = indicator_id[:31]
    sheet.append(list(frame.columns))
    for row in safe_frame(frame).itertuples(index=False):
        sheet.append([None if pd.isna(v) else v for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
