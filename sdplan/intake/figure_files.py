"""A file of figures read and checked: :func:`parse_import` (then :func:`sdplan.store.imports.preview_import`
and :func:`sdplan.store.imports.apply_import`).

A file holds one indicator (given by the caller or an ``indicator`` column) or several. Regions
are given by ``adcode`` or by name (``region``, optionally with ``prefecture``); what the rows mean
before their values are checked (column names, full-width digits, unfilled template rows,
regions) is :mod:`sdplan.intake.import_rows`. Values are checked like the bundled tables
(:func:`sdplan.observations.check_observations`: the schema, each level's plausible range, one
message per cell). Every problem is reported at once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd

from .. import beijing
from ..catalog import load_catalog
from ..errors import DataError, problem
from ..observations import COLUMNS, check_observations
from ..tables import one_per_cell
from .files import read_table
from .import_rows import fold_widths, rename, resolve_regions, unfilled_rows


@dataclass
class ParsedImport:
    """A validated file: its rows (``indicator`` plus the observation columns), name and hash."""

    file_name: str
    file_hash: str
    frame: pd.DataFrame
    skipped: int = 0  # unfilled template rows (a region and nothing else), left out

    @property
    def indicators(self) -> list[str]:
        return sorted(self.frame["indicator"].unique())


def _observation_frame(frame: pd.DataFrame, today: str) -> pd.DataFrame:
    out = pd.DataFrame(index=frame.index)
    for column in COLUMNS:
        out[column] = frame.get(column)
    return out.astype(object)


def parse_import(content: bytes, file_name: str, indicator: str | None = None, today: str | None = None,
                 isolated: bool = True) -> ParsedImport:
    """Read and validate an import file; every problem at once.

    Parameters
    ----------
    content : bytes
        The file (CSV in UTF-8, UTF-8 with BOM or GBK/GB18030, or XLSX).
    file_name : str
        Its name, shown in problems.
    indicator : str, optional
        The indicator of every row when the file has no ``indicator`` column.
    today : str, optional
        The date filled in where ``source_date`` is empty (default: today in Beijing).
    isolated : bool
        Read the bytes in a child process with memory and time limits (the default); False
        reads them in this process, bounded by counts only (fuzz tests).

    Returns
    -------
    ParsedImport
        Rows with ``indicator`` and the observation columns (value still text, validated).

    Raises
    ------
    DataError
        Listing every problem, each with row, column, bad value and what is expected.
    """
    today = today or beijing.now().date().isoformat()  # the day in Beijing, not the server's
    file_hash = hashlib.sha256(content).hexdigest()
    frame = fold_widths(rename(read_table(content, file_name, isolated), file_name))
    frame, skipped, problems = unfilled_rows(frame, file_name)
    if frame.empty and not problems:
        raise DataError([problem(file_name, None, None, None, "import_no_rows")])
    known = load_catalog().indicators
    if "indicator" not in frame:
        if indicator is None:
            raise DataError([problem(file_name, 1, "indicator", None, "import_no_indicator")])
        frame = frame.assign(indicator=indicator)
    frame["indicator"] = frame["indicator"].fillna(indicator) if indicator else frame["indicator"]
    unknown = ~frame["indicator"].isin(list(known))
    problems += [problem(file_name, i + 2, "indicator", v, "import_unknown_indicator", known=", ".join(known))
                 for i, v in frame.loc[unknown, "indicator"].items()]
    adcodes, region_problems, flagged = resolve_regions(frame, file_name)
    problems += region_problems
    frame["adcode"] = adcodes
    frame["provenance"] = frame["provenance"].fillna("sourced") if "provenance" in frame else "sourced"
    frame["source_title"] = frame["source_title"].fillna(file_name) if "source_title" in frame else file_name
    frame["source_date"] = frame["source_date"].fillna(today) if "source_date" in frame else today
    # figures a lead department imports are its own: official unless the file says otherwise
    frame["source_strength"] = (frame["source_strength"].fillna("official") if "source_strength" in frame
                                else "official")
    parts = []
    for indicator_id, group in frame[~unknown].groupby("indicator", sort=True):
        ind = known[indicator_id]
        part = _observation_frame(group, today)
        if "unit" not in group:
            part["unit"] = ind.unit
        part["unit"] = part["unit"].fillna(ind.unit)
        percents = part["value"].map(lambda v: isinstance(v, str) and v.endswith("%"))
        if ind.unit == "percent":  # 75.12% as Excel shows a percent cell, or as typed
            part["value"] = part["value"].where(~percents, part["value"].str[:-1].str.strip())
        else:
            problems += [problem(file_name, i + 2, "value", v, "import_not_percent", unit=ind.unit)
                         for i, v in part.loc[percents, "value"].items()]
        try:
            check_observations(part, ind, file_name, "sourced")
        except DataError as exc:
            problems += [p for p in exc.problems if not (p.column == "adcode" and p.row and p.row - 2 in flagged)]
        parts.append(part.assign(indicator=indicator_id))
    if problems:
        raise DataError(sorted(one_per_cell(problems), key=lambda p: (p.row or 0, p.column or "", str(p.value))))
    rows = pd.concat(parts).sort_index()
    rows["value"] = rows["value"].astype(float) + 0.0  # -0 is 0
    return ParsedImport(file_name, file_hash, rows.reset_index(drop=True), skipped)
