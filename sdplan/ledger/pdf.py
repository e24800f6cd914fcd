"""The ledger as a one-page A4 briefing (matplotlib, the bundled Noto Sans SC font embedded)."""

from __future__ import annotations

from datetime import datetime

from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ..i18n import t
from ..printing import A4, GREY, INK, SAMPLE_RED, figure_bytes, rc, wrap
from .filters import Filters
from .rows import LedgerRow
from .texts import STATUS_COLORS, filters_text, status_text, target_text, task_text, thrust_text, value_text

# Columns: key, left edge (figure fraction), width in half-width characters
COLUMNS = (("task", 0.035, 8), ("name", 0.10, 56), ("goal", 0.43, 21), ("value", 0.55, 26),
           ("status", 0.735, 13), ("lead", 0.82, 25))
HEAD_KEYS = {"task": "ledger_task", "name": "ledger_target_name", "goal": "ledger_goal", "value": "ledger_latest",
             "status": "ledger_status", "lead": "lead"}
TOP, BOTTOM = 0.865, 0.135
FILLS = {**STATUS_COLORS, "no_data": "#e6e6e6", "province_only": "#e6e6e6"}


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` half-width characters (CJK counts two), with '…' when cut."""
    lines = wrap(text, width)
    return lines[0] + ("…" if len(lines) > 1 else "") if lines else ""


def _cells(row: LedgerRow, lang: str) -> dict[str, str]:
    p = row.progress
    value = value_text(p, lang) + (f" ({p.period})" if p.period and p.period == p.period else "")
    sep = t("enum_sep", lang)
    return {"task": task_text(row.target.task, lang), "name": row.target.name(lang),
            "goal": target_text(row.target, lang), "value": value, "status": status_text(row.status, lang),
            "lead": sep.join(row.target.lead_departments)}


def _table(fig: Figure, rows: list[LedgerRow], lang: str) -> None:
    lines = len(rows) + len({r.target.thrust for r in rows}) + 1
    step = min(0.022, (TOP - BOTTOM) / max(lines, 1))
    size = min(8.0, step * A4[0] * 72 * 0.62)
    y = TOP
    for key, x, _ in COLUMNS:
        fig.text(x, y, t(HEAD_KEYS[key], lang), fontsize=size, color=INK, va="top")
    thrust = None
    for row in rows:
        if row.target.thrust != thrust:
            thrust = row.target.thrust
            y -= step
            fig.add_artist(Rectangle((0.03, y - step * 0.85), 0.94, step * 0.95, facecolor="#e6eef8",
                                     edgecolor="none", transform=fig.transFigure))
            fig.text(0.035, y, thrust_text(thrust, lang), fontsize=size, color="#1f3a5f", va="top")
        y -= step
        cells = _cells(row, lang)
        for key, x, width in COLUMNS:
            if key == "status":
                fig.add_artist(Rectangle((x - 0.004, y - step * 0.8), 0.078, step * 0.85,
                                         facecolor=FILLS[row.status], edgecolor="none", transform=fig.transFigure))
                color = "white" if row.status in ("met", "on_track", "behind") else INK
                fig.text(x, y, clip(cells[key], width), fontsize=size, color=color, va="top")
            else:
                fig.text(x, y, clip(cells[key], width), fontsize=size, color=INK if row.progress.period else GREY,
                         va="top")
        if row.provenance == "sample":
            fig.text(COLUMNS[4][1] - 0.006, y, t("provenance.sample", lang), fontsize=size * 0.85, color=SAMPLE_RED,
                     va="top", ha="right")


def _footer(fig: Figure, rows: list[LedgerRow], lang: str, now: datetime) -> None:
    fig.add_artist(Rectangle((0.03, BOTTOM - 0.008), 0.94, 0.0008, facecolor="#cccccc", edgecolor="none",
                             transform=fig.transFigure))
    sources = list(dict.fromkeys(s for r in rows if r.provenance == "sourced" for s in r.progress.sources))
    lines = wrap(f"{t('sources', lang)}: " + "; ".join(sources or ["—"]), 140)[:4]
    if any(r.provenance == "sample" for r in rows):
        lines.append(t("sample_source", lang))
    lines.append(f"{t('exported', lang)}: {now:%Y-%m-%d %H:%M} {now.tzname() or ''}".rstrip())
    for i, line in enumerate(lines):
        fig.text(0.03, BOTTOM - 0.018 - i * 0.017, line, fontsize=6.5, color=GREY, va="top")


def ledger_figure(rows: list[LedgerRow], filters: Filters, now: datetime) -> Figure:
    """Draw the briefing: title, date, filters in force, the table with status colours, footer."""
    lang = filters.lang
    with rc_context(rc("pdf")):
        fig = Figure(figsize=A4[::-1], facecolor="white")
        FigureCanvasAgg(fig)
        fig.text(0.03, 0.965, t("ledger_title", lang), fontsize=15, color=INK, va="top")
        fig.text(0.03, 0.928, f"{now:%Y-%m-%d}  ·  {t('ledger_count', lang, n=len(rows))}", fontsize=8.5,
                 color=GREY, va="top")
        fig.text(0.03, 0.905, clip(f"{t('ledger_filters', lang)}: {filters_text(filters, lang)}", 150),
                 fontsize=8.5, color=GREY, va="top")
        if not rows:
            fig.text(0.03, TOP, t("ledger_empty", lang), fontsize=10, color=INK, va="top")
        _table(fig, rows, lang)
        _footer(fig, rows, lang, now)
    return fig


def pdf_bytes(rows: list[LedgerRow], filters: Filters, now: datetime) -> bytes:
    """:func:`ledger_figure` saved as PDF (fonts embedded as TrueType)."""
    return figure_bytes(ledger_figure(rows, filters, now), "pdf")
