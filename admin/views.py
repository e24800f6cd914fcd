"""The admin blueprint's pages (server-rendered, Jinja autoescaped).

The pages read the request, call the store and render; the store checks permissions itself and
every refusal (:class:`~sdplan.store.errors.StoreError`) becomes the index page with its message.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, session, url_for
from flask_login import UserMixin, current_user, login_required, login_user, logout_user
from flask_wtf.csrf import CSRFProtect

from sdplan.catalog import load_catalog
from sdplan.errors import DataError
from sdplan.i18n import LANGS, t, words_of
from sdplan.store.auth import User, authenticate, get_user, may_import, may_roll_back
from sdplan.store.batches import rollback_batch
from sdplan.store.current import current_dataset, history
from sdplan.store.db import get_engine
from sdplan.store.errors import AlreadyRolledBack, BatchNotFound, ConflictError, PermissionDenied, StoreError
from sdplan.store.export import template_bytes, to_csv_bytes
from sdplan.store.imports import Preview, apply_import, parse_import, preview_import
from sdplan.store.uploads import drop_upload, get_upload, stage_upload

blueprint = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates", static_folder="static")
SHOWN_ROWS = 1000
csrf = CSRFProtect()
STATUS = {PermissionDenied: 403, BatchNotFound: 404, ConflictError: 409, AlreadyRolledBack: 409}


@blueprint.before_request
def _protect_against_forgery() -> None:
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        csrf.protect()


class Account(UserMixin):
    """A store :class:`~sdplan.store.auth.User` for Flask-Login."""

    def __init__(self, user: User):
        self.user = user
        self.id = str(user.id)


def load_user(user_id: str) -> Account | None:
    """Flask-Login's loader: the account in the session, if it still exists."""
    try:
        user = get_user(get_engine(), user_id=int(user_id))
    except ValueError:
        return None
    return None if user is None else Account(user)


def _user() -> User | None:
    return current_user.user if current_user.is_authenticated else None


def lang() -> str:
    """The page language: ?lang= (remembered in the session), Chinese by default."""
    if request.args.get("lang") in LANGS:
        session["lang"] = request.args["lang"]
    return session.get("lang", "zh")


@blueprint.context_processor
def _texts() -> dict:
    language = lang()
    return {"t": words_of("admin", language), "lang": language, "me": _user(),
            "indicator_name": lambda i: load_catalog().indicators[i].name(language) if i in load_catalog().indicators else i}


def _page(template: str, status: int = 200, **context):
    return render_template(f"admin/{template}", **context), status


def _index(status: int = 200, **context):
    user = _user()
    catalog = load_catalog()
    rows = [{"id": i.id, "name": i.name(lang()), "lead": "、".join(catalog.lead_departments(i.id)),
             "mine": may_import(user, i.id)} for i in catalog.indicators.values()]
    return _page("index.html", status, indicators=rows, **context)


@blueprint.get("/")
def index():
    return _index()


@blueprint.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        user = authenticate(get_engine(), request.form.get("username", "").strip(), request.form.get("password", ""))
        if user is None:
            return _page("login.html", 401, error=t("admin_bad_login", lang()))
        login_user(Account(user))
        target = request.args.get("next", "")
        return redirect(target if target.startswith("/admin") and "//" not in target else url_for("admin.index"))
    return _page("login.html")


@blueprint.post("/logout")
def logout():
    logout_user()
    return redirect(url_for("admin.index"))


@blueprint.errorhandler(StoreError)
def _refused(exc: StoreError):
    """A write the store refused: the index page with the reason, in the page's language."""
    return _index(STATUS.get(type(exc), 400), error=exc.message(lang()))


@blueprint.post("/upload")
@login_required
def upload():
    file = request.files.get("file")
    if file is None or not file.filename:
        return _index(400, error=t("admin_no_file", lang()))
    content, name = file.read(), file.filename
    indicator = request.form.get("indicator") or None
    note = (request.form.get("note") or "").strip() or None
    try:
        parsed = parse_import(content, name, indicator if indicator in load_catalog().indicators else None)
    except DataError as exc:
        return _index(400, problems=[p.message(lang()) for p in exc.problems])
    engine = get_engine()
    preview = preview_import(engine, parsed, _user())
    token = stage_upload(engine, _user().username, name, content, note, preview.revisions)
    return redirect(url_for("admin.show_preview", token=token, indicator=indicator or ""))


def _staged_preview(token: str) -> tuple[dict, Preview] | None:
    staged = get_upload(get_engine(), token, _user().username)
    if staged is None:
        return None
    indicator = request.args.get("indicator") or request.form.get("indicator") or None
    parsed = parse_import(staged["content"], staged["file_name"], indicator if indicator in load_catalog().indicators else None)
    preview = preview_import(get_engine(), parsed, _user())
    preview.revisions = staged["revisions"]  # what the person saw is what the confirmation is checked against
    return staged, preview


@blueprint.get("/preview/<token>")
@login_required
def show_preview(token: str):
    found = _staged_preview(token)
    if found is None:
        return _index(404, error=t("admin_not_found", lang()))
    staged, preview = found
    changes = preview.changes.sort_values(["change", "indicator", "adcode", "period"],
                                          key=lambda s: s.map({"changed": 0, "new": 1, "same": 2}) if s.name == "change" else s)
    return _page("preview.html", staged=staged, counts=preview.counts(), changes=changes.head(SHOWN_ROWS).to_dict("records"),
                 total=len(changes), shown=SHOWN_ROWS, indicator=request.args.get("indicator", ""))


@blueprint.post("/confirm/<token>")
@login_required
def confirm(token: str):
    found = _staged_preview(token)
    if found is None:
        return _index(404, error=t("admin_not_found", lang()))
    staged, preview = found
    try:
        batch_id = apply_import(get_engine(), preview, _user(), staged["note"])
    except ConflictError:
        drop_upload(get_engine(), token)  # its preview is stale: the person uploads again
        raise
    drop_upload(get_engine(), token)
    flash(t("admin_imported", lang(), id=batch_id))
    return redirect(url_for("admin.show_history"))


@blueprint.post("/cancel/<token>")
@login_required
def cancel(token: str):
    if get_upload(get_engine(), token, _user().username) is not None:
        drop_upload(get_engine(), token)
    return redirect(url_for("admin.index"))


@blueprint.get("/history")
def show_history():
    batches = history(get_engine()).to_dict("records")
    for b in batches:
        b["indicator_ids"] = [i for i in (b["indicators"] or "").split(";") if i]
        b["may_roll_back"] = b["status"] == "accepted" and may_roll_back(_user(), b["indicator_ids"])
    return _page("history.html", batches=batches)


@blueprint.post("/rollback/<int:batch_id>")
@login_required
def rollback(batch_id: int):
    rollback_batch(get_engine(), batch_id, _user())
    flash(t("admin_rolled_back", lang(), id=batch_id))
    return redirect(url_for("admin.show_history"))


@blueprint.get("/export/<indicator>.csv")
def export(indicator: str):
    if indicator not in load_catalog().indicators:
        abort(404)
    return Response(to_csv_bytes(current_dataset(get_engine()).observations(indicator)), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f"attachment; filename={indicator}.csv"})


@blueprint.get("/template/<indicator>.<fmt>")
def template(indicator: str, fmt: str):
    if indicator not in load_catalog().indicators or fmt not in ("csv", "xlsx"):
        abort(404)
    mimetype = "text/csv; charset=utf-8" if fmt == "csv" else \
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(template_bytes(indicator, fmt), mimetype=mimetype,
                    headers={"Content-Disposition": f"attachment; filename={indicator}_template.{fmt}"})
