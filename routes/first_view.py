"""The map page's first view, asked for by the page itself while its scripts load.

Dash draws the map from its first callback's answer, asked for only after React has drawn the layout and
Dash has set up its store: on the 2-core machine the map was drawn 1.1-1.5 s after navigation on a fresh
server (``bench/trace_first_view.py``). The map page therefore asks at once (a ``<link rel=preload>`` in its
head, fetched with its scripts) for what that answer will draw on the map, for the view its address names: the
region layer's address and its hideout, at ``/first-view.json?<the page's query>``.
``assets/sdplan_first_view.js`` draws them as soon as Leaflet's map exists, with the map's own style functions,
and hands the map over to Dash's layer when it is drawn. The page itself stays as quick to serve as before: the
view is drawn by that request, beside the scripts' download.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from flask import Blueprint, Response, jsonify, request

from components.layout import LEDGER_PATH
from routes.geometry import geo_url
from routes.page_lang import page_address
from sdplan.mapstyle import context_style

LINK_ID = "sdplan-first-view"
ROUTE = "/first-view.json"


def first_view_head() -> str:
    """The preload of the first view for the page being served (its query passed on); nothing for another page
    (the ledger)."""
    path, query = page_address()
    if not is_map_page(path):
        return ""
    return f'<link rel="preload" href="{escape(ROUTE + query)}" as="fetch" crossorigin="anonymous" id="{LINK_ID}">'


def is_map_page(path: str) -> bool:
    """Whether the router (callbacks/pages.py) shows the map page at ``path``: any path but the ledger's."""
    return not path.rstrip("/").endswith(LEDGER_PATH)


def blueprint(draw: Callable[[str], dict | None]) -> Blueprint:
    """The route of the first view: ``draw`` (``callbacks.view.first_view``) for the query, with the neighbouring
    provinces' layer; 503 when the store does not answer (the page then waits for its first answer, which says
    why). Never kept by a cache: it follows the data."""
    routes = Blueprint("first_view", __name__)

    @routes.route(ROUTE)
    def first_view() -> Response:
        query = request.query_string.decode("utf-8", "replace")
        view = draw(f"?{query}" if query else "")
        response = jsonify(None) if view is None else jsonify(
            {**view, "context": {"url": geo_url("context"), "style": context_style()}})
        response.status_code = 503 if view is None else 200
        response.headers["Cache-Control"] = "no-cache"
        return response

    return routes
