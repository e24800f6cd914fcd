"""How each value is counted: ``observations.definition`` names one of the indicator's definitions.

Two values of different definitions (urban rail with the tram line, or metro only) are a break, not a
change. Existing rows keep none (the indicator's one way); the seed carries the bundled definitions.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("observations") as batch:
        batch.add_column(sa.Column("definition", sa.String(32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("observations") as batch:
        batch.drop_column("definition")
