"""Small things that stay in the browser: the controls drawer (phone), the collapsible legend, the region
sheet, the copy link, the language switch, placing the view's small parts, and playing the time slider.

No request reaches the server but the time slider's steps (each a change of the slider, which the view
callback answers); the ids come from Python (``State(..., "id")``, or the outputs' own ids).
"""

from dash import ClientsideFunction, Input, Output, State, clientside_callback

from callbacks.view import AFTER_MAP_PLACES, CONTROL_PLACES, PAGE_PLACES
from components import ids

DUPLICATED = {(ids.MAP_SELECT, "data")}  # also written by other callbacks


def place(places: tuple[tuple[str, str], ...], function_name: str = "place") -> None:
    """Place the view callback's page message: each output takes the value keyed "<id>.<property>" (unless
    the message has none): the browser places the words and values the server wrote."""
    clientside_callback(
        ClientsideFunction(namespace="sdplan", function_name=function_name),
        [Output(component, prop, allow_duplicate=(component, prop) in DUPLICATED) for component, prop in places],
        Input(ids.MAP_PAGE_DATA, "data"),
        prevent_initial_call=True,
    )


place(CONTROL_PLACES)
place(PAGE_PLACES)
place(AFTER_MAP_PLACES, "placeAfterMap")  # once the map's regions are drawn (assets/sdplan_after_map.js)

# A new scope: the map measures its container again, then fits the scope (in that order: one update with
# both may fit before measuring).
clientside_callback(
    ClientsideFunction(namespace="sdplan", function_name="fitMap"),
    Input(ids.MAP_PAGE_DATA, "data"),
    prevent_initial_call=True,
)

# The other language: the page is drawn again in it (the layout is drawn in the page's language), keeping
# the view (the address) and the region whose information is shown.
clientside_callback(
    ClientsideFunction(namespace="sdplan", function_name="switchLanguage"),
    Input(ids.LANG, "n_clicks"),
    State(ids.MAP_SELECT, "data"),
    prevent_initial_call=True,
)

clientside_callback(
    ClientsideFunction(namespace="sdplan", function_name="reselect"),
    Output(ids.MAP_SELECT, "data", allow_duplicate=True),
    Input(ids.MAP_HIDEOUT, "data"),
    prevent_initial_call=True,
)

# The time slider: play or pause; each tick moves the slider one period on once the last is drawn.
clientside_callback(
    ClientsideFunction(namespace="sdplan", function_name="togglePlay"),
    Output(ids.PLAY_TIMER, "disabled"), Output(ids.PLAY, "children"), Output(ids.PLAY, "aria-pressed"),
    Output(ids.PERIOD_SLIDER, "value", allow_duplicate=True),
    Input(ids.PLAY, "n_clicks"),
    State(ids.PLAY_TIMER, "disabled"), State(ids.PERIOD_SLIDER, "value"), State(ids.PERIOD_SLIDER, "max"),
    State(ids.NAV_WORDS, "data"),
    prevent_initial_call=True,
)

clientside_callback(
    ClientsideFunction(namespace="sdplan", function_name="playStep"),
    Output(ids.PERIOD_SLIDER, "value", allow_duplicate=True), Output(ids.PLAY_TIMER, "disabled", allow_duplicate=True),
    Output(ids.PLAY, "children", allow_duplicate=True), Output(ids.PLAY, "aria-pressed", allow_duplicate=True),
    Input(ids.PLAY_TIMER, "n_intervals"),
    State(ids.PERIOD_SLIDER, "value"), State(ids.PERIOD_SLIDER, "max"), State(ids.MAP_PAGE_DATA, "data"),
    State(ids.NAV_WORDS, "data"),
    prevent_initial_call=True,
)

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
