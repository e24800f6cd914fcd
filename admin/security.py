"""Security settings of the whole server: cookies, the upload cap, the secret key, response headers.

- Session cookies are ``HttpOnly`` and ``SameSite=Lax``; ``SDPLAN_SECURE_COOKIES=1`` (for HTTPS
  deployments) adds ``Secure`` and an HSTS header.
- ``MAX_CONTENT_LENGTH`` caps every request body at :data:`MAX_UPLOAD`: a larger upload is refused
  with 413 from its ``Content-Length`` before the body is read (and a chunked one once it passes the cap).
- A secret key shorter than :data:`MIN_SECRET` characters is refused at start-up unless
  ``SDPLAN_DEBUG=1`` (development), with a message that says how to make a good one.
- flask-talisman sends a Content-Security-Policy that Dash works with (scripts from this server
  plus the hashes of Dash's inline scripts, ``app.csp_hashes()``; no ``unsafe-eval``), forbids
  framing (``frame-ancestors 'none'``, ``X-Frame-Options: DENY``), and sends ``nosniff`` and a
  Referrer-Policy.
- ``SDPLAN_TRUSTED_PROXIES=N`` trusts N reverse proxies' ``X-Forwarded-*`` headers (werkzeug's
  ProxyFix), so sign-in limits see the client's address and cookies know the request was HTTPS.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from flask import Flask
from flask_talisman import Talisman
from werkzeug.middleware.proxy_fix import ProxyFix

from sdplan.settings import load_settings

MAX_UPLOAD = 25 * 1024 * 1024
MIN_SECRET = 32


def check_secret_key(key: str) -> None:
    """Refuse a secret key too short to sign sessions, outside development (``SDPLAN_DEBUG=1``).

    Raises
    ------
    RuntimeError
        Saying how long the key is and how to make a good one.
    """
    if len(key) >= MIN_SECRET or load_settings().debug:
        return
    raise RuntimeError(
        f"SDPLAN_SECRET_KEY has {len(key)} characters; signing sessions needs at least {MIN_SECRET} random ones. "
        "Make one with: python -c 'import secrets; print(secrets.token_hex(32))' "
        "or unset SDPLAN_SECRET_KEY to have one generated into instance/secret_key "
        "(SDPLAN_DEBUG=1 allows a short key for development only).")


def _origin(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url.replace("{s}", "a"))
    host = parts.netloc.replace("a.", "*.", 1) if "{s}." in url else parts.netloc
    return f"{parts.scheme}://{host}" if parts.scheme in ("http", "https") and host else None


def content_security_policy(script_hashes: Iterable[str] = (), tile_url: str | None = None) -> dict[str, list[str]]:
    """The policy: this server's scripts and Dash's inline ones by hash, images also from the tile server."""
    images = ["'self'", "data:", "blob:"] + [o for o in [_origin(tile_url)] if o]
    return {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes],
        "style-src": ["'self'", "'unsafe-inline'"],  # Dash, Leaflet and plotly set styles inline
        "img-src": images,
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }


def secure_server(server: Flask, script_hashes: Iterable[str] = (), tile_url: str | None = None) -> None:
    """Set the cookie and body limits on ``server`` (really set: Flask defines these keys already) and its headers."""
    settings = load_settings()
    secure = settings.secure_cookies
    server.config.update(
        SESSION_COOKIE_SAMESITE="Lax", SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SECURE=secure,
        REMEMBER_COOKIE_SAMESITE="Lax", REMEMBER_COOKIE_HTTPONLY=True, REMEMBER_COOKIE_SECURE=secure,
        MAX_CONTENT_LENGTH=MAX_UPLOAD,
    )
    proxies = settings.trusted_proxies
    if proxies > 0:
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    Talisman(server, force_https=False, strict_transport_security=secure, session_cookie_secure=secure,
             session_cookie_http_only=True, session_cookie_samesite="Lax", frame_options="DENY",
             content_security_policy=content_security_policy(script_hashes, tile_url),
             referrer_policy="strict-origin-when-cross-origin", x_content_type_options=True)
