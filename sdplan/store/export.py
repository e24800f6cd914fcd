"""Files handed out to people: import templates and CSV exports that spreadsheets cannot run.

A cell starting with = + - @ (or a tab / carriage return) would run as a formula in Excel, so it
is prefixed with an apostrophe; numbers stay numbers.
"""

from __future__ import annotations

import csv
import io

import pandas as pd

from ..dataset import Dataset
from ..i18n import t

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
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


def template_frame(indicator_id: str, data: Dataset | None = None) -> pd.DataFrame:
    """The import template of an indicator: one row per region to fill (see :func:`sdplan.store.template.template_frame`)."""
    from .template import template_frame as frame

    return frame(indicator_id, data)


def template_bytes(indicator_id: str, fmt: str = "csv", data: Dataset | None = None, lang: str = "zh") -> bytes:
    """An indicator's import template as CSV (UTF-8 with BOM) or XLSX bytes.

    Parameters
    ----------
    indicator_id : str
    fmt : {"csv", "xlsx"}
        XLSX carries drop-downs and rules that catch mistakes while it is filled in, and instructions.
    data : Dataset, optional
        When given, each region's row carries its current sourced figure, to be edited.
    lang : {"zh", "en"}
        Language of the column headers (Chinese by default; the import accepts both).

    Returns
    -------
    bytes
    """
    from .template import TEMPLATE_ORDER, template_frame

    frame = template_frame(indicator_id, data)
    if fmt == "csv":
        return to_csv_bytes(frame.set_axis([t(f"template_column.{c}", lang) for c in TEMPLATE_ORDER], axis=1))
    if fmt != "xlsx":
        raise ValueError(f"unknown template format {fmt!r}; expected csv or xlsx")
    from .template_xlsx import template_workbook_bytes

    return template_workbook_bytes(frame, indicator_id, lang, prefilled=bool(frame["value"].notna().any()))
