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
            html.Header(
                [html.H1(t("app_title", view.lang), id=ids.TITLE), create_controls(view), create_export(view.lang)],
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
        ],
        className="page",
        lang="zh-CN",
    )
