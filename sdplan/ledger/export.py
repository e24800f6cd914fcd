"""The ledger as files for people: an XLSX workbook and a one-page A4 PDF briefing (pure: rows -> bytes)."""

from __future__ import annotations

import io
import math
from datetime import datetime

from ..i18n import t
from ..progress_text import STATUS_COLORS, status_line, target_text
from ..store.export import safe_cell
from .filters import Filters
from .rows import LedgerRow
from .texts import filters_text, provenance_text, thrust_text

FORMATS = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "pdf": "application/pdf"}
# Column ids; each is headed by t("ledger_column.<id>").
COLUMNS = ("thrust", "task", "id", "name_zh", "name_en", "goal", "target", "unit", "period", "value", "progress",
           "status", "provenance", "sources", "lead", "n_units", "n_with_data", "map")


def export_filename(fmt: str, now: datetime) -> str:
    """'sdplan-ledger-20261129-0900.xlsx'."""
    return f"sdplan-ledger-{now:%Y%m%d-%H%M}.{fmt}"


def row_record(row: LedgerRow, lang: str = "zh") -> tuple:
    """One target's cells, in :data:`COLUMNS` order (numbers stay numbers; None when empty)."""
    p, target = row.progress, row.target
    sources = "; ".join(p.sources) if row.provenance == "sourced" else (
        t("sample_source", lang) if row.provenance == "sample" else "")
    return (thrust_text(target.thrust, lang), target.task, target.id, target.name_zh, target.name_en,
            target_text(target, lang), target.target, target.unit, p.period,
            None if math.isnan(p.value) else round(p.value, 4),
            None if p.ratio is None else round(p.ratio * 100, 1), status_line(p, lang),
            provenance_text(row.provenance, lang), sources, "、".join(target.lead_departments),
            p.n_units or None, p.n_with_data or None, row.map_href)


def xlsx_bytes(rows: list[LedgerRow], filters: Filters, now: datetime) -> bytes:
    """The ledger as an XLSX workbook: sheet 1 one row per target, sheet 2 what was exported and when.

    Text that a spreadsheet would run as a formula is defused (:func:`sdplan.store.export.safe_cell`).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    lang = filters.lang
    book = Workbook()
    sheet = book.active
    sheet.title = t("ledger_sheet", lang)
    sheet.append([t(f"ledger_column.{c}", lang) for c in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([safe_cell(v) for v in row_record(row, lang)])
        status_cell = sheet.cell(sheet.max_row, COLUMNS.index("status") + 1)
        status_cell.fill = PatternFill("solid", fgColor=STATUS_COLORS[row.status].lstrip("#"))
        status_cell.font = Font(color="FFFFFF" if row.status in ("met", "on_track", "behind") else "000000")
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHIJKLMNOPQR", (12, 6, 24, 30, 36, 14, 10, 12, 9, 11, 9, 10, 11, 40, 30, 8, 8, 40)):
        sheet.column_dimensions[letter].width = width
    about = book.create_sheet(t("ledger_about_sheet", lang))
    about.append([t("ledger_title", lang)])
    about.append([t("ledger_filters", lang), safe_cell(filters_text(filters, lang))])
    for key in ("thrust", "dept", "status", "circle", "q"):
        about.append([key, safe_cell(getattr(filters, key) or "")])
    about.append([t("exported", lang), now.strftime("%Y-%m-%d %H:%M %Z").strip()])
    about.append([t("provenance.sample", lang), t("sample_source", lang)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_bytes(rows: list[LedgerRow], filters: Filters, fmt: str, now: datetime) -> bytes:
    """The ledger as ``fmt`` ("xlsx" or "pdf").

    Parameters
    ----------
    rows : list of LedgerRow
        From :func:`sdplan.ledger.rows.ledger_rows` for ``filters``.
    filters : Filters
        Printed in the file so a reader knows what was left out.
    fmt : {"xlsx", "pdf"}
    now : datetime
        The export time printed in the file.

    Returns
    -------
    bytes
    """
    if fmt == "xlsx":
        return xlsx_bytes(rows, filters, now)
    if fmt == "pdf":
        from .pdf import pdf_bytes

        return pdf_bytes(rows, filters, now)
    raise ValueError(f"unknown ledger export format {fmt!r}; expected xlsx or pdf")
