"""Export controls that make their files off the request threads (sdplan.exports): a click starts the
export and answers at once ("正在生成…", the button disabled); a timer asks how it goes; when the file is
ready the browser fetches it from ``/exports/<token>`` (and a link to it stays in the control)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, ctx, no_update
from dash.exceptions import PreventUpdate

from components.jobs import job_ids
from routes.exports import export_url
from sdplan import exports
from sdplan.i18n import t
from sdplan.store.outage import is_outage

log = logging.getLogger(__name__)

Busy = tuple[Output, object, object]  # an output, its value while the file is made, and after
Request = Callable[..., tuple[str, dict, str]]  # (button, *states) -> (kind, params, language)


def export_site(site: str, notice_id: str, buttons: list[str], states: list[State], request: Request,
                busy: list[Busy], say_running: bool = True) -> None:
    """Register the callbacks of one export control: ``buttons`` start an export of what ``request``
    says; ``busy`` outputs show that it runs (and the notice says "正在生成…" with ``say_running``);
    the notice says why it failed."""
    names = job_ids(site)
    notice = Output(notice_id, "children")
    busy_outputs = [output for output, _, _ in busy]

    @callback(Output(names["job"], "data"), Output(names["poll"], "disabled"), notice,
              Output(names["file"], "hidden"), *busy_outputs,
              *[Input(button, "n_clicks") for button in buttons], *states, prevent_initial_call=True)
    def start(*values):
        clicks, given = values[:len(buttons)], values[len(buttons):]
        if ctx.triggered_id not in buttons or not any(clicks):
            raise PreventUpdate
        kind, params, lang = request(ctx.triggered_id, *given)
        try:
            token = exports.start(kind, params, t("export_failed", lang))
        except Exception as exc:
            if not is_outage(exc):
                raise
            return no_update, True, t("store_unavailable", lang), True, *[after for _, _, after in busy]
        running = t("export_running", lang) if say_running else ""
        return {"token": token, "lang": lang}, False, running, True, *[on for _, on, _ in busy]

    @callback(Output(names["poll"], "disabled", allow_duplicate=True), Output(notice.component_id, "children",
              allow_duplicate=True), Output(names["file"], "href"), Output(names["file"], "children"),
              Output(names["file"], "hidden", allow_duplicate=True), *[Output(o.component_id, o.component_property,
              allow_duplicate=True) for o in busy_outputs],
              Input(names["poll"], "n_intervals"), State(names["job"], "data"), prevent_initial_call=True)
    def follow(_n: int, job: dict | None):
        if not job:
            raise PreventUpdate
        try:
            found = exports.state(job["token"])
        except Exception as exc:
            if not is_outage(exc):
                raise
            raise PreventUpdate from None  # ask again at the next tick
        if found is not None and found["status"] == "running":
            raise PreventUpdate
        after = [value for _, _, value in busy]
        if found is None or found["status"] == "failed":
            message = found["message"] if found else t("export_failed", job["lang"])
            return True, message, no_update, no_update, True, *after
        return True, "", export_url(job["token"]), found["file_name"], False, *after

    clientside_callback(ClientsideFunction(namespace="sdplan", function_name="downloadExport"),
                        Output(names["fetched"], "data"), Input(names["file"], "href"), prevent_initial_call=True)
