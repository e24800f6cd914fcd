"""The side panel: progress cards, the by-prefecture chart and its table, and the sources."""

from __future__ import annotations

import math

import pandas as pd
from dash import dcc, html

from sdplan.classify import NO_DATA_COLOR
from sdplan.i18n import name_column, t
from sdplan.mapstyle import HIGHLIGHT_EDGE
from sdplan.mapview import MapModel, source_label, target_text
from sdplan.progress import Progress
from sdplan.progress_text import partial_note, status_line, value_text
from sdplan.region_path import RegionPath, shared_range
from sdplan.translations import in_language
from sdplan.units import format_number, with_unit

from . import ids
from .region_path import sparkline

STATUS_CLASS = {"met": "status-met", "on_track": "status-on-track", "behind": "status-behind",
                "partial": "status-partial", "no_data": "status-none",
                "province_only": "status-none", "other_year": "status-none"}


def status_text_long(p: Progress, lang: str) -> str:
    """The card's status: the verdict, or what the province's target is to this scope, said in full."""
    return t("status.province_only", lang) if p.status == "province_only" else status_line(p, lang)


def progress_card(p: Progress, lang: str) -> html.Div:
    ratio = p.ratio
    bar = html.Div(html.Div(className="bar-fill", style={"width": f"{100 * (ratio or 0):.0f}%"}), className="bar")
    facts = [status_text_long(p, lang)]
    if p.partial:
        facts.append(partial_note(p, lang))
    elif p.n_units > 1:
        facts.append(t("based_on", lang, n=p.n_with_data, total=p.n_units))
    if p.sample:
        facts.append(t("provenance.sample", lang))
    return html.Div(
        [
            html.Div(p.target.name(lang), className="card-title"),
            html.Div([html.Span(value_text(p, lang), className="card-value"),
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
    """Horizontal bars by region, sorted by value, in the map's colours, with the target or average;
    for categories, how many regions fall in each category (stacked).

    A plain figure dict (no plotly.graph_objects validation on every interaction).
    """
    if model.categories is not None:
        return _category_figure(model)
    lang = model.lang
    rows = model.breakdown.iloc[::-1]  # plotly draws the first bar at the bottom
    unit = model.breakdown_unit_label()
    values = [None if pd.isna(v) else round(float(v), 4) for v in rows["value"]]
    layout = _layout(model, len(rows), unit)
    if model.reference:
        value, label = model.reference
        value = round(value, 6)  # no float noise (60.550000000000004) on the wire
        layout["shapes"] = [{"type": "line", "xref": "x", "yref": "paper", "x0": value, "x1": value, "y0": 0, "y1": 1,
                             "line": {"color": "#444", "dash": "dash", "width": 1.5}}]
        layout["annotations"] = [{"x": value, "y": 1, "xref": "x", "yref": "paper", "text": label, "showarrow": False,
                                  "yanchor": "bottom", "font": {"size": 11}}]
    bar = {
        "type": "bar", "orientation": "h", "x": values, "y": rows[name_column(lang)].tolist(),
        "customdata": rows["adcode"].tolist(),
        # the value as written everywhere (sdplan.units), never plotly's own number format
        "text": ["" if pd.isna(v) else with_unit(float(v), model.breakdown_unit, lang, model.breakdown_decimals)
                 for v in rows["value"]],
        "textposition": "none",
        "marker": {"color": _one_or_each(rows["bar_color"].tolist()), "line": {"width": 0, "color": HIGHLIGHT_EDGE}},
        "hovertemplate": "%{y}: %{text}<extra></extra>",
    }
    return {"data": [bar], "layout": layout}


def _one_or_each(colors: list[str]) -> str | list[str]:
    """One colour for every bar when they share it (bars rolled up from counties), else one per bar."""
    return colors[0] if colors and len(set(colors)) == 1 else colors


def _layout(model: MapModel, n_bars: int, axis_title: str) -> dict:
    return {
        "margin": {"l": 8, "r": 12, "t": 28, "b": 24}, "height": max(220, 22 * n_bars + 60),
        "paper_bgcolor": "rgba(0,0,0,0)", "plot_bgcolor": "rgba(0,0,0,0)", "showlegend": False,
        "xaxis": {"title": {"text": axis_title, "font": {"size": 11}}, "gridcolor": "#eee", "zeroline": False},
        "yaxis": {"automargin": True}, "font": {"family": "Noto Sans CJK SC, sans-serif", "size": 12},
        "uirevision": model.view.indicator, "hovermode": "closest",
    }


def _category_figure(model: MapModel) -> dict:
    """Regions per category, stacked: one bar per prefecture (counties drawn) or one for the scope."""
    lang = model.lang
    counts = model.categories.iloc[::-1]
    names = model.breakdown.set_index("adcode")[name_column(lang)].to_dict()
    groups = [model.scope_name if code == "all" else names.get(code, code) for code in counts.index]
    labels = [label[1 if lang == "en" else 0] for label in model.classes.labels] + [t("nodata", lang)]
    colors = list(model.classes.colors) + [NO_DATA_COLOR]
    unit = t("regions_count", lang)
    data = [{"type": "bar", "orientation": "h", "name": label, "x": counts[column].tolist(), "y": groups,
             "customdata": counts.index.tolist(), "marker": {"color": color, "line": {"width": 0, "color": HIGHLIGHT_EDGE}},
             "hovertemplate": "%{y}: " + label + " %{x}<extra></extra>"}
            for column, label, color in zip(counts.columns, labels, colors) if counts[column].any()]
    layout = {**_layout(model, len(groups), unit), "barmode": "stack", "showlegend": True,
              "legend": {"orientation": "h", "y": -0.15, "font": {"size": 11}}}
    return {"data": data, "layout": layout}


def create_table(model: MapModel, paths: dict[str, RegionPath] | None = None) -> html.Table:
    """The regions of the breakdown: name, value (or category), its path over the years (``paths``, by
    adcode: a sparkline on one scale for every row), and the source it comes from."""
    lang = model.lang
    unit = model.breakdown_unit_label()
    value_head = t("with_note", lang, text=t("value", lang), note=unit) if unit else t("value", lang)
    path_head = [html.Th(t("path_column", lang), className="path-cell")] if paths else []
    head = html.Tr([html.Th(t("region", lang)), html.Th(value_head), *path_head, html.Th(t("provenance", lang))])
    y_range = shared_range(list(paths.values())) if paths else None
    frame = model.breakdown
    labels = [label[1 if lang == "en" else 0] for label in model.classes.labels]
    by_category = model.categories is not None and "cls" in frame and model.breakdown_unit == model.unit
    body = []
    definitions = frame["definition"] if "definition" in frame else [None] * len(frame)
    for code, name, value, cls, provenance, title, strength, definition in zip(
            frame["adcode"], frame[name_column(lang)], frame["value"], frame.get("cls", [-1] * len(frame)),
            frame["provenance"], frame["source_title"], frame["source_strength"], definitions):
        if math.isnan(value):
            shown = t("nodata", lang)
        elif by_category and cls >= 0:
            shown = labels[int(cls)]
        else:
            shown = format_number(value, model.breakdown_decimals)
        kind = provenance if isinstance(provenance, str) else "nodata"
        source = (source_label(in_language(title, lang), None, strength, lang) if kind == "sourced" and isinstance(title, str)
                  else t(f"provenance.{kind}", lang))
        counted = model.indicator.definition(definition)
        if counted is not None:  # how it was counted travels with the value
            source = f"{source} · {t('definition_line', lang, definition=counted.name(lang))}"
        # the name is a button: with a keyboard or a screen reader, a region is selected on the map from here
        # (the browser takes the region from its row; its name in the other language comes with a language change)
        select = html.Button(name, className="row-select", type="button")
        path_cell = [html.Td(sparkline(paths[code], y_range), className="path-cell")] if paths and code in paths else (
            [html.Td(className="path-cell")] if paths else [])
        body.append(html.Tr([html.Td(select), html.Td(shown, className="num"), *path_cell,
                             html.Td(source, className=f"prov-{kind} source-cell")], **{"data-adcode": code}))
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
            # what is shown and how recent: on screen the date, on paper the filters too
            html.Div(id=ids.PRINT_FILTERS, className="print-filters"),
            html.Div(id=ids.DATA_DATE, className="data-date"),
            html.H3(t("progress", lang), id=ids.PROGRESS_TITLE),
            html.Div(id=ids.CARDS, className="cards"),
            html.H3(id=ids.BREAKDOWN_TITLE),
            html.A(t("multiples_link", lang), id=ids.MULTIPLES_LINK, href="/multiples", className="multiples-link"),
            dcc.Graph(id=ids.CHART, config={"displayModeBar": False}),
            html.Div(id=ids.TABLE),
            html.Div(id=ids.SOURCES, className="sources"),
        ],
        className="panel",
        # it scrolls on its own beside the map: reachable with Tab, named by its breakdown's title
        tabIndex="0", role="region", **{"aria-labelledby": ids.BREAKDOWN_TITLE},
    )
