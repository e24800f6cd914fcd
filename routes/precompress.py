"""Static scripts and boundary files compressed hard once (brotli, quality 11), not fast per request.

flask-compress compresses every response quickly (zstd level 3, gzip 6): right for callbacks, but
the scripts and boundary layers the first visit downloads (about 2.9 MB) never change between
deployments, and brotli at its best quality makes them about 20% smaller (840 -> 690 KB). The files
of the first view are compressed by the asset builder (:func:`prepare` in ``scripts/build_assets.py``,
about 7 s the first time a deployment starts, beside the server; nothing to do on later starts). A file a
worker is asked for without a compressed copy is sent compressed quickly by flask-compress; asked for
again and still not made (not one of the builder's, or a builder that could not run), it is compressed
in the background. Not at the first request: then it is most likely the first visit of a new deployment,
whose files the builder is making, and the same work done again in every worker slowed that visit's
answers (``routes.idle``). The cache directory (``SDPLAN_CACHE_DIR``) is shared by workers and restarts, keyed by the
content's hash. The cache is optional: when it cannot be written (missing and not creatable, read-only,
full), the start goes on, the failure is logged once and remembered, and each file is compressed at most
once per process, its bytes kept in memory. Callbacks and pages are left to flask-compress.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import re
import sys
import threading
from collections.abc import Iterable
from pathlib import Path

import brotli
from dash import Dash
from flask import Flask, Response, request

from routes.idle import when_idle
from routes.immutable import CACHE_FOREVER
from routes.page_lang import LAYOUT_PATH, page_address
from sdplan.settings import cache_dir

# the page frame (_dash-layout, _dash-dependencies) is the same for every visit until a deployment too (the layout
# of a page opened with a query is drawn in its view's state: not kept, drawn_for_a_query)
STATIC_PREFIXES = ("/_dash-component-suites/", "/vendor/", "/geo/", "/assets/", "/_favicon.ico", "/_dash-layout",
                   "/_dash-dependencies")
MIN_SIZE = 1024
QUALITY = 11

_lock = threading.Lock()
_pending: set[str] = set()
_asked: set[str] = set()  # files asked for once without a compressed copy: made if asked for again
_memory: dict[str, bytes] = {}
_unwritable: list[OSError] = []  # the first failure to write the cache: this process stops trying


def _cache_path(key: str) -> Path:
    return cache_dir() / "brotli" / f"{key}.br"


def _key(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def _write_file(path: Path, body: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{threading.get_ident()}.tmp")
    try:
        partial.write_bytes(body)
        partial.replace(path)  # atomic: another worker never reads half a file
    finally:
        partial.unlink(missing_ok=True)


def _cache_failed(error: OSError) -> None:
    """Remember that the cache cannot be written (logged once per process)."""
    with _lock:
        first = not _unwritable
        _unwritable.append(error)
    if first:
        logging.getLogger(__name__).warning("static-file cache %s cannot be written (%s): compressed copies are kept "
                                            "in this process's memory", _cache_path("x").parent, error)


def _store(body: bytes, key: str) -> bool:
    """Write ``body`` to the shared cache; False (and never tried again) once the cache cannot be written."""
    if _unwritable:
        return False
    try:
        _write_file(_cache_path(key), body)
    except OSError as error:  # missing and not creatable, read-only, full (ENOSPC)
        _cache_failed(error)
        return False
    return True


def _write(data: bytes, key: str) -> tuple[bytes, bool]:
    """Compress ``data`` (kept in memory) and store it in the cache; (the bytes, whether the cache has them)."""
    body = brotli.compress(data, quality=QUALITY)
    with _lock:
        _memory[key] = body
    return body, _store(body, key)


def _compress(data: bytes, key: str) -> None:
    when_idle()
    try:
        _write(data, key)
    finally:
        with _lock:
            _pending.discard(key)


def _read(key: str) -> bytes | None:
    try:
        return _cache_path(key).read_bytes()
    except OSError:  # not made yet, or a cache that cannot be read
        return None


def compressed(data: bytes) -> bytes | None:
    """The brotli bytes of ``data`` if they are ready; else None (and from its second request, they are made in
    the background: the first is left to the asset builder).

    Each file is compressed at most once per process: when the cache cannot be written, the bytes stay in memory.
    """
    key = _key(data)
    with _lock:
        if key in _memory:
            return _memory[key]
    body = _read(key)
    if body is not None:
        with _lock:
            _memory[key] = body
        return body
    with _lock:
        if key in _pending:
            return None
        if key not in _asked:
            _asked.add(key)
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
                or not request.path.startswith(STATIC_PREFIXES) or drawn_for_a_query()
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


def drawn_for_a_query() -> bool:
    """A layout drawn in the state its page's query names (callbacks.view.first_state): one of many, left to
    flask-compress rather than kept in brotli 11 (the page opened without a query is the one made at start-up)."""
    return request.path == LAYOUT_PATH and bool(page_address()[1])


def first_view_paths(app: Dash) -> list[str]:
    """The static files a first visit downloads from Dash: the page's scripts and stylesheets, the page
    frame, and the code-split chunks of the layout's components (``async-<Type>.js``)."""
    client = app.server.test_client()
    page = client.get("/").get_data(as_text=True)
    paths = [p for p in re.findall(r'(?:src|href)="(/[^"]+)"', page) if p.startswith(STATIC_PREFIXES)]
    return [*paths, "/_dash-layout", "/_dash-dependencies", *chunk_paths(app.layout() if callable(app.layout)
                                                                          else app.layout)]


def chunk_paths(layout: object) -> list[str]:
    """The code-split chunks (``async-<Type>.js``) of the components in ``layout``, which Dash's scripts fetch
    only once the layout is drawn (so the page preloads them: ``preload_chunks``)."""
    types: set[tuple[str, str]] = set()  # (the component's package, its type)

    def walk(component: object) -> None:
        if isinstance(component, (list, tuple)):
            for child in component:
                walk(child)
        elif hasattr(component, "_type"):
            types.add((type(component).__module__.rpartition(".")[0], component._type.lower()))
            walk(getattr(component, "children", None))

    walk(layout)
    paths = []
    for package, kind in sorted(types):
        for resource in getattr(sys.modules.get(package), "_js_dist", []):
            relative = resource.get("relative_package_path")
            if resource.get("async") and isinstance(relative, str) and Path(relative).name.lower() == f"async-{kind}.js":
                paths.append(f"/_dash-component-suites/{resource['namespace']}/{relative}")
    return paths


def preload_chunks(layout: object) -> str:
    """``<link rel=preload>`` tags for the layout's code-split chunks: fetched with the page's scripts instead of
    after the layout is drawn (one round trip less before the first answer is drawn)."""
    return "".join(f'<link rel="preload" href="{path}" as="script">' for path in chunk_paths(layout))


def prepare(server: Flask, paths: Iterable[str]) -> list[str]:
    """Compress ``paths`` now, before the first visit: under a lock file in the cache, so that one
    process compresses while the others wait and then find the files made. Returns what it made."""
    client = server.test_client()
    directory = _cache_path("x").parent
    made: list[str] = []
    try:
        directory.mkdir(parents=True, exist_ok=True)
        lock = open(directory / ".lock", "w")  # noqa: SIM115  (held for the loop below)
    except OSError as error:  # a cache that cannot be written: each file is compressed at its first request
        _cache_failed(error)
        return made
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for path in paths:
            response = client.get(path)  # no Accept-Encoding: the bytes as they are
            data = response.get_data()
            if response.status_code != 200 or len(data) < MIN_SIZE:
                continue
            key = _key(data)
            if _read(key) is None:
                if not _write(data, key)[1]:
                    break  # the cache is full: the rest are compressed at their first request, in memory
                made.append(path)
    return made


def wait(timeout: float = 60.0) -> None:
    """Until the background compressions started so far are done (benchmarks, tests)."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with _lock:
            if not _pending:
                return
        time.sleep(0.05)
