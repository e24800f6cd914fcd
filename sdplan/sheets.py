"""XLSX sheets that print and read well in Excel, WPS and LibreOffice: A4 page setup, title block, columns.

Shared by the ledger's workbook and the import templates (openpyxl).
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from .formulas import safe_cell

HEADER_FONT = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
NOTE_FONT = Font(color="555555")
SAMPLE_FONT = Font(bold=True, color="C0392B")
TOP_WRAP = Alignment(vertical="top", wrap_text=True)
TOP = Alignment(vertical="top")
TOP_CENTRE = Alignment(vertical="top", horizontal="center")
TEXT_FORMAT = "@"  # typed entries stay text: 2024-06 is not turned into a date
LINE_HEIGHT = 15.0  # points per line of 11-point text (Latin or Chinese)


def text_width(text: str) -> float:
    """How wide ``text`` is in column-width units (a digit is 1, a Chinese character about 2)."""
    return sum(2.0 if ord(ch) > 0x2E7F else 1.1 if ch.isupper() else 1.0 for ch in text)


def fit_words(widths: Sequence[float], headings: Sequence[str]) -> list[float]:
    """``widths`` widened where needed so no heading breaks inside a word ('Provenance', not 'Provenanc e')."""
    return [max(w, max(text_width(word) for word in h.split()) + 2 if h.strip() else w) for w, h in zip(widths, headings)]


def lines_needed(value: object, width: float) -> int:
    """How many lines ``value`` takes when wrapped in a column ``width`` wide."""
    if value is None:
        return 1
    usable = max(width - 1.5, 1.0)
    return sum(max(1, math.ceil(text_width(part) / usable)) for part in str(value).split("\n"))


def header_text(text: str) -> str:
    """``text`` for a printed page header or footer ('&' is a control character there)."""
    return text.replace("&", "&&")


def print_setup(sheet: Worksheet, title: str, footer: str, header_row: int | None = None,
                freeze: str | None = None, landscape: bool = True) -> None:
    """Make ``sheet`` print on A4, one page wide, with its header row on every page.

    Parameters
    ----------
    sheet : Worksheet
    title : str
        Printed at the top of every page.
    footer : str
        Printed at the bottom of every page (page numbers: ``&P`` and ``&N``).
    header_row : int, optional
        The row of column headings, repeated on each printed page.
    freeze : str, optional
        The cell above and left of which panes stay in view (e.g. ``"B6"``).
    landscape : bool
        A4 landscape (default) or portrait.
    """
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = "landscape" if landscape else "portrait"
    setup.fitToWidth, setup.fitToHeight = 1, 0  # one page wide, as many pages tall as needed
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.7, bottom=0.7, header=0.3, footer=0.3)
    sheet.print_options.horizontalCentered = True
    sheet.oddHeader.center.text = header_text(title)
    sheet.oddFooter.center.text = footer
    if header_row:
        sheet.print_title_rows = f"{header_row}:{header_row}"
    if freeze:
        sheet.freeze_panes = freeze


def set_columns(sheet: Worksheet, widths: Sequence[float], wrapped: Sequence[int] = (), first_row: int = 1,
                last_row: int | None = None, centered: Sequence[int] = ()) -> None:
    """Set column widths (in characters; a Chinese character counts about two) and wrap long text.

    Columns numbered in ``wrapped`` (1-based) wrap within their width; every cell from ``first_row``
    to ``last_row`` is aligned to the top so wrapped rows read across (columns in ``centered`` also
    centred), and each row, the header row above ``first_row`` included, is made tall enough for its
    wrapped text (office suites do not all size rows on opening a file).
    """
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    if first_row > 1:  # the header row above: tall enough for headings that wrap
        heading = max((lines_needed(c.value, w) for c, w in zip(sheet[first_row - 1], widths) if c.alignment.wrap_text),
                      default=1)
        if heading > 1:
            sheet.row_dimensions[first_row - 1].height = LINE_HEIGHT * heading
    for row in sheet.iter_rows(min_row=first_row, max_row=last_row or sheet.max_row, max_col=len(widths)):
        lines = 1
        for cell in row:
            cell.alignment = TOP_WRAP if cell.column in wrapped else TOP_CENTRE if cell.column in centered else TOP
            if cell.column in wrapped:
                lines = max(lines, lines_needed(cell.value, widths[cell.column - 1]))
        if lines > 1:
            sheet.row_dimensions[row[0].row].height = LINE_HEIGHT * lines


def header_row(sheet: Worksheet, row: int, names: Sequence[str]) -> None:
    """Write bold, wrapped column headings in ``row``."""
    for i, name in enumerate(names, start=1):
        cell = sheet.cell(row, i, name)
        cell.font = HEADER_FONT
        cell.alignment = Alignment(vertical="center", wrap_text=True)


def number_format(value: float) -> str:
    """An Excel number format that shows ``value`` as rounded for display: '#,##0' or 'General'."""
    return "#,##0" if float(value).is_integer() or abs(value) >= 1000 else "General"


def table_workbook(title: str, header: Sequence[str], records: Sequence[Sequence[object]]) -> bytes:
    """One sheet named ``title``: the header (kept in view) and a row per record, each cell formula-safe."""
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(list(header))
    for record in records:
        sheet.append([safe_cell(v) for v in record])
    sheet.freeze_panes = "A2"
    return workbook_bytes(book)


def workbook_bytes(book: Workbook) -> bytes:
    """The workbook as XLSX bytes."""
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
