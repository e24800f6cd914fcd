"""The ledger page: its query -> filters -> rows -> page; filter controls -> address; trend; downloads.

The ledger reads its query from ``LEDGER_QUERY``, which the router fills only while the ledger
is shown (callbacks/pages.py), so nothing here fires for the map's changes.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from dash import ALL, Input, Output, State, callback, ctx, html
from dash.exceptions import PreventUpdate
from flask import has_request_context, request

from components import ids
from components.ledger import create_detail, create_page
from sdplan.data_as_of import dataset_for, query_day
from sdplan.dataset import Dataset
from sdplan.i18n import t
from sdplan.ledger.filters import Filters, filters_query, parse_filters
from sdplan.ledger.rows import LedgerRow, TaskRow, ledger_rows, task_rows, trend
from sdplan.store.current import served_dataset
from sdplan.store.notes import current_notes
from sdplan.store.outage import StoreUnavailable
from sdplan.viewstate import query_lang

from .jobs import export_site

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


def ledger_request(button: str, query: str | None) -> tuple[str, dict, str]:
    """The ledger file a button asks for; the workbook's map links start with the address the person
    reached the dashboard at."""
    fmt = "xlsx" if button == ids.LEDGER_XLSX_BUTTON else "pdf"
    base_url = request.host_url.rstrip("/") if has_request_context() else None
    return "ledger", {"query": query, "fmt": fmt, "base_url": base_url}, query_lang(query)


export_site(ids.LEDGER_EXPORT_SITE, ids.LEDGER_EXPORT_NOTICE, [ids.LEDGER_XLSX_BUTTON, ids.LEDGER_PDF_BUTTON],
            [State(ids.LEDGER_QUERY, "data")], ledger_request,
            [(Output(ids.LEDGER_XLSX_BUTTON, "disabled"), True, False),
             (Output(ids.LEDGER_PDF_BUTTON, "disabled"), True, False)])
