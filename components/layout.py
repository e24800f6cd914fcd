"""The frame (navigation, the address, both pages) and the map page's layout.

Layouts hold no figures: each page's own callback draws the view its address asks for. The
path picks the page shown and the address's query goes to that page alone
(``callbacks/pages.py``), so a page's callbacks never fire for the other's changes. The map page's
controls may be drawn as its first answer will set them (``state``), so that the header does not
change size when the answer comes.
"""

from __future__ import annotations

from dash import dcc, html

from sdplan.i18n import LANGS, t
from sdplan.settings import Settings

from . import ids
from .briefing import create_briefing_control
from .controls import DROPDOWNS, create_controls, create_time_bar
from .dropdowns import dropdown_labels, region_search_labels
from .export import create_export
from .map import create_map
from .panel import create_panel

LEDGER_PATH = "/ledger"
NAV_KEYS = ("app_title", "doc_title", "nav_map", "nav_ledger", "nav_admin", "skip_to_map", "link_copied", "zoom_in",
            "zoom_out", "close", "play", "pause")


def create_layout(settings: Settings, lang: str = "zh", state: dict[tuple[str, str], object] | None = None) -> html.Div:
    """The frame, drawn in ``lang`` (the address's language): the address, the navigation and both pages
    (the path shows one). The map page is drawn in its language only: a language switch draws it again.
    ``state``: property values by (component id, property), set on the components drawn
    (``callbacks.view.first_state``)."""
    layout = html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.NAV_WORDS, data=nav_words(lang)),
            dcc.Store(id=ids.MAP_QUERY),
            dcc.Store(id=ids.LEDGER_QUERY),
            # the first stop of Tab: straight to the map (Leaflet's container takes the focus)
            html.A(t("skip_to_map", lang), href=f"#{ids.MAP}", id=ids.SKIP_LINK, className="skip-link"),
            create_nav(lang),
            create_map_page(settings, lang),
            html.Div(id=ids.LEDGER_PAGE, className="ledger-page", hidden=True),
        ],
        className="page",
        lang=t("html_lang", lang),
    )
    for (component, prop), value in (state or {}).items():
        setattr(layout[component], prop, value)
    return layout


def nav_words(lang: str = "zh") -> dict:
    """The language the page was drawn in (``drawn``), the navigation's words in both languages, the tab's
    title, the words of the map's zoom buttons, of the play button and of the map page's dropdowns, and the
    paths (the browser switches them: callbacks/pages.py)."""
    return {"paths": {"map": "/", "ledger": LEDGER_PATH}, "dropdowns": len(DROPDOWNS), "drawn": lang,
            **{lang: {**{key: t(key, lang) for key in NAV_KEYS}, "dropdown": dropdown_labels(lang),
                      "region_dropdown": region_search_labels(lang)} for lang in LANGS}}


def create_nav(lang: str) -> html.Nav:
    """Links between the map, the plan's ledger and data management (/admin/)."""
    return html.Nav(
        [
            html.Span(t("app_title", lang), id=ids.TITLE, className="nav-title"),
            dcc.Link(t("nav_map", lang), href="/", id=ids.NAV_MAP, className="nav-link"),
            dcc.Link(t("nav_ledger", lang), href=LEDGER_PATH, id=ids.NAV_LEDGER, className="nav-link"),
            html.A(t("nav_admin", lang), href="/admin/", id=ids.NAV_ADMIN, className="nav-link"),
        ],
        id=ids.NAV,
        className="nav",
    )


def create_map_page(settings: Settings, lang: str) -> html.Div:
    """The map page: controls, notices, the map with its legend, and the panel."""
    return html.Div(
        [
            # On a phone the controls are a drawer behind one compact button (assets/sdplan.css).
            html.Div(html.Button(t("filters", lang), id=ids.DRAWER_TOGGLE, className="drawer-toggle", n_clicks=0,
                                 **{"aria-expanded": "false", "aria-controls": ids.HEADER}),
                     className="compact-bar"),
            html.Header([create_controls(lang), create_export(lang), create_briefing_control(lang, ids.MAP_BRIEF)],
                        id=ids.HEADER, className="header"),
            html.Main(
                [
                    html.Div(
                        [
                            create_map(settings, lang),
                            create_region_search(lang),
                            create_sheet(lang),
                            # Over the map, so that showing them never resizes it after it was fitted.
                            html.Div([
                                html.Button(t("back", lang), id=ids.BACK, className="back-button", hidden=True,
                                            n_clicks=0),
                                html.Div(id=ids.NOTICE, className="notice", role="status"),
                                html.Div(t("sample_banner", lang), id=ids.SAMPLE_BANNER, className="sample-banner",
                                         hidden=True),
                                html.Div(id=ids.ASOF_BANNER, className="asof-banner", hidden=True, role="status"),
                            ], className="map-messages"),
                            create_time_bar(lang),
                        ],
                        className="map-column",
                    ),
                    create_panel(lang),
                ],
                className="body",
            ),
        ],
        id=ids.MAP_PAGE,
        className="map-page",
    )


def create_region_search(lang: str) -> html.Div:
    """Find a city or county by name or pinyin: it is highlighted, zoomed to and its information opens."""
    return html.Div([
        html.Label(t("region_search", lang), htmlFor=ids.REGION_SEARCH, id=ids.label_of(ids.REGION_SEARCH),
                   className="sr-only"),
        dcc.Dropdown(id=ids.REGION_SEARCH, searchable=True, clearable=True, className="region-search-dropdown",
                     placeholder=t("region_search_placeholder", lang), labels=region_search_labels(lang)),
    ], className="region-search")


def create_sheet(lang: str) -> html.Div:
    """The selected region's information (a bottom sheet on a phone): name, value, target, source; drill."""
    return html.Div([
        html.Button("×", id=ids.SHEET_CLOSE, className="sheet-close", n_clicks=0, title=t("close", lang),
                    **{"aria-label": t("close", lang)}),
        html.Div(id=ids.SHEET_BODY, className="sheet-body", **{"aria-live": "polite"}),
        dcc.Store(id=ids.PATH_REQUEST),
        html.Div(id=ids.SHEET_PATH, className="sheet-path"),
        html.Button(t("view_counties", lang), id=ids.SHEET_DRILL, className="sheet-drill", n_clicks=0),
    ], id=ids.SHEET, className="region-sheet", hidden=True, role="region",
        **{"aria-labelledby": ids.SHEET_BODY})
