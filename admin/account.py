"""Signing in and out, and changing one's password, with sessions the server can revoke.

A session names the account's session key, a random token (never its id, which SQLite gives again
to the next account after a removal). Signing out and changing the password replace the key in the
database, so every session signed in before, on any browser and any worker, is refused from then
on: a cookie captured before a sign-out, or of a removed account, opens nothing.
Failed sign-ins are limited per account and per address (:mod:`admin.limits`).
"""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import UserMixin, login_user, logout_user

from sdplan.i18n import t
from sdplan.store.auth import User, authenticate, change_password, end_sessions, get_user
from sdplan.store.db import get_engine
from sdplan.store.models import SESSION_KEY_LENGTH

from .pages import blueprint, lang, me, page, signed_in


class Account(UserMixin):
    """A store :class:`~sdplan.store.auth.User` for Flask-Login; its id is the account's session key."""

    def __init__(self, user: User):
        self.user = user
        self.id = user.session_key


def load_user(session_id: str) -> Account | None:
    """Flask-Login's loader: the account whose session key the session names, if any still has it."""
    key = str(session_id)
    if not key or len(key) > SESSION_KEY_LENGTH:
        return None
    user = get_user(get_engine(), session_key=key)
    return None if user is None else Account(user)


def _safe_next(target: str) -> str:
    return target if target.startswith("/admin") and "//" not in target and "\\" not in target else url_for("admin.index")


def _hostile(target: str) -> bool:
    """A ``next=`` that no link of ours makes: characters a Location header cannot carry (newlines, NUL...)."""
    return not target.isprintable()


@blueprint.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    if _hostile(request.args.get("next", "")):  # refused before anyone signs in; an outside address goes to the index
        return page("login.html", 400, error=t("admin_bad_next", lang()))
    if request.method == "POST":
        user = authenticate(get_engine(), request.form.get("username", "").strip(), request.form.get("password", ""))
        if user is None:
            return page("login.html", 401, error=t("admin_bad_login", lang()))
        login_user(Account(user))
        return redirect(_safe_next(request.args.get("next", "")))
    return page("login.html")


@blueprint.post("/logout")
def logout() -> ResponseReturnValue:
    user = me()
    if user is not None:
        end_sessions(get_engine(), user.id)  # this session and every other one of the account
    logout_user()
    return redirect(url_for("admin.index"))


@blueprint.route("/password", methods=["GET", "POST"])
@signed_in
def password() -> ResponseReturnValue:
    if request.method == "POST":
        new = request.form.get("new", "")
        if new != request.form.get("repeat", ""):
            return page("password.html", 400, error=t("admin_password_mismatch", lang()))
        user = change_password(get_engine(), me(), request.form.get("current", ""), new)
        login_user(Account(user))  # this session goes on; every other one ended
        flash(t("admin_password_changed", lang()))
        return redirect(url_for("admin.index"))
    return page("password.html")
