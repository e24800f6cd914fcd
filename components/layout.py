"""The page: header with controls, notices, the map with its legend, and the side panel."""

from __future__ import annotations

from dash import dcc, html

from sdplan.i18n import t
from sdplan.mapview import build_map_model
from sdplan.settings import Settings
from sdplan.viewstate import parse_view

from . import ids
from .controls import create_controls
from .export import create_export
from .legend import create_legend
from .map import create_map
from .panel import create_panel


def create_layout(settings: Settings) -> html.Div:
    """The whole page, drawn for the default view; the URL callback then sets the real one."""
    view, _ = parse_view("")
    model = build_map_model(view)
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            html.Header(
                [html.H1(t("app_title", view.lang), id=ids.TITLE), create_controls(view), create_export(view.lang)],
                className="header",
            ),
            html.Div(id=ids.NOTICE, className="notice", role="status"),
            html.Div(t("sample_banner", view.lang), id=ids.SAMPLE_BANNER, className="sample-banner",
                     hidden=not model.has_sample),
            html.Main(
                [
                    html.Div(
                        [
                            create_map(settings, model.layer, model.hideout(), create_legend(model)),
                            html.Button(t("back", view.lang), id=ids.BACK, className="back-button", hidden=True,
                                        n_clicks=0),
                        ],
                        className="map-column",
                    ),
                    create_panel(model),
                ],
                className="body",
            ),
        ],
        className="page",
        lang="zh-CN",
    )
