"""Read untrusted CSV bytes into rows of text cells within hard bounds, and keep those bounds.

Everything here is plain standard library (no pandas, no openpyxl), so that the child process
that reads uploads (:mod:`sdplan.intake.sandbox`) starts in a few tens of milliseconds. The
reader counts as it reads, rows, columns, cells, characters per cell and characters in all,
and stops at the first limit with a :class:`~sdplan.errors.DataError` that names the limit,
the row and the column. XLSX workbooks are read by :mod:`sdplan.intake.xlsx` with the same
:class:`Tally`.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from ..errors import DataError, problem

MAX_BYTES = 20 * 1024 * 1024  # the file as uploaded
MAX_ROWS = 100_000  # data rows, below the header
MAX_COLUMNS = 50
MAX_CELLS = 1_500_000  # cells (and rows) read in all, empty ones of a workbook included: 100,000 rows of 12 columns fit
MAX_CELL = 2_000  # characters in one cell
MAX_TEXT = MAX_BYTES  # characters in all cells: a workbook holds no more text than the largest CSV file
MAX_UNZIPPED = 200 * 1024 * 1024  # a workbook's parts once unzipped
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

Rows = list[list[str | None]]


def column_letter(index: int) -> str:
    """The spreadsheet name of the 1-based column ``index`` (1 -> A, 27 -> AA)."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass
class Tally:
    """What has been read so far; :meth:`cell` refuses the first cell past a limit.

    ``file`` names the file in the problems; ``header`` names columns once the first row is read.
    """

    file: str
    cells: int = 0
    text: int = 0
    header: tuple[str, ...] = ()

    def column_name(self, column: int) -> str:
        """The header of the 1-based ``column`` when it has one, else its spreadsheet letter."""
        if column <= len(self.header) and self.header[column - 1]:
            return self.header[column - 1]
        return column_letter(column)

    def refuse(self, row: int | None, column: int | None, key: str, value: object = None, **values) -> DataError:
        """A :class:`DataError` about one place of the file, in the catalogue's words ``key``."""
        name = None if column is None else self.column_name(column)
        return DataError([problem(self.file, row, name, value, key, **values)])

    def row(self, row: int) -> None:
        """Refuse a row past :data:`MAX_ROWS` data rows (the header is row 1)."""
        if row > MAX_ROWS + 1:
            raise self.refuse(row, None, "file_limit_rows", n=f"{MAX_ROWS:,}")

    def count(self, row: int | None, column: int | None, cells: int = 1) -> None:
        """Count ``cells`` read (empty or not); refuse past :data:`MAX_CELLS`."""
        self.cells += cells
        if self.cells > MAX_CELLS:
            raise self.refuse(row, column, "file_limit_cells", n=f"{MAX_CELLS:,}")

    def cell(self, row: int, column: int, text: str) -> str | None:
        """Check one cell's text against the limits; the text stripped, or None when empty."""
        text = text.strip()
        if not text:
            return None
        if column > MAX_COLUMNS:
            raise self.refuse(row, column, "file_limit_columns", text[:40], n=MAX_COLUMNS)
        if len(text) > MAX_CELL:
            raise self.refuse(row, column, "file_limit_cell", text[:40] + "…", n=f"{MAX_CELL:,}")
        self.text += len(text)
        if self.text > MAX_TEXT:
            raise self.refuse(row, column, "file_limit_text", n=f"{MAX_TEXT:,}")
        return text


def decode(content: bytes, file: str) -> str:
    """The text of a CSV file in UTF-8 (with or without BOM) or GBK/GB18030."""
    if content.startswith(b"\xef\xbb\xbf"):
        encodings = ("utf-8-sig",)
    elif content.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8", "gb18030")
    for encoding in encodings:
        try:
            text = content.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if CONTROL_RE.search(text):
            break
        return text
    raise DataError([problem(file, None, None, None, "file_not_text")])


def _allow_long_fields() -> None:
    # The csv module stops at 131,072 characters with a message naming no row or column; the
    # file is already bounded (MAX_BYTES), so let it read on and let Tally name the cell.
    if csv.field_size_limit() < MAX_BYTES + 1:
        csv.field_size_limit(MAX_BYTES + 1)


def read_csv_rows(content: bytes, file: str) -> Rows:
    """A CSV file's rows of text cells (empty as None); the delimiter may be , ; or tab.

    Raises
    ------
    DataError
        If the file cannot be decoded, is not well-formed CSV (naming the row) or passes a limit.
    """
    text = decode(content, file)
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count) if first else ","
    _allow_long_fields()
    tally = Tally(file)
    rows: Rows = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            tally.row(number)
            cells = []
            for column, value in enumerate(record, start=1):
                tally.count(number, column)
                cells.append(tally.cell(number, column, value))
            while cells and cells[-1] is None:
                cells.pop()
            if number == 1:
                tally.header = tuple(c or "" for c in cells)
            rows.append(cells)
    except csv.Error:
        raise DataError([problem(file, number + 1, None, None, "file_bad_csv")]) from None
    return rows
