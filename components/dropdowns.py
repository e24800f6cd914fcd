"""The words Dash's dropdowns write themselves (the search box, "No options found", clear), in the
page's language: dcc.Dropdown's ``labels``, which default to English."""

from __future__ import annotations

from sdplan.i18n import t

# dcc.Dropdown's labels (Dash 4): each is the catalogue's ``dropdown.<key>``
DROPDOWN_KEYS = ("select_all", "deselect_all", "selected_count", "search", "clear_search", "clear_selection",
                 "no_options_found")


def dropdown_labels(lang: str, none_found: str = "dropdown.no_options_found") -> dict[str, str]:
    """A dropdown's own words in ``lang``; ``none_found`` names the word for a search that finds nothing."""
    return {key: t(none_found if key == "no_options_found" else f"dropdown.{key}", lang) for key in DROPDOWN_KEYS}


def region_search_labels(lang: str) -> dict[str, str]:
    """The region search's words: it finds cities and counties, and says so when it finds none."""
    return dropdown_labels(lang, "region_search_none")
