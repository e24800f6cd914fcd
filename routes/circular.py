"""Serve the circular (通报) as a download: ``/circular.docx?lang=zh`` or ``/circular.pdf?lang=en``.

A plain link on the ledger page (no callback): the file is made from the current dataset (or, while the
database cannot be reached, the last one read) with the settings' thresholds and masthead.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, request

from sdplan.briefing import circular
from sdplan.briefing.masthead import masthead
from sdplan.i18n import t
from sdplan.store.current import served_dataset

ROUTE = "/circular.<fmt>"
blueprint = Blueprint("circular", __name__)


@blueprint.route(ROUTE)
def download(fmt: str) -> Response:
    if fmt not in circular.FORMATS:
        abort(404)
    lang = "en" if request.args.get("lang") == "en" else "zh"
    data, _ = served_dataset()
    made = circular.build_circular(data, lang, head=masthead(name=t("circular_name", lang)))
    return Response(circular.circular_bytes(made, fmt), mimetype=circular.FORMATS[fmt],
                    headers={"Content-Disposition": f"attachment; filename={circular.filename(made, fmt)}"})
