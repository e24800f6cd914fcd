"""Targets split by region: ``subtargets`` holds a city's or a county's own target, imported in batches.

A sub-target row belongs to a batch like an observation (append-only, rolled back by the batch's status);
the batch names its targets as ``target:<id>`` keys in ``batches.indicators``. ``uploads.kind`` says what a
staged file holds (None: figures; "subtargets"), so each preview reads it the way it was uploaded.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "subtargets",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("batch_id", sa.Integer, sa.ForeignKey("batches.id"), nullable=False),
        sa.Column("target", sa.String(64), nullable=False),
        sa.Column("adcode", sa.String(6), nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("provenance", sa.String(16), nullable=False),
        sa.Column("source_title", sa.Text, nullable=True),
        sa.Column("source_url", sa.Text, nullable=True),
        sa.Column("source_date", sa.String(10), nullable=True),
        sa.Column("note", sa.Text, nullable=True),
    )
    op.create_index("ix_subtargets_target_batch", "subtargets", ["target", "batch_id"])
    with op.batch_alter_table("uploads") as batch:
        batch.add_column(sa.Column("kind", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("uploads") as batch:
        batch.drop_column("kind")
    op.drop_index("ix_subtargets_target_batch", "subtargets")
    op.drop_table("subtargets")
