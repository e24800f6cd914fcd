"""Serve the smaller plotly.js (``assets/vendor/plotly-basic.min.js``, see ``scripts/fetch_vendored.py``)
as an immutable, content-addressed file, and make every ``dcc.Graph`` load it instead of Dash's full bundle.

``dcc.Graph`` uses ``window.Plotly`` when it is there and otherwise loads the script at
``window._dashPlotlyJSURL``, which the Dash renderer sets when it starts (to its full 4.8 MB
plotly.min.js). :func:`loader_script` pins that address to this file before the renderer starts, so
only the basic bundle (1.2 MB) ever travels; ``assets/sdplan_plotly.js`` sets ``window.Plotly`` to a promise
of it that fetches it from that address once the map's regions are drawn (or the ledger page is shown). Dash
does not put its own plotly.min.js in the page (it is an on-demand resource), and the vendored plotly.js is kept
out of the page's script tags (``assets_ignore``).
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

from flask import Blueprint, Response

from routes.immutable import content_addressed, immutable_response

VENDOR = Path(__file__).resolve().parent.parent / "assets" / "vendor"
FILE = VENDOR / "plotly-basic.min.js"
ROUTE = "/vendor/plotly-basic.<digest>.min.js"

blueprint = Blueprint("plotlyjs", __name__)


def plotly_url() -> str:
    return f"/vendor/plotly-basic.{content_addressed(FILE)[1]}.min.js"


def _loader(prefix: str = "/") -> str:
    url = json.dumps(prefix.rstrip("/") + plotly_url())
    return ("Object.defineProperty(window,'_dashPlotlyJSURL',{configurable:true,"
            f"get:function(){{return {url};}},set:function(){{}}}});")


def loader_script(prefix: str = "/") -> str:
    """An inline ``<script>`` for the page's head: Dash's graphs load the basic bundle."""
    return f"<script>{_loader(prefix)}</script>"


def loader_hash(prefix: str = "/") -> str:
    """The Content-Security-Policy source that admits :func:`loader_script` (and nothing else)."""
    digest = base64.b64encode(hashlib.sha256(_loader(prefix).encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


@blueprint.route(ROUTE)
def serve_plotly(digest: str) -> Response:
    return immutable_response(FILE, digest, "text/javascript")
