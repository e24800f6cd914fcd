"""Read a CSV table as text and validate it with a pandera schema, reporting every problem.

Tables are read with every cell as a string (nothing guessed), checked, and only then
converted. pandera's failure cases are turned into :class:`~sdplan.errors.Problem` rows that
name the file, the spreadsheet row, the column, the bad value and what was expected.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from .errors import DataError, Problem

# ASCII digits only: \d would take ２０２３ and ٢٠٢٣ as years (imports fold full-width forms first).
PERIOD_RE = re.compile(r"^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$")
DATE_RE = re.compile(r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$")
ADCODE_RE = re.compile(r"^37[0-9]{4}$")
# A decimal number as people write it: no underscores (1_0), no other digits, no nan or inf.
NUMBER_RE = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$")


def period_end(period: str) -> tuple[int, int]:
    """(year, last month) of a period, to order periods of different lengths: 2022 ends in December,
    2022-Q3 in September, 2022-06 in June (as text, '2022-10' would sort before '2022-Q3')."""
    year, _, part = period.partition("-")
    if not part:
        return int(year), 12
    return int(year), int(part[1]) * 3 if part.startswith("Q") else int(part)


def is_number(text: str) -> bool:
    """Whether ``text`` is a finite decimal number written in ASCII (1_0, ٢, nan and 1e999 are not)."""
    return isinstance(text, str) and bool(NUMBER_RE.match(text)) and math.isfinite(float(text))


def check(name: str, zh: str, en: str, fn: Callable[[str], bool]) -> pa.Check:
    """An element-wise check on the cell text, named so failures can be explained."""
    EXPECTED[name] = (zh, en)
    return pa.Check(fn, element_wise=True, name=name)


# What each check expects, in Chinese and English; filled by check() and the built-ins below.
EXPECTED: dict[str, tuple[str, str]] = {
    "not_nullable": ("非空值", "a value (the cell is empty)"),
    "column_in_dataframe": ("存在该列", "this column to be present"),
    "column_in_schema": ("不含多余的列", "no such column (it is not part of this table)"),
    "field_uniqueness": ("唯一值(与其他行重复)", "a unique value (it repeats another row)"),
    "multiple_fields_uniqueness": ("唯一的组合(与其他行重复)", "a unique combination (it repeats another row)"),
}


def text_column(*checks: pa.Check, required: bool = True, unique: bool = False) -> pa.Column:
    return pa.Column(str, checks=list(checks), nullable=not required, required=True, unique=unique)


def read_csv_text(path: Path) -> pd.DataFrame:
    """Read a UTF-8 CSV with every cell as text, empty cells as ``None``."""
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataError([Problem(path.name, None, None, None, f"可读取的 UTF-8 CSV 文件({exc})",
                                 f"a readable UTF-8 CSV file ({exc})")]) from exc
    frame.columns = [c.strip() for c in frame.columns]
    return frame.map(lambda v: v.strip() or None if isinstance(v, str) else v)


def validate(frame: pd.DataFrame, schema: pa.DataFrameSchema, file: str) -> pd.DataFrame:
    """Validate ``frame``; raise :class:`DataError` listing every failure, in row order."""
    try:
        valid = schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        raise DataError(problems_from(exc.failure_cases, file)) from None
    return valid.astype(object).where(valid.notna(), None)


def problems_from(cases: pd.DataFrame, file: str) -> list[Problem]:
    problems = []
    for case in cases.itertuples(index=False):
        name = str(case.check)
        zh, en = EXPECTED.get(name) or EXPECTED.get(name.split("(")[0], (name, name))
        row = None if pd.isna(case.index) else int(case.index) + 2
        column = None if case.column is None or pd.isna(case.column) else str(case.column)
        value = None if pd.isna(case.failure_case) else case.failure_case
        if name in ("column_in_dataframe", "column_in_schema"):
            column, value = str(value), None
        problems.append(Problem(file, row, column, value, zh, en))
    return sorted(one_per_cell(problems), key=lambda p: (p.row or 0, p.column or "", str(p.value)))


def one_per_cell(problems: list[Problem]) -> list[Problem]:
    """The problems without repeats, and at most one for each cell (the first found): one bad cell, one message."""
    seen, kept = set(), []
    for p in problems:
        key = (p.row, p.column) if p.row is not None and p.column is not None else p
        if key not in seen:
            seen.add(key)
            kept.append(p)
    return kept
