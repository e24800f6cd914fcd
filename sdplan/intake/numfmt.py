"""Excel number formats: a stored number written as the official sees it in Excel.

Excel keeps 75.12% as 0.7512 and June 2023 as the serial day 45078; the cell's number format
says how it is shown. :func:`shown` turns the stored text into what the sheet shows: percents
as ``75.12%``, dates as ``2023-06-30`` (``2023-06`` or ``2023`` when the format shows no day,
or no month), other numbers to Excel's 15 significant digits.
"""

from __future__ import annotations

import math
import re
from datetime import date, timedelta
from decimal import Decimal

# Built-in format ids (ECMA-376 18.8.30, with the zh-CN East Asian ids 27-36 and 50-58).
PERCENT_IDS = frozenset({9, 10})
DAY_IDS = frozenset({14, 15, 16, 22, 28, 29, 30, 31, 51, 53, 54, 58})
MONTH_IDS = frozenset({17, 27, 36, 50, 52, 57})
KINDS = ("number", "percent", "day", "month", "year")
_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|[_*].')
_SHOWN_LENGTH = {"day": 10, "month": 7, "year": 4}
_LAST_SERIAL = 2_958_465  # 9999-12-31


def kind_of(format_id: int, code: str | None) -> str:
    """How a format shows a number: "percent", "day", "month", "year" (dates) or "number".

    Parameters
    ----------
    format_id : int
        The built-in or custom ``numFmtId`` of the cell's style.
    code : str, optional
        The format code of a custom format (``0.00%``, ``yyyy"年"m"月"``, ...).
    """
    if format_id in PERCENT_IDS:
        return "percent"
    if format_id in DAY_IDS:
        return "day"
    if format_id in MONTH_IDS:
        return "month"
    if not code:
        return "number"
    bare = _LITERALS.sub("", code.split(";")[0]).lower().replace("general", "")
    if "%" in bare:
        return "percent"
    if re.search("[hs]", bare) and "d" not in bare and "y" not in bare:
        return "number"  # a time of day: m is minutes
    if "d" in bare:
        return "day"
    if "m" in bare:
        return "month"
    if "y" in bare:
        return "year"
    return "number"


def g15(number: float) -> str:
    """``number`` to 15 significant digits, as Excel shows it (2023, 3.5, 1e-07)."""
    return f"{number:.15g}"


def serial_date(serial: float, date1904: bool = False) -> date | None:
    """The day of an Excel serial date (1900 or 1904 system); None outside the calendar."""
    day = math.floor(serial)
    if date1904:
        return date(1904, 1, 1) + timedelta(days=day) if 0 <= day <= _LAST_SERIAL - 1462 else None
    if day < 1 or day == 60 or day > _LAST_SERIAL:  # 60 is Excel's 29 February 1900, a day that never was
        return None
    return date(1899, 12, 31 if day < 60 else 30) + timedelta(days=day)


def shown(value: str, kind: str, date1904: bool = False) -> str:
    """The stored number ``value`` as a cell of format ``kind`` shows it; text other than a number as is."""
    try:
        number = float(value)
    except ValueError:
        return value
    if not math.isfinite(number):
        return value
    if kind == "percent":
        if number and not 1e-9 <= abs(number) < 1e13:
            return g15(number * 100) + "%"
        return format((Decimal(g15(number)) * 100).normalize(), "f") + "%"
    if kind in _SHOWN_LENGTH:
        day = serial_date(number, date1904)
        if day is not None:
            return day.isoformat()[: _SHOWN_LENGTH[kind]]
    return g15(number)
