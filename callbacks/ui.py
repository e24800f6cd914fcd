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
