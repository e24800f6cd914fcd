"""Linked highlighting between the chart, the table and the map, entirely in the browser.

The server's hideout (values and styles) restyles the regions already on the map; hovering a bar
outlines its region (two regions restyled); hovering a region outlines its bar and its table row.
No request reaches the server.
"""

from dash import ClientsideFunction, Input, Output, State, clientside_callback

from components import ids

# The hideout lives in a store, not in the GeoJSON's own `hideout` (each change of which makes
# dash-leaflet remove and re-add every region): the browser restyles the layers it has.
clientside_callback(
    ClientsideFunction(namespace="sdplan", function_name="restyle"),
    Input(ids.MAP_HIDEOUT, "data"),
)

clientside_callback(
    ClientsideFunction(namespace="sdplan", function_name="highlightRegion"),
    Input(ids.CHART, "hoverData"),
    Input(ids.CHART, "clickData"),
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
