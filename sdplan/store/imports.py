"""Import a file of observations: :func:`sdplan.intake.figure_files.parse_import` -> :func:`preview_import` ->
:func:`apply_import`.

Every problem is reported at once and a file with any problem changes nothing. The preview and
the confirmation both refuse a user who does not lead every indicator of the file, so an
official learns it before confirming. The admin pages and ``sdplan import`` both go through here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Engine

from ..boundaries import load_regions
from ..catalog import load_catalog
from ..intake.figure_files import ParsedImport
from ..intake.soft_checks import soft_checks
from .auth import User, require, require_region
from .batches import apply_batch
from .current import current_rows, indicator_revisions
from .review import submit


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


def preview_import(engine: Engine, parsed: ParsedImport, user: User | None) -> Preview:
    """Compare a parsed file with the store's current figures (old -> new per region and period), with the
    soft checks each row raises (:mod:`sdplan.intake.soft_checks`).

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
