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


def load_settings(env: dict[str, str] | None = None) -> Settings:
    env = os.environ if env is None else env
    return Settings(
        host=env.get("SDPLAN_HOST", "127.0.0.1"),
        port=int(env.get("SDPLAN_PORT", "8050")),
        debug=env.get("SDPLAN_DEBUG", "0") == "1",
        tile_url=env.get("SDPLAN_TILE_URL") or None,
        tile_attribution=env.get("SDPLAN_TILE_ATTRIBUTION", ""),
    )
