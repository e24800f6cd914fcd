"""The store's tables (SQLAlchemy Core), mirrored by the Alembic migrations.

Observations are append-only: every import is a :data:`batches` row and adds rows to
:data:`observations`. The current figure of an (indicator, region, period) is the one from the
latest *accepted* batch; rolling a batch back flips its status and keeps its rows.
:data:`revisions` holds a counter per indicator (and ``*`` for the whole store) that moves on
every accepted or rolled-back batch: caches key on it and confirmations check it.
"""

from __future__ import annotations

from sqlalchemy import (
                        Boolean,
                        Column,
                        DateTime,
                        Float,
                        ForeignKey,
                        Index,
                        Integer,
                        LargeBinary,
                        MetaData,
                        String,
                        Table,
                        Text,
)

metadata = MetaData()

GLOBAL = "*"  # the revisions key of the whole store
FILE_NAME_LENGTH = 255
USERNAME_LENGTH = 80
DEPARTMENT_LENGTH = 120
SESSION_KEY_LENGTH = 64


def fit_file_name(name: str) -> str:
    """``name`` cut to :data:`FILE_NAME_LENGTH` characters, its extension kept (``aaa….csv``)."""
    if len(name) <= FILE_NAME_LENGTH:
        return name
    stem, dot, extension = name.rpartition(".")
    if not dot or len(extension) > 16:
        return name[: FILE_NAME_LENGTH - 1] + "…"
    return stem[: FILE_NAME_LENGTH - len(extension) - 2] + "…." + extension

users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(USERNAME_LENGTH), nullable=False, unique=True),
    Column("password_hash", String(255), nullable=False),
    Column("department", String(DEPARTMENT_LENGTH), nullable=True),
    Column("is_admin", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("session_key", String(SESSION_KEY_LENGTH), nullable=False, unique=True),  # random; replaced on sign-out
)

batches = Table(
    "batches", metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(80), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("file_name", String(FILE_NAME_LENGTH), nullable=False),
    Column("file_hash", String(64), nullable=False),
    Column("note", Text, nullable=True),
    Column("indicators", Text, nullable=False),  # ;-separated indicator ids
    Column("n_rows", Integer, nullable=False),
    Column("status", String(16), nullable=False),  # accepted | rolled_back
    Column("rolled_back_by", String(80), nullable=True),
    Column("rolled_back_at", DateTime(timezone=True), nullable=True),
)

observations = Table(
    "observations", metadata,
    Column("id", Integer, primary_key=True),
    Column("batch_id", Integer, ForeignKey("batches.id"), nullable=False),
    Column("indicator", String(64), nullable=False),
    Column("adcode", String(6), nullable=False),
    Column("period", String(7), nullable=False),
    Column("value", Float, nullable=False),
    Column("unit", String(32), nullable=False),
    Column("provenance", String(16), nullable=False),
    Column("source_title", Text, nullable=True),
    Column("source_url", Text, nullable=True),
    Column("source_date", String(10), nullable=True),
    Column("source_strength", String(16), nullable=True),  # official, reprint or aggregator (sdplan.observations)
    Column("note", Text, nullable=True),
    Column("definition", String(32), nullable=True),  # how the value is counted (Indicator.definitions); none: the one way
    Index("ix_observations_indicator_batch", "indicator", "batch_id"),
)

revisions = Table(
    "revisions", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Integer, nullable=False),
)

uploads = Table(  # files validated and previewed on the web, waiting for confirmation
    "uploads", metadata,
    Column("token", String(64), primary_key=True),
    Column("username", String(80), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("file_name", String(FILE_NAME_LENGTH), nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("note", Text, nullable=True),
    Column("revisions", Text, nullable=False),  # JSON {indicator: revision} the preview was computed against
    Column("indicator", String(64), nullable=True),  # chosen at upload for a file without an indicator column
)

exports = Table(  # files made in the export process, fetched by their random token from /exports/<token>
    "exports", metadata,
    Column("token", String(64), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("status", String(16), nullable=False),  # running | done | failed
    Column("file_name", String(255), nullable=True),
    Column("media_type", String(100), nullable=True),
    Column("content", LargeBinary, nullable=True),
    Column("message", Text, nullable=True),  # why it failed, in the page's language
)
