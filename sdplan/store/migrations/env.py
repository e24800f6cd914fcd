"""Alembic environment: migrates the connection handed over by :func:`sdplan.store.db.migrate`.

From the shell: ``alembic -c sdplan/store/migrations/alembic.ini upgrade head`` (uses DATABASE_URL).
"""

from alembic import context
from sqlalchemy import create_engine

from sdplan.settings import load_settings
from sdplan.store.models import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is not None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    with create_engine(load_settings().database_url).connect() as conn:
        context.configure(connection=conn, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        conn.commit()
