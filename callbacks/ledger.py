"""The ledger page (/ledger): URL -> filters -> rows -> page; filter controls -> URL; trend; downloads.

Every callback does nothing unless the path is /ledger: the map owns the query string elsewhere.
"""

from __future__ import annotations

import logging
from datetime import datetime

from dash import ALL, Input, Output, State, callback, ctx, dcc, no_update
from dash.exceptions import PreventUpdate

from callbacks.nav import is_map_page
from components import ids
from components.ledger import (DETAIL, FILTER_IDS, PDF_BUTTON, PDF_DOWNLOAD, TREND_BUTTON, XLSX_BUTTON,
                               XLSX_DOWNLOAD, create_detail, create_page)
from sdplan.ledger.filters import Filters, filters_query, parse_filters
from sdplan.ledger.rows import ledger_rows, trend

log = logging.getLogger(__name__)


@callback(Output(ids.LEDGER_PAGE, "children"), Input(ids.URL, "pathname"), Input(ids.URL, "search"))
def render_ledger(pathname, search):
    if is_map_page(pathname):
        raise PreventUpdate
    filters, notices = parse_filters(search or "")
    return create_page(filters, ledger_rows(filters), [n.message(filters.lang) for n in notices])


def query_from_controls(search: str | None, values: dict) -> str:
    """The ledger query for the controls' ``values`` (the language stays as the URL has it)."""
    current, _ = parse_filters(search or "")
    clean = {k: (None if v in (None, "", "all") else v) for k, v in values.items()}
    return filters_query(Filters(**{**clean, "q": (values.get("q") or "").strip(), "lang": current.lang}))


@callback(
    Output(ids.URL, "search", allow_duplicate=True),
    *[Input(FILTER_IDS[k], "value") for k in ("thrust", "dept", "status", "circle", "q")],
    State(ids.URL, "search"), State(ids.URL, "pathname"),
    prevent_initial_call=True,
)
def filters_to_url(thrust, dept, status, circle, q, search, pathname):
    if is_map_page(pathname):
        raise PreventUpdate
    query = query_from_controls(search, {"thrust": thrust, "dept": dept, "status": status, "circle": circle, "q": q})
    if query == filters_query(parse_filters(search or "")[0]):
        raise PreventUpdate  # controls drawn from this URL (an invalid value keeps its notice until a change)
    return query


@callback(Output(DETAIL, "children"), Output({"type": TREND_BUTTON, "target": ALL}, "className"),
          Input({"type": TREND_BUTTON, "target": ALL}, "n_clicks"),
          State(ids.URL, "search"), State(ids.URL, "pathname"), prevent_initial_call=True)
def show_trend(clicks, search, pathname):
    if is_map_page(pathname) or not ctx.triggered_id or not any(clicks or []):
        raise PreventUpdate
    filters, _ = parse_filters(search or "")
    chosen = ctx.triggered_id["target"]
    classes = ["ledger-trend-button" + (" active" if item["id"]["target"] == chosen else "")
               for item in ctx.inputs_list[0]]
    return create_detail(trend(chosen, filters.circle), filters.lang), classes


def ledger_download(search: str | None, fmt: str, now: datetime | None = None) -> dict | None:
    """dcc.Download data for the ledger of the URL's filters as XLSX or PDF (None if it failed)."""
    from sdplan.ledger.export import export_bytes, export_filename

    filters, _ = parse_filters(search or "")
    now = now or datetime.now().astimezone()
    try:
        content = export_bytes(ledger_rows(filters), filters, fmt, now)
    except Exception:  # never crash the page: log it
        log.exception("ledger export failed for %r", search)
        return None
    return dcc.send_bytes(content, export_filename(fmt, now))


@callback(Output(XLSX_DOWNLOAD, "data"), Output(PDF_DOWNLOAD, "data"),
          Input(XLSX_BUTTON, "n_clicks"), Input(PDF_BUTTON, "n_clicks"),
          State(ids.URL, "search"), State(ids.URL, "pathname"), prevent_initial_call=True)
def download(xlsx_clicks, pdf_clicks, search, pathname):
    fmt = {XLSX_BUTTON: "xlsx", PDF_BUTTON: "pdf"}.get(ctx.triggered_id)
    if not fmt or not (xlsx_clicks or pdf_clicks) or is_map_page(pathname):
        raise PreventUpdate
    data = ledger_download(search, fmt) or no_update
    return (data, no_update) if fmt == "xlsx" else (no_update, data)
