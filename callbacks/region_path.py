"""The region sheet's path over the years: the selected region's values, drawn on the server.

The browser asks (``PATH_REQUEST``, set in assets/sdplan_path.js) only when the region, the indicator,
the language or the data date changes; the figure is built by components.region_path from
:func:`sdplan.region_path.region_path`.
"""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback

from components import ids
from components.region_path import path_block
from sdplan.data_as_of import dataset_for, query_day
from sdplan.region_path import region_path
from sdplan.store.outage import StoreUnavailable
from sdplan.viewstate import parse_view

clientside_callback(
    ClientsideFunction(namespace="sdplan_path", function_name="pathRequest"),
    Output(ids.PATH_REQUEST, "data"),
    Input(ids.MAP_SELECT, "data"), Input(ids.MAP_QUERY, "data"),
    State(ids.PATH_REQUEST, "data"),
)


def path_children(request: object) -> list:
    """The sheet's path for ``request`` ({adcode, query}); nothing for no region or an unknown one."""
    if not isinstance(request, dict) or not isinstance(request.get("adcode"), str):
        return []
    query = request.get("query") if isinstance(request.get("query"), str) else None
    try:
        data = dataset_for(query_day(query))[0]  # as of the view's date, if it has one
    except StoreUnavailable:
        return []
    if not data.has_region(request["adcode"]):
        return []
    view, _ = parse_view(data, query)
    return path_block(region_path(data, view.indicator, request["adcode"], view.lang))


@callback(Output(ids.SHEET_PATH, "children"), Input(ids.PATH_REQUEST, "data"), prevent_initial_call=True)
def show_path(request: object) -> list:
    return path_children(request)
