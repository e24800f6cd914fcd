"""The ledger as an A4 briefing (matplotlib, the bundled Noto Sans SC font embedded).

Every cell is wrapped, never cut: a row is as tall as its longest cell (a long list of lead
departments takes several lines), and the table continues on as many pages as it needs, each
with the column heads, the filters in force and a footer with sources, export time and page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ..beijing import local, stamp
from ..i18n import t
from ..printing import A4, GREY, INK, SAMPLE_RED, pages_bytes, rc, wrap
from ..printing.fonts import bold_families
from ..progress_text import STATUS_COLORS, target_text, value_text
from ..schedule import light_text
from ..translations import in_language
from .filters import Filters
from .rows import LedgerRow, TaskRow, in_plan_order
from .texts import filters_text, latest_note_text, leads_text, ledger_status_text, task_text, thrust_text

# Columns: key, left edge (figure fraction), width in half-width characters
COLUMNS = (("task", 0.035, 8), ("name", 0.10, 56), ("goal", 0.43, 21), ("value", 0.55, 28),
           ("status", 0.735, 13), ("lead", 0.82, 27))
HEAD_KEYS = {"task": "ledger_task", "name": "ledger_target_name", "goal": "ledger_goal", "value": "ledger_latest",
             "status": "ledger_status", "lead": "lead"}
TOP, BOTTOM = 0.865, 0.135
STEP = 0.0175  # one text line, in figure fractions
SIZE = 7.2  # points
FILLS = {**STATUS_COLORS, "task": "#ffffff",
         "no_data": "#e6e6e6", "province_only": "#e6e6e6", "other_year": "#e6e6e6", "partial": "#ded7f0"}
LIGHT_TEXT = ("met", "on_track", "behind")


@dataclass(frozen=True)
class Line:
    """One block of the table: a thrust's heading, or a target's row with its wrapped cells."""

    thrust: str | None = None
    row: LedgerRow | TaskRow | None = None
    cells: dict[str, list[str]] | None = None

    @property
    def height(self) -> int:
        return max(len(c) for c in self.cells.values()) if self.cells else 1


def _status(row: LedgerRow, lang: str) -> str:
    """The status, and the light against the schedule where there is one (the status says why there is none)."""
    status = ledger_status_text(row.progress, lang)
    return f"{status} {light_text(row.schedule, lang)}" if row.schedule.judged else status


def _cells(row: LedgerRow | TaskRow, lang: str) -> dict[str, list[str]]:
    if isinstance(row, TaskRow):
        texts = {"task": task_text(row.task, lang), "name": row.task_item.name(lang), "goal": t("ledger_task_row", lang),
                 "value": "", "status": "", "lead": leads_text(row.lead_departments, lang)}
    else:
        p = row.progress
        value = (value_text(p, lang) if p.period else t("ledger_not_reported", lang)) + (
            f" ({p.period})" if p.period else "")
        texts = {"task": task_text(row.target.task, lang), "name": row.target.name(lang),
                 "goal": target_text(row.target, lang), "value": value, "status": _status(row, lang),
                 "lead": leads_text(row.target.lead_departments, lang)}
    cells = {key: wrap(texts[key], width) or [""] for key, _, width in COLUMNS}
    if row.notes:  # the latest progress note goes under the name, whole
        cells["name"] += wrap(t("labelled", lang, label=t("ledger_note", lang), value=latest_note_text(row.notes, lang)),
                              COLUMNS[1][2])
    return cells


def lines_of(rows: list[LedgerRow], lang: str, tasks: list[TaskRow] = ()) -> list[Line]:
    """The table as blocks: a heading whenever the thrust changes, then one block per target or task."""
    lines, thrust = [], None
    for row in in_plan_order(rows, list(tasks)):
        if row.thrust != thrust:
            thrust = row.thrust
            lines.append(Line(thrust=thrust))
        lines.append(Line(row=row, cells=_cells(row, lang)))
    return lines


def paginate(lines: list[Line], room: int) -> list[list[Line]]:
    """Split ``lines`` into pages of at most ``room`` text lines; a heading never ends a page."""
    pages, page, used = [], [], 0
    for line in lines:
        if page and used + line.height > room:
            if page[-1].thrust is not None:  # carry a lonely heading over to the next page
                pages.append(page[:-1])
                page, used = [page[-1]], 1
            else:
                pages.append(page)
                page, used = [], 0
        page.append(line)
        used += line.height
    return pages + [page] if page or not pages else pages


def _draw_row(fig: Figure, line: Line, y: float, lang: str) -> None:
    row = line.row
    task = isinstance(row, TaskRow)
    status = "task" if task else row.status
    for key, x, _ in COLUMNS:
        if key == "status":
            fig.add_artist(Rectangle((x - 0.004, y - STEP * len(line.cells[key]) + STEP * 0.15), 0.078,
                                     STEP * len(line.cells[key]), facecolor=FILLS[status], edgecolor="none",
                                     transform=fig.transFigure))
        color = "white" if key == "status" and status in LIGHT_TEXT else (INK if task or row.progress.period else GREY)
        for i, text in enumerate(line.cells[key]):
            fig.text(x, y - i * STEP, text, fontsize=SIZE, color=color, va="top")
    if not task and row.provenance == "sample":
        fig.text(COLUMNS[4][1] - 0.006, y, t("provenance.sample", lang), fontsize=SIZE * 0.85, color=SAMPLE_RED,
                 va="top", ha="right")


def _draw_table(fig: Figure, page: list[Line], lang: str) -> None:
    y = TOP
    for key, x, _ in COLUMNS:
        fig.text(x, y, t(HEAD_KEYS[key], lang), fontsize=SIZE, color=INK, va="top", weight="bold",
                 family=bold_families())
    y -= STEP * 1.3
    for line in page:
        if line.thrust is not None:
            fig.add_artist(Rectangle((0.03, y - STEP * 0.85), 0.94, STEP * 0.95, facecolor="#e6eef8",
                                     edgecolor="none", transform=fig.transFigure))
            fig.text(0.035, y, thrust_text(line.thrust, lang), fontsize=SIZE, color="#1f3a5f", va="top")
        else:
            _draw_row(fig, line, y, lang)
        y -= STEP * line.height + STEP * 0.25


def _footer(fig: Figure, rows: list[LedgerRow], lang: str, now: datetime, page: int, pages: int) -> None:
    fig.add_artist(Rectangle((0.03, BOTTOM - 0.008), 0.94, 0.0008, facecolor="#cccccc", edgecolor="none",
                             transform=fig.transFigure))
    sources = list(dict.fromkeys(in_language(s, lang) for r in rows if r.provenance == "sourced"
                                 for s in r.progress.sources))
    lines = wrap(t("labelled", lang, label=t("sources", lang), value=t("list_sep", lang).join(sources or ["—"])), 140)[:4]
    if any(r.provenance == "sample" for r in rows):
        lines.append(t("sample_source", lang))
    lines.append(t("labelled", lang, label=t("exported", lang), value=stamp(now, lang)))
    for i, line in enumerate(lines):
        fig.text(0.03, BOTTOM - 0.018 - i * 0.017, line, fontsize=6.5, color=GREY, va="top")
    fig.text(0.97, 0.025, t("page_of", lang, page=page, pages=pages), fontsize=7, color=GREY, ha="right")


def ledger_figures(rows: list[LedgerRow], filters: Filters, now: datetime, tasks: list[TaskRow] = (),
                   version: str | None = None) -> list[Figure]:
    """Draw the briefing, one figure per page: title, date, filters, the table with status colours, footer."""
    lang = filters.lang
    pages = paginate(lines_of(rows, lang, tasks), int((TOP - BOTTOM) / (STEP * 1.25)) - 1)
    figures = []
    with rc_context(rc("pdf")):
        for number, page in enumerate(pages, start=1):
            fig = Figure(figsize=A4[::-1], facecolor="white")
            FigureCanvasAgg(fig)
            fig.text(0.03, 0.965, t("ledger_title", lang), fontsize=15, color=INK, va="top")
            fig.text(0.03, 0.928, "  ·  ".join([f"{local(now):%Y-%m-%d}", t("ledger_count", lang, n=len(rows)),
                                                *([version] if version else [])]),
                     fontsize=8.5,
                     color=GREY, va="top")
            filters_line = t("labelled", lang, label=t("ledger_filters", lang), value=filters_text(filters, lang))
            for i, line in enumerate(wrap(filters_line, 150)[:2]):
                fig.text(0.03, 0.905 - i * 0.016, line, fontsize=8.5, color=GREY, va="top")
            if not rows and not tasks:
                fig.text(0.03, TOP, t("ledger_empty", lang), fontsize=10, color=INK, va="top")
            _draw_table(fig, page, lang)
            _footer(fig, rows, lang, now, number, len(pages))
            figures.append(fig)
    return figures


def pdf_bytes(rows: list[LedgerRow], filters: Filters, now: datetime, tasks: list[TaskRow] = (),
              version: str | None = None) -> bytes:
    """:func:`ledger_figures` saved as one PDF (fonts embedded as TrueType, reproducible bytes)."""
    return pages_bytes(ledger_figures(rows, filters, now, tasks, version))
