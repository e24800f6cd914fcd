"""Small things that stay in the browser: the controls drawer (phone) and the collapsible legend.

No request reaches the server; the ids come from Python (``State(..., "id")``).
"""

from dash import ClientsideFunction, Input, Output, State, clientside_callback

from components import ids

# The controls drawer: a phone shows one compact button; tapping it opens the controls.
clientside_callback(
    ClientsideFunction(namespace="sdplan", function_name="toggleDrawer"),
    Output(ids.HEADER, "className"),
    Input(ids.DRAWER_TOGGLE, "n_clicks"),
    State(ids.HEADER, "className"), State(ids.DRAWER_TOGGLE, "id"),
    prevent_initial_call=True,
)

# The legend folds to one button, so it never hides regions.
clientside_callback(
    ClientsideFunction(namespace="sdplan", function_name="toggleLegend"),
    Output(ids.LEGEND_BOX, "className"),
    Input(ids.LEGEND_TOGGLE, "n_clicks"),
    State(ids.LEGEND_BOX, "className"), State(ids.LEGEND, "id"), State(ids.LEGEND_TOGGLE, "id"),
    prevent_initial_call=True,
)

# The selected region's information sheet: filled from the map's hideout (so it follows the
# indicator), with a button that drills into a prefecture (the map click the server answers).
clientside_callback(
    ClientsideFunction(namespace="sdplan", function_name="showSheet"),
    Output(ids.SHEET, "hidden"),
    Input(ids.MAP_SELECT, "data"), Input(ids.MAP_HIDEOUT, "data"),
    State(ids.SHEET_BODY, "id"), State(ids.SHEET_DRILL, "id"),
)

clientside_callback(
    ClientsideFunction(namespace="sdplan", function_name="outlineSelected"),
    Input(ids.MAP_SELECT, "data"),
    prevent_initial_call=True,
)

clientside_callback(
    ClientsideFunction(namespace="sdplan", function_name="drillFromSheet"),
    Output(ids.MAP_CLICK, "data", allow_duplicate=True), Output(ids.MAP_SELECT, "data", allow_duplicate=True),
    Input(ids.SHEET_DRILL, "n_clicks"),
    State(ids.MAP_SELECT, "data"),
    prevent_initial_call=True,
)

clientside_callback(
    ClientsideFunction(namespace="sdplan", function_name="closeSheet"),
    Output(ids.MAP_SELECT, "data", allow_duplicate=True),
    Input(ids.SHEET_CLOSE, "n_clicks"),
    prevent_initial_call=True,
)

# Copy the address of the view (the words come from the navigation's store, in the address's language).
clientside_callback(
    ClientsideFunction(namespace="sdplan", function_name="copyLink"),
    Output(ids.COPY_STATUS, "children"),
    Input(ids.COPY_LINK, "n_clicks"),
    State(ids.NAV_WORDS, "data"), State(ids.COPY_STATUS, "id"),
    prevent_initial_call=True,
)
