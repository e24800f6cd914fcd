"""Progress notes (进展情况): a lead department's dated notes on any task or target of a plan.

Append-only like the figures: a note is never edited; the latest per task or target is what the ledger
shows, the rest its history.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "progress_notes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("plan", sa.String(32), nullable=False),
        sa.Column("task", sa.Integer, nullable=True),
        sa.Column("target", sa.String(64), nullable=True),
        sa.Column("noted_on", sa.String(10), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("username", sa.String(80), nullable=False),
        sa.Column("department", sa.String(120), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=True),
    )
    op.create_index("ix_progress_notes_plan", "progress_notes", ["plan"])


def downgrade() -> None:
    op.drop_index("ix_progress_notes_plan", "progress_notes")
    op.drop_table("progress_notes")
