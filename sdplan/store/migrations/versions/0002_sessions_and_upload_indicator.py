"""Sessions that can be revoked and uploads that remember their indicator.

``users.session_version`` moves on every sign-out and password change; a session cookie carries
the version it was signed in with, so one from before is refused. ``uploads.indicator`` keeps the
indicator chosen at upload, so the preview and the confirmation never depend on a query string.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("session_version", sa.Integer, nullable=False, server_default="0"))
    with op.batch_alter_table("uploads") as batch:
        batch.add_column(sa.Column("indicator", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("uploads") as batch:
        batch.drop_column("indicator")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("session_version")
