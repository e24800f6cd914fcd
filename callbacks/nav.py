"""Pages and navigation: which page the path shows, and the navigation bar in the view's language."""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, callback, clientside_callback

from components import ids
from sdplan.i18n import t
from sdplan.viewstate import LANGS, QueryReader

LEDGER_PATH = "/ledger"


def is_map_page(pathname: str | None) -> bool:
    return not (pathname or "/").rstrip("/").endswith(LEDGER_PATH)


def lang_of(search: str | None) -> str:
    """The language a query string asks for (Chinese unless it says lang=en)."""
    return QueryReader(search).pick("lang", LANGS, "zh")


@callback(
    Output(ids.TITLE, "children"),
    Output("nav-map", "children"), Output("nav-map", "href"),
    Output("nav-ledger", "children"), Output("nav-ledger", "href"),
    Output("nav-admin", "children"),
    Input(ids.URL, "search"),
)
def update_nav(search):
    lang = lang_of(search)
    suffix = "?lang=en" if lang == "en" else ""
    return (t("app_title", lang), t("nav_map", lang), "/" + suffix, t("nav_ledger", lang), LEDGER_PATH + suffix,
            t("nav_admin", lang))


# Show the page the path names; a map that was hidden must re-measure its size when shown.
clientside_callback(
    ClientsideFunction(namespace="sdplan", function_name="showPage"),
    Output(ids.MAP_PAGE, "hidden"),
    Output(ids.LEDGER_PAGE, "hidden"),
    Output(ids.MAP, "invalidateSize"),
    Input(ids.URL, "pathname"),
)
