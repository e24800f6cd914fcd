"""Pages: the path shows one page, and the address's query goes to that page alone.

A clientside router (no request) shows the map or the ledger page, hands the query to the
shown page's own store (``MAP_QUERY`` or ``LEDGER_QUERY``) and puts the navigation, the tab's
title and the map page's dropdowns' own words in the address's language. A page that writes the
address writes its store too, so the router has nothing to hand back: one interaction, one request.
"""

from dash import ClientsideFunction, Input, Output, State, clientside_callback

from components import ids
from components.controls import DROPDOWNS

clientside_callback(
    ClientsideFunction(namespace="sdplan", function_name="route"),
    Output(ids.MAP_PAGE, "hidden"), Output(ids.LEDGER_PAGE, "hidden"), Output(ids.MAP, "invalidateSize"),
    Output(ids.MAP_QUERY, "data"), Output(ids.LEDGER_QUERY, "data"),
    Output(ids.SKIP_LINK, "children"), Output(ids.TITLE, "children"),
    Output(ids.NAV_MAP, "children"), Output(ids.NAV_MAP, "href"),
    Output(ids.NAV_LEDGER, "children"), Output(ids.NAV_LEDGER, "href"),
    Output(ids.NAV_ADMIN, "children"),
    *(Output(dropdown, "labels") for dropdown in DROPDOWNS), Output(ids.REGION_SEARCH, "labels"),
    Output(ids.SHEET_CLOSE, "title"), Output(ids.SHEET_CLOSE, "aria-label"),
    Input(ids.URL, "pathname"), Input(ids.URL, "search"),
    State(ids.NAV_WORDS, "data"), State(ids.MAP_QUERY, "data"), State(ids.LEDGER_QUERY, "data"),
    State(ids.MAP_PAGE, "hidden"),
)
