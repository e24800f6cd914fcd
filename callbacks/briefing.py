"""The briefing download (sdplan.briefing, made in the export process) from the map page's view or the
ledger's filters."""

from __future__ import annotations

from dash import Output, State

from components import ids
from sdplan.viewstate import query_lang

from .jobs import export_site


def map_request(_button: str, query: str | None, fmt: str) -> tuple[str, dict, str]:
    return "map_briefing", {"query": query, "fmt": fmt}, query_lang(query)


def ledger_request(_button: str, query: str | None, fmt: str) -> tuple[str, dict, str]:
    return "ledger_briefing", {"query": query, "fmt": fmt}, query_lang(query)


def _busy(names: dict[str, str]) -> list:
    return [(Output(names["button"], "disabled"), True, False), (Output(names["progress"], "hidden"), False, True)]


export_site(ids.BRIEF_SITE, ids.BRIEF_NOTICE, [ids.BRIEF_BUTTON],
            [State(ids.MAP_QUERY, "data"), State(ids.BRIEF_FORMAT, "value")], map_request, _busy(ids.MAP_BRIEF),
            say_running=False)
export_site(ids.LEDGER_BRIEF["site"], ids.LEDGER_BRIEF["notice"], [ids.LEDGER_BRIEF["button"]],
            [State(ids.LEDGER_QUERY, "data"), State(ids.LEDGER_BRIEF["format"], "value")],
            ledger_request, _busy(ids.LEDGER_BRIEF), say_running=False)
