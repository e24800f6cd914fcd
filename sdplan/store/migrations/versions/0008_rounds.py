"""Reporting rounds: accounts of a region, rounds with their cells, and the audit trail of each step.

A city's or county's account (``users.region``) submits figures into an open round; they wait as a
``submitted`` batch (never current) until a province reviewer accepts them into an accepted batch.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("region", sa.String(6), nullable=True))
    op.create_table(
        "rounds",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("deadline", sa.String(10), nullable=False),
        sa.Column("indicators", sa.Text, nullable=False),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("opened_by", sa.String(80), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "round_cells",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("round_id", sa.Integer, sa.ForeignKey("rounds.id"), nullable=False),
        sa.Column("indicator", sa.String(64), nullable=False),
        sa.Column("adcode", sa.String(6), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("value", sa.Float, nullable=True),
        sa.Column("batch_id", sa.Integer, sa.ForeignKey("batches.id"), nullable=True),
        sa.Column("warnings", sa.Text, nullable=True),
        sa.Column("explanation", sa.Text, nullable=True),
        sa.Column("reason", sa.Text, nullable=True),
        sa.Column("submitted_by", sa.String(80), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reviewed_by", sa.String(80), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("round_id", "indicator", "adcode", name="uq_round_cells_cell"),
    )
    op.create_table(
        "round_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("username", sa.String(80), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("round_id", sa.Integer, sa.ForeignKey("rounds.id"), nullable=False),
        sa.Column("indicator", sa.String(64), nullable=True),
        sa.Column("adcode", sa.String(6), nullable=True),
        sa.Column("value", sa.Float, nullable=True),
        sa.Column("detail", sa.Text, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("round_events")
    op.drop_table("round_cells")
    op.drop_table("rounds")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("region")
