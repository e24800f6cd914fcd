"""Serve the prepared boundary layers as static, immutable, content-addressed files.

The browser fetches each layer once from ``/geo/<layer>.<hash>.geojson``; the hash changes
whenever the file does, so the response can be cached for a year. Interactions never carry
geometry: they only change the map's hideout store (values and styles).
"""

from __future__ import annotations

from flask import Blueprint, Response, abort

from routes.immutable import content_addressed, immutable_response
from sdplan.boundaries import layer_path

LAYERS = ("prefecture", "county", "context")
ROUTE = "/geo/<layer>.<digest>.geojson"

blueprint = Blueprint("geo", __name__)


def geo_url(layer: str) -> str:
    """The cacheable URL of a layer (its content hash in the name)."""
    return f"/geo/{layer}.{content_addressed(layer_path(layer))[1]}.geojson"


def preload_links() -> str:
    """``<link rel=preload>`` tags so the browser fetches the boundary layers while the app starts."""
    return "".join(f'<link rel="preload" href="{geo_url(layer)}" as="fetch" crossorigin="anonymous">'
                   for layer in ("prefecture", "context"))


@blueprint.route(ROUTE)
def serve_layer(layer: str, digest: str) -> Response:
    if layer not in LAYERS:
        abort(404)
    return immutable_response(layer_path(layer), digest, "application/json")
