"""The page: header with controls, notices, the map with its legend, and the side panel."""

from __future__ import annotations

from dash import dcc, html

from sdplan.i18n import t
from sdplan.settings import Settings
from sdplan.viewstate import parse_view

from . import ids
from .controls import create_controls
from .export import create_export
from .map import create_map
from .panel import create_panel


def create_layout(settings: Settings) -> html.Div:
    """The page's frame; the URL callback draws the view the link asks for into it.

    The map starts without geometry or values: they arrive together with the first view, so
    the layer never loads one view's geometry while the values of another are applied.
    """
    view, _ = parse_view("")
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            create_nav(view.lang),
            html.Div(create_map_page(settings, view), id=ids.MAP_PAGE, className="map-page"),
            html.Div(id=ids.LEDGER_PAGE, className="ledger-page", hidden=True),
        ],
        className="page",
        lang="zh-CN",
    )


def create_nav(lang: str) -> html.Nav:
    """Links between the map, the plan's ledger and data management (/admin/)."""
    return html.Nav(
        [
            html.Span(t("app_title", lang), id=ids.TITLE, className="nav-title"),
            dcc.Link(t("nav_map", lang), href="/", id="nav-map", className="nav-link"),
            dcc.Link(t("nav_ledger", lang), href="/ledger", id="nav-ledger", className="nav-link"),
            html.A(t("nav_admin", lang), href="/admin/", id="nav-admin", className="nav-link"),
        ],
        id=ids.NAV,
        className="nav",
    )


def create_map_page(settings: Settings, view) -> list:
    """The map screen: controls, notices, the map with its legend, and the side panel."""
    return [
            html.Header(
                [create_controls(view), create_export(view.lang)],
                className="header",
            ),
            html.Div(id=ids.NOTICE, className="notice", role="status"),
            html.Div(t("sample_banner", view.lang), id=ids.SAMPLE_BANNER, className="sample-banner", hidden=True),
            html.Main(
                [
                    html.Div(
                        [
                            create_map(settings),
                            html.Button(t("back", view.lang), id=ids.BACK, className="back-button", hidden=True,
                                        n_clicks=0),
                        ],
                        className="map-column",
                    ),
                    create_panel(view.lang),
                ],
                className="body",
            ),
    ]
