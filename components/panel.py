"""The side panel: progress cards, the by-prefecture chart and its table, and the sources."""

from __future__ import annotations

import math

import pandas as pd
from dash import dcc, html

from sdplan.i18n import name_column, t
from sdplan.mapstyle import HIGHLIGHT_EDGE
from sdplan.mapview import MapModel, target_text
from sdplan.progress import Progress
from sdplan.units import format_number, with_unit

from . import ids

STATUS_CLASS = {"met": "status-met", "on_track": "status-on-track", "behind": "status-behind", "no_data": "status-none",
                "province_only": "status-none"}


def region_name(row: pd.Series, lang: str) -> str:
    return row[name_column(lang)]


def value_text(value: float, unit: str, lang: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t("nodata", lang)
    return with_unit(value, unit, lang)


def progress_card(p: Progress, lang: str) -> html.Div:
    ratio = p.ratio
    bar = html.Div(html.Div(className="bar-fill", style={"width": f"{100 * (ratio or 0):.0f}%"}), className="bar")
    facts = [t(f"status.{p.status}", lang)]
    if p.n_units > 1:
        facts.append(t("based_on", lang, n=p.n_with_data, total=p.n_units))
    if p.sample:
        facts.append(t("provenance.sample", lang))
    return html.Div(
        [
            html.Div(p.target.name(lang), className="card-title"),
            html.Div([html.Span(value_text(p.value, p.unit, lang), className="card-value"),
                      html.Span(target_text(p, lang) or "", className="card-target")]),
            bar,
            html.Div(" · ".join(facts), className="card-facts"),
        ],
        className=f"card {STATUS_CLASS[p.status]}" + (" card-sample" if p.sample else ""),
        **{"data-target": p.target.id, "data-status": p.status},
    )


def create_cards(model: MapModel) -> list:
    return [progress_card(p, model.lang) for p in model.progress]


def breakdown_figure(model: MapModel) -> dict:
    """Horizontal bars by region, sorted by value, coloured by circle, with the target or average.

    A plain figure dict (no plotly.graph_objects validation on every interaction).
    """
    lang = model.lang
    rows = model.breakdown.iloc[::-1]  # plotly draws the first bar at the bottom
    unit = model.breakdown_unit_label()
    values = [None if pd.isna(v) else round(float(v), 4) for v in rows["value"]]
    layout = {
        "margin": {"l": 8, "r": 12, "t": 28, "b": 24}, "height": max(220, 22 * len(rows) + 60),
        "paper_bgcolor": "rgba(0,0,0,0)", "plot_bgcolor": "rgba(0,0,0,0)", "showlegend": False,
        "xaxis": {"title": {"text": unit, "font": {"size": 11}}, "gridcolor": "#eee", "zeroline": False},
        "yaxis": {"automargin": True}, "font": {"family": "Noto Sans CJK SC, sans-serif", "size": 12},
        "uirevision": model.view.indicator, "hovermode": "closest",
    }
    if model.reference:
        value, label = model.reference
        layout["shapes"] = [{"type": "line", "xref": "x", "yref": "paper", "x0": value, "x1": value, "y0": 0, "y1": 1,
                             "line": {"color": "#444", "dash": "dash", "width": 1.5}}]
        layout["annotations"] = [{"x": value, "y": 1, "xref": "x", "yref": "paper", "text": label, "showarrow": False,
                                  "yanchor": "bottom", "font": {"size": 11}}]
    bar = {
        "type": "bar", "orientation": "h", "x": values, "y": [region_name(r, lang) for _, r in rows.iterrows()],
        "customdata": rows["adcode"].tolist(),
        "marker": {"color": rows["circle_color"].tolist(), "line": {"width": 0, "color": HIGHLIGHT_EDGE}},
        "hovertemplate": "%{y}: %{x} " + unit + "<extra></extra>",
    }
    return {"data": [bar], "layout": layout}


def create_table(model: MapModel) -> html.Table:
    lang = model.lang
    head = html.Tr([html.Th(t("region", lang)), html.Th(f"{t('value', lang)} ({model.breakdown_unit_label()})"),
                    html.Th(t("provenance", lang))])
    body = []
    for _, row in model.breakdown.iterrows():
        provenance = row["provenance"] if isinstance(row["provenance"], str) else "nodata"
        body.append(html.Tr(
            [html.Td(region_name(row, lang)),
             html.Td(t("nodata", lang) if math.isnan(row["value"]) else format_number(row["value"]), className="num"),
             html.Td(t(f"provenance.{provenance}", lang), className=f"prov-{provenance}")],
            **{"data-adcode": row["adcode"]},
        ))
    return html.Table([html.Thead(head), html.Tbody(body)], className="breakdown-table")


def create_sources(model: MapModel) -> list:
    lang = model.lang
    items = [html.Li(s) for s in model.sources]
    if model.has_sample:
        items.append(html.Li(t("sample_source", lang), className="prov-sample"))
    return [html.H4(t("sources", lang)), html.Ul(items)] if items else []


def create_panel(lang: str) -> html.Div:
    """The panel's containers; the view callback fills them."""
    return html.Div(
        [
            html.H3(t("progress", lang), id=ids.PROGRESS_TITLE),
            html.Div(id=ids.CARDS, className="cards"),
            html.H3(id=ids.BREAKDOWN_TITLE),
            dcc.Graph(id=ids.CHART, config={"displayModeBar": False}),
            html.Div(id=ids.TABLE),
            html.Div(id=ids.SOURCES, className="sources"),
        ],
        className="panel",
    )
