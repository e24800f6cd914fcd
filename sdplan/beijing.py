"""Times as officials read them: Beijing time (UTC+8, no daylight saving), saying so.

Every date or time written for people or into a file name goes through :func:`local` (or
:func:`stamp`), so a moment given in UTC, as the store keeps it, is written on Beijing's clock.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from .i18n import t

BEIJING = timezone(timedelta(hours=8), "UTC+8")


def now() -> datetime:
    """The current time in Beijing."""
    return datetime.now(BEIJING)


def local(moment: datetime, naive: timezone = BEIJING) -> datetime:
    """``moment`` on Beijing's clock; a naive time is taken as being in ``naive`` (Beijing unless told).

    The store keeps UTC and SQLite hands it back without its zone: read those with ``naive=UTC``.
    """
    return (moment if moment.tzinfo else moment.replace(tzinfo=naive)).astimezone(BEIJING)


def stored(moment: datetime | None) -> datetime | None:
    """A time read from the store (UTC, naive on SQLite) on Beijing's clock; None stays None."""
    return None if moment is None else local(moment, UTC)


def stamp(moment: datetime, lang: str = "zh") -> str:
    """'2026-11-29 17:00 北京时间' / '2026-11-29 17:00 Beijing time' (a naive time is taken as Beijing's)."""
    return t("beijing_time", lang, time=f"{local(moment):%Y-%m-%d %H:%M}")
