"""Batch #1: the bundled tables of ``data/indicators/`` (validated as before) seed an empty store."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from functools import cache

import pandas as pd
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from ..catalog import load_catalog
from ..observations import SAMPLE_DIR, SOURCED_DIR, bundled_observations
from . import models
from .batches import insert_batch

SEED_USER = "system"
SEED_FILE = "data/indicators"
SEED_NOTE = "seed from data/indicators"


@cache
def seed_frame() -> pd.DataFrame:
    """Every bundled observation, validated, with an ``indicator`` column (cached)."""
    parts = []
    for indicator_id in load_catalog().indicators:
        frame = bundled_observations(indicator_id)
        if not frame.empty:
            parts.append(frame.assign(indicator=indicator_id))
    return pd.concat(parts, ignore_index=True)


def seed_hash() -> str:
    """SHA-256 over the bundled observation files, in name order."""
    digest = hashlib.sha256()
    for path in sorted([*SOURCED_DIR.glob("*.csv"), *SAMPLE_DIR.glob("*.csv")]):
        digest.update(path.parent.name.encode() + b"/" + path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def seed(engine: Engine) -> bool:
    """Write the bundled observations as batch #1; False if another process seeded first."""
    frame = seed_frame()

    try:
        with engine.begin() as conn:
            # The global revision row is created exactly once: a concurrent seeder fails here.
            conn.execute(models.revisions.insert().values(key=models.GLOBAL, value=1))
            insert_batch(conn, frame, username=SEED_USER, file_name=SEED_FILE, file_hash=seed_hash(),
                         note=SEED_NOTE, now=datetime.now(UTC), bump=False)
            conn.execute(models.revisions.insert(), [{"key": i, "value": 1} for i in load_catalog().indicators])
    except IntegrityError:
        return False
    return True
