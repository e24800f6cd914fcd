"""The control bar: indicator, level, circle, classification, period, language, back."""

from __future__ import annotations

from dash import dcc, html

from sdplan.catalog import get_indicator
from sdplan.circles import CIRCLE_IDS
from sdplan.classify import SCHEMES
from sdplan.i18n import t
from sdplan.values import available_levels, periods
from sdplan.viewstate import View, map_indicators

from . import ids


def indicator_options(lang: str) -> list[dict]:
    return [{"label": get_indicator(i).name(lang), "value": i} for i in map_indicators()]


def level_options(view: View) -> list[dict]:
    return [{"label": t(f"level.{level}", view.lang), "value": level} for level in available_levels(view.indicator)]


def circle_options(lang: str) -> list[dict]:
    return [{"label": t("all_circles", lang), "value": "all"}] + [
        {"label": t(f"circle_short.{c}", lang), "value": c} for c in CIRCLE_IDS
    ]


def scheme_options(lang: str) -> list[dict]:
    return [{"label": t(f"scheme.{key}", lang), "value": key} for key in SCHEMES]


def period_options(view: View) -> list[dict]:
    return [{"label": p, "value": p} for p in reversed(periods(view.indicator, view.level))]


def labelled(label_id: str, text: str, control) -> html.Div:
    return html.Div([html.Label(text, id=label_id, htmlFor=control.id), control], className="control")


def create_controls(view: View) -> html.Div:
    """The controls, set to ``view`` (the URL callback keeps them in step afterwards)."""
    lang = view.lang
    return html.Div(
        [
            labelled(ids.label_of(ids.INDICATOR), t("indicator", lang),
                     dcc.Dropdown(id=ids.INDICATOR, options=indicator_options(lang), value=view.indicator,
                                  clearable=False, searchable=False, className="indicator-dropdown")),
            labelled(ids.label_of(ids.LEVEL), t("level", lang),
                     dcc.RadioItems(id=ids.LEVEL, options=level_options(view), value=view.level,
                                    className="segmented", inline=True)),
            labelled(ids.label_of(ids.CIRCLE), t("circle", lang),
                     dcc.RadioItems(id=ids.CIRCLE, options=circle_options(lang), value=view.circle or "all",
                                    className="segmented", inline=True)),
            labelled(ids.label_of(ids.SCHEME), t("scheme", lang),
                     dcc.Dropdown(id=ids.SCHEME, options=scheme_options(lang), value=view.scheme,
                                  clearable=False, searchable=False, className="small-dropdown")),
            labelled(ids.label_of(ids.PERIOD), t("period", lang),
                     dcc.Dropdown(id=ids.PERIOD, options=period_options(view), value=view.period,
                                  clearable=False, searchable=False, className="small-dropdown")),
            html.Button(t("language", lang), id=ids.LANG, className="lang-button", n_clicks=0),
        ],
        className="controls",
    )
