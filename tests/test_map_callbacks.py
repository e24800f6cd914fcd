"""The map page's callbacks, counted from the app's own dependency spec (what the browser reads): a few small
callbacks, none writing more than ``LIMIT`` outputs, one of them answered by the server per interaction."""

from dash.development.base_component import Component

from components import ids
from components.layout import create_map_page
from sdplan.settings import load_settings

LIMIT = 20


def map_page_ids() -> set[str]:
    found = {ids.MAP_QUERY, ids.URL}

    def walk(node) -> None:
        if isinstance(node, (list, tuple)):
            for child in node:
                walk(child)
        elif isinstance(node, Component):
            if isinstance(getattr(node, "id", None), str):
                found.add(node.id)
            walk(getattr(node, "children", None))

    walk(create_map_page(load_settings(), "zh"))
    return found


def outputs_of(spec: dict) -> list[str]:
    output = spec["output"]
    return output.strip(".").split("...") if output.startswith("..") else [output]


def test_no_callback_of_the_map_page_writes_more_than_twenty_outputs():
    from app import app

    specs = app.server.test_client().get("/_dash-dependencies").get_json()
    page = map_page_ids()
    mine = [s for s in specs if {o.split(".")[0].split("@")[0] for o in outputs_of(s)} & page
            or {i["id"] for i in s["inputs"] if isinstance(i["id"], str)} & page]
    sizes = {(s.get("clientside_function") or {}).get("function_name", "server") + ":" + outputs_of(s)[0]:
             len(outputs_of(s)) for s in mine}
    assert len(mine) >= 10, sizes  # the map page's callbacks are found (the router, the view, the sheet…)
    too_big = {name: n for name, n in sizes.items() if n > LIMIT}
    assert too_big == {}, too_big
    view = [s for s in mine if s.get("clientside_function") is None and any(
        o.startswith(f"{ids.MAP_HIDEOUT}.data") for o in outputs_of(s))]
    assert len(view) == 1 and len(outputs_of(view[0])) <= LIMIT  # the one server callback of an interaction
    # what each interaction's request carries: the query, the eleven controls (with the measure and the date) and
    # the region search, and the layer drawn
    assert len(view[0]["inputs"]) + len(view[0]["state"]) <= 14
