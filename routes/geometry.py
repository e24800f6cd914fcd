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


PRELOADED = ("prefecture", "context")  # the layers of the page opened without a query


def preload_link(url: str) -> str:
    """A ``<link rel=preload>`` tag, so the browser fetches a boundary layer while the app starts."""
    return f'<link rel="preload" href="{url}" as="fetch" crossorigin="anonymous">'


def preload_links() -> str:
    """The preloads of the layers every map page asks for first (:data:`PRELOADED`)."""
    return "".join(preload_link(geo_url(layer)) for layer in PRELOADED)


@blueprint.route(ROUTE)
def serve_layer(layer: str, digest: str) -> Response:
    if layer not in LAYERS:
        abort(404)
    return immutable_response(layer_path(layer), digest, "application/json")
