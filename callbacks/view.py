"""The map page's one server callback: its query or a control -> a view -> everything drawn.

The query is the single source of truth: a control change becomes a new view whose query is
written to the address; a query (typed, pasted, or from the router) becomes a view that every
output is drawn from. Both directions live in one callback, so one interaction is one request.
Outputs are named (Dash's dict form); :func:`render` computes them from pure functions.
"""

from __future__ import annotations

import threading
import time
import weakref
from dataclasses import dataclass, replace

from dash import Input, Output, Patch, State, callback, ctx, no_update
from plotly.io.json import to_json_plotly

from components import ids
from components.controls import (
    LABEL_KEYS,
    circle_options,
    compare_options,
    indicator_options,
    level_options,
    measure_options,
    period_options,
    scheme_options,
)
from components.export import orientation_options, text
from components.legend import create_legend
from components.notices import notice_lines
from components.panel import breakdown_figure, create_cards, create_sources, create_table
from routes.geometry import geo_url
from sdplan.as_of import banner as as_of_banner
from sdplan.as_of import parse_day
from sdplan.dataset import Dataset, Remembered
from sdplan.i18n import t
from sdplan.labels import map_labels
from sdplan.mapview import MapModel, build_map_model
from sdplan.region_path import paths_of
from sdplan.search import region_facts, region_options
from sdplan.store.outage import StoreUnavailable
from sdplan.viewstate import Note, Notice, View, advance, parse_view, query_lang, view_query

from .data_as_of import dataset_for, query_day

# Where the map reports hover and click (the browser's script reads these from the hideout).
MAP_EVENT_IDS = {"hover": ids.MAP_HOVER, "click": ids.MAP_CLICK, "select": ids.MAP_SELECT, "map": ids.MAP}

OUTPUTS = {
    "query": Output(ids.MAP_QUERY, "data", allow_duplicate=True),
    "search": Output(ids.URL, "search", allow_duplicate=True),
    "indicator": Output(ids.INDICATOR, "value"), "indicator_options": Output(ids.INDICATOR, "options"),
    "level": Output(ids.LEVEL, "value"), "level_options": Output(ids.LEVEL, "options"),
    "circle": Output(ids.CIRCLE, "value"), "circle_options": Output(ids.CIRCLE, "options"),
    "scheme": Output(ids.SCHEME, "value"), "scheme_options": Output(ids.SCHEME, "options"),
    "scheme_disabled": Output(ids.SCHEME, "disabled"), "scheme_note": Output(ids.SCHEME_NOTE, "children"),
    "drawer_toggle": Output(ids.DRAWER_TOGGLE, "children"), "legend_toggle": Output(ids.LEGEND_TOGGLE, "children"),
    "period": Output(ids.PERIOD, "value"), "period_options": Output(ids.PERIOD, "options"),
    "compare": Output(ids.COMPARE, "value"), "compare_options": Output(ids.COMPARE, "options"),
    "measure": Output(ids.MEASURE, "value"), "measure_options": Output(ids.MEASURE, "options"),
    "language": Output(ids.LANG, "children"),
    "layer_url": Output(ids.REGIONS, "url"), "hideout": Output(ids.MAP_HIDEOUT, "data"),
    "drawn": Output(ids.MAP_DRAWN, "data"),
    "labels_data": Output(ids.LABELS, "data"),
    "viewport": Output(ids.MAP, "viewport"),
    "resize": Output(ids.MAP, "invalidateSize", allow_duplicate=True),
    "legend": Output(ids.LEGEND, "children"),
    "select": Output(ids.MAP_SELECT, "data", allow_duplicate=True),
    "search_options": Output(ids.REGION_SEARCH, "options"),
    "search_placeholder": Output(ids.REGION_SEARCH, "placeholder"),
    "search_label": Output(ids.label_of(ids.REGION_SEARCH), "children"),
    "sheet_drill": Output(ids.SHEET_DRILL, "children"), "copy_link": Output(ids.COPY_LINK, "children"),
    "data_date": Output(ids.DATA_DATE, "children"), "print_filters": Output(ids.PRINT_FILTERS, "children"),
    "cards": Output(ids.CARDS, "children"), "chart": Output(ids.CHART, "figure"), "table": Output(ids.TABLE, "children"),
    "sources": Output(ids.SOURCES, "children"), "breakdown_title": Output(ids.BREAKDOWN_TITLE, "children"),
    "banner": Output(ids.SAMPLE_BANNER, "children"), "banner_hidden": Output(ids.SAMPLE_BANNER, "hidden"),
    "notice": Output(ids.NOTICE, "children"),
    "asof": Output(ids.ASOF, "value"), "asof_banner": Output(ids.ASOF_BANNER, "children"),
    "asof_banner_hidden": Output(ids.ASOF_BANNER, "hidden"),
    "multiples": Output(ids.MULTIPLES_LINK, "href"), "multiples_link": Output(ids.MULTIPLES_LINK, "children"),
    "back_hidden": Output(ids.BACK, "hidden"), "back": Output(ids.BACK, "children"),
    "labels": {control: Output(ids.label_of(control), "children") for control in LABEL_KEYS},
    "progress_title": Output(ids.PROGRESS_TITLE, "children"),
    "progress_title_hidden": Output(ids.PROGRESS_TITLE, "hidden"),
    "export_label": Output(ids.EXPORT_LABEL, "children"), "export_button": Output(ids.EXPORT_BUTTON, "children"),
    "export_orientations": Output(ids.EXPORT_ORIENTATION, "options"),
    "brief_button": Output(ids.BRIEF_BUTTON, "children"), "brief_progress": Output(ids.BRIEF_PROGRESS, "children"),
}
# What can change the view: the query, or one of these (named by argument, keyed by id).
TRIGGERS = {"indicator": Input(ids.INDICATOR, "value"), "level": Input(ids.LEVEL, "value"),
            "circle": Input(ids.CIRCLE, "value"), "scheme": Input(ids.SCHEME, "value"),
            "period": Input(ids.PERIOD, "value"), "compare": Input(ids.COMPARE, "value"),
            "measure": Input(ids.MEASURE, "value"), "lang": Input(ids.LANG, "n_clicks"), "asof": Input(ids.ASOF, "value"),
            "back": Input(ids.BACK, "n_clicks"), "map_click": Input(ids.MAP_CLICK, "data"),
            "region": Input(ids.REGION_SEARCH, "value")}


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
    # room at the top for the messages over the map, and at the bottom for the scale bar
    return {"bounds": [[south, west], [north, east]], "options": {"paddingTopLeft": [24, 72], "paddingBottomRight": [24, 32]}}


def chart(this: Panel, before: Panel | None) -> object:
    """The breakdown chart: unchanged, whole, or its traces and the layout's keys that changed as a patch."""
    figure = this.outputs["chart"]
    if before is None:
        return figure
    if before.fingerprints["chart"] == this.fingerprints["chart"]:
        return no_update
    old = before.outputs["chart"]
    patch = Patch()
    patch["data"] = figure["data"]  # (also clears a bar highlighted from the map)
    for key in old["layout"].keys() - figure["layout"].keys():
        del patch["layout"][key]
    for key, value in figure["layout"].items():
        if value != old["layout"].get(key):
            patch["layout"][key] = value
    return patch


def hideout(this: Panel, before: Panel | None, selected: str | None = None) -> dict | Patch:
    """The map's hideout for ``this`` view: whole, or as a patch of what differs from ``before``'s.

    The highlight is the region chosen in the search, else cleared (always sent: the browser may have
    outlined a bar's region since); ``fit`` is the view's bounds (refitted when a region is selected).
    """
    extra = {"hl": selected} if selected else {}
    if before is None:
        return {**this.hideout, "ids": MAP_EVENT_IDS, **extra}
    patch = Patch()
    for key, value in this.hideout.items():
        if key == "hl" or value != before.hideout.get(key):
            patch[key] = value
    for key, value in extra.items():
        patch[key] = value
    return patch


@callback(output=OUTPUTS, inputs={"query": Input(ids.MAP_QUERY, "data"), **TRIGGERS},
          state={"layer_url": State(ids.REGIONS, "url"), "drawn": State(ids.MAP_DRAWN, "data"),
                 "selection": State(ids.MAP_SELECT, "data")},
          prevent_initial_call=True)
def update_view(query: str | None, layer_url: str | None, drawn: int | None = None, selection: object = None,
                **triggers) -> dict:
    asked = triggers.get("asof")  # the data drawn from: the date control's (a valid or cleared one), else the query's
    day = asked if ctx.triggered_id == ids.ASOF and (not asked or parse_day(asked)) else query_day(query)
    try:
        data, fresh, refused = dataset_for(day)
    except StoreUnavailable:  # nothing read yet in this process: the map stays as drawn, and says why
        return {**{name: no_update for name in OUTPUTS}, "labels": {c: no_update for c in LABEL_KEYS},
                "notice": notice_lines([t("store_unavailable", query_lang(query))])}
    outputs = _update_view(data, query, layer_url, drawn, selection, refused=refused, **triggers)
    if not fresh:  # the last data this process read, while the database does not answer
        outputs["notice"] = [*(outputs["notice"] or []), *notice_lines([t("store_unavailable", query_lang(query))])]
    return outputs


def _update_view(data: Dataset, query: str | None, layer_url: str | None, drawn: int | None = None,
                 selection: object = None, refused: list[Note] = (), **triggers) -> dict:
    trigger = ctx.triggered_id
    action = action_of(trigger)
    value = triggers.get(action) if action else None
    previous, notices = parse_view(data, query)
    view, notices = advance(data, previous, notices, action, value)
    if refused:  # no data stored by that date: the current data, and a notice saying so
        view, notices = replace(view, asof=None), [*notices, *refused]
    shown = {name: triggers[name] for name in ("indicator", "level", "circle", "scheme", "period", "compare", "measure", "asof")}
    selected = value if trigger == ids.REGION_SEARCH and value else None
    if selected is None and trigger == ids.LANG:  # the region shown in the sheet, named in the new language
        code = selection.get("adcode") if isinstance(selection, dict) else None
        selected = code if data.has_region(code) else None  # (a forged one is dropped)
    return render(data, view, notices, previous, query, layer_url, initial=trigger in (None, ids.MAP_QUERY),
                  shown=shown, drawn=drawn, selected=selected)


@dataclass(frozen=True)
class Panel:
    """What the map page draws for one view, built once per view (remembered with the dataset); each
    drawn output beside a fingerprint of its JSON, so an output equal to the previous view's stays put."""

    model: MapModel
    hideout: dict
    outputs: dict[str, object]  # legend, cards, chart, table, sources and the titles and flags of the view
    fingerprints: dict[str, int]


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
    outputs = {
        "legend": create_legend(model), "cards": create_cards(model), "chart": breakdown_figure(model),
        "table": create_table(model, paths_of(data, view.indicator, list(model.breakdown["adcode"]), lang)),
        "sources": create_sources(model),
        "scheme_disabled": model.classes.scheme == "categories",
        "scheme_note": t("scheme_fixed", lang) if model.classes.scheme == "categories" else None,
        "data_date": data_date_text(model), "print_filters": filters_text(data, model),
        "breakdown_title": t("breakdown_county" if view.prefecture else "breakdown", lang),
        "banner_hidden": not model.has_sample,
        "back_hidden": view.prefecture is None,
        "back": t("back_to_circle" if view.circle else "back", lang),
        "progress_title_hidden": not model.progress,
    }
    fingerprints = {name: hash(to_json_plotly(value)) for name, value in outputs.items()}
    return Panel(model, {**model.hideout(), "fit": viewport(model)}, outputs, fingerprints)


def render(data: Dataset, view: View, notices: list[Notice | Note], previous: View, query: str | None,
           layer_url: str | None, initial: bool, shown: dict | None = None, drawn: int | None = None,
           selected: str | None = None) -> dict:
    """Every output of :func:`update_view` for ``view``, by name (pure apart from building components).

    What the browser already shows does not travel again: a control's value equal to ``shown`` (the
    controls' values the request carried), and the panel's parts equal to the previous view's, when the
    browser drew that view from this dataset (``drawn``, the revision it holds) and this process still
    remembers it; else they travel anyway. The hideout then travels as a patch of the keys that changed.
    """
    this = panel(data, view)
    same_data = drawn is not None and drawn == data.revision
    before = None if initial or previous == view or not same_data else _panels_of(data).peek(previous)
    model = this.model
    lang = view.lang
    new_query = view_query(data, view)
    scope_changed = initial or (previous.circle, previous.prefecture) != (view.circle, view.prefecture)
    new_layer_url = geo_url(model.layer)
    new_lang = initial or lang != previous.lang
    new_indicator = new_lang or view.indicator != previous.indicator
    new_level = new_indicator or view.level != previous.level

    def when(changed: bool, value: object) -> object:  # what changes rarely travels only when it changes
        return value if changed else no_update

    def unless_same(name: str) -> object:
        same = before is not None and before.fingerprints[name] == this.fingerprints[name]
        return no_update if same else this.outputs[name]

    def unless_shown(name: str, value: object) -> object:
        return no_update if shown is not None and name in shown and shown[name] == value else value

    moved = new_query != (query or "")
    return {
        "query": new_query if moved else no_update,
        "search": new_query if moved else no_update,
        "indicator": unless_shown("indicator", view.indicator),
        "indicator_options": when(new_lang, indicator_options(data, lang)),
        "level": unless_shown("level", model.layer), "level_options": when(new_indicator, level_options(data, view)),
        "circle": unless_shown("circle", view.circle or "all"), "circle_options": when(new_lang, circle_options(lang)),
        "scheme": unless_shown("scheme", view.scheme), "scheme_options": when(new_lang, scheme_options(lang)),
        "scheme_disabled": unless_same("scheme_disabled"), "scheme_note": unless_same("scheme_note"),
        "drawer_toggle": when(new_lang, t("filters", lang)), "legend_toggle": when(new_lang, t("legend_toggle", lang)),
        "period": unless_shown("period", view.period), "period_options": when(new_level, period_options(data, view)),
        "compare": unless_shown("compare", view.compare or "none"),
        "compare_options": when(new_level or view.period != previous.period, compare_options(data, view)),
        "measure": unless_shown("measure", view.measure or "value"),
        "measure_options": when(new_indicator, measure_options(data, view)),
        "language": when(new_lang, t("language", lang)),
        "layer_url": new_layer_url if new_layer_url != layer_url else no_update,
        "labels_data": when(scope_changed or new_lang or new_layer_url != layer_url, map_labels(model)),
        "hideout": hideout(this, before, selected),
        "drawn": no_update if same_data else data.revision,
        "viewport": viewport(model) if scope_changed else no_update,
        # measure the map again before fitting: the controls filled by this response may have moved it
        "resize": time.time_ns() // 1000 if scope_changed else no_update,
        "select": region_facts(data, selected) if selected else no_update,
        "search_options": when(new_lang, region_options(data, lang)),
        "search_placeholder": when(new_lang, t("region_search_placeholder", lang)),
        "search_label": when(new_lang, t("region_search", lang)),
        "sheet_drill": when(new_lang, t("view_counties", lang)), "copy_link": when(new_lang, t("copy_link", lang)),
        "data_date": unless_same("data_date"), "print_filters": unless_same("print_filters"),
        "legend": unless_same("legend"), "cards": unless_same("cards"), "chart": chart(this, before),
        "table": unless_same("table"), "sources": unless_same("sources"),
        "breakdown_title": unless_same("breakdown_title"),
        "banner": when(new_lang, t("sample_banner", lang)), "banner_hidden": unless_same("banner_hidden"),
        "notice": notice_lines([n.message(lang) for n in notices]),
        "asof": unless_shown("asof", view.asof), "asof_banner": as_of_banner(view.asof, lang) or "",
        "asof_banner_hidden": view.asof is None,
        "multiples": "/multiples" + new_query if moved or initial else no_update,  # (it reads indicator, circle, lang, asof)
        "multiples_link": when(new_lang, t("multiples_link", lang)),
        "back_hidden": unless_same("back_hidden"), "back": unless_same("back"),
        "labels": {control: when(new_lang, t(key, lang)) for control, key in LABEL_KEYS.items()},
        "progress_title": when(new_lang, t("progress", lang)), "progress_title_hidden": unless_same("progress_title_hidden"),
        "export_label": when(new_lang, text("label", lang)), "export_button": when(new_lang, text("button", lang)),
        "export_orientations": when(new_lang, orientation_options(lang)),
        "brief_button": when(new_lang, t("brief_button", lang)), "brief_progress": when(new_lang, t("brief_running", lang)),
    }
