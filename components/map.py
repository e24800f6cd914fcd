"""The map: an offline base (neighbouring provinces on a sea-coloured background) and the regions."""

from __future__ import annotations

import dash_leaflet as dl
from dash import dcc, html

from routes.geometry import geo_url
from sdplan.i18n import t
from sdplan.mapstyle import HOVER_EDGE, context_style
from sdplan.settings import Settings

from . import ids


def js(name: str) -> dict:
    """A function of ``window.sdplan.map`` (assets/sdplan_map.js) as dash-leaflet takes it by name: the dict
    dash-extensions' ``Namespace`` makes, written here so that its component bundle stays out of the page."""
    return {"variable": f"sdplan.map.{name}"}


# The map is created fitted to Shandong (south-west, north-east; the prepared prefectures' extent), or to the first
# view's scope where the layout says so (callbacks.view.first_state); each new scope is fitted by the view callback.
# Room at the top for the messages over the map, and at the bottom for the scale bar.
SHANDONG = [[34.38, 114.81], [38.41, 122.72]]
FIT_PADDING = {"paddingTopLeft": [24, 72], "paddingBottomRight": [24, 32]}


def create_map(settings: Settings, lang: str = "zh") -> html.Div:
    """The map container with its layers; the view callback sets the regions' URL and the hideout store."""
    base = [dl.TileLayer(url=settings.tile_url, attribution=settings.tile_attribution)] if settings.tile_url else []
    regions = dl.GeoJSON(
        id=ids.REGIONS,
        style=js("style"),
        onEachFeature=js("register"),  # the layers stay; a new hideout restyles them (assets/sdplan_map.js)
        hoverStyle={"weight": 3, "color": HOVER_EDGE},
        disableDefaultEventHandlers=True,
        eventHandlers={"mouseover": js("onMouseOver"), "mouseout": js("onMouseOut"), "click": js("onClick")},
    )
    # The neighbouring provinces sit in a pane of their own below the regions, like a base map.
    context = dl.Pane(dl.GeoJSON(id=ids.CONTEXT, url=geo_url("context"), style=js("contextStyle"),
                                 hideout=context_style(), interactive=False),
                      name="context", style={"zIndex": 250})
    # Region names over the regions, never catching the pointer (the view callback sends the points).
    labels = dl.Pane(dl.GeoJSON(id=ids.LABELS, pointToLayer=js("label"), interactive=False),
                     name="labels", style={"zIndex": 450, "pointerEvents": "none"})
    return html.Div(
        [
            dl.Map(
                [*base, context, regions, labels, dl.ScaleControl(position="bottomleft", imperial=False)],
                id=ids.MAP,
                bounds=SHANDONG,  # no center and zoom: react-leaflet would take them over the bounds
                boundsOptions=FIT_PADDING,
                trackViewport=False,  # nothing reads the map's view back (and dash-leaflet's tracking needs a center)
                zoomSnap=0.25,
                minZoom=5,
                maxZoom=12,
                attributionControl=False,
                className="map",
            ),
            # collapsible, so that it never hides regions (collapsed by default on a phone)
            html.Div([html.Button(t("legend_toggle", lang), id=ids.LEGEND_TOGGLE, className="legend-toggle",
                                  n_clicks=0, **{"aria-controls": ids.LEGEND}),
                      html.Div(id=ids.LEGEND, className="legend-body")],
                     id=ids.LEGEND_BOX, className="legend"),
            dcc.Store(id=ids.MAP_HOVER),
            dcc.Store(id=ids.MAP_CLICK),
            dcc.Store(id=ids.MAP_SELECT),  # the region whose information is shown (a tap, or the search)
            dcc.Store(id=ids.MAP_HIDEOUT),
            dcc.Store(id=ids.MAP_PAGE_DATA),  # the view's small parts (callbacks/view.py), placed in the browser
        ],
        className="map-wrap",
    )
