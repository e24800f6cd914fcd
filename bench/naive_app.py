"""The naive map app the load benchmark compares against (bench/bench_load.py): one Dash callback that
rebuilds a plotly Choroplethmap with the county GeoJSON, read from disk, on every change.

Serve: gunicorn --chdir bench naive_app:server (the benchmark starts it itself).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import plotly.graph_objects as go
from dash import Dash, Input, Output, dcc, html

from sdplan.boundaries import layer_path
from sdplan.meaning import representative_period
from sdplan.store.current import current_dataset
from sdplan.store.db import open_store
from sdplan.values import region_values

open_store()
app = Dash(__name__, compress=True, serve_locally=True)
app.layout = html.Div([dcc.Dropdown(id="indicator", value="sewer_retrofit_km"),
                       dcc.Dropdown(id="circle", value="all"), dcc.Graph(id="map")])
server = app.server


@app.callback(Output("map", "figure"), Input("indicator", "value"), Input("circle", "value"))
def draw(indicator: str, circle: str) -> go.Figure:
    data = current_dataset()
    geojson = json.loads(layer_path("county").read_text(encoding="utf-8"))
    values = region_values(data, indicator, "county", representative_period(data, indicator, "county"))
    if circle != "all":
        values = values[values["circle"] == circle]
    fig = go.Figure(go.Choroplethmap(geojson=geojson, locations=values["adcode"], featureidkey="properties.adcode",
                                     z=values["value"]))
    fig.update_layout(map_style="white-bg", map_zoom=6, map_center={"lat": 36.4, "lon": 118.5})
    return fig
