"""The admin area at ``/admin``: sign in, upload and preview imports, confirm, history and rollback.

Part of the dashboard's Flask server: ``admin.init_app(server)`` sets the secret key
(``SDPLAN_SECRET_KEY``, else one generated into ``instance/secret_key``; a short one is refused),
the security settings and headers of the whole server (:mod:`admin.security`), Flask-Login with
revocable sessions (:mod:`admin.account`), sign-in rate limits (:mod:`admin.limits`), and CSRF
protection for this blueprint only (Dash's own POST endpoints are left alone). Modules:
``pages`` (frame, gate, errors), ``account`` (sign in and out, password), ``views`` (imports,
history, rollback, downloads), ``rounds`` (reporting rounds: board, review, files).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable
from pathlib import Path

from flask import Flask
from flask_login import LoginManager

from sdplan.paths import ROOT
from sdplan.settings import load_settings

from . import notes, rounds, subtargets, views  # noqa: F401  (register the import, notes, round and sub-target pages)
from .account import load_user
from .limits import limit_sign_ins
from .pages import blueprint, csrf
from .security import MAX_UPLOAD, check_secret_key, secure_server

__all__ = ["MAX_UPLOAD", "init_app", "secret_key"]


def secret_key(instance: Path = ROOT / "instance") -> str:
    """``SDPLAN_SECRET_KEY`` or a random key kept in ``instance/secret_key`` (made on first start)."""
    configured = load_settings().secret_key
    if configured:
        return configured
    path = instance / "secret_key"
    if not path.exists():  # written whole, then linked into place: workers starting together agree on one key
        instance.mkdir(parents=True, exist_ok=True)
        draft = instance / f".secret_key.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # another worker was first
        finally:
            draft.unlink()
    return path.read_text().strip()


def init_app(server: Flask, script_hashes: Iterable[str] = (), tile_url: str | None = None) -> None:
    """Mount the admin blueprint on ``server`` with sessions, login, limits, headers and CSRF protection.

    Parameters
    ----------
    server : flask.Flask
        The dashboard's server (or any Flask app, in tests).
    script_hashes : iterable of str
        CSP hashes of the inline scripts the server's pages carry (Dash's ``app.csp_hashes()``).
    tile_url : str, optional
        The map's tile server, whose images the CSP allows.

    Raises
    ------
    RuntimeError
        If the secret key is too short outside development (see :func:`admin.security.check_secret_key`).
    """
    if not server.secret_key:
        server.secret_key = secret_key()
    check_secret_key(server.secret_key)
    secure_server(server, script_hashes, tile_url)
    server.config["WTF_CSRF_CHECK_DEFAULT"] = False  # checked in the blueprint only, not on Dash's POSTs
    csrf.init_app(server)
    manager = LoginManager()
    manager.login_view = "admin.login"
    manager.login_message = None
    manager.user_loader(load_user)
    manager.init_app(server)
    server.register_blueprint(blueprint)
    limit_sign_ins(server)
