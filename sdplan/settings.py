"""Every setting of the dashboard, from environment variables, each with a default that works offline.

This is the only module that reads the environment (a test checks it): the others call
:func:`load_settings` when they need a value, so a changed variable (in tests, in a new worker) is seen.
Every variable is listed, with its default and meaning, in the README's settings table.
Flags read ``1/true/yes/on`` as true and ``0/false/no/off`` (or nothing) as false; anything else, like
a number that is not one, stops the start with a message naming the variable.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .paths import DATA, ROOT

INSTANCE = ROOT / "instance"
TRUE = ("1", "true", "yes", "on")
FALSE = ("0", "false", "no", "off", "")


@dataclass(frozen=True)
class Settings:
    host: str
    port: int
    debug: bool
    tile_url: str | None  # an intranet tile server, e.g. http://tiles.local/{z}/{x}/{y}.png; none by default
    tile_attribution: str
    base_url: str  # where the dashboard is reached, for absolute links in exported files (no trailing /)
    database_url: str  # a SQLAlchemy URL; postgres:// is read with psycopg 3
    db_connect_timeout: float  # seconds to wait for the database to answer a new connection
    db_statement_timeout: float  # seconds a statement may run (PostgreSQL) or wait for a lock (SQLite)
    secret_key: str | None  # None: generated into instance/secret_key
    secure_cookies: bool
    trusted_proxies: int
    ratelimit_storage: str
    parse_memory_mb: int
    parse_seconds: float
    cache_dir: Path
    briefing_issuer: str  # the 简报's 报头 and 报尾 (SDPLAN_BRIEFING_*), blank where unset
    briefing_name: str
    briefing_issue: str
    briefing_send_to: str
    briefing_copy_to: str
    schedule_yellow: float  # 序时进度: points behind the time-proportional schedule from which a target is yellow
    schedule_red: float  # ... and beyond which it is red
    bind: str  # gunicorn
    workers: int
    threads: int
    preload: bool  # gunicorn's preload_app: start up once in the master, workers share it (copy-on-write)


def parse_flag(name: str, value: str | None, default: bool = False) -> bool:
    """``1/true/yes/on`` → True, ``0/false/no/off`` or empty → False, unset → ``default``.

    Raises
    ------
    ValueError
        For any other value, naming the variable.
    """
    if value is None:
        return default
    text = value.strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise ValueError(f"{name}={value!r} is not a flag: use 1/true/yes/on or 0/false/no/off")


def _number(env: Mapping[str, str], name: str, default: float, kind: type = int) -> float:
    value = env.get(name, "").strip()
    if not value:
        return default
    try:
        number = kind(value)
    except ValueError:
        raise ValueError(f"{name}={value!r} is not a {'whole ' if kind is int else ''}number") from None
    if number < 0:
        raise ValueError(f"{name}={value!r} may not be negative")
    return number


def default_base_url(host: str, port: int) -> str:
    """The dashboard's address on this machine: ``http://127.0.0.1:8050`` (a wildcard host reads as 127.0.0.1)."""
    return f"http://{'127.0.0.1' if host in ('0.0.0.0', '::', '') else host}:{port}"


def normalise_database_url(url: str) -> str:
    """``postgres://`` and ``postgresql://`` URLs are read with psycopg 3; others are kept."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def cache_dir(env: Mapping[str, str] | None = None) -> Path:
    """``SDPLAN_CACHE_DIR`` alone, read now: for the paths asked on every static request (no whole settings)."""
    env = os.environ if env is None else env
    if env.get("SDPLAN_CACHE_DIR"):
        return Path(env["SDPLAN_CACHE_DIR"])
    return Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sdplan"


def data_dir(env: Mapping[str, str] | None = None) -> Path:
    """``SDPLAN_DATA_DIR`` alone, read now: the folder holding the catalog (``indicators/`` and ``plans/``);
    default the bundled ``data/``. A deployment (or a test) may keep its own catalog there."""
    env = os.environ if env is None else env
    return Path(env["SDPLAN_DATA_DIR"]) if env.get("SDPLAN_DATA_DIR") else DATA


def database_url(env: Mapping[str, str] | None = None) -> str:
    """``DATABASE_URL`` alone, read now: for the engine every callback asks for (no whole settings)."""
    env = os.environ if env is None else env
    return normalise_database_url(env.get("DATABASE_URL") or f"sqlite:///{INSTANCE / 'sdplan.sqlite'}")


def revision_check_seconds(env: Mapping[str, str] | None = None) -> float:
    """``SDPLAN_REVISION_CHECK_MS`` alone, in seconds: how long a worker trusts the store's revision it last
    read before asking again (default 250 ms; 0 asks on every request). Commits of the same process are
    seen at once; another process's (a command-line import, another worker) after at most this long."""
    env = os.environ if env is None else env
    return max(0.0, float(_number(env, "SDPLAN_REVISION_CHECK_MS", 250.0, float))) / 1000


def answer_cache_entries(env: Mapping[str, str] | None = None) -> int:
    """``SDPLAN_ANSWER_CACHE`` alone: how many of the map's answers a worker keeps as sent, to send again for the
    same request at the same revision (default 2,048, a few KiB each; 0 keeps none)."""
    env = os.environ if env is None else env
    return int(_number(env, "SDPLAN_ANSWER_CACHE", 2048))


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """The settings from ``env`` (default: the process environment), read now.

    Raises
    ------
    ValueError
        If a flag or a number cannot be read (naming the variable).
    """
    env = os.environ if env is None else env
    host = env.get("SDPLAN_HOST", "127.0.0.1")
    port = int(_number(env, "SDPLAN_PORT", 8050))
    return Settings(
        host=host,
        port=port,
        debug=parse_flag("SDPLAN_DEBUG", env.get("SDPLAN_DEBUG")),
        tile_url=env.get("SDPLAN_TILE_URL") or None,
        tile_attribution=env.get("SDPLAN_TILE_ATTRIBUTION", ""),
        base_url=(env.get("SDPLAN_BASE_URL") or default_base_url(host, port)).rstrip("/"),
        database_url=database_url(env),
        db_connect_timeout=float(_number(env, "SDPLAN_DB_CONNECT_TIMEOUT", 5.0, float)),
        db_statement_timeout=float(_number(env, "SDPLAN_DB_STATEMENT_TIMEOUT", 15.0, float)),
        secret_key=env.get("SDPLAN_SECRET_KEY") or None,
        secure_cookies=parse_flag("SDPLAN_SECURE_COOKIES", env.get("SDPLAN_SECURE_COOKIES")),
        trusted_proxies=int(_number(env, "SDPLAN_TRUSTED_PROXIES", 0)),
        ratelimit_storage=env.get("SDPLAN_RATELIMIT_STORAGE") or "memory://",
        parse_memory_mb=int(_number(env, "SDPLAN_PARSE_MEMORY_MB", 512)),
        parse_seconds=float(_number(env, "SDPLAN_PARSE_SECONDS", 10.0, float)),
        cache_dir=cache_dir(env),
        briefing_issuer=env.get("SDPLAN_BRIEFING_ISSUER", "").strip(),
        briefing_name=env.get("SDPLAN_BRIEFING_NAME", "").strip(),
        briefing_issue=env.get("SDPLAN_BRIEFING_ISSUE", "").strip(),
        briefing_send_to=env.get("SDPLAN_BRIEFING_SEND_TO", "").strip(),
        briefing_copy_to=env.get("SDPLAN_BRIEFING_COPY_TO", "").strip(),
        **_schedule(env),
        bind=env.get("SDPLAN_BIND") or "0.0.0.0:8050",
        workers=int(_number(env, "SDPLAN_WORKERS", (os.cpu_count() or 1) + 1)),
        threads=int(_number(env, "SDPLAN_THREADS", 2)),
        preload=parse_flag("SDPLAN_PRELOAD", env.get("SDPLAN_PRELOAD"), default=True),
    )


def _schedule(env: Mapping[str, str]) -> dict[str, float]:
    yellow = float(_number(env, "SDPLAN_SCHEDULE_YELLOW", 10.0, float))
    red = float(_number(env, "SDPLAN_SCHEDULE_RED", 30.0, float))
    if red < yellow:
        raise ValueError(f"SDPLAN_SCHEDULE_RED={red:g} is below SDPLAN_SCHEDULE_YELLOW={yellow:g}: "
                         "red must be at least as far behind as yellow")
    return {"schedule_yellow": yellow, "schedule_red": red}


def schedule_thresholds(env: Mapping[str, str] | None = None) -> tuple[float, float]:
    """(yellow, red): percentage points behind the time-proportional schedule from which a target is yellow
    (``SDPLAN_SCHEDULE_YELLOW``, default 10) and beyond which it is red (``SDPLAN_SCHEDULE_RED``, default 30)."""
    settings = load_settings(env)
    return settings.schedule_yellow, settings.schedule_red


def briefing_issuer(env: Mapping[str, str] | None = None) -> str:
    """The issuing unit printed on a briefing's cover: ``SDPLAN_BRIEFING_ISSUER`` (default none)."""
    return load_settings(env).briefing_issuer


def briefing_name(env: Mapping[str, str] | None = None) -> str:
    """The briefing's name in its 报头: ``SDPLAN_BRIEFING_NAME`` (default none: the catalogue's 新型城镇化工作简报)."""
    return load_settings(env).briefing_name


def briefing_issue(env: Mapping[str, str] | None = None) -> str:
    """The issue number (期号) printed as 第N期: ``SDPLAN_BRIEFING_ISSUE`` (default none: left blank to fill in)."""
    return load_settings(env).briefing_issue


def briefing_send_to(env: Mapping[str, str] | None = None) -> str:
    """The 报送 line of the briefing's 报尾: ``SDPLAN_BRIEFING_SEND_TO`` (default none: left blank)."""
    return load_settings(env).briefing_send_to


def briefing_copy_to(env: Mapping[str, str] | None = None) -> str:
    """The 抄送 line of the briefing's 报尾: ``SDPLAN_BRIEFING_COPY_TO`` (default none: left blank)."""
    return load_settings(env).briefing_copy_to


def child_environment(values: Mapping[str, str]) -> dict[str, str]:
    """The environment for a child process (``pg_dump``, ``pg_restore``): this one's, with ``values`` set."""
    return {**os.environ, **values}
