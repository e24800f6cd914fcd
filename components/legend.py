"""The map legend: classes with units, no data, and what muted and dashed outlines mean."""

from __future__ import annotations

from dash import html

from sdplan.classify import MUTED_FILL
from sdplan.i18n import t
from sdplan.mapview import MapModel


def swatch(color: str, label: str, extra_class: str = "") -> html.Div:
    return html.Div([html.Span(className=f"swatch {extra_class}", style={"background": color}), html.Span(label)],
                    className="legend-row")


def create_legend(model: MapModel) -> list:
    lang = model.lang
    unit = model.unit_text() if model.classes.scheme != "categories" else ""
    title = model.title()
    rows = [swatch(color, label) for color, label in model.legend()]
    if len(model.scope_codes) < len(model.values):
        rows.append(swatch(MUTED_FILL, t("outside_scope", lang)))
    if model.has_sample:
        rows.append(html.Div(t("sample_legend", lang), className="legend-sample"))
    subtitle = t("labelled", lang, label=t("data_period", lang), value=model.view.period or "—") + (f" · {unit}" if unit else "")
    missing = [] if model.shown_values else [html.Div(t("period_no_values", lang, period=model.view.period or "—"),
                                                        className="legend-missing", role="note")]
    return [html.Div(title, className="legend-title"), html.Div(subtitle, className="legend-subtitle"), *missing, *rows]
