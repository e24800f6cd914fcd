"""Exports made off the request threads: each file waits in ``exports`` under a random token until fetched.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exports",
        sa.Column("token", sa.String(64), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=True),
        sa.Column("media_type", sa.String(100), nullable=True),
        sa.Column("content", sa.LargeBinary, nullable=True),
        sa.Column("message", sa.Text, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("exports")
