"""The briefing download (sdplan.briefing) from the map page's view or the ledger's filters."""

from __future__ import annotations

import logging

from dash import Input, Output, State, callback, dcc, no_update

from components import ids
from sdplan.briefing import make_briefing
from sdplan.briefing.model import DEFAULT_INDICATORS, Scope
from sdplan.dataset import Dataset
from sdplan.i18n import t
from sdplan.ledger.filters import parse_filters
from sdplan.snapshot import view_from_query
from sdplan.store.notes import current_notes
from sdplan.store.outage import StoreUnavailable
from sdplan.viewstate import query_lang

from .data_as_of import dataset_for, query_day

log = logging.getLogger(__name__)


def _send(data: Dataset, scope: Scope, period: str | None, indicators: list[str], fmt: str, lang: str) -> tuple:
    try:
        made = make_briefing(data, scope, period, None, indicators, fmt or "docx", lang,
                             notes=current_notes(data.catalog.plan_id))
    except Exception as exc:  # never crash the page: report and log
        log.exception("briefing failed for %r", scope)
        return None, t("brief_failed", lang, error=type(exc).__name__)
    return dcc.send_bytes(made.content, made.filename, type=made.media_type), None


def _data(query: str | None) -> tuple[Dataset | None, str | None]:
    """(the figures a file of ``query`` is made from, None) or (None, why not): the current figures, or those as
    of the query's date; never the last read."""
    try:
        data, _, refused = dataset_for(query_day(query), served=False)
    except StoreUnavailable:
        return None, t("store_unavailable", query_lang(query))
    return (None, refused[0].message(query_lang(query))) if refused else (data, None)


def map_briefing(query: str | None, fmt: str) -> tuple:
    """(download, notice) of the briefing for the map's view: its scope, its period, its indicator first."""
    data, notice = _data(query)
    if data is None:
        return None, notice
    view = view_from_query(data, query, strict=False)
    scope = Scope(prefecture=view.prefecture) if view.prefecture else Scope(circle=view.circle)
    indicators = list(dict.fromkeys([view.indicator, *DEFAULT_INDICATORS]))[:len(DEFAULT_INDICATORS)]
    return _send(data, scope, view.period, indicators, fmt, view.lang)


def ledger_briefing(query: str | None, fmt: str) -> tuple:
    """(download, notice) of the briefing for the ledger's circle (the province without one)."""
    data, notice = _data(query)
    if data is None:
        return None, notice
    filters, _ = parse_filters(data.catalog, query)
    return _send(data, Scope(circle=filters.circle), None, list(DEFAULT_INDICATORS), fmt, filters.lang)


def _running(names: dict[str, str]) -> list:
    return [(Output(names["button"], "disabled"), True, False), (Output(names["progress"], "hidden"), False, True)]


@callback(Output(ids.BRIEF_DOWNLOAD, "data"), Output(ids.BRIEF_NOTICE, "children"),
          Input(ids.BRIEF_BUTTON, "n_clicks"), State(ids.MAP_QUERY, "data"), State(ids.BRIEF_FORMAT, "value"),
          prevent_initial_call=True, running=_running(ids.MAP_BRIEF))
def download_map_briefing(n_clicks: int, query: str | None, fmt: str) -> tuple:
    if not n_clicks:
        return no_update, no_update
    return map_briefing(query, fmt)


@callback(Output(ids.LEDGER_BRIEF["download"], "data"), Output(ids.LEDGER_BRIEF["notice"], "children"),
          Input(ids.LEDGER_BRIEF["button"], "n_clicks"), State(ids.LEDGER_QUERY, "data"),
          State(ids.LEDGER_BRIEF["format"], "value"), prevent_initial_call=True, running=_running(ids.LEDGER_BRIEF))
def download_ledger_briefing(n_clicks: int, query: str | None, fmt: str) -> tuple:
    if not n_clicks:
        return no_update, no_update
    return ledger_briefing(query, fmt)
