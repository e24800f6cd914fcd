"""Sessions bound to a random key per account, never reused.

A session cookie used to carry ``"id:version"``; on SQLite a removed account's id is given to the next
account, so an old cookie signed in as someone else. ``users.session_key`` is a random token made when
the account is made and replaced on every sign-out and password change; a session names that key, so
a removed account's cookie matches nothing, ever. ``session_version`` goes.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""
import secrets

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("session_key", sa.String(64), nullable=True))
    users = sa.table("users", sa.column("id", sa.Integer), sa.column("session_key", sa.String(64)))
    conn = op.get_bind()
    for (user_id,) in conn.execute(sa.select(users.c.id)).all():
        conn.execute(users.update().where(users.c.id == user_id).values(session_key=secrets.token_urlsafe(32)))
    with op.batch_alter_table("users") as batch:
        batch.alter_column("session_key", existing_type=sa.String(64), nullable=False)
        batch.create_unique_constraint("uq_users_session_key", ["session_key"])
        batch.drop_column("session_version")


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("session_version", sa.Integer, nullable=False, server_default="0"))
        batch.drop_constraint("uq_users_session_key", type_="unique")
        batch.drop_column("session_key")
