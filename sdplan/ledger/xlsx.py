"""The ledger as an XLSX workbook that prints: a readable sheet, ids and links on a sheet of their own, and
what was exported when (A4 landscape, one page wide, the header row on every page)."""

from __future__ import annotations

import math
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..beijing import stamp
from ..formulas import safe_cell
from ..i18n import t
from ..progress_text import STATUS_COLORS, target_text
from ..schedule import LIGHT_COLORS, light_text
from ..sheets import (
    HEADER_FONT,
    NOTE_FONT,
    SAMPLE_FONT,
    TITLE_FONT,
    fit_words,
    header_row,
    number_format,
    print_setup,
    set_columns,
    workbook_bytes,
)
from ..translations import in_language
from ..units import display_round, unit_label
from .filters import Filters
from .rows import LedgerRow, TaskRow, in_plan_order
from .texts import (
    filter_items,
    filters_text,
    latest_note_text,
    leads_text,
    ledger_status_text,
    provenance_text,
    thrust_text,
)

# The ledger sheet's columns, each headed by t("ledger_column.<id>"): the target's name first, no internal ids.
COLUMNS = ("name", "thrust", "task", "goal", "value", "unit", "period", "progress", "status", "schedule",
           "provenance", "sources", "lead", "note", "n_units", "n_with_data")
WIDTHS = (34, 11, 5, 14, 9, 9, 9, 9, 10, 16, 10, 34, 24, 34, 7, 8)
WRAPPED = tuple(COLUMNS.index(c) + 1 for c in ("name", "thrust", "goal", "status", "schedule", "provenance", "sources",
                                               "lead", "note"))
# The progress-notes sheet: every note, its history included.
NOTE_COLUMNS = ("task", "name", "date", "note", "by")
NOTE_WIDTHS = (6, 34, 11, 60, 24)
# The ids-and-links sheet: what a program or a colleague needs, not a reader.
LINK_COLUMNS = ("name", "id", "indicator", "map", "name_other")
LINK_WIDTHS = (36, 24, 24, 80, 40)
HEADER_ROW = 5  # rows 1-4: title, filters, data date and export time, sample-data mark


def map_url(row: LedgerRow, base_url: str) -> str | None:
    """The absolute dashboard link of a row ('http://host/?indicator=…'), or None."""
    return base_url.rstrip("/") + row.map_href if row.map_href else None


def row_record(row: LedgerRow, lang: str = "zh") -> tuple:
    """One target's cells, in :data:`COLUMNS` order (numbers stay numbers, rounded for display; None when empty)."""
    p, target = row.progress, row.target
    sources = "; ".join(in_language(s, lang) for s in p.sources) if row.provenance == "sourced" else (
        t("sample_source", lang) if row.provenance == "sample" else "")
    if p.definition is not None:  # the number stays a number: how it was counted goes with its sources
        counted = t("definition_line", lang, definition=p.definition.name(lang))
        sources = f"{sources}; {counted}" if sources else counted
    value = None if math.isnan(p.value) else display_round(p.value, p.decimals)
    return (target.name(lang), thrust_text(target.thrust, lang), target.task, target_text(target, lang), value,
            unit_label(p.unit, lang) if value is not None else None, p.period,
            None if p.ratio is None else round(p.ratio * 100, 1), ledger_status_text(p, lang),
            light_text(row.schedule, lang),
            provenance_text(row.provenance, lang), sources, leads_text(target.lead_departments, lang),
            latest_note_text(row.notes, lang) or None, p.n_units or None, p.n_with_data or None)


def task_record(row: TaskRow, lang: str = "zh") -> tuple:
    """A task that sets no number, in :data:`COLUMNS` order: its name, lead departments and latest note."""
    task = row.task_item
    cells = dict.fromkeys(COLUMNS)
    cells.update(name=task.name(lang), thrust=thrust_text(task.thrust, lang), task=task.number,
                 goal=t("ledger_task_row", lang), lead=leads_text(task.lead_departments, lang),
                 note=latest_note_text(row.notes, lang) or None)
    return tuple(cells[c] for c in COLUMNS)


def link_record(row: LedgerRow, base_url: str, lang: str = "zh") -> tuple:
    """One target's ids and map link, in :data:`LINK_COLUMNS` order."""
    target = row.target
    return (target.name(lang), target.id, target.indicator, map_url(row, base_url),
            target.name("zh" if lang == "en" else "en"))


def data_as_of(rows: list[LedgerRow]) -> str | None:
    """The latest period any row shows (None without data)."""
    return max((r.progress.period for r in rows if r.progress.period and not math.isnan(r.value)), default=None)


def _ledger_sheet(sheet: Worksheet, rows: list[LedgerRow], filters: Filters, now: datetime, base_url: str,
                  tasks: list[TaskRow], version: str | None = None) -> None:
    lang = filters.lang
    sheet.title = t("ledger_sheet", lang)
    sheet["A1"] = t("ledger_title", lang)
    sheet["A1"].font = TITLE_FONT
    sheet["A2"] = safe_cell(t("labelled", lang, label=t("ledger_filters", lang), value=filters_text(filters, lang)))
    sheet["A3"] = t("list_sep", lang).join([
        t("labelled", lang, label=t("ledger_data_as_of", lang), value=data_as_of(rows) or "—"),
        t("labelled", lang, label=t("exported", lang), value=stamp(now, lang)),
        t("ledger_count", lang, n=len(rows)), *([version] if version else [])])
    for cell in ("A2", "A3"):
        sheet[cell].font = NOTE_FONT
    if any(r.provenance == "sample" for r in rows):
        sheet["A4"] = t("sample_banner", lang)
        sheet["A4"].font = SAMPLE_FONT
    headings = [t(f"ledger_column.{c}", lang) for c in COLUMNS]
    header_row(sheet, HEADER_ROW, headings)
    entries = in_plan_order(rows, tasks)
    for i, row in enumerate(entries, start=HEADER_ROW + 1):
        if isinstance(row, TaskRow):
            for j, value in enumerate(task_record(row, lang), start=1):
                sheet.cell(i, j, safe_cell(value))
            continue
        for j, value in enumerate(row_record(row, lang), start=1):
            sheet.cell(i, j, safe_cell(value))
        name, value, status = (sheet.cell(i, COLUMNS.index(c) + 1) for c in ("name", "value", "status"))
        if row.map_href:
            name.hyperlink = map_url(row, base_url)
        if isinstance(value.value, float):
            value.number_format = number_format(value.value)
        status.fill = PatternFill("solid", fgColor=STATUS_COLORS[row.status].lstrip("#"))
        status.font = Font(color="FFFFFF" if row.status in ("met", "on_track", "behind") else "000000")
        if row.schedule.judged:
            light = sheet.cell(i, COLUMNS.index("schedule") + 1)
            light.fill = PatternFill("solid", fgColor=LIGHT_COLORS[row.schedule.light].lstrip("#"))
            light.font = Font(color="FFFFFF" if row.schedule.light == "red" else "000000")
        if row.provenance == "sample":
            sheet.cell(i, COLUMNS.index("provenance") + 1).font = SAMPLE_FONT
    if not entries:
        sheet.cell(HEADER_ROW + 1, 1, t("ledger_empty", lang))
    last = get_column_letter(len(COLUMNS))
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(len(entries), 1)}"
    set_columns(sheet, fit_words(WIDTHS, headings), WRAPPED, first_row=HEADER_ROW + 1,
                centered=(COLUMNS.index("task") + 1,))
    print_setup(sheet, t("ledger_title", lang), t("page_footer", lang), header_row=HEADER_ROW,
                freeze=f"B{HEADER_ROW + 1}")


def _links_sheet(sheet: Worksheet, rows: list[LedgerRow], lang: str, base_url: str) -> None:
    headings = [t(f"ledger_column.{c}", lang) for c in LINK_COLUMNS]
    header_row(sheet, 1, headings)
    for i, row in enumerate(rows, start=2):
        for j, value in enumerate(link_record(row, base_url, lang), start=1):
            sheet.cell(i, j, safe_cell(value))
        url = sheet.cell(i, LINK_COLUMNS.index("map") + 1)
        if url.value:
            url.hyperlink = url.value
    set_columns(sheet, fit_words(LINK_WIDTHS, headings), (1, 5), first_row=2)
    print_setup(sheet, t("ledger_links_sheet", lang), t("page_footer", lang), header_row=1, freeze="B2")


def _notes_sheet(sheet: Worksheet, rows: list[LedgerRow], tasks: list[TaskRow], lang: str) -> None:
    """Every progress note of the rows and tasks shown, newest first per task or target (the history)."""
    headings = [t(f"ledger_column.{c}", lang) for c in NOTE_COLUMNS]
    header_row(sheet, 1, headings)
    line = 2
    for row in in_plan_order(rows, tasks):
        name = row.target.name(lang) if isinstance(row, LedgerRow) else row.task_item.name(lang)
        for note in row.notes:
            for j, value in enumerate((row.task, name, note.noted_on, note.text,
                                       in_language(note.department or note.username, lang)), start=1):
                sheet.cell(line, j, safe_cell(value))
            line += 1
    if line == 2:
        sheet.cell(2, 1, t("admin_notes_none", lang))
    set_columns(sheet, fit_words(NOTE_WIDTHS, headings), (2, 4, 5), first_row=2)
    print_setup(sheet, t("ledger_notes_sheet", lang), t("page_footer", lang), header_row=1, freeze="C2")


def _about_sheet(sheet: Worksheet, rows: list[LedgerRow], filters: Filters, now: datetime, base_url: str) -> None:
    lang = filters.lang
    sheet.append([t("ledger_title", lang)])
    sheet["A1"].font = TITLE_FONT
    sheet.append([t("ledger_filters", lang)])
    sheet.cell(sheet.max_row, 1).font = HEADER_FONT
    for label, value in filter_items(filters, lang):
        sheet.append([label, safe_cell(value)])
    sheet.append([t("ledger_data_as_of", lang), data_as_of(rows) or "—"])
    sheet.append([t("exported", lang), stamp(now, lang)])
    sheet.append([t("ledger_links_base", lang), base_url])
    sheet.append([None, t("ledger_name_links", lang)])
    if filters.circle:
        sheet.append([None, t("ledger_province_only_note", lang)])
    if any(r.provenance == "sample" for r in rows):
        sheet.append([t("provenance.sample", lang), t("sample_source", lang)])
        sheet.cell(sheet.max_row, 1).font = SAMPLE_FONT
    set_columns(sheet, (16, 90), (2,), first_row=2)
    print_setup(sheet, t("ledger_title", lang), t("page_footer", lang))


def xlsx_bytes(rows: list[LedgerRow], filters: Filters, now: datetime, base_url: str,
               tasks: list[TaskRow] = (), version: str | None = None) -> bytes:
    """The ledger as an XLSX workbook: the ledger, its ids and map links, and what was exported.

    Parameters
    ----------
    rows : list of LedgerRow
        From :func:`sdplan.ledger.rows.ledger_rows` for ``filters``.
    filters : Filters
        Printed at the top of the ledger and, one by one with their labels, on the About sheet.
    now : datetime
        The export time, printed on Beijing time.
    base_url : str
        Where the dashboard is reached; map links are absolute ('http://host:port/?indicator=…').

    Returns
    -------
    bytes
        Text that a spreadsheet would run as a formula is defused (:func:`sdplan.formulas.safe_cell`).
    """
    lang = filters.lang
    book = Workbook()
    _ledger_sheet(book.active, rows, filters, now, base_url, list(tasks), version)
    _links_sheet(book.create_sheet(t("ledger_links_sheet", lang)), rows, lang, base_url)
    _about_sheet(book.create_sheet(t("ledger_about_sheet", lang)), rows, filters, now, base_url)
    _notes_sheet(book.create_sheet(t("ledger_notes_sheet", lang)), rows, list(tasks), lang)
    return workbook_bytes(book)
