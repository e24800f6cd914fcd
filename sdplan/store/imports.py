"""Import a file of observations: :func:`parse_import` -> :func:`preview_import` -> :func:`apply_import`.

A file holds one indicator (given by the caller or an ``indicator`` column) or several. Regions
are given by ``adcode`` or by name (``region``, optionally with ``prefecture``); what the rows mean
before their values are checked (column names, full-width digits, unfilled template rows,
regions) is :mod:`sdplan.store.import_rows`. Values are checked like the bundled tables
(:func:`sdplan.observations.check_observations`: the schema, each level's plausible range, one
message per cell).
Every problem is reported at once and a file with any problem changes nothing. The preview and
the confirmation both refuse a user who does not lead every indicator of the file, so an
official learns it before confirming. The admin pages and ``sdplan import`` both go through here.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Engine

from .. import beijing
from ..boundaries import load_regions
from ..catalog import load_catalog
from ..errors import DataError, problem
from ..observations import COLUMNS, check_observations
from ..tables import one_per_cell
from .auth import User, require, require_region
from .batches import apply_batch
from .current import current_rows, indicator_revisions
from .files import read_table
from .import_rows import ALIASES, LOOKUP, TEMPLATE_COLUMNS, fold_widths, rename, resolve_regions, unfilled_rows
from .review import submit
from .soft_checks import soft_checks

__all__ = ["ALIASES", "LOOKUP", "TEMPLATE_COLUMNS", "ParsedImport", "Preview", "parse_import", "preview_import", "apply_import"]


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


@dataclass
class Preview:
    """What an import would change, per region and period, and the revisions it was computed on."""

    parsed: ParsedImport
    changes: pd.DataFrame  # indicator, adcode, name_zh, name_en, period, old, new, change, warnings
    revisions: dict[str, int] = field(default_factory=dict)
    warnings: dict[int, list[str]] = field(default_factory=dict)  # soft checks raised, by row of parsed.frame

    def counts(self) -> dict[str, int]:
        """How many rows are new, changed and unchanged."""
        counts = self.changes["change"].value_counts()
        return {k: int(counts.get(k, 0)) for k in ("new", "changed", "same")}

    def revisions_json(self) -> str:
        return json.dumps(self.revisions, sort_keys=True)


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


def preview_import(engine: Engine, parsed: ParsedImport, user: User | None) -> Preview:
    """Compare a parsed file with the store's current figures (old -> new per region and period), with the
    soft checks each row raises (:mod:`sdplan.store.soft_checks`).

    Raises
    ------
    PermissionDenied
        If ``user`` may not import (a region's account: submit) one of the file's indicators.
    OutsideRegion
        If ``user`` reports for a region and a row is of another.
    """
    regional = bool(user and user.regional)
    require(user, parsed.indicators, submitting=regional)
    if regional:
        require_region(user, parsed.frame["adcode"])
    with engine.connect() as conn:
        revisions = indicator_revisions(conn, parsed.indicators)
        current = current_rows(conn, parsed.indicators)
    warnings = soft_checks(parsed.frame, current, load_catalog())
    old = current.set_index(["indicator", "adcode", "period"])["value"]
    regions = load_regions().set_index("adcode")
    changes = parsed.frame[["indicator", "adcode", "period", "value"]].rename(columns={"value": "new"})
    keys = pd.MultiIndex.from_frame(changes[["indicator", "adcode", "period"]])
    changes["old"] = old.reindex(keys).to_numpy()
    changes["name_zh"] = regions["name_zh"].reindex(changes["adcode"]).to_numpy()
    changes["name_en"] = regions["name_en"].reindex(changes["adcode"]).to_numpy()
    changes["change"] = "changed"
    changes.loc[changes["old"].isna(), "change"] = "new"
    changes.loc[changes["old"] == changes["new"], "change"] = "same"
    changes["warnings"] = [warnings.get(i, []) for i in range(len(changes))]
    changes["row"] = range(len(changes))
    columns = ["indicator", "adcode", "name_zh", "name_en", "period", "old", "new", "change", "warnings", "row"]
    return Preview(parsed, changes[columns], revisions, warnings)


def apply_import(engine: Engine, preview: Preview, user: User | None, note: str | None = None,
                 explanations: dict[int, str] | None = None) -> int:
    """Accept a previewed import as a new batch by ``user``; the batch id. A region's account submits it
    into the open round instead (:func:`sdplan.store.review.submit`): it counts once a reviewer accepts it.

    ``explanations`` answer the soft checks, by row: each is kept as the row's note (it travels with the figure).

    Raises
    ------
    PermissionDenied
        If ``user`` may not import one of the file's indicators (nothing is written).
    ConflictError
        If a batch of the same indicators was accepted or rolled back since the preview.
    OutsideRegion, NotInRound
        If a region's account submits figures of another region, or that no open round asks for.
    """
    parsed = preview.parsed
    frame = parsed.frame
    if explanations:
        frame = frame.copy()
        for row, text in explanations.items():
            if 0 <= row < len(frame) and text.strip():
                frame.loc[row, "note"] = text.strip()
    if user is not None and user.regional:
        return submit(engine, frame, user, file_name=parsed.file_name, file_hash=parsed.file_hash,
                      warnings=preview.warnings, note=note)
    return apply_batch(engine, frame, user, file_name=parsed.file_name, file_hash=parsed.file_hash,
                       note=note, expected=preview.revisions)
