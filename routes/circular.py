"""``/circular.docx`` and ``/circular.pdf``: the circular (通报) of the province's ledger, made off the request
threads like every export (:mod:`sdplan.exports`, in the export process that holds python-docx and matplotlib;
a worker never imports them). The request waits for the file, then is sent on to ``/exports/<token>``.
"""

from __future__ import annotations

import time

from flask import Blueprint, Response, abort, redirect, request

from sdplan.exports import start, state
from sdplan.i18n import t

from .exports import export_url

ROUTE = "/circular.<fmt>"
FORMATS = ("docx", "pdf")
WAIT_SECONDS = 180.0  # the first export of a worker starts its export process
blueprint = Blueprint("circular", __name__)


@blueprint.route(ROUTE)
def download(fmt: str) -> Response:
    if fmt not in FORMATS:
        abort(404)
    lang = "en" if request.args.get("lang") == "en" else "zh"
    token = start("circular", {"lang": lang, "fmt": fmt}, t("circular_failed", lang))
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        found = state(token)
        if found is None or found["status"] == "failed":
            return Response((found or {}).get("message") or t("circular_failed", lang), status=503,
                            mimetype="text/plain; charset=utf-8")
        if found["status"] == "done":
            return redirect(export_url(token), code=303)
        time.sleep(0.2)  # the export process writes its state to the store; ask again shortly
    return Response(t("circular_failed", lang), status=503, mimetype="text/plain; charset=utf-8")
