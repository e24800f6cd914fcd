"""The ledger page: its query -> filters -> rows -> page; filter controls -> address; trend; downloads.

The ledger reads its query from ``LEDGER_QUERY``, which the router fills only while the ledger
is shown (callbacks/pages.py), so nothing here fires for the map's changes.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from dash import ALL, Input, Output, State, callback, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate
from flask import has_request_context, request

from components import ids
from components.ledger import create_detail, create_page
from sdplan import beijing
from sdplan.as_of import moment_banner
from sdplan.dataset import Dataset
from sdplan.i18n import t
from sdplan.ledger.export import export_bytes, export_filename
from sdplan.ledger.filters import Filters, filters_query, parse_filters
from sdplan.ledger.rows import LedgerRow, TaskRow, ledger_rows, task_rows, trend
from sdplan.store.current import served_dataset
from sdplan.store.notes import current_notes
from sdplan.store.outage import StoreUnavailable
from sdplan.viewstate import query_lang

from .data_as_of import dataset_for, query_day

log = logging.getLogger(__name__)
FILTER_KEYS = ("thrust", "dept", "status", "circle", "q", "asof")


@callback(Output(ids.LEDGER_PAGE, "children"), Input(ids.LEDGER_QUERY, "data"), prevent_initial_call=True)
def render_ledger(query: str | None) -> list:
    try:
        data, fresh, refused = dataset_for(query_day(query))
    except StoreUnavailable:  # nothing read yet in this process: the notice alone
        return [html.Div(t("store_unavailable", query_lang(query)), id=ids.LEDGER_NOTICE, className="notice",
                         role="status")]
    filters, notices = parse_filters(data.catalog, query)
    if refused:  # no data stored by that date: the current ledger, saying so
        filters = replace(filters, asof=None)
    messages = ([n.message(filters.lang) for n in [*notices, *refused]]
                + ([] if fresh else [t("store_unavailable", filters.lang)]))
    data = data.for_plan(filters.plan)
    rows, tasks = ledger_of(data, filters)
    return create_page(filters, data.catalog.departments(), rows, messages, tasks, data.catalog.plan)


def ledger_of(data: Dataset, filters: Filters) -> tuple[list[LedgerRow], list[TaskRow]]:
    """The ledger's target rows and task rows for ``filters`` (``data`` already for their plan), with the
    plan's progress notes from the store."""
    notes = current_notes(data.catalog.plan_id)
    return ledger_rows(data, filters, notes), task_rows(data, filters, notes)


def query_from_controls(current: Filters, values: dict) -> str:
    """The ledger query for the controls' ``values`` (the language stays as the address has it)."""
    clean = {k: (None if v in (None, "", "all") else v) for k, v in values.items()}
    return filters_query(Filters(**{**clean, "q": (values.get("q") or "").strip(), "lang": current.lang}))


@callback(
    Output(ids.URL, "search", allow_duplicate=True),
    inputs={key: Input(ids.LEDGER_FILTERS[key], "value") for key in FILTER_KEYS},
    state={"query": State(ids.LEDGER_QUERY, "data")},
    prevent_initial_call=True,
)
def filters_to_url(query: str | None, **values) -> str:
    try:
        current, _ = parse_filters(served_dataset()[0].catalog, query)
    except StoreUnavailable:
        raise PreventUpdate from None
    new_query = query_from_controls(current, values)
    if new_query == filters_query(current):
        raise PreventUpdate  # controls drawn from this address (an invalid value keeps its notice until a change)
    return new_query


@callback(Output(ids.LEDGER_DETAIL, "children"), Output({"type": ids.LEDGER_TREND_BUTTON, "target": ALL}, "className"),
          Input({"type": ids.LEDGER_TREND_BUTTON, "target": ALL}, "n_clicks"),
          State(ids.LEDGER_QUERY, "data"), prevent_initial_call=True)
def show_trend(clicks: list, query: str | None) -> tuple[list, list[str]]:
    if not ctx.triggered_id or not any(clicks or []):
        raise PreventUpdate
    try:
        data = dataset_for(query_day(query))[0]
    except StoreUnavailable:
        raise PreventUpdate from None
    filters, _ = parse_filters(data.catalog, query)
    data = data.for_plan(filters.plan)
    chosen = ctx.triggered_id["target"]
    classes = ["ledger-trend-button" + (" active" if item["id"]["target"] == chosen else "")
               for item in ctx.inputs_list[0]]
    return create_detail(trend(data, chosen, filters.circle), filters.lang), classes


def ledger_download(query: str | None, fmt: str, now: datetime | None = None,
                    base_url: str | None = None) -> tuple[dict | None, str | None]:
    """(dcc.Download data, notice): the ledger of the query's filters as XLSX or PDF, or None and a
    message in the page's language saying it failed (and why, in a word; the details are logged).

    The workbook's map links start with ``base_url``: the address the person reached the dashboard
    at when called from a request, else the ``SDPLAN_BASE_URL`` setting.
    """
    try:  # a file is made from the current figures (or those as of the filters' date), never from the last read
        data, _, refused = dataset_for(query_day(query), served=False)
    except StoreUnavailable:
        return None, t("store_unavailable", query_lang(query))
    if refused:
        return None, refused[0].message(query_lang(query))
    filters, _ = parse_filters(data.catalog, query)
    data = data.for_plan(filters.plan)
    now = now or beijing.now()
    if base_url is None and has_request_context():
        base_url = request.host_url.rstrip("/")
    try:
        rows, tasks = ledger_of(data, filters)
        content = export_bytes(rows, filters, fmt, now, base_url, tasks, moment_banner(data.as_of, filters.lang))
    except Exception as exc:  # never crash the page: say so, and log it
        log.exception("ledger export failed for %r", query)
        return None, t("ledger_export_failed", filters.lang, error=type(exc).__name__)
    return dcc.send_bytes(content, export_filename(fmt, now)), None


@callback(Output(ids.LEDGER_XLSX_DOWNLOAD, "data"), Output(ids.LEDGER_PDF_DOWNLOAD, "data"),
          Output(ids.LEDGER_EXPORT_NOTICE, "children"),
          Input(ids.LEDGER_XLSX_BUTTON, "n_clicks"), Input(ids.LEDGER_PDF_BUTTON, "n_clicks"),
          State(ids.LEDGER_QUERY, "data"), prevent_initial_call=True)
def download(xlsx_clicks: int, pdf_clicks: int, query: str | None) -> tuple:
    fmt = {ids.LEDGER_XLSX_BUTTON: "xlsx", ids.LEDGER_PDF_BUTTON: "pdf"}.get(ctx.triggered_id)
    if not fmt or not (xlsx_clicks or pdf_clicks):
        raise PreventUpdate
    data, notice = ledger_download(query, fmt)
    data = data or no_update
    return (data, no_update, notice) if fmt == "xlsx" else (no_update, data, notice)
