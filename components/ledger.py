"""The ledger page (/ledger): filters bar, targets grouped by thrust, trend area, exports."""

from __future__ import annotations

from dash import dcc, html
from dash.development.base_component import Component

from sdplan.as_of import banner as as_of_banner
from sdplan.catalog import THRUSTS, Plan
from sdplan.circles import CIRCLE_IDS
from sdplan.i18n import t
from sdplan.ledger.filters import Filters, filters_query
from sdplan.ledger.rows import LedgerRow, TaskRow, in_plan_order
from sdplan.ledger.texts import (
    awaiting_text,
    leads_text,
    ledger_status_text,
    note_text,
    task_text,
    thrust_text,
)
from sdplan.notes import Note
from sdplan.progress import STATUSES, Progress
from sdplan.progress_text import STATUS_COLORS, partial_note, status_line, status_text, target_text, value_text
from sdplan.schedule import light_text
from sdplan.translations import in_language
from sdplan.units import unit_label, with_unit

from . import ids
from .briefing import create_briefing_control
from .controls import as_of_input
from .dropdowns import dropdown_labels
from .jobs import job_parts
from .notices import notice_lines

RATE_UNITS = ("percent", "stars", "pct_points")


def _options(lang: str, departments: list[str]) -> dict[str, list[dict]]:
    all_ = [{"label": t("ledger_all", lang), "value": "all"}]
    return {
        "thrust": all_ + [{"label": thrust_text(k, lang), "value": k} for k in THRUSTS],
        "dept": all_ + [{"label": in_language(d, lang), "value": d} for d in departments],
        "status": all_ + [{"label": status_text(s, lang), "value": s} for s in STATUSES],
        "circle": [{"label": t("all_circles", lang), "value": "all"}]
        + [{"label": t(f"circle_short.{c}", lang), "value": c} for c in CIRCLE_IDS],
    }


def _control(key: str, label: str, control: Component) -> html.Div:
    return html.Div([html.Label(label, htmlFor=ids.LEDGER_FILTERS[key]), control], className="control")


def create_filters(filters: Filters, departments: list[str]) -> html.Div:
    """The filters bar, set to ``filters``; changes go to the URL (callbacks/ledger.py)."""
    lang, options = filters.lang, _options(filters.lang, departments)
    dropdowns = [
        _control(key, t(label, lang),
                 dcc.Dropdown(id=ids.LEDGER_FILTERS[key], options=options[key], value=getattr(filters, key) or "all",
                              clearable=False, searchable=key == "dept", className=f"ledger-dropdown ledger-filter-{key}",
                              labels=dropdown_labels(lang)))
        for key, label in (("thrust", "ledger_thrust"), ("dept", "ledger_dept"), ("status", "ledger_status"),
                           ("circle", "circle"))
    ]
    search = _control("q", t("ledger_search_q", lang),
                      dcc.Input(id=ids.LEDGER_FILTERS["q"], type="search", value=filters.q, debounce=True,
                                placeholder=t("ledger_search", lang), className="ledger-search"))
    as_of = _control("asof", t("asof", lang), as_of_input(ids.LEDGER_FILTERS["asof"], filters.asof))
    other = Filters(**{**filters.__dict__, "lang": "zh" if lang == "en" else "en"})
    return html.Div(
        dropdowns + [search, as_of,
                     html.Div([
                         html.Button(t("ledger_export_xlsx", lang), id=ids.LEDGER_XLSX_BUTTON, n_clicks=0,
                                     className="ledger-button"),
                         html.Button(t("ledger_export_pdf", lang), id=ids.LEDGER_PDF_BUTTON, n_clicks=0,
                                     className="ledger-button"),
                         *[html.A(t("circular_download_as", lang, fmt=label), href=f"/circular.{fmt}?lang={lang}",
                                  download="", className="ledger-button ledger-circular", id=ids.LEDGER_CIRCULAR[fmt])
                           for fmt, label in (("docx", "Word"), ("pdf", "PDF"))],
                         dcc.Link(t("language", lang), href="/ledger" + filters_query(other), id=ids.LEDGER_LANG,
                                  className="lang-button"),
                         html.Div(id=ids.LEDGER_EXPORT_NOTICE, className="notice", role="status"),
                         *job_parts(ids.LEDGER_EXPORT_SITE),
                     ], className="ledger-actions-bar"),
                     create_briefing_control(lang, ids.LEDGER_BRIEF)],
        className="ledger-filters",
    )


def _bar(row: LedgerRow) -> html.Div:
    ratio = row.progress.ratio
    if ratio is None:
        return html.Div(className="ledger-bar empty")
    return html.Div(html.Div(className="ledger-bar-fill",
                             style={"width": f"{ratio * 100:.0f}%", "background": STATUS_COLORS[row.status]}),
                    className="ledger-bar", title=f"{ratio * 100:.0f}%")


def _notes(notes: tuple[Note, ...], lang: str) -> list:
    """The latest progress note with its date, and the earlier ones folded under 历史记录 (keyboard: a <details>)."""
    if not notes:
        return []
    cell = [html.Div(note_text(notes[0], lang), className="ledger-note-latest")]
    if len(notes) > 1:
        cell.append(html.Details([html.Summary(t("ledger_note_history", lang, n=len(notes))),
                                  html.Ul([html.Li(note_text(n, lang)) for n in notes[1:]])],
                                 className="ledger-note-history"))
    return cell


def _task_row(row: TaskRow, lang: str) -> html.Tr:
    task = row.task_item
    return html.Tr([
        html.Td(task_text(task.number, lang), className="ledger-task"),
        html.Td(task.name(lang), className="ledger-name"),
        html.Td(t("ledger_task_row", lang), className="ledger-goal-none"),
        html.Td(""),
        html.Td(html.Div(className="ledger-bar empty")),
        html.Td(""),
        html.Td(leads_text(task.lead_departments, lang), className="ledger-depts"),
        html.Td(_notes(row.notes, lang), className="ledger-notes"),
        html.Td(""),
    ], id=ids.ledger_task_row(task.number), className="ledger-row ledger-task-row")


def _row(row: LedgerRow, lang: str) -> html.Tr:
    p, target = row.progress, row.target
    if row.provenance == "no_data":  # nothing reported for the target's year: who is to report it
        value = [html.Span(t("ledger_not_reported", lang), className="ledger-value ledger-not-reported"),
                 html.Div(awaiting_text(target.lead_departments, lang), className="ledger-awaiting")]
    else:
        value = [html.Span(value_text(p, lang), className="ledger-value")]
    if p.period:
        value.append(html.Span(f" ({p.period})", className="ledger-period"))
    if p.partial:
        value.append(html.Div(partial_note(p, lang), className="ledger-partial"))
    if row.provenance == "sample":
        value.append(html.Span(t("ledger_sample_mark", lang), className="ledger-sample"))
    elif row.provenance == "sourced":
        value.append(html.Div("; ".join(in_language(s, lang) for s in p.sources), className="ledger-source"))
    actions = []
    if row.map_href:
        actions.append(dcc.Link(t("ledger_map", lang), href=row.map_href, className="ledger-map-link"))
    if p.period:
        actions.append(html.Button(t("ledger_trend", lang), id={"type": ids.LEDGER_TREND_BUTTON, "target": target.id},
                                   n_clicks=0, className="ledger-trend-button"))
    goal = [target_text(target, lang)]
    if target.source_title:  # a target stated outside its plan's own text says where
        goal.append(html.Div(t("ledger_target_source", lang, source=in_language(target.source_title, lang)),
                             className="ledger-target-source"))
    return html.Tr([
        html.Td(task_text(target.task, lang), className="ledger-task"),
        html.Td(target.name(lang), className="ledger-name"),
        html.Td(goal, className="num"),
        html.Td(value, className="ledger-latest"),
        html.Td(_bar(row)),
        html.Td([html.Span(ledger_status_text(p, lang), className=f"ledger-status status-{row.status}"),
                 *([html.Div(light_text(row.schedule, lang), className=f"ledger-light light-{row.schedule.light}")]
                   if row.schedule.judged else [])]),
        html.Td(leads_text(target.lead_departments, lang), className="ledger-depts"),
        html.Td(_notes(row.notes, lang), className="ledger-notes"),
        html.Td(actions, className="ledger-actions"),
    ], id=ids.ledger_row(target.id), className=f"ledger-row provenance-{row.provenance}")


def create_table(rows: list[LedgerRow], lang: str, tasks: list[TaskRow] = ()) -> html.Div:
    """The ledger table, one group per thrust (in plan order), targets and task rows by task number."""
    if not rows and not tasks:
        return html.Div(t("ledger_empty", lang), className="ledger-empty")
    head = html.Thead(html.Tr([html.Th(t(k, lang)) for k in (
        "ledger_task", "ledger_target_name", "ledger_goal", "ledger_latest", "ledger_progress", "ledger_status",
        "lead", "ledger_note", "ledger_actions")]))
    body = []
    entries = in_plan_order(rows, list(tasks))
    for thrust in THRUSTS:
        group = [r for r in entries if r.thrust == thrust]
        if not group:
            continue
        n = sum(isinstance(r, LedgerRow) for r in group)
        body.append(html.Tr(html.Th([thrust_text(thrust, lang),
                                     html.Span(t("ledger_thrust_count", lang, n=n), className="ledger-n")],
                                    colSpan=9), className=f"ledger-group thrust-{thrust}"))
        body += [_row(r, lang) if isinstance(r, LedgerRow) else _task_row(r, lang) for r in group]
    return html.Table([head, html.Tbody(body)], className="ledger-table", id=ids.LEDGER_TABLE)


def create_page(filters: Filters, departments: list[str], rows: list[LedgerRow], notices: list[str],
                tasks: list[TaskRow] = (), plan: Plan | None = None) -> list:
    """The whole page for ``filters``: title, filters bar, notices, table and trend area; ``plan`` is named
    when the address chose one other than the default."""
    lang = filters.lang
    sample = any(r.provenance == "sample" for r in rows)
    count = [html.Span(t("ledger_count", lang, n=len(rows)), id=ids.LEDGER_COUNT, className="ledger-count")]
    if tasks:
        count.append(html.Span(t("ledger_tasks_count", lang, n=len(tasks)), className="ledger-count ledger-tasks-count"))
    if plan is not None and filters.plan:
        count.insert(0, html.Div(t("ledger_plan_line", lang, title=plan.title(lang)), className="ledger-plan",
                                 id=ids.LEDGER_PLAN))
    return [
        html.Header([html.H1(t("ledger_title", lang), className="ledger-title"), *count,
                     create_filters(filters, departments)], className="ledger-header"),
        html.Div(notice_lines(notices), id=ids.LEDGER_NOTICE, className="notice", role="status"),
        html.Div(as_of_banner(filters.asof, lang) or "", id=ids.LEDGER_ASOF_BANNER, className="asof-banner",
                 hidden=not filters.asof, role="status"),
        html.Div(t("sample_banner", lang), className="sample-banner", hidden=not sample),
        html.Div(t("ledger_province_only_note", lang), className="ledger-note",
                 hidden=not any(r.status == "province_only" for r in rows)),
        html.Div([
            html.Div(create_table(rows, lang, tasks), className="ledger-main"),
            html.Aside(html.Div(t("ledger_pick", lang), className="ledger-hint"), id=ids.LEDGER_DETAIL,
                       className="ledger-detail"),
        ], className="ledger-body"),
    ]


def trend_figure(points: list[Progress], lang: str) -> dict:
    """A small plotly line chart (figure dict): the values over the periods and the target line.

    The line joins complete figures only; a figure from part of the regions is an open marker of its
    own, so a partial sum never reads as the series falling.
    """
    target = points[0].target
    periods = [p.period for p in points]
    values = [None if p.value != p.value or p.partial else p.value for p in points]
    data = [{"type": "scatter", "mode": "lines+markers", "x": periods, "y": values, "name": target.name(lang),
             "line": {"color": "#1f3a5f"}, "hovertemplate": "%{x}: %{y}<extra></extra>", "connectgaps": True}]
    partial = [p for p in points if p.partial]
    if partial:
        data.append({"type": "scatter", "mode": "markers", "x": [p.period for p in partial],
                     "y": [p.value for p in partial], "name": t("status.partial", lang),
                     "marker": {"symbol": "circle-open", "size": 9, "color": "#8E7CC3"},
                     "customdata": [status_line(p, lang) for p in partial],
                     "hovertemplate": "%{x}: %{y} (%{customdata})<extra></extra>"})
    if points[0].target_value is not None:
        data.append({"type": "scatter", "mode": "lines", "x": periods, "y": [points[0].target_value] * len(periods),
                     "name": t("ledger_target_line", lang, value=with_unit(points[0].target_value, target.unit, lang)),
                     "line": {"color": "#D55E00", "dash": "dash"}, "hoverinfo": "skip"})
    return {"data": data, "layout": {
        "height": 240, "margin": {"l": 48, "r": 12, "t": 8, "b": 36}, "showlegend": True,
        "legend": {"orientation": "h", "y": -0.25, "font": {"size": 11}},
        "xaxis": {"type": "category"},
        # a rate's axis starts near its values (63 -> 65 must show); quantities start at zero
        "yaxis": {"title": {"text": unit_label(target.unit, lang)},
                  "rangemode": "normal" if target.unit in RATE_UNITS else "tozero"},
        "font": {"family": "Noto Sans CJK SC, Noto Sans SC, sans-serif", "size": 11}, "plot_bgcolor": "#fff"}}


def create_detail(points: list[Progress], lang: str) -> list:
    """The detail area for one target: name, target, and its trend (or why there is none)."""
    if not points:
        return [html.Div(t("ledger_no_periods", lang), className="ledger-hint")]
    target = points[0].target
    sources = list(dict.fromkeys(in_language(s, lang) for p in points if not p.sample for s in p.sources))
    head = [html.H3(target.name(lang)),
            html.Div(t("labelled", lang, label=t("ledger_goal", lang), value=target_text(target, lang)),
                     className="ledger-detail-goal"),
            html.Div(t("labelled", lang, label=t("lead", lang),
                       value=t("enum_sep", lang).join(in_language(d, lang) for d in target.lead_departments)),
                     className="ledger-detail-goal")]
    foot = [html.Div([html.H4(t("sources", lang)), html.Ul([html.Li(s) for s in sources])], className="sources")
            ] if sources else []
    if any(p.sample for p in points):
        foot.append(html.Div(t("sample_source", lang), className="ledger-source prov-sample"))
    if len(points) == 1:
        return head + [html.Div(t("ledger_one_period", lang, period=points[0].period), className="ledger-hint",
                                id=ids.LEDGER_ONE_PERIOD)] + foot
    rows = [html.Tr([html.Td(p.period), html.Td(value_text(p, lang), className="num"),
                     html.Td(status_line(p, lang))]) for p in points]
    return head + [dcc.Graph(id=ids.LEDGER_TREND_GRAPH, figure=trend_figure(points, lang),
                             config={"displayModeBar": False}),
                   html.Table(html.Tbody(rows), className="breakdown-table")] + foot
