"""The POST bodies the browser sends to ``/_dash-update-component`` for the map page, built from the
app's own dependency spec (``/_dash-dependencies``), so the benchmarks replay real interactions.

A body is what dash-renderer sends when one input of the map callback changes: every input with the
value the page holds (the controls, the page's query store), the changed one named in
``changedPropIds``, and the layer's URL as state. :class:`Session` keeps what a page holds from the
responses it receives, as the browser does, so a sequence of interactions replays a visit.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field

import brotli

from components import ids

ENDPOINT = "/_dash-update-component"
# A visit at county level: a link opened, then control changes, a drill-down, back (a language switch
# draws the page again: no callback).
# (input id, new value); MAP_QUERY is a link opened (the router hands its query to the map).
COUNTY_VISIT = [
    (ids.MAP_QUERY, "?indicator=sewer_retrofit_status&level=county"),
    (ids.INDICATOR, "sewer_retrofit_km"),
    (ids.SCHEME, "quantiles"),
    (ids.CIRCLE, "jiaodong"),
    (ids.INDICATOR, "smart_city_stars"),
    (ids.SCHEME, "equal_interval"),
    (ids.CIRCLE, "lunan"),
    (ids.SCHEME, "natural_breaks"),
    (ids.CIRCLE, "all"),
    (ids.INDICATOR, "sewer_retrofit_km"),
    (ids.LEVEL, "prefecture"),
    (ids.MAP_CLICK, {"adcode": "370200", "level": "prefecture"}),
    (ids.BACK, 1),
    (ids.INDICATOR, "sewer_retrofit_status"),
    (ids.LEVEL, "county"),
]
def map_spec(dependencies: list[dict]) -> dict:
    """The map page's server callback in the dependency spec (the one writing the map's hideout)."""
    return next(d for d in dependencies if f"...{ids.MAP_HIDEOUT}.data..." in d["output"]
                and d.get("clientside_function") is None)


def decoded(payload: bytes, encoding: str | None) -> bytes:
    """A response body as sent with ``Content-Encoding`` (brotli, as browsers get it, or gzip), decoded."""
    if encoding == "br":
        return brotli.decompress(payload)
    return gzip.decompress(payload) if encoding == "gzip" else payload


@dataclass
class Session:
    """What one page holds (the map callback's inputs and state), updated from each response."""

    spec: dict
    values: dict = field(default_factory=dict)  # input id -> value; before the first response, None each
    state: dict = field(default_factory=dict)  # (id, property) -> value

    def __post_init__(self) -> None:  # every input of the spec, so that a new one needs nothing here
        self.values = {**{i["id"]: None for i in self.spec["inputs"]}, **self.values}

    @property
    def layer_url(self) -> str | None:
        return self.state.get((ids.REGIONS, "url"))

    def body(self, trigger: str, value) -> dict:
        """The body the browser sends when ``trigger`` takes ``value``."""
        current = {**self.values, trigger: value}
        if trigger == ids.BACK:
            current[trigger] = (self.values[trigger] or 0) + 1
        inputs = [{"id": i["id"], "property": i["property"], "value": current[i["id"]]} for i in self.spec["inputs"]]
        state = [{"id": s["id"], "property": s["property"], "value": self.state.get((s["id"], s["property"]))}
                 for s in self.spec["state"]]
        outputs = [dict(zip(("id", "property"), key.split(".", 1))) for key in self.spec["output"].strip(".").split("...")]
        changed = next(i for i in self.spec["inputs"] if i["id"] == trigger)
        self.values = current
        return {"output": self.spec["output"], "outputs": outputs, "inputs": inputs, "state": state,
                "changedPropIds": [f"{trigger}.{changed['property']}"]}

    def receive(self, payload: bytes, encoding: str | None) -> dict:
        """Keep what the response sets (the query, the controls' values, the state); its JSON."""
        response = json.loads(decoded(payload, encoding))["response"]
        placed = (response.get(ids.MAP_PAGE_DATA) or {}).get("data") or {}
        for key, value in placed.items():  # what the browser places from the page message ("<id>.<property>")
            component, _, prop = key.partition(".")
            if prop:
                self.state[(component, prop)] = value
        for component, props in response.items():
            for prop, value in props.items():
                self.state[(component, prop)] = value
            if component in self.values and component != ids.MAP_CLICK:
                for prop in ("data", "value"):
                    if prop in props:
                        self.values[component] = props[prop]
        return response
