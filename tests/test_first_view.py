"""The map page drawn before its first answer (routes/first_view.py, callbacks.view.first_state): the page carries
the regions and hideout that answer will carry, and the layout is drawn with the controls and the map's bounds it
will set."""

from __future__ import annotations

import html
import json
import re

import pytest

from callbacks import view as view_callback
from components import ids
from routes.first_view import LINK_ID
from routes.geometry import geo_url
from sdplan.store.outage import StoreUnavailable

LINK = re.compile(rf'<link rel="preload" href="([^"]*)" as="fetch" crossorigin="anonymous" id="{LINK_ID}">')


@pytest.fixture(scope="module")
def client():
    from app import server

    return server.test_client()


def first_view_link(client, address: str) -> str | None:
    """The address the page at ``address`` asks for its first view (None: it asks for none)."""
    found = LINK.search(client.get(address).get_data(as_text=True))
    return html.unescape(found.group(1)) if found else None


def first_view_of(client, address: str) -> dict | None:
    """The first view the page at ``address`` asks for and gets (None: it asks for none, or gets none)."""
    link = first_view_link(client, address)
    if link is None:
        return None
    response = client.get(link)
    assert response.headers["Cache-Control"] == "no-cache"  # it follows the data
    return response.get_json() if response.status_code == 200 else None


def answer_for(query: str) -> dict:
    """What the view callback answers for a page opened at ``query`` (its first answer)."""
    data, view = view_callback.opened(query)
    return view_callback.render(data, view, [], view, query, None, initial=True)


def layout_props(client, page: str) -> dict:
    """The layout asked for by the page at ``page`` (Dash asks with the page as Referer): props by component id."""
    layout = client.get("/_dash-layout", headers={"Referer": "http://localhost" + page}).get_json()
    found = {}

    def walk(node):
        if isinstance(node, dict):
            props = node.get("props", {})
            if "id" in props and isinstance(props["id"], str):
                found[props["id"]] = props
            for value in props.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(layout)
    return found


@pytest.mark.parametrize("query, layer, regions", [
    ("?indicator=urban_rail_km", "prefecture", 16),
    ("?indicator=smart_city_stars&level=county&circle=jiaodong", "county", 136),
    ("?lang=en", "prefecture", 16),
])
def test_the_page_carries_the_layer_and_hideout_of_its_first_answer(client, query, layer, regions):
    first = first_view_of(client, "/" + query)
    answer = answer_for(query)
    assert first["layer"] == geo_url(layer) == answer["layer"]
    assert first["hideout"] == json.loads(json.dumps(answer["hideout"]))  # as the answer's JSON
    assert len(first["hideout"]["codes"]) == regions
    assert first["context"]["url"] == geo_url("context")


def test_a_tampered_address_is_passed_on_escaped_and_draws_the_default_view(client):
    hostile = '/?indicator="><script>alert(1)</script>&circle=<!--'
    page = client.get(hostile).get_data(as_text=True)
    assert "<script>alert(1)" not in page
    assert first_view_link(client, hostile) == '/first-view.json?indicator="><script>alert(1)</script>&circle=<!--'
    assert first_view_of(client, hostile)["hideout"] == first_view_of(client, "/")["hideout"]


def test_the_ledger_page_and_a_silent_store_carry_no_first_view(client, monkeypatch):
    assert first_view_of(client, "/ledger") is None

    def unavailable(*_args, **_kwargs):
        raise StoreUnavailable("down")

    monkeypatch.setattr(view_callback, "dataset_for", unavailable)
    assert client.get("/first-view.json?indicator=urban_rail_km").status_code == 503
    assert first_view_of(client, "/?indicator=urban_rail_km") is None
    assert client.get("/?indicator=urban_rail_km").status_code == 200  # the page still draws, and waits
    props = layout_props(client, "/?indicator=urban_rail_km")
    assert props[ids.INDICATOR].get("value") is None  # the layout as before: its callback sets the controls


def test_the_layout_is_drawn_with_the_controls_and_bounds_the_first_answer_sets(client):
    query = "?indicator=smart_city_stars&level=county&circle=jiaodong&compare=2022"
    answer = answer_for(query)
    props = layout_props(client, "/" + query)
    assert props[ids.INDICATOR]["value"] == "smart_city_stars" == answer["controls"]["indicator"]
    assert props[ids.LEVEL]["value"] == "county" and props[ids.CIRCLE]["value"] == "jiaodong"
    assert props[ids.LEVEL]["options"] == answer["page"][view_callback.key(ids.LEVEL, "options")]
    assert props[ids.PERIOD]["options"] == json.loads(json.dumps(answer["controls"]["period_options"]))
    assert props[ids.MAP]["bounds"] == answer["hideout"]["fit"]["bounds"]
    assert "center" not in props[ids.MAP] and "zoom" not in props[ids.MAP]  # they would win over the bounds
    assert props[ids.REGION_SEARCH].get("options") in (None, [])  # placed after the map, as before


def test_the_layout_of_another_view_is_another(client):
    rail = layout_props(client, "/?indicator=urban_rail_km")
    stars = layout_props(client, "/")
    assert rail[ids.INDICATOR]["value"] == "urban_rail_km" != stars[ids.INDICATOR]["value"]
    response = client.get("/_dash-layout", headers={"Referer": "http://localhost/?indicator=urban_rail_km"})
    assert "Referer" in response.headers["Vary"]
