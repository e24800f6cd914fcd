"""The store's tables (SQLAlchemy Core), mirrored by the Alembic migrations.

Observations are append-only: every import is a :data:`batches` row and adds rows to
:data:`observations`. The current figure of an (indicator, region, period) is the one from the
latest *accepted* batch; rolling a batch back flips its status and keeps its rows.
:data:`revisions` holds a counter per indicator (and ``*`` for the whole store) that moves on
every accepted or rolled-back batch: caches key on it and confirmations check it.
A batch of sub-targets (:data:`subtargets`, a region's own target) names its targets in ``batches.indicators``
as ``target:<id>`` keys (:func:`subtarget_key`), which are also their revisions' keys.
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
                        UniqueConstraint,
)

metadata = MetaData()

GLOBAL = "*"  # the revisions key of the whole store
FILE_NAME_LENGTH = 255
USERNAME_LENGTH = 80
DEPARTMENT_LENGTH = 120
SESSION_KEY_LENGTH = 64


SUBTARGET_PREFIX = "target:"


def subtarget_key(target_id: str) -> str:
    """The key of a target's sub-targets among a batch's ``indicators`` and the revisions."""
    return SUBTARGET_PREFIX + target_id


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
    Column("region", String(6), nullable=True),  # a city's or county's adcode: it reports for that region; none: the province
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
    Column("status", String(16), nullable=False),  # accepted | rolled_back | submitted (a round's figures, awaiting review)
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
    Column("kind", String(16), nullable=True),  # what the file holds: figures (None) or "subtargets"
)

subtargets = Table(  # a target's own value for one region (a city's or a county's share of the plan), append-only
    "subtargets", metadata,
    Column("id", Integer, primary_key=True),
    Column("batch_id", Integer, ForeignKey("batches.id"), nullable=False),
    Column("target", String(64), nullable=False),
    Column("adcode", String(6), nullable=False),
    Column("value", Float, nullable=False),
    Column("provenance", String(16), nullable=False),  # sourced | sample
    Column("source_title", Text, nullable=True),
    Column("source_url", Text, nullable=True),
    Column("source_date", String(10), nullable=True),
    Column("note", Text, nullable=True),
    Index("ix_subtargets_target_batch", "target", "batch_id"),
)

progress_notes = Table(  # 进展情况: a lead department's dated note on a task or a target (append-only)
    "progress_notes", metadata,
    Column("id", Integer, primary_key=True),
    Column("plan", String(32), nullable=False),
    Column("task", Integer, nullable=True),  # the task noted on, or the target's task
    Column("target", String(64), nullable=True),  # the target noted on (None: the task as a whole)
    Column("noted_on", String(10), nullable=False),  # the day the progress describes, YYYY-MM-DD
    Column("text", Text, nullable=False),
    Column("username", String(USERNAME_LENGTH), nullable=False),
    Column("department", String(DEPARTMENT_LENGTH), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("file_name", String(FILE_NAME_LENGTH), nullable=True),  # the table it was imported from, if any
    Index("ix_progress_notes_plan", "plan"),
)

rounds = Table(  # a reporting round: the office asks regions for an indicator's figures of one period by a deadline
    "rounds", metadata,
    Column("id", Integer, primary_key=True),
    Column("title", Text, nullable=False),
    Column("period", String(7), nullable=False),
    Column("deadline", String(10), nullable=False),  # ISO date, the last day (Beijing)
    Column("indicators", Text, nullable=False),  # ;-separated indicator ids
    Column("status", String(8), nullable=False),  # open | closed
    Column("opened_by", String(USERNAME_LENGTH), nullable=False),
    Column("opened_at", DateTime(timezone=True), nullable=False),
    Column("closed_at", DateTime(timezone=True), nullable=True),
)

round_cells = Table(  # one expected (region, indicator) of a round and where it stands
    "round_cells", metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", Integer, ForeignKey("rounds.id"), nullable=False),
    Column("indicator", String(64), nullable=False),
    Column("adcode", String(6), nullable=False),
    Column("status", String(16), nullable=False),  # not_submitted | submitted | accepted | returned
    Column("value", Float, nullable=True),  # the figure last submitted
    Column("batch_id", Integer, ForeignKey("batches.id"), nullable=True),  # the submission holding it
    Column("warnings", Text, nullable=True),  # ;-separated soft checks it raised
    Column("explanation", Text, nullable=True),  # the submitter's answer to them
    Column("reason", Text, nullable=True),  # why it was returned
    Column("submitted_by", String(USERNAME_LENGTH), nullable=True),
    Column("submitted_at", DateTime(timezone=True), nullable=True),
    Column("reviewed_by", String(USERNAME_LENGTH), nullable=True),
    Column("reviewed_at", DateTime(timezone=True), nullable=True),
    UniqueConstraint("round_id", "indicator", "adcode", name="uq_round_cells_cell"),
)

round_events = Table(  # the audit trail: who opened, submitted, accepted, returned or closed what, and when
    "round_events", metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("username", String(USERNAME_LENGTH), nullable=False),
    Column("action", String(16), nullable=False),  # open | submit | accept | return | close
    Column("round_id", Integer, ForeignKey("rounds.id"), nullable=False),
    Column("indicator", String(64), nullable=True),
    Column("adcode", String(6), nullable=True),
    Column("value", Float, nullable=True),
    Column("detail", Text, nullable=True),  # the explanation, the reason or the checks raised
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
