"""The admin pages of sub-targets (a city's or a county's own target): template, upload, preview, confirm.

Like the figures' pages (:mod:`admin.views`): the store checks the permission (the target's lead
departments) and the file; the preview lists old -> new per region and the sums of the parts against
their whole, warnings first (a warning never refuses the file); the confirmation is checked against the
revisions the preview saw. History and rollback are the figures' own pages: a sub-targets batch is a batch.
"""

from __future__ import annotations

from flask import Response, abort, flash, redirect, url_for
from flask.typing import ResponseReturnValue

from sdplan.catalog import load_catalog
from sdplan.errors import DataError
from sdplan.i18n import t
from sdplan.intake.subtarget_files import subtarget_template
from sdplan.store.db import get_engine
from sdplan.store.subtarget_imports import KIND, SubtargetPreview, apply_subtargets, preview_subtargets
from sdplan.store.uploads import drop_upload, get_upload, stage_upload
from sdplan.subtargets import SUBTARGET_LEVELS

from .pages import blueprint, lang, me, page, signed_in
from .views import SHOWN_ROWS, TOKEN_RE, _preview_or_page, read_upload


def _targets() -> list[dict]:
    language = lang()
    return [{"id": target.id, "name": target.name(language)} for target in load_catalog().targets.values()]


@blueprint.get("/subtargets")
def subtargets_page() -> ResponseReturnValue:
    return page("subtargets.html", targets=_targets(), levels=SUBTARGET_LEVELS)


@blueprint.post("/subtargets/upload")
@signed_in
def upload_subtargets() -> ResponseReturnValue:
    uploaded = read_upload("target", load_catalog().targets)
    if uploaded is None:
        return page("subtargets.html", 400, targets=_targets(), levels=SUBTARGET_LEVELS, error=t("admin_no_file", lang()))
    content, name, target, note = uploaded
    try:
        preview = preview_subtargets(get_engine(), content, name, me(), target)
    except DataError as exc:
        return page("subtargets.html", 400, targets=_targets(), levels=SUBTARGET_LEVELS,
                    problems=[p.message(lang()) for p in exc.problems])
    token = stage_upload(get_engine(), me().username, name, content, note, preview.revisions, target, kind=KIND)
    return redirect(url_for("admin.show_subtarget_preview", token=token))


def _staged(token: str) -> tuple[dict, SubtargetPreview] | None:
    staged = get_upload(get_engine(), token, me().username) if TOKEN_RE.fullmatch(token) else None
    if staged is None or staged.get("kind") != KIND:
        return None
    preview = preview_subtargets(get_engine(), staged["content"], staged["file_name"], me(), staged["indicator"])
    preview.revisions = staged["revisions"]
    return staged, preview


@blueprint.get("/subtargets/preview/<token>")
@signed_in
def show_subtarget_preview(token: str) -> ResponseReturnValue:
    found, refused = _preview_or_page(token, _staged)
    if refused:
        return refused
    staged, preview = found
    language = lang()
    checks = sorted(preview.checks, key=lambda c: not c.warning)
    targets = load_catalog().targets
    changes = preview.changes.head(SHOWN_ROWS).to_dict("records")
    for change in changes:
        change["target_name"] = targets[change["target"]].name(language)
    return page("subtarget_preview.html", staged=staged, counts=preview.counts(), changes=changes,
                total=len(preview.changes), shown=SHOWN_ROWS, skipped=preview.skipped,
                checks=[{"warning": c.warning, "text": c.message(language)} for c in checks])


@blueprint.post("/subtargets/confirm/<token>")
@signed_in
def confirm_subtargets(token: str) -> ResponseReturnValue:
    found, refused = _preview_or_page(token, _staged)
    if refused:
        return refused
    staged, preview = found
    try:
        batch_id = apply_subtargets(get_engine(), preview, me(), staged["note"])
    finally:
        drop_upload(get_engine(), token)  # confirmed, or its preview is stale (ConflictError): upload again
    flash(t("admin_imported", lang(), id=batch_id))
    return redirect(url_for("admin.show_history"))


@blueprint.get("/subtargets/template/<target>_<level>.<fmt>")
def subtarget_template_file(target: str, level: str, fmt: str) -> ResponseReturnValue:
    if target not in load_catalog().targets or level not in SUBTARGET_LEVELS or fmt not in ("csv", "xlsx"):
        abort(404)
    mimetype = "text/csv; charset=utf-8" if fmt == "csv" else \
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(subtarget_template(target, level, fmt, lang()), mimetype=mimetype,
                    headers={"Content-Disposition": f"attachment; filename={target}_{level}_subtargets.{fmt}"})


