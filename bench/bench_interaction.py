"""Bytes and server time of one map interaction, against the naive way, in the same run.

Our way: the real Dash endpoint (/_dash-update-component) answers an interaction with values and
styles only (hideout, and the panel's parts that changed); the geometry was fetched once as a static
file. The bodies are the browser's (bench/dash_requests.py builds them from the app's dependency spec
and keeps what the page holds from each response), replaying a visit: a link, control changes, a
drill-down, back, the language.
Naive way: a callback that rebuilds a plotly choropleth figure with the county GeoJSON on every change.

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
sys.path.insert(0, str(ROOT / "bench"))

import plotly.graph_objects as go
from dash_requests import COUNTY_VISIT, ENDPOINT, Session, map_spec
from plotly.utils import PlotlyJSONEncoder

from app import app
from components import ids
from sdplan.boundaries import layer_path
from sdplan.store.current import current_dataset, forget_datasets
from sdplan.values import region_values
from sdplan.viewstate import parse_view

REPEAT = 15
GZIP = {"Accept-Encoding": "gzip"}


def replay(client, spec: dict, cold: bool = False) -> list[tuple[str, float, int, int, bool]]:
    """One visit: (trigger, ms, bytes of JSON, bytes on the wire, county layer) per interaction (the
    opening link left out); ``cold`` forgets the dataset and everything derived before each request."""
    session, rows = Session(spec), []
    for step, (trigger, value) in enumerate(COUNTY_VISIT):
        body = session.body(trigger, value)
        if cold:
            forget_datasets()
        start = time.perf_counter()
        response = client.post(ENDPOINT, json=body, headers=GZIP)
        elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, response.data[:300]
        encoding = response.headers.get("Content-Encoding")
        raw = gzip.decompress(response.data) if encoding == "gzip" else response.data
        answer = session.receive(response.data, encoding)
        assert "Polygon" not in raw.decode(), "an interaction must never carry boundaries (label points may travel)"
        county = "county" in (session.layer_url or "")
        if step:
            rows.append((trigger, elapsed, len(raw), len(response.data), county))
        assert answer
    return rows


def our_way() -> tuple[list, list]:
    client = app.server.test_client()
    client.get("/")  # the first request initialises Dash
    spec = map_spec(client.get("/_dash-dependencies").get_json())
    cold = []
    for _ in range(3):
        cold += replay(client, spec, cold=True)
    replay(client, spec)  # every view drawn once
    warm = []
    for _ in range(REPEAT):
        warm += replay(client, spec)
    return warm, cold


def naive_way() -> list[tuple[str, float, int, int, bool]]:
    """A plotly Choroplethmap rebuilt with the county GeoJSON for every change (the same views)."""
    data = current_dataset()
    views = [parse_view(data, f"?indicator={indicator}&level=county&scheme={scheme}")[0]
             for indicator in ("sewer_retrofit_km", "smart_city_stars", "sewer_retrofit_status")
             for scheme in ("natural_breaks", "quantiles")]
    rows = []
    for _ in range(3):
        for view in views:
            start = time.perf_counter()
            geojson = json.loads(layer_path("county").read_text(encoding="utf-8"))
            values = region_values(data, view.indicator, "county", view.period)
            fig = go.Figure(go.Choroplethmap(geojson=geojson, locations=values["adcode"],
                                             featureidkey="properties.adcode", z=values["value"]))
            fig.update_layout(map_style="white-bg", map_zoom=6, map_center={"lat": 36.4, "lon": 118.5})
            body = json.dumps({"response": {"map": {"figure": fig}}}, cls=PlotlyJSONEncoder).encode()
            rows.append(("naive", (time.perf_counter() - start) * 1000, len(body), len(gzip.compress(body, 6)), True))
    return rows


def report(name: str, rows: list) -> None:
    times, raw, wire = [r[1] for r in rows], [r[2] for r in rows], [r[3] for r in rows]
    print(f"{name:<44} median {statistics.median(times):7.1f} ms   p90 {sorted(times)[int(0.9 * len(times))]:7.1f} ms"
          f"   {statistics.median(raw) / 1024:7.1f} KB JSON   {statistics.median(wire) / 1024:6.2f} KB gzip"
          f" (max {max(wire) / 1024:.2f})   n={len(rows)}")


def main() -> None:
    print(f"one interaction: a visit of {len(COUNTY_VISIT) - 1} interactions after a link, replayed through "
          f"{ENDPOINT} (Flask test client, no network)")
    warm, cold = our_way()
    naive = naive_way()
    report("ours, county layer, views seen before", [r for r in warm if r[4]])
    report("ours, every interaction, views seen before", warm)
    report("ours, county layer, cold (dataset re-read)", [r for r in cold if r[4]])
    report("naive (figure + county GeoJSON each time)", naive)
    print("by interaction (ours, views seen before): median ms / KB gzip")
    for trigger in dict.fromkeys(r[0] for r in warm):
        chosen = [r for r in warm if r[0] == trigger]
        print(f"  {trigger:<10} {statistics.median(r[1] for r in chosen):6.1f} ms"
              f"   {statistics.median(r[3] for r in chosen) / 1024:5.2f} KB   (n={len(chosen)})")
    assert ids.MAP_QUERY


if __name__ == "__main__":
    main()
