"""Times as officials read them: Beijing time (UTC+8, no daylight saving), saying so."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from .i18n import t

BEIJING = timezone(timedelta(hours=8), "UTC+8")


def now() -> datetime:
    """The current time in Beijing."""
    return datetime.now(BEIJING)


def stamp(moment: datetime, lang: str = "zh") -> str:
    """'2026-11-29 17:00 北京时间' / '2026-11-29 17:00 Beijing time' (a naive time is taken as Beijing's)."""
    moment = moment.astimezone(BEIJING) if moment.tzinfo else moment
    return t("beijing_time", lang, time=f"{moment:%Y-%m-%d %H:%M}")
