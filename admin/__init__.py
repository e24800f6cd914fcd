"""The admin area at ``/admin``: sign in, upload and preview imports, confirm, history and rollback.

Part of the dashboard's Flask server: ``admin.init_app(server)`` registers the blueprint, the
secret key (``SDPLAN_SECRET_KEY``, else one generated into ``instance/secret_key``), Flask-Login
and CSRF protection for this blueprint only (Dash's own POST endpoints are left alone).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Flask
from flask_login import LoginManager

from sdplan.paths import ROOT

from .views import blueprint, csrf, load_user

MAX_UPLOAD = 25 * 1024 * 1024


def secret_key(instance: Path = ROOT / "instance") -> str:
    """``SDPLAN_SECRET_KEY`` or a random key kept in ``instance/secret_key`` (made on first start)."""
    configured = os.environ.get("SDPLAN_SECRET_KEY")
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


def init_app(server: Flask) -> None:
    """Mount the admin blueprint on ``server`` with sessions, login and CSRF protection."""
    if not server.secret_key:
        server.secret_key = secret_key()
    server.config.setdefault("SESSION_COOKIE_SAMESITE", "Lax")
    server.config.setdefault("SESSION_COOKIE_HTTPONLY", True)
    server.config.setdefault("MAX_CONTENT_LENGTH", MAX_UPLOAD)
    server.config["WTF_CSRF_CHECK_DEFAULT"] = False  # checked in the blueprint only, not on Dash's POSTs
    csrf.init_app(server)
    login = LoginManager()
    login.login_view = "admin.login"
    login.login_message = None
    login.user_loader(load_user)
    login.init_app(server)
    server.register_blueprint(blueprint)
