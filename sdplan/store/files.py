"""Read an uploaded file into a table of text cells: CSV (UTF-8, UTF-8 with BOM, GBK/GB18030) or XLSX.

Every failure becomes a :class:`~sdplan.errors.DataError` that says what is wrong with the file;
nothing else escapes (the parser is fuzzed). Limits guard against oversized files and zip bombs.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date, datetime

import pandas as pd

from ..errors import DataError, Problem

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 50
MAX_CELL = 2_000
MAX_UNZIPPED = 200 * 1024 * 1024
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _fail(file: str, zh: str, en: str, row: int | None = None, column: str | None = None, value=None) -> DataError:
    return DataError([Problem(file, row, column, value, zh, en)])


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
    raise _fail(file, "UTF-8 或 GBK/GB18030 编码的文本 CSV 文件(该文件无法解码,或含有控制字符,可能不是文本文件)",
                "a text CSV file in UTF-8 or GBK/GB18030 (this file cannot be decoded or holds control characters; "
                "it may not be a text file)")


def _cell(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    if isinstance(value, datetime):
        value = value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, date):
        value = value.isoformat()
    text = str(value).strip()
    return text or None


def _frame(rows: list[list], file: str) -> pd.DataFrame:
    rows = [[_cell(v) for v in r] for r in rows]
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows or not any(rows[0]):
        raise _fail(file, "第一行为列名的表格", "a table whose first row holds the column names")
    header = [h or "" for h in rows[0]]
    while header and not header[-1]:
        header.pop()
    if len(header) > MAX_COLUMNS:
        raise _fail(file, f"至多 {MAX_COLUMNS} 列", f"at most {MAX_COLUMNS} columns", value=len(header))
    body = rows[1:]
    if len(body) > MAX_ROWS:
        raise _fail(file, f"至多 {MAX_ROWS} 行数据", f"at most {MAX_ROWS} data rows", value=len(body))
    problems = []
    for i, r in enumerate(body):
        extra = [v for v in r[len(header):] if v]
        if extra:
            problems.append(Problem(file, i + 2, None, extra[0], f"不超过 {len(header)} 个单元格(与列名行一致)",
                                    f"at most {len(header)} cells (as many as column names)"))
        for j, v in enumerate(r[: len(header)]):
            if v is not None and len(v) > MAX_CELL:
                problems.append(Problem(file, i + 2, header[j], v[:40] + "…", f"不超过 {MAX_CELL} 个字符",
                                        f"at most {MAX_CELL} characters"))
    if problems:
        raise DataError(problems)
    body = [(list(r) + [None] * len(header))[: len(header)] for r in body]
    return pd.DataFrame(body, columns=header, dtype=object)


def read_csv_bytes(content: bytes, file: str) -> pd.DataFrame:
    """A CSV file's cells as text (empty as None); the delimiter may be , ; or tab."""
    text = decode(content, file)
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count) if first else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise _fail(file, f"格式正确的 CSV 文件({exc})", f"a well-formed CSV file ({exc})") from None
    return _frame(rows, file)


def read_xlsx_bytes(content: bytes, file: str) -> pd.DataFrame:
    """The first worksheet of an XLSX workbook as text cells (cached formula results, not formulas)."""
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED:
                raise _fail(file, "解压后不超过 200 MB 的工作簿", "a workbook under 200 MB once unzipped")
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            rows = []
            for row in sheet.iter_rows(values_only=True):
                rows.append(list(row))
                if len(rows) > MAX_ROWS + 1:
                    break
        finally:
            workbook.close()
    except DataError:
        raise
    except Exception as exc:  # openpyxl and zipfile raise many kinds for broken workbooks
        raise _fail(file, f"可以打开的 Excel 工作簿(.xlsx)({type(exc).__name__})",
                    f"an Excel workbook (.xlsx) that opens ({type(exc).__name__})") from None
    return _frame(rows, file)


def read_table(content: bytes, file: str) -> pd.DataFrame:
    """Read an uploaded CSV or XLSX file into text cells.

    Parameters
    ----------
    content : bytes
        The file as uploaded.
    file : str
        Its name (used in messages; ``.xlsx`` or the zip signature selects Excel).

    Raises
    ------
    DataError
        If the file is empty, too large, of an unsupported kind or cannot be read.
    """
    if not content:
        raise _fail(file, "非空文件", "a file that is not empty")
    if len(content) > MAX_BYTES:
        raise _fail(file, f"不超过 {MAX_BYTES // 1024 // 1024} MB 的文件", f"a file of at most {MAX_BYTES // 1024 // 1024} MB",
                    value=len(content))
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise _fail(file, "CSV 或 .xlsx 文件(旧版 .xls 请在 Excel 中另存为 .xlsx)",
                    "a CSV or .xlsx file (save an old .xls as .xlsx in Excel)")
    if content.startswith(b"PK\x03\x04") or file.lower().endswith((".xlsx", ".xlsm")):
        return read_xlsx_bytes(content, file)
    return read_csv_bytes(content, file)
