"""The one callback that keeps URL, controls, map and panel in step.

The URL is the single source of truth: a control change becomes a new URL; a URL (typed,
pasted or changed) becomes a view that every output is drawn from. Both directions live in one
callback, as Dash requires for a cycle, and delegate to pure functions tested on their own.
"""

from __future__ import annotations

import time

from dash import Input, Output, State, callback, ctx, no_update
from dash.exceptions import PreventUpdate

from callbacks.nav import is_map_page
from components import ids
from components.controls import circle_options, indicator_options, level_options, period_options, scheme_options
from components.geodata import geo_url
from components.legend import create_legend
from components.panel import breakdown_figure, create_cards, create_sources, create_table
from sdplan.boundaries import load_regions
from sdplan.circles import circle_of
from sdplan.i18n import t
from sdplan.mapview import MapModel, build_map_model
from sdplan.catalog import get_indicator
from sdplan.values import default_level
from sdplan.viewstate import Notice, View, choices, map_indicators, parse_view, view_query, with_changes

# Static labels that follow the language: component id -> text key.
LABELS = {**{ids.label_of(c): c for c in (ids.INDICATOR, ids.LEVEL, ids.CIRCLE, ids.SCHEME, ids.PERIOD)},
          ids.PROGRESS_TITLE: "progress"}
CONTROL_FIELDS = {ids.INDICATOR: "indicator", ids.LEVEL: "level", ids.CIRCLE: "circle", ids.SCHEME: "scheme",
                  ids.PERIOD: "period"}


def next_view(search: str, trigger: str | None, value=None) -> tuple[View, list[Notice]]:
    """The view after ``trigger`` (a control id, the map click, back, language, or the URL)."""
    view, notices = parse_view(search)
    if trigger in (None, ids.URL):
        return view, notices
    if trigger in CONTROL_FIELDS:
        field = CONTROL_FIELDS[trigger]
        value = None if field == "circle" and value == "all" else value
        if value is not None and value not in choices(field, view.indicator, view.level):
            return view, [Notice(field, str(value)[:40])]  # a forged request: keep the view
        changes = {field: value}
        if field == "circle" and view.prefecture and value and circle_of(view.prefecture) != value:
            changes["prefecture"] = None
        if field == "indicator" and value in map_indicators():
            # a new indicator opens at its own level unless the current level is also one of its own
            changes["level"] = view.level if view.level in get_indicator(value).levels else default_level(value)
        return with_changes(view, **changes), []
    if trigger == ids.LANG:
        return with_changes(view, lang="en" if view.lang == "zh" else "zh"), []
    if trigger == ids.BACK:
        return with_changes(view, prefecture=None), []
    if trigger == ids.MAP_CLICK and value:
        return drill(view, value.get("adcode")), []
    return view, []


def drill(view: View, adcode: str | None) -> View:
    """Clicking a prefecture in scope drills into its counties; anything else changes nothing."""
    regions = load_regions().set_index("adcode")
    if adcode not in regions.index or regions.loc[adcode, "level"] != "prefecture" or view.prefecture:
        return view
    if view.circle and circle_of(adcode) != view.circle:
        return view
    return with_changes(view, prefecture=adcode)


def viewport(model: MapModel) -> dict:
    (south, west), (north, east) = model.bounds
    return {"bounds": [[south, west], [north, east]], "options": {"paddingTopLeft": [24, 24], "paddingBottomRight": [24, 24]}}


@callback(
    Output(ids.URL, "search"),
    Output(ids.INDICATOR, "value"), Output(ids.INDICATOR, "options"),
    Output(ids.LEVEL, "value"), Output(ids.LEVEL, "options"),
    Output(ids.CIRCLE, "value"), Output(ids.CIRCLE, "options"),
    Output(ids.SCHEME, "value"), Output(ids.SCHEME, "options"), Output(ids.SCHEME, "disabled"),
    Output(ids.PERIOD, "value"), Output(ids.PERIOD, "options"),
    Output(ids.LANG, "children"),
    Output(ids.REGIONS, "url"), Output(ids.REGIONS, "hideout"), Output(ids.MAP, "viewport"),
    Output(ids.LEGEND, "children"),
    Output(ids.CARDS, "children"), Output(ids.CHART, "figure"), Output(ids.TABLE, "children"),
    Output(ids.SOURCES, "children"), Output(ids.BREAKDOWN_TITLE, "children"),
    Output(ids.SAMPLE_BANNER, "children"), Output(ids.SAMPLE_BANNER, "hidden"),
    Output(ids.NOTICE, "children"), Output(ids.BACK, "hidden"), Output(ids.BACK, "children"),
    *[Output(label_id, "children") for label_id in LABELS],
    Input(ids.URL, "search"),
    Input(ids.INDICATOR, "value"), Input(ids.LEVEL, "value"), Input(ids.CIRCLE, "value"),
    Input(ids.SCHEME, "value"), Input(ids.PERIOD, "value"),
    Input(ids.LANG, "n_clicks"), Input(ids.BACK, "n_clicks"), Input(ids.MAP_CLICK, "data"),
    State(ids.REGIONS, "url"),
    State(ids.URL, "pathname"),
)
def update_view(search, *args):
    *args, pathname = args
    if not is_map_page(pathname):
        raise PreventUpdate  # another page (the ledger) owns the query string
    trigger = ctx.triggered_id
    values = dict(zip([ids.INDICATOR, ids.LEVEL, ids.CIRCLE, ids.SCHEME, ids.PERIOD, ids.LANG, ids.BACK,
                       ids.MAP_CLICK], args[:-1]))
    previous, _ = parse_view(search)
    view, notices = next_view(search, trigger, values.get(trigger))
    return render(view, notices, previous, search, args[-1], initial=trigger in (None, ids.URL))


def render(view: View, notices: list[Notice], previous: View, search: str, current_url: str | None,
           initial: bool) -> tuple:
    """Every output of :func:`update_view` for ``view`` (pure apart from building components)."""
    model = build_map_model(view)
    lang = view.lang
    query = view_query(view)
    scope_changed = initial or (previous.circle, previous.prefecture) != (view.circle, view.prefecture)
    layer_url = geo_url(model.layer)
    breakdown_title = t("breakdown_county" if view.prefecture else "breakdown", lang)
    new_lang = initial or lang != previous.lang
    new_indicator = new_lang or view.indicator != previous.indicator
    new_level = new_indicator or view.level != previous.level

    def when(changed: bool, value):  # option lists travel only when they change
        return value if changed else no_update

    return (
        query if query != (search or "") else no_update,
        view.indicator, when(new_lang, indicator_options(lang)),
        view.level, when(new_indicator, level_options(view)),
        view.circle or "all", when(new_lang, circle_options(lang)),
        view.scheme, when(new_lang, scheme_options(lang)), model.classes.scheme == "categories",
        view.period, when(new_level, period_options(view)),
        t("language", lang),
        layer_url if layer_url != current_url else no_update, {**model.hideout(), "seq": time.time_ns() // 1000},
        viewport(model) if scope_changed else no_update,
        create_legend(model),
        create_cards(model), breakdown_figure(model), create_table(model),
        create_sources(model), breakdown_title,
        t("sample_banner", lang), not model.has_sample,
        [n.message(lang) for n in notices] or None,
        view.prefecture is None,
        t("back_to_circle" if view.circle else "back", lang),
        *[t(key, lang) for key in LABELS.values()],
    )
