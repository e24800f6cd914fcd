"""Briefing snapshot download: the current URL's view rendered on the server (sdplan.snapshot)."""

from __future__ import annotations

import logging

from dash import Input, Output, State, callback, dcc, no_update

from components import ids
from components.export import orientation_options, text
from sdplan.snapshot import SnapshotRequestError, snapshot, view_from_query, warm_up
from sdplan.viewstate import parse_view

log = logging.getLogger(__name__)
warm_up()


def make_download(search: str | None, fmt: str, orientation: str) -> tuple[dict | None, str | None]:
    """(dcc.Download data, notice): the file of the URL's view, or None and a message saying why."""
    lang = parse_view(search or "")[0].lang
    try:
        shot = snapshot(view_from_query(search or "", strict=False), fmt or "pdf", orientation=orientation or "landscape")
    except SnapshotRequestError as exc:
        return None, text("failed", lang).format(error=exc)
    except Exception as exc:  # never crash the page: report and log
        log.exception("snapshot failed for %r", search)
        return None, text("failed", lang).format(error=type(exc).__name__)
    return dcc.send_bytes(shot.content, shot.filename, type=shot.media_type), None


@callback(
    Output(ids.EXPORT_DOWNLOAD, "data"), Output(ids.EXPORT_NOTICE, "children"),
    Input(ids.EXPORT_BUTTON, "n_clicks"),
    State(ids.URL, "search"), State(ids.EXPORT_FORMAT, "value"), State(ids.EXPORT_ORIENTATION, "value"),
    prevent_initial_call=True,
    running=[(Output(ids.EXPORT_BUTTON, "disabled"), True, False)],
)
def download_snapshot(n_clicks, search, fmt, orientation):
    if not n_clicks:
        return no_update, no_update
    return make_download(search, fmt, orientation)


@callback(
    Output(ids.EXPORT_LABEL, "children"), Output(ids.EXPORT_BUTTON, "children"),
    Output(ids.EXPORT_ORIENTATION, "options"),
    Input(ids.URL, "search"),
)
def export_labels(search):
    lang = parse_view(search or "")[0].lang
    return text("label", lang), text("button", lang), orientation_options(lang)
