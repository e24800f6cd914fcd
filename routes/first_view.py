"""The map page's first view, written into the page itself.

Dash draws the map from its first callback's answer, asked for only after React has drawn the layout and
Dash has set up its store: on the 2-core machine the map was drawn 1.1-1.5 s after navigation on a fresh
server (``bench/trace_first_view.py``). The page at ``/`` therefore carries what that answer will draw on the
map, for the view its address names: the region layer's address and its hideout (one ``application/json`` block,
never run as a script, so the page's CSP is untouched), and asks for that layer's boundaries at once.
``assets/sdplan_first_view.js`` draws them as soon as Leaflet's map exists, with the map's own style functions,
and hands the map over to Dash's layer when it is drawn.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from components.layout import LEDGER_PATH
from routes.geometry import PRELOADED, geo_url, preload_link
from routes.page_lang import page_address
from sdplan.mapstyle import context_style

BLOCK_ID = "sdplan-first-view"


def first_view_head(draw: Callable[[str], dict | None]) -> str:
    """The block (and the preload of its layer, when the page does not preload it already) for the page being
    served; nothing for another page (the ledger) or when ``draw`` (``callbacks.view.first_view``) has nothing."""
    path, query = page_address()
    if not is_map_page(path):
        return ""
    view = draw(query)
    if view is None:
        return ""
    view = {**view, "context": {"url": geo_url("context"), "style": context_style()}}
    preloaded = {geo_url(layer) for layer in PRELOADED}
    preload = "" if view["layer"] in preloaded else preload_link(view["layer"])
    return preload + f'<script type="application/json" id="{BLOCK_ID}">{html_json(view)}</script>'


def is_map_page(path: str) -> bool:
    """Whether the router (callbacks/pages.py) shows the map page at ``path``: any path but the ledger's."""
    return not path.rstrip("/").endswith(LEDGER_PATH)


def html_json(value: object) -> str:
    """JSON that cannot end the script block it is written in (no ``<``: no ``</script>``, no ``<!--``)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
