"""Static scripts and boundary files compressed hard once (brotli, quality 11), not fast per request.

flask-compress compresses every response quickly (zstd level 3, gzip 6): right for callbacks, but
the scripts and boundary layers the first visit downloads (about 2.9 MB) never change between
deployments, and brotli at its best quality makes them about 20% smaller (840 -> 690 KB). The first
time a worker serves such a file it answers as before and compresses it in the background into the
cache directory (``$SDPLAN_CACHE_DIR``, shared by workers and restarts, keyed by the content's hash);
from then on it sends the cached bytes. Callbacks and pages are left to flask-compress.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import brotli
from flask import Flask, Response, request

from routes.immutable import CACHE_FOREVER
from sdplan.printing.fonts import cache_dir

# the page frame (_dash-layout, _dash-dependencies) is the same for every visit until a deployment too
STATIC_PREFIXES = ("/_dash-component-suites/", "/vendor/", "/geo/", "/assets/", "/_favicon.ico", "/_dash-layout",
                   "/_dash-dependencies")
MIN_SIZE = 1024
QUALITY = 11

_lock = threading.Lock()
_pending: set[str] = set()
_memory: dict[str, bytes] = {}


def _cache_path(key: str) -> Path:
    return cache_dir() / "brotli" / f"{key}.br"


def _compress(data: bytes, key: str) -> None:
    try:
        body = brotli.compress(data, quality=QUALITY)
        path = _cache_path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{threading.get_ident()}.tmp")
        partial.write_bytes(body)
        partial.replace(path)  # atomic: another worker never reads half a file
        with _lock:
            _memory[key] = body
    finally:
        with _lock:
            _pending.discard(key)


def compressed(data: bytes) -> bytes | None:
    """The brotli bytes of ``data`` if they are ready; else None (and they are made in the background)."""
    key = hashlib.sha1(data).hexdigest()
    with _lock:
        if key in _memory:
            return _memory[key]
    path = _cache_path(key)
    if path.exists():
        body = path.read_bytes()
        with _lock:
            _memory[key] = body
        return body
    with _lock:
        if key in _pending:
            return None
        _pending.add(key)
    threading.Thread(target=_compress, args=(data, key), daemon=True).start()
    return None


def init_app(server: Flask) -> None:
    """Register the hook (after flask-compress, so it runs before it and flask-compress leaves these alone)."""

    @server.after_request
    def send_precompressed(response: Response) -> Response:
        if request.path == "/_favicon.ico" and request.args.get("v") and "Cache-Control" not in response.headers:
            # Dash names its favicon by its version but sends no caching headers: fetched twice per visit
            response.headers["Cache-Control"] = CACHE_FOREVER
        if (request.method != "GET" or response.status_code != 200 or "Content-Encoding" in response.headers
                or not request.path.startswith(STATIC_PREFIXES)
                or "br" not in request.headers.get("Accept-Encoding", "")):
            return response
        response.direct_passthrough = False
        data = response.get_data()
        if len(data) < MIN_SIZE:
            return response
        body = compressed(data)
        if body is None:
            return response
        response.set_data(body)
        response.headers["Content-Encoding"] = "br"
        response.headers["Content-Length"] = str(len(body))
        response.vary.add("Accept-Encoding")
        etag, weak = response.get_etag()
        if etag:
            response.set_etag(f"{etag}-br", weak)
        return response


def wait(timeout: float = 60.0) -> None:
    """Until the background compressions started so far are done (benchmarks, tests)."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with _lock:
            if not _pending:
                return
        time.sleep(0.05)
