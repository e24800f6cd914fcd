"""A file of sub-targets (a city's or a county's own target) read and checked (:func:`parse_subtargets`), and
its template (:func:`subtarget_template`); previewed and applied by :mod:`sdplan.store.subtarget_imports`.

A file holds one target (given by the caller or a ``target`` column) or several; regions by adcode or
by name (and prefecture), as a figures file (:mod:`sdplan.intake.import_rows`); a value in the target's
unit; ``provenance`` sourced (default) or sample; a source title (default: the file's name) and date
(default: today in Beijing). Every problem at once.
"""

from __future__ import annotations

import hashlib

import pandas as pd

from .. import beijing
from ..boundaries import load_regions
from ..catalog import load_catalog
from ..dataset import SUBTARGET_COLUMNS
from ..errors import DataError, problem
from ..formulas import to_csv_bytes
from ..i18n import t
from ..subtargets import row_problems
from ..tables import one_per_cell
from .files import read_table
from .import_rows import ALIASES, fold_widths, rename, resolve_regions, unfilled_rows
from .region_names import normalise

SUBTARGET_ALIASES = {
    **{k: ALIASES[k] for k in ("adcode", "region", "prefecture", "value", "provenance", "source_title", "source_url",
                               "source_date", "note")},
    "target": ("target", "target_id", "目标", "目标代码", "目标id"),
}
LOOKUP = {normalise(alias).replace(" ", "_"): column for column, names in SUBTARGET_ALIASES.items() for alias in names}
TEMPLATE_COLUMNS = ("region", "prefecture", "value", "source_title", "source_url", "source_date", "note", "adcode",
                    "target")
TEMPLATE_FILLED = frozenset({"target", "adcode", "region", "prefecture"})


def parse_subtargets(content: bytes, file_name: str, target: str | None = None, today: str | None = None,
                     isolated: bool = True) -> tuple[pd.DataFrame, str, int]:
    """Read and check a sub-targets file: (rows in :data:`SUBTARGET_COLUMNS`, the file's hash, template rows skipped).

    Raises
    ------
    DataError
        Every problem, each with row, column, value and what is expected.
    """
    today = today or beijing.now().date().isoformat()
    file_hash = hashlib.sha256(content).hexdigest()
    frame = fold_widths(rename(read_table(content, file_name, isolated), file_name, LOOKUP, ("value",),
                               TEMPLATE_COLUMNS))
    frame, skipped, problems = unfilled_rows(frame, file_name, ("value",), TEMPLATE_FILLED)
    if frame.empty and not problems:
        raise DataError([problem(file_name, None, None, None, "subtarget_no_rows")])
    if "target" not in frame:
        if target is None:
            raise DataError([problem(file_name, 1, "target", None, "subtarget_no_target")])
        frame = frame.assign(target=target)
    elif target:
        frame["target"] = frame["target"].fillna(target)
    adcodes, region_problems, flagged = resolve_regions(frame, file_name)
    frame["adcode"] = adcodes
    for column, default in (("provenance", "sourced"), ("source_title", file_name), ("source_date", today)):
        frame[column] = frame[column].fillna(default) if column in frame else default
    for column in SUBTARGET_COLUMNS:
        if column not in frame:
            frame[column] = None
    levels = load_regions().set_index("adcode")["level"]
    found = row_problems(frame, load_catalog(), levels, file_name)
    problems += region_problems + [p for p in found if not (p.column == "adcode" and p.row and p.row - 2 in flagged)]
    if problems:
        raise DataError(sorted(one_per_cell(problems), key=lambda p: (p.row or 0, p.column or "", str(p.value))))
    rows = frame[list(SUBTARGET_COLUMNS)].astype(object).reset_index(drop=True)
    rows["value"] = rows["value"].astype(float) + 0.0
    return rows, file_hash, skipped


def subtarget_template(target_id: str, level: str = "prefecture", fmt: str = "csv", lang: str = "zh") -> bytes:
    """A sub-targets template of one target: a row per city (or county), the value to fill in.

    Raises
    ------
    UnknownKeyError
        If there is no such target.
    """
    target = load_catalog().target(target_id)
    regions = load_regions()
    chosen = regions[regions["level"] == level].sort_values("adcode")
    names = regions.set_index("adcode")["name_zh"]
    frame = pd.DataFrame({"region": chosen["name_zh"].to_numpy(),
                          "prefecture": [names.get(p) if level == "county" else None for p in chosen["parent"]],
                          "value": None, "source_title": None, "source_url": None, "source_date": None, "note": None,
                          "adcode": chosen["adcode"].to_numpy(), "target": target.id})
    headings = [t(f"subtarget_column.{c}", lang) for c in TEMPLATE_COLUMNS]
    if fmt == "csv":
        return to_csv_bytes(frame.set_axis(headings, axis=1))
    if fmt != "xlsx":
        raise ValueError(f"unknown template format {fmt!r}; expected csv or xlsx")
    from ..sheets import table_workbook  # openpyxl: only when a workbook is asked for

    return table_workbook(t("subtarget_sheet", lang), headings, list(frame.itertuples(index=False)))
