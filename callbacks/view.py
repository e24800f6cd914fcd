"""The map page's server callback: its query or a control -> a view -> what the view draws.

The query is the single source of truth: a control change becomes a new view whose query is
written to the address; a query (typed, pasted, or from the router) becomes a view that every
output is drawn from. Both directions live in one callback, so one interaction is one request.

The page is drawn in its language (``components/layout.py``; a language switch reloads the page), so
the callback carries only what changes with the view, in short named groups: the address, the
controls' values, the map's values and its layer, the panel, the notice, and one plain message (``page``)
that clientside callbacks place (``callbacks/ui.py``): the controls' options, the small texts and flags,
the names over the map, the panel's sources, the map's fit.
Every text is written here, in Python; the browser only places it.
"""

from __future__ import annotations

import json
import threading
import weakref
from dataclasses import dataclass, replace

from dash import Input, Output, State, callback, ctx, no_update
from plotly.io.json import to_json_plotly

from components import ids
from components.controls import (
    compare_options,
    indicator_options,
    level_options,
    measure_options,
    period_options,
    slider_marks,
)
from components.legend import create_legend
from components.map import FIT_PADDING
from components.notices import notice_lines
from components.panel import breakdown_figure, create_cards, create_sources, create_table
from routes.answer_cache import do_not_keep
from routes.geometry import geo_url
from sdplan.as_of import banner as as_of_banner
from sdplan.as_of import parse_day
from sdplan.data_as_of import dataset_for, query_day
from sdplan.dataset import Dataset, Remembered
from sdplan.i18n import t
from sdplan.labels import map_labels
from sdplan.mapview import MapModel, build_map_model
from sdplan.region_path import paths_of
from sdplan.search import region_facts, region_options
from sdplan.store.outage import StoreUnavailable
from sdplan.values import periods
from sdplan.viewstate import Note, Notice, View, advance, parse_view, period_index, query_lang, view_query

# Where the map reports hover and click (the browser's script reads these from the hideout).
MAP_EVENT_IDS = {"hover": ids.MAP_HOVER, "click": ids.MAP_CLICK, "select": ids.MAP_SELECT, "map": ids.MAP}

OUTPUTS = {
    "address": {"query": Output(ids.MAP_QUERY, "data", allow_duplicate=True),
                "search": Output(ids.URL, "search", allow_duplicate=True)},
    # a dropdown forgets a value its options lack: its options travel beside its value (a page opened: the
    # indicators), the rest in the page message
    "controls": {"indicator": Output(ids.INDICATOR, "value"), "indicator_options": Output(ids.INDICATOR, "options"),
                 "level": Output(ids.LEVEL, "value"), "circle": Output(ids.CIRCLE, "value"),
                 "scheme": Output(ids.SCHEME, "value"),
                 "period": Output(ids.PERIOD, "value"), "period_options": Output(ids.PERIOD, "options"),
                 "compare": Output(ids.COMPARE, "value"), "compare_options": Output(ids.COMPARE, "options"),
                 "step": Output(ids.PERIOD_SLIDER, "value")},
    "hideout": Output(ids.MAP_HIDEOUT, "data"),
    # the region layer's address, set with the answer (not placed after it): the regions are asked for while
    # the rest of the answer is drawn
    "layer": Output(ids.REGIONS, "url"),
    "panel": {"legend": Output(ids.LEGEND, "children"), "cards": Output(ids.CARDS, "children"),
              "chart": Output(ids.CHART, "figure"), "table": Output(ids.TABLE, "children")},
    "notice": Output(ids.NOTICE, "children"),
    "page": Output(ids.MAP_PAGE_DATA, "data"),
}
# What the ``page`` message holds, keyed "<component id>.<property>" (the clientside callbacks of
# callbacks/ui.py place each under its key): the controls' options and flags and the names over the map, then
# the page's small parts, the panel's sources and the map's fit; and, once the map's regions are drawn, the
# regions to search (152 options the dropdown indexes: not before the first map).
CONTROL_PLACES = ((ids.LEVEL, "options"), (ids.SCHEME, "disabled"),
                  (ids.SCHEME_NOTE, "children"), (ids.PERIOD_SLIDER, "marks"), (ids.PERIOD_SLIDER, "max"),
                  (ids.PLAY, "disabled"), (ids.LABELS, "data"))
PAGE_PLACES = ((ids.DATA_DATE, "children"), (ids.PRINT_FILTERS, "children"), (ids.BREAKDOWN_TITLE, "children"),
               (ids.SAMPLE_BANNER, "hidden"), (ids.BACK, "hidden"), (ids.BACK, "children"),
               (ids.PROGRESS_TITLE, "hidden"), (ids.MAP_SELECT, "data"), (ids.MEASURE, "options"),
               (ids.MEASURE, "value"), (ids.ASOF, "value"), (ids.ASOF_BANNER, "children"), (ids.ASOF_BANNER, "hidden"),
               (ids.MULTIPLES_LINK, "href"), (ids.SOURCES, "children"))
AFTER_MAP_PLACES = ((ids.REGION_SEARCH, "options"),)
# What can change the view: the query, or one of these (named by argument, keyed by id).
TRIGGERS = {"indicator": Input(ids.INDICATOR, "value"), "level": Input(ids.LEVEL, "value"),
            "circle": Input(ids.CIRCLE, "value"), "scheme": Input(ids.SCHEME, "value"),
            "period": Input(ids.PERIOD, "value"), "compare": Input(ids.COMPARE, "value"),
            "step": Input(ids.PERIOD_SLIDER, "value"), "measure": Input(ids.MEASURE, "value"),
            "asof": Input(ids.ASOF, "value"),
            "back": Input(ids.BACK, "n_clicks"), "map_click": Input(ids.MAP_CLICK, "data"),
            "region": Input(ids.REGION_SEARCH, "value")}


def key(component: str, prop: str) -> str:
    """The name of a placed property in the page message."""
    return f"{component}.{prop}"


def next_view(data: Dataset, query: str | None, trigger: str | None,
              value: object = None) -> tuple[View, list[Notice | Note]]:
    """The view after ``trigger`` (a component id of :data:`TRIGGERS`, or the query), as the callback reads it."""
    return advance(data, *parse_view(data, query), action_of(trigger), value)


def action_of(trigger: str | None) -> str | None:
    """The view-state action (:data:`sdplan.viewstate.ACTIONS`) a component id stands for; None for the query."""
    return next((name for name, dep in TRIGGERS.items() if dep.component_id == trigger), None)


def data_date_text(model: MapModel) -> str:
    """"数据截至 <period>", with the date of the newest source when one is dated."""
    period, source = model.view.period or "—", model.data_date
    if source:
        return t("data_as_of_source", model.lang, date=period, source=source)
    return t("data_as_of", model.lang, date=period)


def filters_text(data: Dataset, model: MapModel) -> str:
    """The view's filters in one line (printed above the figures)."""
    view, lang = model.view, model.lang
    circle = t(f"circle_short.{view.circle}", lang) if view.circle else t("all_circles", lang)
    parts = [(t("indicator", lang), model.indicator.name(lang)), (t("level", lang), t(f"level.{model.layer}", lang)),
             (t("circle", lang), circle), (t("period", lang), view.period or "—")]
    if view.prefecture:
        parts.insert(2, ("", data.region_name(view.prefecture, lang)))
    if view.asof:  # drawn from a past version of the data: on paper too
        parts.append(("", as_of_banner(view.asof, lang)))
    return " · ".join(t("labelled", lang, label=k, value=v) if k else v for k, v in parts)


def viewport(model: MapModel) -> dict:
    (south, west), (north, east) = model.bounds
    return {"bounds": [[south, west], [north, east]], "options": FIT_PADDING}


@callback(output=OUTPUTS, inputs={"query": Input(ids.MAP_QUERY, "data"), **TRIGGERS},
          state={"layer_url": State(ids.REGIONS, "url")}, prevent_initial_call=True)
def update_view(query: str | None, layer_url: str | None, **triggers) -> dict:
    trigger = ctx.triggered_id
    asked = triggers.get("asof")  # the data drawn from: the date control's (a valid or cleared one), else the query's
    day = asked if trigger == ids.ASOF and (not asked or parse_day(asked)) else query_day(query)
    try:
        data, fresh, refused = dataset_for(day)
    except StoreUnavailable:  # nothing read yet in this process: the map stays as drawn, and says why
        do_not_keep()
        return nothing_but(notice_lines([t("store_unavailable", query_lang(query))]))
    action = action_of(trigger)
    previous, notices = parse_view(data, query)
    view, notices = advance(data, previous, notices, action, triggers.get(action))
    if refused:  # no data stored by that date: the current data, and a notice saying so
        view, notices = replace(view, asof=None), [*notices, *refused]
    selected = triggers["region"] if action == "region" and triggers["region"] else None
    shown = {"measure": triggers.get("measure"), "asof": triggers.get("asof")}
    outputs = render(data, view, notices, previous, query, layer_url, initial=action is None, selected=selected,
                     shown=shown)
    if not fresh:  # the last data this process read, while the database does not answer
        do_not_keep()
        outputs["notice"] = [*(outputs["notice"] or []), *notice_lines([t("store_unavailable", view.lang)])]
    return outputs


def draw_first_views(data: Dataset) -> None:
    """Draw the page opened without a query, in each language, once (called at start-up): the first visitor of a
    new worker is answered from it instead of waiting for the drawing (with ``preload_app`` the master draws it
    and the workers share it)."""
    for lang in ("zh", "en"):
        view, notices = parse_view(data, f"?lang={lang}")
        render(data, view, notices, view, None, None, initial=True)


def opened(query: str) -> tuple[Dataset, View] | None:
    """The data and view of the map page opened at ``query``, as its first answer reads them; None when the store
    does not answer (the page then waits for that answer, which says why)."""
    try:
        data, _fresh, refused = dataset_for(query_day(query))
    except StoreUnavailable:
        return None
    view, _notices = next_view(data, query, None)
    return data, replace(view, asof=None) if refused else view  # no data by that date: the current, as answered


def first_view(query: str) -> dict | None:
    """What the map page opened at ``query`` draws on the map before its first answer (routes/first_view.py): the
    region layer's address and the hideout that answer carries (the same, built once per view by :func:`panel`)."""
    if (first := opened(query)) is None:
        return None
    this = panel(*first)
    return {"layer": geo_url(this.model.layer), "hideout": this.hideout}


# What the layout is drawn with (the header and the messages over the map, as the first answer sets them): not the
# panel, its sources nor the regions to search (placed after the map), nor a region's sheet.
FIRST_STATE = tuple(place for place in CONTROL_PLACES + PAGE_PLACES
                    if place not in ((ids.SOURCES, "children"), (ids.MAP_SELECT, "data")))


def first_state(query: str) -> dict[tuple[str, str], object]:
    """The controls and the small parts of the map page opened at ``query``, by (component id, property), as its
    first answer sets them, and the map's initial bounds, its scope's: the layout is drawn so (components/layout.py),
    the header keeps its size when the answer comes and the map is created where that answer fits it, so the regions
    drawn before it (assets/sdplan_first_view.js) stay put."""
    if (first := opened(query)) is None:
        return {}
    data, view = first
    outputs = render(data, view, [], view, query, None, initial=True)
    controls = {(output.component_id, output.component_property): outputs["controls"][name]
                for name, output in OUTPUTS["controls"].items()}
    page = outputs["page"]
    fit = outputs["hideout"]["fit"]  # the map created fitted to the view's scope (components/map.py)
    return (controls | {place: page[key(*place)] for place in FIRST_STATE if key(*place) in page}
            | {(ids.MAP, "bounds"): fit["bounds"], (ids.MAP, "boundsOptions"): fit["options"]})


def nothing_but(notice: list) -> dict:
    """Every output left as drawn but the notice."""
    return {name: ({k: no_update for k in group} if isinstance(group, dict) else no_update)
            for name, group in OUTPUTS.items()} | {"notice": notice}


@dataclass(frozen=True)
class Panel:
    """What the map page draws for one view, built once per view (remembered beside the dataset)."""

    model: MapModel
    hideout: dict
    panel: dict[str, object]  # the legend, cards, chart, table and sources, as plain JSON data
    options: dict[str, list[dict]]  # the period and comparison dropdowns
    page: dict[str, object]  # the small texts and flags of the view, keyed as the page message


# The panels drawn from each dataset (Dash components stay out of the domain's caches): one bounded map per
# dataset, gone with it.
_PANELS: weakref.WeakKeyDictionary[Dataset, Remembered] = weakref.WeakKeyDictionary()
_PANELS_LOCK = threading.Lock()


def _panels_of(data: Dataset) -> Remembered:
    with _PANELS_LOCK:
        panels = _PANELS.get(data)
        if panels is None:
            panels = _PANELS[data] = Remembered(max_entries=512)
        return panels


def panel(data: Dataset, view: View) -> Panel:
    return _panels_of(data).get(view, lambda: _panel(data, view))


def _panel(data: Dataset, view: View) -> Panel:
    model = build_map_model(data, view)
    lang = view.lang
    categories = model.classes.scheme == "categories"
    steps = len(periods(data, view.indicator, view.level))
    page = {
        key(ids.LEVEL, "options"): level_options(data, view),
        key(ids.SCHEME, "disabled"): categories,
        key(ids.SCHEME_NOTE, "children"): t("scheme_fixed", lang) if categories else None,
        key(ids.PERIOD_SLIDER, "marks"): slider_marks(data, view),
        key(ids.PERIOD_SLIDER, "max"): max(steps - 1, 0),
        key(ids.PLAY, "disabled"): steps < 2 or bool(view.compare),
        key(ids.DATA_DATE, "children"): data_date_text(model),
        key(ids.PRINT_FILTERS, "children"): filters_text(data, model),
        key(ids.BREAKDOWN_TITLE, "children"): t("breakdown_county" if view.prefecture else "breakdown", lang),
        key(ids.SAMPLE_BANNER, "hidden"): not model.has_sample,
        key(ids.BACK, "hidden"): view.prefecture is None,
        key(ids.BACK, "children"): t("back_to_circle" if view.circle else "back", lang),
        key(ids.PROGRESS_TITLE, "hidden"): not model.progress,
        key(ids.MEASURE, "options"): measure_options(data, view),
        key(ids.ASOF_BANNER, "children"): as_of_banner(view.asof, lang) or "",
        key(ids.ASOF_BANNER, "hidden"): view.asof is None,
        "step": period_index(data, view),
    }
    drawn = plain({"legend": create_legend(model), "cards": create_cards(model), "chart": breakdown_figure(model),
                   "table": create_table(model, paths_of(data, view.indicator, list(model.breakdown["adcode"]), lang)),
                   "sources": create_sources(model)})
    page[key(ids.SOURCES, "children")] = drawn.pop("sources")  # below the table: placed after the answer
    options = {"period": period_options(data, view), "compare": compare_options(data, view)}
    return Panel(model, {**model.hideout(), "fit": viewport(model), "ids": MAP_EVENT_IDS}, drawn, options, page)


def plain(parts: dict) -> dict:
    """The parts as the JSON Dash sends them (a component as its type, namespace and props), made once per view:
    each answer then encodes plain data, not a tree of components walked again (most of an answer's CPU)."""
    return json.loads(to_json_plotly(parts))


def render(data: Dataset, view: View, notices: list[Notice | Note], previous: View, query: str | None,
           layer_url: str | None, initial: bool, selected: str | None = None, shown: dict | None = None) -> dict:
    """Every output of :func:`update_view` for ``view``, by group and name (pure apart from building components).

    ``initial``: drawn from the query (a page opened, the browser's back or forward), so the options that
    change only with the data (the indicators, the regions to search) travel too, and the map is fitted.
    ``shown``: what the measure and date controls hold; a value is placed only where the view's differs (placing
    an input's value asks for the view again, and resets a date being typed).
    """
    this = panel(data, view)
    model = this.model
    new_query = view_query(data, view)
    moved = new_query != (query or "")
    scope_changed = initial or (previous.circle, previous.prefecture) != (view.circle, view.prefecture)
    new_layer_url = geo_url(model.layer)
    page = dict(this.page)
    if initial:
        page[key(ids.REGION_SEARCH, "options")] = region_options(data, view.lang)
    if scope_changed or new_layer_url != layer_url:
        page[key(ids.LABELS, "data")] = map_labels(model)
    if scope_changed:  # the map measured again, then fitted to the scope (callbacks/ui.py)
        page["fit"] = {"map": ids.MAP, "viewport": viewport(model)}
    if selected:
        page[key(ids.MAP_SELECT, "data")] = region_facts(data, selected)
    shown = shown or {}
    if (shown.get("measure") or "value") != (view.measure or "value"):
        page[key(ids.MEASURE, "value")] = view.measure or "value"
    if (shown.get("asof") or None) != view.asof:
        page[key(ids.ASOF, "value")] = view.asof or ""
    page[key(ids.MULTIPLES_LINK, "href")] = "/multiples" + new_query  # (it reads indicator, circle, lang, asof)
    return {
        "address": {"query": new_query if moved else no_update, "search": new_query if moved else no_update},
        "controls": {"indicator": view.indicator,
                     "indicator_options": indicator_options(data, view.lang) if initial else no_update,
                     "level": model.layer, "circle": view.circle or "all", "scheme": view.scheme,
                     "period": view.period, "period_options": this.options["period"],
                     "compare": view.compare or "none", "compare_options": this.options["compare"],
                     "step": page["step"]},
        "hideout": {**this.hideout, "hl": selected} if selected else this.hideout,
        "layer": new_layer_url if new_layer_url != layer_url else no_update,
        "panel": this.panel,
        "notice": notice_lines([n.message(view.lang) for n in notices]),
        "page": page,
    }
