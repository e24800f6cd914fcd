"""The data as it stood on a date: the ``asof=YYYY-MM-DD`` of a link, and what it says on screen and paper.

A page or an export drawn "as of" a day uses the store as it stood at the end of that day, Beijing time
(:func:`sdplan.store.current.reading_as_of`); everything it shows then says so with :func:`banner`.
A day that is no date, or one still to come, is not read (a notice names it).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from . import beijing
from .i18n import t

PARAM = "asof"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def parse_day(text: object) -> date | None:
    """The day ``text`` names as YYYY-MM-DD, not after today in Beijing; None for anything else."""
    if not isinstance(text, str) or not _DAY.fullmatch(text.strip()):
        return None
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        return None
    return day if day <= beijing.now().date() else None


def end_of_day(day: date) -> datetime:
    """The last moment of ``day`` in Beijing: the data as of a day includes every import made that day."""
    return datetime.combine(day, time.max, beijing.BEIJING)


def moment_of(asof: str | None) -> datetime | None:
    """The moment a view's or filters' ``asof`` (already checked) stands for; None: the current data."""
    day = parse_day(asof)
    return end_of_day(day) if day else None


def day_text(day: date, lang: str = "zh") -> str:
    """'2023-06-30' / '30 June 2023'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if lang == "en" else day.isoformat()


def banner(asof: str | None, lang: str = "zh") -> str | None:
    """'数据截至 2023-06-30 的版本' / 'Data as of the version of 30 June 2023'; None for the current data."""
    return moment_banner(moment_of(asof), lang)


def moment_banner(moment: datetime | None, lang: str = "zh") -> str | None:
    """The banner of data read as of ``moment`` (a dataset's ``as_of``): its day, and its time unless it is
    the end of the day ('数据截至 2023-06-30 17:00 的版本'); None for the current data."""
    if moment is None:
        return None
    local = beijing.local(moment)
    text = day_text(local.date(), lang)
    if local.time() != time.max:
        text = f"{text}, {local:%H:%M}" if lang == "en" else f"{text} {local:%H:%M}"
    return t("asof_banner", lang, date=text)
