"""Import a file of sub-targets (a city's or a county's own target): parse -> preview -> apply, like figures.

A file holds one target (given by the caller or a ``target`` column) or several; regions by adcode or
by name (and prefecture), as a figures file (:mod:`sdplan.store.import_rows`); a value in the target's
unit; ``provenance`` sourced (default) or sample; a source title (default: the file's name) and date
(default: today in Beijing). Every problem at once, and a file with any problem changes nothing.
The preview lists old -> new per region and the sums of the parts against their whole
(:func:`sdplan.subtargets.sum_checks`: a warning, never a refusal). The batch is an ordinary batch whose
``indicators`` are ``target:<id>`` keys, so the history lists it and a rollback undoes it, both with the
permission of the target's lead departments.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError

from .. import beijing
from ..boundaries import load_regions
from ..catalog import load_catalog
from ..dataset import SUBTARGET_COLUMNS
from ..errors import DataError, problem
from ..formulas import safe_cell, to_csv_bytes
from ..i18n import t
from ..subtargets import SumCheck, row_problems, sum_checks
from ..tables import one_per_cell
from . import models
from .auth import User, require
from .batches import bump_revisions
from .current import current_subtargets, indicator_revisions
from .errors import ConflictError
from .files import read_table
from .import_rows import ALIASES, fold_widths, rename, resolve_regions, unfilled_rows
from .region_names import normalise

KIND = "subtargets"  # uploads.kind of a staged sub-targets file
SUBTARGET_ALIASES = {
    **{k: ALIASES[k] for k in ("adcode", "region", "prefecture", "value", "provenance", "source_title", "source_url",
                               "source_date", "note")},
    "target": ("target", "target_id", "目标", "目标代码", "目标id"),
}
LOOKUP = {normalise(alias).replace(" ", "_"): column for column, names in SUBTARGET_ALIASES.items() for alias in names}
TEMPLATE_COLUMNS = ("region", "prefecture", "value", "source_title", "source_url", "source_date", "note", "adcode",
                    "target")
TEMPLATE_FILLED = frozenset({"target", "adcode", "region", "prefecture"})


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
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = t("subtarget_sheet", lang)
    sheet.append(headings)
    for record in frame.itertuples(index=False):
        sheet.append([safe_cell(v) for v in record])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
