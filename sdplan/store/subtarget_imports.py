"""Import a file of sub-targets (a city's or a county's own target): parse
(:func:`sdplan.intake.subtarget_files.parse_subtargets`) -> preview -> apply, like figures.

A file with any problem changes nothing. The preview lists old -> new per region and the sums of the parts against their whole
(:func:`sdplan.subtargets.sum_checks`: a warning, never a refusal). The batch is an ordinary batch whose
``indicators`` are ``target:<id>`` keys, so the history lists it and a rollback undoes it, both with the
permission of the target's lead departments.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError

from ..boundaries import load_regions
from ..catalog import load_catalog
from ..intake.subtarget_files import parse_subtargets
from ..subtargets import SumCheck, sum_checks
from . import models
from .auth import User, require
from .batches import bump_revisions
from .current import current_subtargets, indicator_revisions
from .errors import ConflictError

KIND = "subtargets"  # uploads.kind of a staged sub-targets file


@dataclass
class SubtargetPreview:
    """What a sub-targets file would change (old -> new per target and region) and its sum checks."""

    file_name: str
    file_hash: str
    frame: pd.DataFrame  # SUBTARGET_COLUMNS
    changes: pd.DataFrame  # target, adcode, name_zh, name_en, old, new, change
    checks: list[SumCheck]
    revisions: dict[str, int] = field(default_factory=dict)
    skipped: int = 0

    @property
    def keys(self) -> list[str]:
        return sorted(models.subtarget_key(i) for i in self.frame["target"].unique())

    @property
    def warnings(self) -> list[SumCheck]:
        return [c for c in self.checks if c.warning]

    def counts(self) -> dict[str, int]:
        counts = self.changes["change"].value_counts()
        return {k: int(counts.get(k, 0)) for k in ("new", "changed", "same")}

    def revisions_json(self) -> str:
        return json.dumps(self.revisions, sort_keys=True)


def preview_subtargets(engine: Engine, content: bytes, file_name: str, user: User | None, target: str | None = None,
                       isolated: bool = True) -> SubtargetPreview:
    """Parse a file and compare it with the store's current sub-targets; the sums of parts after it.

    Raises
    ------
    DataError
        If the file has any problem.
    PermissionDenied
        If ``user`` does not lead one of the file's targets.
    """
    frame, file_hash, skipped = parse_subtargets(content, file_name, target, isolated=isolated)
    targets = sorted(frame["target"].unique())
    require(user, [models.subtarget_key(i) for i in targets])
    with engine.connect() as conn:
        revisions = indicator_revisions(conn, [models.subtarget_key(i) for i in targets])
        current = current_subtargets(conn, targets)
    old = current.set_index(["target", "adcode"])["value"]
    regions = load_regions()
    names = regions.set_index("adcode")
    changes = frame[["target", "adcode", "value"]].rename(columns={"value": "new"})
    changes["old"] = old.reindex(pd.MultiIndex.from_frame(changes[["target", "adcode"]])).to_numpy()
    changes["name_zh"] = names["name_zh"].reindex(changes["adcode"]).to_numpy()
    changes["name_en"] = names["name_en"].reindex(changes["adcode"]).to_numpy()
    changes["change"] = "changed"
    changes.loc[changes["old"].isna(), "change"] = "new"
    changes.loc[changes["old"] == changes["new"], "change"] = "same"
    after = pd.concat([current, frame]).drop_duplicates(["target", "adcode"], keep="last")
    catalog = load_catalog()
    checks = [c for i in targets for c in sum_checks(catalog.target(i), after[after["target"] == i], regions)]
    columns = ["target", "adcode", "name_zh", "name_en", "old", "new", "change"]
    return SubtargetPreview(file_name, file_hash, frame, changes[columns], checks, revisions, skipped)


def apply_subtargets(engine: Engine, preview: SubtargetPreview, user: User | None, note: str | None = None) -> int:
    """Accept a previewed sub-targets file as a new batch by ``user``; the batch id.

    Raises
    ------
    PermissionDenied
        If ``user`` does not lead one of its targets (nothing is written).
    ConflictError
        If sub-targets of one of its targets were imported or rolled back since the preview.
    """
    keys = preview.keys
    require(user, keys)
    try:
        with engine.begin() as conn:  # a target's first sub-targets: its revision row starts at 0
            known = set(conn.execute(select(models.revisions.c.key).where(models.revisions.c.key.in_(keys))).scalars())
            if set(keys) - known:
                conn.execute(models.revisions.insert(), [{"key": k, "value": 0} for k in keys if k not in known])
    except IntegrityError:  # another process made it meanwhile: its import moved the revision
        raise ConflictError(keys) from None
    with engine.begin() as conn:
        bump_revisions(conn, keys, preview.revisions)
        batch_id = conn.execute(models.batches.insert().values(
            username=user.username, created_at=datetime.now(UTC), file_name=models.fit_file_name(preview.file_name),
            file_hash=preview.file_hash, note=note, indicators=";".join(keys), n_rows=len(preview.frame),
            status="accepted")).inserted_primary_key[0]
        rows = preview.frame.astype(object).where(preview.frame.notna(), None).to_dict("records")
        conn.execute(models.subtargets.insert(), [{**row, "value": float(row["value"]), "batch_id": batch_id}
                                                 for row in rows])
    return batch_id
