"""The control bar: indicator, level, circle, classification, period, comparison period, what the map
shows (values or completion of own targets), language."""

from __future__ import annotations

from dash import dcc, html
from dash.development.base_component import Component

from sdplan.circles import CIRCLE_IDS
from sdplan.classify import SCHEMES
from sdplan.dataset import Dataset
from sdplan.i18n import t
from sdplan.mapview import period_coverage
from sdplan.values import periods
from sdplan.viewstate import View, compare_choices, measure_choices

from . import ids
from .dropdowns import dropdown_labels

# The dropdowns of the control bar (their own words follow the language: callbacks/pages.py).
DROPDOWNS = (ids.INDICATOR, ids.SCHEME, ids.PERIOD, ids.COMPARE)
# Labels that follow the language: control id -> text key.
PLAY_INTERVAL_MS = 1200  # a played period stays this long at least (the next waits for it to be drawn)
LABEL_KEYS = {ids.INDICATOR: "indicator", ids.LEVEL: "level", ids.CIRCLE: "circle", ids.SCHEME: "scheme",
              ids.PERIOD: "period", ids.COMPARE: "compare", ids.MEASURE: "measure", ids.ASOF: "asof"}


def indicator_options(data: Dataset, lang: str) -> list[dict]:
    return [{"label": data.catalog.indicator(i).name(lang), "value": i} for i in data.catalog.map_indicators()]


def level_options(data: Dataset, view: View) -> list[dict]:
    return [{"label": t(f"level.{level}", view.lang), "value": level}
            for level in data.catalog.indicator(view.indicator).map_levels]


def circle_options(lang: str) -> list[dict]:
    return [{"label": t("all_circles", lang), "value": "all"}] + [
        {"label": t(f"circle_short.{c}", lang), "value": c} for c in CIRCLE_IDS
    ]


def scheme_options(lang: str) -> list[dict]:
    return [{"label": t(f"scheme.{key}", lang), "value": key} for key in SCHEMES]


def period_options(data: Dataset, view: View) -> list[dict]:
    return [{"label": p, "value": p} for p in reversed(periods(data, view.indicator, view.level))]


def slider_marks(data: Dataset, view: View) -> dict[int, str]:
    """The time slider's marks, oldest period first: each period, said to have no value in the view's scope
    where it has none ('2023-12(无数据)')."""
    return {i: period if with_value else t("period_without_values", view.lang, period=period)
            for i, (period, with_value, _) in enumerate(period_coverage(data, view))}


def compare_options(data: Dataset, view: View) -> list[dict]:
    """"No comparison", then every other period of the indicator (none for categories)."""
    others = compare_choices(data, view.indicator, view.level, view.period)
    return [{"label": t("compare_none", view.lang), "value": "none"}] + [{"label": p, "value": p} for p in reversed(others)]


def measure_options(data: Dataset, view: View) -> list[dict]:
    """The values, and each region's completion of its own target where the plan sets a target for the indicator."""
    return [{"label": t(f"measure.{m}", view.lang), "value": m} for m in ("value", *measure_choices(data, view.indicator))]


def create_time_bar(lang: str) -> html.Div:
    """The time slider under the map: play or pause, then step through the periods (the arrows on the
    focused slider; one request per step). The view callback sets its marks and position, and disables
    playing where there is one period to show."""
    return html.Div([
        html.Button(t("play", lang), id=ids.PLAY, className="play-button", n_clicks=0, disabled=True,
                    **{"aria-pressed": "false"}),
        html.Div(dcc.Slider(id=ids.PERIOD_SLIDER, min=0, max=0, step=1, value=0, marks={}, included=False,
                            allow_direct_input=False, updatemode="mouseup"),
                 className="period-slider", role="group", **{"aria-label": t("period_slider", lang)}),
        dcc.Interval(id=ids.PLAY_TIMER, interval=PLAY_INTERVAL_MS, disabled=True),
    ], id=ids.TIME_BAR, className="time-bar")


def labelled(control_id: str, lang: str, control: Component, note: Component | None = None) -> html.Div:
    return html.Div([html.Label(t(LABEL_KEYS[control_id], lang), id=ids.label_of(control_id), htmlFor=control_id),
                     slot(control), *([note] if note is not None else [])], className="control")


def slot(control: Component) -> Component:
    """A dropdown in a place of its own size (assets/sdplan.css): Dash draws its dropdowns once their code has
    loaded, a moment after the page, and the header (so the map below it) keeps its size meanwhile."""
    if not isinstance(control, dcc.Dropdown):
        return control
    return html.Div(control, className=f"dropdown-slot {control.className}-slot")


def as_of_input(control_id: str, value: str | None) -> dcc.Input:
    """The date the page is drawn as of, typed as YYYY-MM-DD (empty: the current data); applied on Enter or
    leaving the field. A text field: Dash's input sets the caret when the server sets its value, which a
    browser's date field refuses (an error on every page drawn as of a date)."""
    return dcc.Input(id=control_id, type="text", value=value, debounce=True, placeholder="____-__-__", maxLength=10,
                     pattern=r"\d{4}-\d{2}-\d{2}", inputMode="numeric", autoComplete="off", className="asof-input")


def create_controls(lang: str) -> html.Div:
    """The controls, with no view's options or values: the layout is drawn with the first answer's
    (``callbacks.view.first_state``), and the map page's callback sets them from the address."""
    return html.Div(
        [
            labelled(ids.INDICATOR, lang, dcc.Dropdown(id=ids.INDICATOR, clearable=False, searchable=False,
                                                       className="indicator-dropdown", labels=dropdown_labels(lang))),
            labelled(ids.LEVEL, lang, dcc.RadioItems(id=ids.LEVEL, options=[], className="segmented", inline=True)),
            labelled(ids.CIRCLE, lang, dcc.RadioItems(id=ids.CIRCLE, options=circle_options(lang), value="all",
                                                      className="segmented", inline=True)),
            labelled(ids.SCHEME, lang, dcc.Dropdown(id=ids.SCHEME, options=scheme_options(lang), value="natural_breaks",
                                                    clearable=False, searchable=False, className="small-dropdown",
                                                    labels=dropdown_labels(lang)),
                     note=html.Div(id=ids.SCHEME_NOTE, className="control-note", role="note")),
            labelled(ids.PERIOD, lang, dcc.Dropdown(id=ids.PERIOD, clearable=False, searchable=False,
                                                    className="small-dropdown", labels=dropdown_labels(lang))),
            labelled(ids.COMPARE, lang, dcc.Dropdown(id=ids.COMPARE, clearable=False, searchable=False,
                                                     className="small-dropdown", labels=dropdown_labels(lang))),
            labelled(ids.MEASURE, lang, dcc.RadioItems(id=ids.MEASURE, options=[], value="value", className="segmented",
                                                       inline=True)),
            labelled(ids.ASOF, lang, as_of_input(ids.ASOF, None)),
            # the other language: the page is drawn again in it, keeping the view (callbacks/ui.py)
            html.Button(t("language", lang), id=ids.LANG, className="lang-button", n_clicks=0),
            html.Button(t("copy_link", lang), id=ids.COPY_LINK, className="lang-button", n_clicks=0),
            html.Span(id=ids.COPY_STATUS, className="copy-status", role="status"),
        ],
        className="controls",
    )
