"""How the briefing writes numbers, periods, dates and lists (GB/T 15835-2011 in Chinese).

Arabic numerals for counts and measures with units (377.2公里, 64.54%, 16个), Chinese numerals for
rank words (五星级, 第三季度); a change of a rate in percentage points; full-width punctuation in
Chinese prose, also inside names that come from the data ("(市)" becomes "（市）").
"""

from __future__ import annotations

import calendar
import re
from datetime import datetime

from ..i18n import t
from ..tables import period_end
from ..units import format_number, with_unit

NUMERALS = "〇一二三四五六七八九十"
HALF_TO_FULL = {"(": "\uff08", ")": "\uff09", ",": "\uff0c", ";": "\uff1b", ":": "\uff1a", "?": "\uff1f", "!": "\uff01"}
_HALF = re.compile(r"[();?!]|(?<![0-9])[,:]|[,:](?![0-9])")
_AFTER = re.compile("([\uff08\uff09\uff0c\uff1b\uff1a\uff1f\uff01\u3001\u3002]) +")


def fullwidth(text: str, lang: str = "zh") -> str:
    """Chinese text with full-width punctuation; a comma or colon between digits (1,040.3, 10:30) is kept."""
    if lang == "en":
        return text
    return _AFTER.sub(r"\1", _HALF.sub(lambda m: HALF_TO_FULL[m.group(0)], text))


def numeral(n: int) -> str:
    """A Chinese numeral for a rank word, 0 to 10: 五 (五星级), 三 (第三季度)."""
    return NUMERALS[n] if 0 <= n <= 10 else str(n)


def stars(value: float, lang: str = "zh") -> str:
    """A star rating as a rank word: '五星级' / '5 stars' (GB/T 15835: 五星级, not 5星级)."""
    n = int(round(value))
    return t("brief_stars", lang, n=numeral(n) if lang != "en" else n)


def quantity(value: float, unit: str, lang: str = "zh", decimals: int | None = None) -> str:
    """A value with its unit as prose writes it ('377.2公里', '64.54%', '五星级')."""
    if unit == "stars":
        return stars(value, lang)
    return with_unit(value, unit, lang, decimals)


def amount(value: float, unit: str, lang: str = "zh", decimals: int | None = None) -> str:
    """A difference in ``unit``: a rate's in percentage points ('0.46个百分点'), trailing zeros dropped."""
    if unit == "percent":
        return with_unit(_round(abs(value), 2 if decimals is None else decimals), "pct_points", lang)
    return with_unit(_round(abs(value), decimals), unit, lang, decimals)


def _round(value: float, decimals: int | None) -> float:
    """``value`` rounded to ``decimals`` (written without trailing zeros by format_number)."""
    return round(value, decimals) if decimals is not None else value


def is_zero(value: float, unit: str, decimals: int | None) -> bool:
    """Whether ``value`` is written as 0 (a change too small to name)."""
    return format_number(_round(abs(value), 2 if unit == "percent" else decimals)) == "0"


def period_text(period: str | None, lang: str = "zh") -> str:
    """'2022年10月' / 'October 2022', '2022年' / '2022', '2022年第三季度' / 'Q3 2022'."""
    if not period:
        return "—"
    year, _, part = period.partition("-")
    if not part:
        return t("brief_period_year", lang, year=year)
    if part.startswith("Q"):
        q = int(part[1:])
        return t("brief_period_quarter", lang, year=year, q=q if lang == "en" else numeral(q))
    month = int(part)
    return t("brief_period_month", lang, year=year, month=calendar.month_name[month] if lang == "en" else month)


def when(period: str, lang: str = "zh") -> str:
    """How a paragraph names its period once, at its start: '2022年' / 'In 2022', '截至2022年10月底' /
    'At the end of October 2022'."""
    key = "brief_when_year" if "-" not in period else "brief_when_part"
    return t(key, lang, period=period_text(period, lang))


def is_year_end(period: str | None) -> bool:
    """Whether ``period`` ends with its year (a year, a December, a fourth quarter)."""
    return period is not None and period_end(period)[1] == 12


def date_text(moment: datetime, lang: str = "zh") -> str:
    """'2022年12月30日' / '30 December 2022'."""
    return t("brief_date", lang, year=moment.year, month=moment.month if lang != "en" else calendar.month_name[moment.month],
             day=moment.day)


def source_date(date: str, lang: str = "zh") -> str:
    """A source's publication date as prose writes it: '2022年10月13日' / '13 October 2022', '2023年'."""
    parts = [int(x) for x in re.findall(r"[0-9]+", date)[:3]]
    if len(parts) == 3:
        return t("brief_date", lang, year=parts[0], day=parts[2],
                 month=calendar.month_name[parts[1]] if lang == "en" else parts[1])
    if len(parts) == 2:
        return period_text(f"{parts[0]}-{parts[1]:02d}", lang)
    return period_text(str(parts[0]), lang) if parts else date


def items(texts: list[str], lang: str = "zh") -> str:
    """'A、B、C' / 'A, B and C'."""
    if lang == "en" and len(texts) > 1:
        return t("brief_and", lang, first=t("enum_sep", lang).join(texts[:-1]), last=texts[-1])
    return t("enum_sep", lang).join(texts)


def lower_first(name: str) -> str:
    """An English name inside a sentence: 'Urban rail transit…' becomes 'urban rail transit…' (not '5G…')."""
    return name[0].lower() + name[1:] if len(name) > 1 and name[0].isupper() and name[1].islower() else name
