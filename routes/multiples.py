"""``/multiples``: the 16 cities' paths over the years for one indicator, side by side (server-rendered).

One small chart per city on one vertical scale, with the target line, definition breaks and sample values
marked as on the region sheet (components/region_path.py draws them as SVG; sdplan.region_path computes
them). The address is read as the map's view is (indicator, circle, lang, asof: a link from the map carries
them; a tampered value falls back with a notice). No script: it works by keyboard and prints as it is.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

from flask import Blueprint, render_template, request
from markupsafe import Markup

from components.region_path import path_svg
from sdplan.as_of import banner
from sdplan.data_as_of import dataset_for, query_day  # the same reading as the map's (as of its date)
from sdplan.i18n import t
from sdplan.region_path import city_paths, shared_range
from sdplan.store.outage import StoreUnavailable
from sdplan.viewstate import parse_view, query_lang

PATH = "/multiples"
blueprint = Blueprint("multiples", __name__, template_folder="templates", static_folder="static",
                      static_url_path="/multiples-static")


def page_context(query: str) -> dict:
    """Everything the page shows for ``query`` (pure apart from reading the store)."""
    data, fresh, refused = dataset_for(query_day(query))
    view, notices = parse_view(data, query)
    lang = view.lang
    if refused:
        view = replace(view, asof=None)
    paths = city_paths(data, view.indicator, lang, view.circle)
    y_range = shared_range(paths)
    indicator = data.catalog.indicator(view.indicator)
    keep = {k: v for k, v in (("circle", view.circle), ("asof", view.asof)) if v}
    other = {"indicator": view.indicator, **keep, **({} if lang == "en" else {"lang": "en"})}
    return {
        "lang": lang, "t": lambda key, **values: t(key, lang, **values),
        "title": t("multiples_title", lang, indicator=indicator.name(lang)),
        "scope": t(f"circle.{view.circle}", lang) if view.circle else None,
        "notices": [n.message(lang) for n in [*notices, *refused]] + ([] if fresh else [t("store_unavailable", lang)]),
        "banner": banner(view.asof, lang),
        "indicators": [(i, data.catalog.indicator(i).name(lang)) for i in data.catalog.map_indicators()],
        "indicator": view.indicator, "keep": keep,
        "map_href": "/?" + urlencode({"indicator": view.indicator, **keep, **({"lang": "en"} if lang == "en" else {})}),
        "other_href": PATH + "?" + urlencode(other),
        "paths": [{"name": p.name, "summary": p.summary, "svg": Markup(path_svg(p, y_range, 300, 150, axes=True)),
                   "sample": p.has_sample} for p in paths],
        "unit": paths[0].axis if paths else "",
        "target": next((p.target.text for p in paths if p.target), None),
        "breaks": any(p.breaks for p in paths), "sample": any(p.has_sample for p in paths),
        "partial": any(p.has_partial for p in paths),
    }


@blueprint.route(PATH)
def multiples() -> tuple[str, int] | str:
    query = request.query_string.decode("utf-8", "replace")
    try:
        return render_template("multiples.html", **page_context(query))
    except StoreUnavailable:
        return t("store_unavailable", query_lang(query)), 503
