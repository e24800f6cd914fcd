"""Briefing snapshot download: the map page's view rendered in the export process (sdplan.exports)."""

from __future__ import annotations

from dash import Output, State

from components import ids
from sdplan.viewstate import query_lang

from .jobs import export_site


def snapshot_request(_button: str, query: str | None, fmt: str, orientation: str) -> tuple[str, dict, str]:
    return "snapshot", {"query": query, "fmt": fmt, "orientation": orientation}, query_lang(query)


export_site(ids.EXPORT_SITE, ids.EXPORT_NOTICE, [ids.EXPORT_BUTTON],
            [State(ids.MAP_QUERY, "data"), State(ids.EXPORT_FORMAT, "value"), State(ids.EXPORT_ORIENTATION, "value")],
            snapshot_request,
            # shows that it works (a spinner; the page stays usable meanwhile)
            [(Output(ids.EXPORT_BUTTON, "disabled"), True, False),
             (Output(ids.EXPORT_BUTTON, "className"), "export-button busy", "export-button")])
