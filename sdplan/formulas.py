"""Cells that spreadsheets cannot run: every file handed out to people goes through here.

A cell starting with = + - @ (or a tab / carriage return) would run as a formula in Excel, so it
is prefixed with an apostrophe; numbers stay numbers.
"""

from __future__ import annotations

import csv
import io

import pandas as pd

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
