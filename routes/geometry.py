"""Serve the prepared boundary layers as static, immutable, content-addressed files.

The browser fetches each layer once from ``/geo/<layer>.<hash>.geojson``; the hash changes
whenever the file does, so the response can be cached for a year. Interactions never carry
geometry: they only change the layer's ``hideout``.
"""

from __future__ import annotations

import hashlib
from functools import cache

from flask import Blueprint, Response, abort

from sdplan.boundaries import layer_path

LAYERS = ("prefecture", "county", "context")
ROUTE = "/geo/<layer>.<digest>.geojson"

blueprint = Blueprint("geo", __name__)


@cache
def _layer_bytes(layer: str) -> tuple[bytes, str]:
    data = layer_path(layer).read_bytes()
    return data, hashlib.sha256(data).hexdigest()[:12]


def geo_url(layer: str) -> str:
    """The cacheable URL of a layer (its content hash in the name)."""
    return f"/geo/{layer}.{_layer_bytes(layer)[1]}.geojson"


def preload_links() -> str:
    """``<link rel=preload>`` tags so the browser fetches the boundary layers while the app starts."""
    return "".join(f'<link rel="preload" href="{geo_url(layer)}" as="fetch" crossorigin="anonymous">'
                   for layer in ("prefecture", "context"))


@blueprint.route(ROUTE)
def serve_layer(layer: str, digest: str) -> Response:
    if layer not in LAYERS:
        abort(404)
    data, current = _layer_bytes(layer)
    if digest != current:
        abort(404)
    response = Response(data, mimetype="application/json")
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    response.headers["ETag"] = current
    return response
