"""Sign-in rate limiting (Flask-Limiter): failed sign-ins per account and per address.

Only failed attempts (401) count. Past :data:`PER_ACCOUNT` failures for one user name, or
:data:`PER_ADDRESS` from one address, every sign-in attempt for it is refused with 429 and a
message saying to wait, the right password included, until the window has moved on. The counts
live in ``SDPLAN_RATELIMIT_STORAGE`` (default ``memory://``: each worker process counts on its own,
so with N workers an attacker gets at most N times the limit; ``redis://host`` shares them).
Behind a reverse proxy set ``SDPLAN_TRUSTED_PROXIES`` so the address is the client's
(:mod:`admin.security`).
"""

from __future__ import annotations

from flask import Flask, Response, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from sdplan.settings import load_settings

PER_ACCOUNT = "10 per 15 minutes"
PER_ADDRESS = "30 per 15 minutes"


def _account() -> str:
    return "account:" + request.form.get("username", "").strip().casefold()[:100]


def _failed(response: Response) -> bool:
    return response.status_code == 401


def limit_sign_ins(server: Flask, endpoint: str = "admin.login") -> Limiter:
    """Attach a limiter to ``server`` that counts failed sign-ins at ``endpoint`` per account and per address.

    The limiter is the server's own (its counts too), and so is the limited view it installs.
    """
    limiter = Limiter(get_remote_address, app=server, default_limits=[], strategy="moving-window",
                      storage_uri=load_settings().ratelimit_storage, headers_enabled=False)
    per_account = limiter.limit(PER_ACCOUNT, key_func=_account, methods=["POST"], deduct_when=_failed)
    per_address = limiter.limit(PER_ADDRESS, key_func=get_remote_address, methods=["POST"], deduct_when=_failed)
    server.view_functions[endpoint] = per_address(per_account(server.view_functions[endpoint]))
    return limiter
