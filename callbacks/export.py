"""Briefing snapshot download: the map page's view rendered on the server (sdplan.snapshot)."""

from __future__ import annotations

import logging

from dash import Input, Output, State, callback, dcc, no_update

from components import ids
from components.export import text
from sdplan.i18n import t
from sdplan.snapshot import SnapshotRequestError, snapshot, view_from_query
from sdplan.store.outage import StoreUnavailable
from sdplan.viewstate import query_lang

from .data_as_of import dataset_for, query_day

log = logging.getLogger(__name__)


def make_download(query: str | None, fmt: str, orientation: str) -> tuple[dict | None, str | None]:
    """(dcc.Download data, notice): the file of the query's view, or None and a message saying why."""
    try:  # a file is made from the current figures (or those as of the view's date), never from the last read
        data, _, refused = dataset_for(query_day(query), served=False)
    except StoreUnavailable:
        return None, t("store_unavailable", query_lang(query))
    if refused:
        return None, refused[0].message(query_lang(query))
    view = view_from_query(data, query, strict=False)
    try:
        shot = snapshot(data, view, fmt or "pdf", orientation=orientation or "landscape")
    except SnapshotRequestError as exc:
        return None, text("failed", view.lang).format(error=exc)
    except Exception as exc:  # never crash the page: report and log
        log.exception("snapshot failed for %r", query)
        return None, text("failed", view.lang).format(error=type(exc).__name__)
    return dcc.send_bytes(shot.content, shot.filename, type=shot.media_type), None


@callback(
    Output(ids.EXPORT_DOWNLOAD, "data"), Output(ids.EXPORT_NOTICE, "children"),
    Input(ids.EXPORT_BUTTON, "n_clicks"),
    State(ids.MAP_QUERY, "data"), State(ids.EXPORT_FORMAT, "value"), State(ids.EXPORT_ORIENTATION, "value"),
    prevent_initial_call=True,
    # shows that it works (a spinner; the page stays usable meanwhile)
    running=[(Output(ids.EXPORT_BUTTON, "disabled"), True, False),
             (Output(ids.EXPORT_BUTTON, "className"), "export-button busy", "export-button")],
)
def download_snapshot(n_clicks: int, query: str | None, fmt: str, orientation: str) -> tuple:
    if not n_clicks:
        return no_update, no_update
    return make_download(query, fmt, orientation)
