"""Bytes and server time of one map interaction, against the naive way, in the same run.

Our way: the real Dash endpoint (/_dash-update-component) answers a control change with values
and styles only (hideout, legend, chart, table); the geometry was fetched once as a static file.
Naive way: a callback that rebuilds a plotly choropleth figure with its GeoJSON on every change.

Run: .venv/bin/python bench/bench_interaction.py
"""

from __future__ import annotations

import gzip
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import plotly.graph_objects as go  # noqa: E402
from plotly.utils import PlotlyJSONEncoder  # noqa: E402

from app import app  # noqa: E402
from components import ids  # noqa: E402
from sdplan.boundaries import layer_path  # noqa: E402
from sdplan.memo import forget  # noqa: E402
from sdplan.values import region_values  # noqa: E402
from sdplan.viewstate import parse_view, with_changes  # noqa: E402

REPEAT = 15
# County-level interactions: (control that changed, its new value, starting view query)
INTERACTIONS = [
    (ids.INDICATOR, "sewer_retrofit_km", "?indicator=sewer_retrofit_status&level=county"),
    (ids.INDICATOR, "smart_city_stars", "?indicator=sewer_retrofit_km&level=county"),
    (ids.CIRCLE, "jiaodong", "?indicator=sewer_retrofit_status&level=county"),
    (ids.CIRCLE, "lunan", "?indicator=smart_city_stars&level=county&circle=jiaodong"),
    (ids.SCHEME, "quantiles", "?indicator=sewer_retrofit_km&level=county"),
]


def dash_payload(callback_key: str, spec: dict, search: str, trigger: str, value) -> dict:
    view, _ = parse_view(search)
    current = {ids.URL: search, ids.INDICATOR: view.indicator, ids.LEVEL: view.level,
               ids.CIRCLE: view.circle or "all", ids.SCHEME: view.scheme, ids.PERIOD: view.period,
               ids.LANG: 0, ids.BACK: 0, ids.MAP_CLICK: None}
    current[trigger] = value
    inputs = [{"id": i["id"], "property": i["property"], "value": current[i["id"]]} for i in spec["inputs"]]
    state = [{"id": s["id"], "property": s["property"], "value": None} for s in spec["state"]]
    outputs = [{"id": o.split(".")[0], "property": o.split(".")[1]} for o in callback_key.strip(".").split("...")]
    return {"output": callback_key, "outputs": outputs, "inputs": inputs, "state": state,
            "changedPropIds": [f"{trigger}.value"]}


def our_way(cold: bool) -> tuple[list[float], list[int], list[int]]:
    """Through the real Dash endpoint; ``cold`` forgets every cached join before each request."""
    client = app.server.test_client()
    client.get("/")  # first request initialises Dash
    key, spec = next((k, v) for k, v in app.callback_map.items() if f"{ids.URL}.search" in k)
    times, raw, gz = [], [], []
    for trigger, value, search in INTERACTIONS:
        payload = dash_payload(key, {"inputs": spec["inputs"], "state": spec["state"]}, search, trigger, value)
        for _ in range(REPEAT):
            if cold:
                forget()
            start = time.perf_counter()
            response = client.post("/_dash-update-component", json=payload, headers={"Accept-Encoding": "gzip"})
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.data[:300]
            gz.append(len(response.data))
            raw.append(len(gzip.decompress(response.data)) if response.headers.get("Content-Encoding") == "gzip"
                       else len(response.data))
        body = json.loads(gzip.decompress(response.data) if response.headers.get("Content-Encoding") else response.data)
        assert "geometry" not in json.dumps(body), "an interaction must never carry geometry"
    return times, raw, gz


def naive_way() -> tuple[list[float], list[int], list[int]]:
    """A plotly Choroplethmap rebuilt with the county GeoJSON for every change."""
    times, raw, gz = [], [], []
    for trigger, value, search in INTERACTIONS:
        view, _ = parse_view(search)
        field = {ids.INDICATOR: "indicator", ids.CIRCLE: "circle", ids.SCHEME: "scheme"}[trigger]
        view = with_changes(view, **{field: value})
        for _ in range(REPEAT):
            start = time.perf_counter()
            geojson = json.loads(layer_path("county").read_text(encoding="utf-8"))
            values = region_values(view.indicator, "county", view.period)
            fig = go.Figure(go.Choroplethmap(geojson=geojson, locations=values["adcode"],
                                             featureidkey="properties.adcode", z=values["value"]))
            fig.update_layout(map_style="white-bg", map_zoom=6, map_center={"lat": 36.4, "lon": 118.5})
            body = json.dumps({"response": {"map": {"figure": fig}}}, cls=PlotlyJSONEncoder).encode()
            times.append((time.perf_counter() - start) * 1000)
            raw.append(len(body))
            gz.append(len(gzip.compress(body, 6)))
    return times, raw, gz


def report(name: str, times: list[float], raw: list[int], gz: list[int]) -> None:
    print(f"{name:<34} median {statistics.median(times):7.1f} ms   p90 {sorted(times)[int(0.9 * len(times))]:7.1f} ms"
          f"   {statistics.median(raw) / 1024:8.1f} KB raw   {statistics.median(gz) / 1024:7.1f} KB gzip")


def main() -> None:
    print(f"one interaction at county level ({len(INTERACTIONS)} interactions x {REPEAT} runs each)")
    report("hideout, views seen before", *our_way(cold=False))
    report("hideout, cold (caches cleared)", *our_way(cold=True))
    report("naive (figure + GeoJSON each time)", *naive_way())


if __name__ == "__main__":
    main()
