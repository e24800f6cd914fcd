"""The admin blueprint's frame: language, page rendering, the sign-in gate, CSRF, and how errors show.

Every refusal becomes a page in the person's language with a 4xx status, never a 500 (and a database that
cannot be reached a 503 page, logged once per outage): a write
the store refused (:class:`~sdplan.store.errors.StoreError`), a missing or forged CSRF token, a
body over the upload cap (413, refused before the body is read), too many failed sign-ins (429).
Views that need an account are marked with :func:`signed_in`; an anonymous request to one is
sent to the sign-in page before its body is read or its CSRF token checked.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, current_app, g, render_template, request, session
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required
from flask_wtf.csrf import CSRFError, CSRFProtect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeout
from werkzeug.exceptions import RequestEntityTooLarge, TooManyRequests

from sdplan.catalog import load_catalog
from sdplan.i18n import LANGS, name_column, t, words_of
from sdplan.store.auth import User, may_import, may_submit
from sdplan.store.errors import (
    AlreadyRolledBack,
    BatchNotFound,
    ConflictError,
    NotInRound,
    OutsideRegion,
    PermissionDenied,
    ReviewRefused,
    RoundClosed,
    RoundNotFound,
    StoreError,
)
from sdplan.store.models import SUBTARGET_PREFIX
from sdplan.store.outage import StoreUnavailable, failed, is_outage
from sdplan.translations import in_language

blueprint = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates", static_folder="static")
csrf = CSRFProtect()
STATUS = {PermissionDenied: 403, OutsideRegion: 403, ReviewRefused: 403, BatchNotFound: 404, RoundNotFound: 404,
          ConflictError: 409, AlreadyRolledBack: 409, NotInRound: 409, RoundClosed: 409}


def signed_in(view: Callable) -> Callable:
    """Flask-Login's ``login_required``, marked so the gate refuses anonymous requests before reading them."""
    guarded = login_required(view)
    guarded.needs_account = True
    return guarded


@blueprint.before_request
def _gate_then_check_forgery():
    view = current_app.view_functions.get(request.endpoint)
    if getattr(view, "needs_account", False) and not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        csrf.protect()
    return None


def me() -> User | None:
    """The signed-in account, or None."""
    return current_user.user if current_user.is_authenticated else None


def lang() -> str:
    """The page language: ?lang= (remembered in the session), Chinese by default."""
    if request.args.get("lang") in LANGS:
        session["lang"] = request.args["lang"]
    return session.get("lang", "zh") if session.get("lang") in LANGS else "zh"


@blueprint.context_processor
def _texts() -> dict:
    language = lang()
    return {"t": words_of("admin", language), "lang": language, "me": me(), "enum_sep": t("enum_sep", language),
            "site_title": t("doc_title", language),
            "indicator_name": lambda i: _batch_subject(i, language),
            "department": lambda name: in_language(name, language), "region_name": lambda code: _region_name(code, language),
            "cell_status": lambda status: t(f"rounds_status.{status}", language),
            "check_word": lambda check: t(f"rounds_check.{check}", language)}


def _region_name(adcode: str, language: str) -> str:
    from sdplan.boundaries import load_regions

    return load_regions().set_index("adcode")[name_column(language)].get(adcode, adcode)


def _batch_subject(key: str, lang: str) -> str:
    """What a batch's key names: an indicator, or a target's sub-targets ('分解目标:…')."""
    catalog = load_catalog()
    if key in catalog.indicators:
        return catalog.indicators[key].name(lang)
    target = catalog.targets.get(key.removeprefix(SUBTARGET_PREFIX)) if key.startswith(SUBTARGET_PREFIX) else None
    return t("labelled", lang, label=t("admin_subtargets", lang), value=target.name(lang)) if target else key


def page(template: str, status: int = 200, **context) -> ResponseReturnValue:
    """A rendered admin page and its status."""
    return render_template(f"admin/{template}", **context), status


def index_page(status: int = 200, **context) -> ResponseReturnValue:
    """The index page (upload form and templates), with an ``error`` or ``problems`` to show."""
    user = me()
    catalog = load_catalog()
    language = lang()
    rows = [{"id": i.id, "name": i.name(language),
             "lead": t("enum_sep", language).join(in_language(d, language) for d in catalog.lead_departments(i.id)),
             "mine": may_import(user, i.id) or may_submit(user, i.id)} for i in catalog.indicators.values()]
    return page("index.html", status, indicators=rows, **context)


@blueprint.errorhandler(StoreError)
def _refused(exc: StoreError):
    """A write the store refused: the index page with the reason, in the page's language."""
    return index_page(STATUS.get(type(exc), 400), error=exc.message(lang()))


@blueprint.errorhandler(StoreUnavailable)
@blueprint.errorhandler(DBAPIError)
@blueprint.errorhandler(SQLAlchemyTimeout)
def _unavailable(exc: Exception):
    """The database cannot be reached: 503 in the person's language, logged once per outage (not a traceback)."""
    if not is_outage(exc):
        raise exc
    failed(exc)
    g._login_user = current_app.login_manager.anonymous_user()  # Flask-Login's cache: the page asks no database
    body, status = page("unavailable.html", 503, error=t("admin_store_unavailable", lang()))
    return body, status, {"Retry-After": "30"}


@blueprint.errorhandler(CSRFError)
def _forged(_exc: CSRFError):
    return index_page(400, error=t("admin_csrf", lang()))


@blueprint.errorhandler(RequestEntityTooLarge)
def _too_large(_exc: RequestEntityTooLarge):
    limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
    return index_page(413, error=t("admin_too_large", lang(), mb=limit // 2**20))


@blueprint.errorhandler(TooManyRequests)
def _too_many(_exc: TooManyRequests):
    return page("login.html", 429, error=t("admin_too_many_sign_ins", lang()))
