"""Read an uploaded file into a table of text cells: CSV (UTF-8, UTF-8 with BOM, GBK/GB18030) or XLSX.

The bytes are read in a child process with memory and time limits
(:func:`~sdplan.intake.sandbox.read_rows_isolated`), bounded by counts as they are read
(:mod:`sdplan.intake.cells`, :mod:`sdplan.intake.xlsx`); only plain rows of strings come back.
Every failure becomes a :class:`~sdplan.errors.DataError` that says what is wrong with the
file, where, and which limit was passed; nothing else escapes (the parser is fuzzed).
"""

from __future__ import annotations

import pandas as pd

from ..errors import DataError, problem
from .cells import MAX_BYTES, MAX_CELL, MAX_COLUMNS, MAX_ROWS, Rows, column_letter
from .sandbox import read_rows, read_rows_isolated

__all__ = ["MAX_BYTES", "MAX_CELL", "MAX_COLUMNS", "MAX_ROWS", "read_table", "table_of"]


def table_of(rows: Rows, file: str) -> pd.DataFrame:
    """The rows as a frame: the first row names the columns; every cell text or None.

    Raises
    ------
    DataError
        If the first row names no column, or a row has cells right of the last named column.
    """
    rows = list(rows)
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows or not any(rows[0]):
        raise DataError([problem(file, 1, None, None, "file_no_header")])
    header = [h or "" for h in rows[0]]
    while header and not header[-1]:
        header.pop()
    body = rows[1:]
    problems = []
    for number, row in enumerate(body, start=2):
        extra = next(((j, v) for j, v in enumerate(row[len(header):], start=len(header) + 1) if v), None)
        if extra:
            problems.append(problem(file, number, column_letter(extra[0]), extra[1], "file_extra_cells", n=len(header)))
    if problems:
        raise DataError(problems)
    body = [(list(r) + [None] * len(header))[: len(header)] for r in body]
    return pd.DataFrame(body, columns=header, dtype=object)


def read_table(content: bytes, file: str, isolated: bool = True) -> pd.DataFrame:
    """Read an uploaded CSV or XLSX file into text cells.

    Parameters
    ----------
    content : bytes
        The file as uploaded.
    file : str
        Its name (used in messages; ``.xlsx`` or the zip signature selects Excel).
    isolated : bool
        Read in a child process with memory and time limits (the default; always for uploads).
        False reads in this process, bounded by counts only (fuzz tests).

    Raises
    ------
    DataError
        If the file is empty, too large, of an unsupported kind, cannot be read or passes a limit.
    """
    rows = read_rows_isolated(content, file) if isolated else read_rows(content, file)
    return table_of(rows, file)
