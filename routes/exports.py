"""``/exports/<token>``: a finished export's file, as an attachment (sdplan.exports made it in its process).

The token is the only key (32 random bytes, valid an hour): no token, a running or failed export, or an
expired one is a 404. Nothing is cached on the way.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort

from sdplan.store.db import get_engine
from sdplan.store.exports import export_state

blueprint = Blueprint("exports", __name__)


def export_url(token: str) -> str:
    return f"/exports/{token}"


@blueprint.route("/exports/<token>")
def exported_file(token: str) -> Response:
    found = export_state(get_engine(), token, with_content=True) if len(token) <= 64 else None
    if found is None or found["status"] != "done":
        abort(404)
    response = Response(bytes(found["content"]), mimetype=found["media_type"])
    response.headers.set("Content-Disposition", "attachment", filename=found["file_name"])
    response.headers["Cache-Control"] = "private, no-store"
    return response
