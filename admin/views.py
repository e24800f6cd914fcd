"""The admin pages that read and change figures: upload, preview, confirm, history, rollback, downloads.

The pages read the request, call the store and render; the store checks permissions itself and
every refusal becomes a page with its message (:mod:`admin.pages`). An upload keeps the
indicator chosen with it, so the preview (in either language) and the confirmation read the
same file the same way whatever the query string or form says.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from flask import Response, abort, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue

from sdplan.beijing import stored
from sdplan.catalog import load_catalog
from sdplan.errors import DataError
from sdplan.formulas import to_csv_bytes
from sdplan.i18n import t
from sdplan.intake.cells import CONTROL_RE
from sdplan.intake.figure_files import parse_import
from sdplan.store.auth import may_roll_back
from sdplan.store.batches import rollback_batch
from sdplan.store.current import current_dataset, history
from sdplan.store.db import get_engine
from sdplan.store.errors import ConflictError
from sdplan.store.imports import Preview, apply_import, preview_import
from sdplan.store.uploads import drop_upload, get_upload, stage_upload

from .pages import blueprint, index_page, lang, me, page, signed_in

SHOWN_ROWS = 1000
MAX_NOTE = 500
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")


def clean_text(text: str, limit: int) -> str:
    """Text from a form or a file name without control characters (NUL included), at most ``limit`` characters."""
    return CONTROL_RE.sub("", text.replace("\x00", "")).strip()[:limit]


def _file_name(name: str) -> str:
    return clean_text(re.split(r"[\\/]", name)[-1], 1000) or "upload"


def read_upload(field: str, known: Iterable[str]) -> tuple[bytes, str, str | None, str | None] | None:
    """The upload form's file (its bytes and clean name), the ``field`` chosen with it (when it is one of
    ``known``: an indicator or a target) and the note; None when no file came."""
    file = request.files.get("file")
    if file is None or not file.filename:
        return None
    chosen = request.form.get(field) or None
    return (file.read(), _file_name(file.filename), chosen if chosen in known else None,
            clean_text(request.form.get("note") or "", MAX_NOTE) or None)


@blueprint.get("/")
def index() -> ResponseReturnValue:
    return index_page()


@blueprint.post("/upload")
@signed_in
def upload() -> ResponseReturnValue:
    uploaded = read_upload("indicator", load_catalog().indicators)
    if uploaded is None:
        return index_page(400, error=t("admin_no_file", lang()))
    content, name, indicator, note = uploaded
    try:
        parsed = parse_import(content, name, indicator)
    except DataError as exc:
        return index_page(400, problems=[p.message(lang()) for p in exc.problems])
    engine = get_engine()
    preview = preview_import(engine, parsed, me())
    token = stage_upload(engine, me().username, name, content, note, preview.revisions, indicator)
    return redirect(url_for("admin.show_preview", token=token))


def _staged_preview(token: str) -> tuple[dict, Preview] | None:
    """The person's staged upload and its preview against the revisions it was first previewed on, or None."""
    staged = get_upload(get_engine(), token, me().username) if TOKEN_RE.fullmatch(token) else None
    if staged is None or staged.get("kind"):  # a sub-targets file has its own preview (admin.subtargets)
        return None
    parsed = parse_import(staged["content"], staged["file_name"], staged["indicator"])
    preview = preview_import(get_engine(), parsed, me())
    preview.revisions = staged["revisions"]  # what the person saw is what the confirmation is checked against
    return staged, preview


def _preview_or_page(token: str, staged_preview: Callable[[str], tuple | None] | None = None):
    """(the staged upload and its preview, None), or (None, the page saying why there is none); ``staged_preview``
    reads another kind of upload (sub-targets: :mod:`admin.subtargets`)."""
    try:
        found = (staged_preview or _staged_preview)(token)
    except DataError as exc:  # the catalog or the regions changed since the upload
        return None, index_page(400, problems=[p.message(lang()) for p in exc.problems])
    if found is None:
        return None, index_page(404, error=t("admin_not_found", lang()))
    return found, None


@blueprint.get("/preview/<token>")
@signed_in
def show_preview(token: str) -> ResponseReturnValue:
    found, refused = _preview_or_page(token)
    if refused:
        return refused
    staged, preview = found
    changes = preview.changes.sort_values(["change", "indicator", "adcode", "period"],
                                          key=lambda s: s.map({"changed": 0, "new": 1, "same": 2}) if s.name == "change" else s)
    return page("preview.html", staged=staged, counts=preview.counts(), changes=changes.head(SHOWN_ROWS).to_dict("records"),
                total=len(changes), shown=SHOWN_ROWS, skipped=preview.parsed.skipped, warned=bool(preview.warnings))


@blueprint.post("/confirm/<token>")
@signed_in
def confirm(token: str) -> ResponseReturnValue:
    found, refused = _preview_or_page(token)
    if refused:
        return refused
    staged, preview = found
    explanations = {row: clean_text(request.form.get(f"explain-{row}") or "", MAX_NOTE) for row in preview.warnings}
    try:
        batch_id = apply_import(get_engine(), preview, me(), staged["note"], explanations)
    except ConflictError:
        drop_upload(get_engine(), token)  # its preview is stale: the person uploads again
        raise
    drop_upload(get_engine(), token)
    flash(t("admin_submitted" if me().regional else "admin_imported", lang(), id=batch_id))
    return redirect(url_for("admin.show_history"))


@blueprint.post("/cancel/<token>")
@signed_in
def cancel(token: str) -> ResponseReturnValue:
    if TOKEN_RE.fullmatch(token) and get_upload(get_engine(), token, me().username) is not None:
        drop_upload(get_engine(), token)
    return redirect(url_for("admin.index"))


@blueprint.get("/history")
def show_history() -> ResponseReturnValue:
    batches = history(get_engine()).to_dict("records")
    for b in batches:
        b["created_at"] = stored(b["created_at"])  # the store keeps UTC; people read Beijing time
        b["indicator_ids"] = [i for i in (b["indicators"] or "").split(";") if i]
        b["may_roll_back"] = b["status"] == "accepted" and may_roll_back(me(), b["indicator_ids"])
    return page("history.html", batches=batches)


@blueprint.post("/rollback/<int:batch_id>")
@signed_in
def rollback(batch_id: int) -> ResponseReturnValue:
    rollback_batch(get_engine(), batch_id, me())
    flash(t("admin_rolled_back", lang(), id=batch_id))
    return redirect(url_for("admin.show_history"))


@blueprint.get("/export/<indicator>.csv")
def export(indicator: str) -> ResponseReturnValue:
    if indicator not in load_catalog().indicators:
        abort(404)
    return Response(to_csv_bytes(current_dataset(get_engine()).observations(indicator)), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f"attachment; filename={indicator}.csv"})


@blueprint.get("/template/<indicator>.<fmt>")
def template(indicator: str, fmt: str) -> ResponseReturnValue:
    from sdplan.intake.template_files import (
        template_bytes,  # openpyxl and lxml: imported by the first template asked for
    )

    if indicator not in load_catalog().indicators or fmt not in ("csv", "xlsx"):
        abort(404)
    mimetype = "text/csv; charset=utf-8" if fmt == "csv" else \
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(template_bytes(indicator, fmt), mimetype=mimetype,
                    headers={"Content-Disposition": f"attachment; filename={indicator}_template.{fmt}"})
