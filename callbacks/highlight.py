"""Linked highlighting between the chart, the table and the map, entirely in the browser.

Hovering a bar outlines its region on the map (only ``hideout.hl`` changes); hovering a region
outlines its bar and its table row. No request reaches the server.
"""

from dash import ClientsideFunction, Input, Output, State, clientside_callback

from components import ids

# dash-leaflet ignores a hideout that arrives while the layer is still loading its geometry;
# keeping the latest one where the style function reads it means the layer is drawn right anyway.
clientside_callback(
    ClientsideFunction(namespace="sdplan", function_name="keepHideout"),
    Output(ids.MAP_HIDEOUT, "data"),
    Input(ids.REGIONS, "hideout"),
)

clientside_callback(
    ClientsideFunction(namespace="sdplan", function_name="highlightRegion"),
    Output(ids.REGIONS, "hideout", allow_duplicate=True),
    Input(ids.CHART, "hoverData"),
    Input(ids.CHART, "clickData"),
    State(ids.REGIONS, "hideout"),
    prevent_initial_call=True,
)

clientside_callback(
    ClientsideFunction(namespace="sdplan", function_name="highlightBar"),
    Output(ids.CHART, "figure", allow_duplicate=True),
    Input(ids.MAP_HOVER, "data"),
    State(ids.CHART, "figure"),
    State(ids.TABLE, "id"),  # the table whose row is highlighted: its id comes from Python
    prevent_initial_call=True,
)
