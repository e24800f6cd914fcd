"""Settings from environment variables, each with an embedded default that works offline."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    host: str
    port: int
    debug: bool
    tile_url: str | None  # an intranet tile server, e.g. http://tiles.local/{z}/{x}/{y}.png; none by default
    tile_attribution: str
    base_url: str  # where the dashboard is reached, for absolute links in exported files (no trailing /)


def default_base_url(host: str, port: int) -> str:
    """The dashboard's address on this machine: ``http://127.0.0.1:8050`` (a wildcard host reads as 127.0.0.1)."""
    return f"http://{'127.0.0.1' if host in ('0.0.0.0', '::', '') else host}:{port}"


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """The settings from ``env`` (default: the process environment).

    Parameters
    ----------
    env : dict, optional
        ``SDPLAN_HOST``, ``SDPLAN_PORT``, ``SDPLAN_DEBUG``, ``SDPLAN_TILE_URL``, ``SDPLAN_TILE_ATTRIBUTION``
        and ``SDPLAN_BASE_URL`` (for example ``https://sdplan.example.gov.cn``; default the local address).

    Returns
    -------
    Settings
    """
    env = os.environ if env is None else env
    host = env.get("SDPLAN_HOST", "127.0.0.1")
    port = int(env.get("SDPLAN_PORT", "8050"))
    return Settings(
        host=host,
        port=port,
        debug=env.get("SDPLAN_DEBUG", "0") == "1",
        tile_url=env.get("SDPLAN_TILE_URL") or None,
        tile_attribution=env.get("SDPLAN_TILE_ATTRIBUTION", ""),
        base_url=(env.get("SDPLAN_BASE_URL") or default_base_url(host, port)).rstrip("/"),
    )


def briefing_issuer(env: dict[str, str] | None = None) -> str:
    """The issuing unit printed on a briefing's cover: ``SDPLAN_BRIEFING_ISSUER`` (default none)."""
    env = os.environ if env is None else env
    return env.get("SDPLAN_BRIEFING_ISSUER", "").strip()


def briefing_name(env: dict[str, str] | None = None) -> str:
    """The briefing's name in its 报头: ``SDPLAN_BRIEFING_NAME`` (default none: the catalogue's 新型城镇化工作简报)."""
    env = os.environ if env is None else env
    return env.get("SDPLAN_BRIEFING_NAME", "").strip()


def briefing_issue(env: dict[str, str] | None = None) -> str:
    """The issue number (期号) printed as 第N期: ``SDPLAN_BRIEFING_ISSUE`` (default none: left blank to fill in)."""
    env = os.environ if env is None else env
    return env.get("SDPLAN_BRIEFING_ISSUE", "").strip()


def briefing_send_to(env: dict[str, str] | None = None) -> str:
    """The 报送 line of the briefing's 报尾: ``SDPLAN_BRIEFING_SEND_TO`` (default none: left blank)."""
    env = os.environ if env is None else env
    return env.get("SDPLAN_BRIEFING_SEND_TO", "").strip()


def briefing_copy_to(env: dict[str, str] | None = None) -> str:
    """The 抄送 line of the briefing's 报尾: ``SDPLAN_BRIEFING_COPY_TO`` (default none: left blank)."""
    env = os.environ if env is None else env
    return env.get("SDPLAN_BRIEFING_COPY_TO", "").strip()
