"""Store fixtures: a fresh, seeded store per test on SQLite and (when configured) PostgreSQL.

PostgreSQL comes from ``SDPLAN_TEST_POSTGRES_URL`` (``.ci/run`` starts a server and sets it).
Without it the PostgreSQL cases are skipped locally, and fail under CI (``CI=true``).
"""

from __future__ import annotations

import os

import pytest
from sqlalchemy import text

from sdplan.store import models
from sdplan.store.db import make_engine, prepare

BACKENDS = ["sqlite", "postgres"]


def postgres_url() -> str:
    url = os.environ.get("SDPLAN_TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true but SDPLAN_TEST_POSTGRES_URL is not set: .ci/run must start PostgreSQL")
        pytest.skip("SDPLAN_TEST_POSTGRES_URL not set (PostgreSQL store tests run in CI)")
    return url


def fresh_store(backend: str, tmp_path):
    """(url, engine) of an empty-then-seeded store on ``backend``."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.sqlite'}"
        engine = make_engine(url)
    else:
        url = postgres_url()
        engine = make_engine(url)
        with engine.begin() as conn:
            models.metadata.drop_all(conn)
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    prepare(engine)
    return url, engine


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path, monkeypatch):
    """A seeded store that ``get_engine()`` and ``current_dataset()`` use during the test."""
    from sdplan.store.current import forget_datasets
    from sdplan.store.db import forget_engines

    url, engine = fresh_store(request.param, tmp_path)
    monkeypatch.setenv("DATABASE_URL", url)
    forget_engines()
    forget_datasets()  # PostgreSQL is the same URL every time, its revisions start again: no dataset of an earlier test
    yield engine
    engine.dispose()
    forget_engines()
