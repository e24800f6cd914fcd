"""A worker asks the store's revision at most every SDPLAN_REVISION_CHECK_MS; its own commits show at once."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from sdplan.store import models
from sdplan.store.current import current_dataset
from sdplan.store.recheck import recheck_revision


def another_process_commits(engine) -> None:
    """What an import in another process leaves: the store's revision moved (no rows needed for the check)."""
    with engine.begin() as conn:
        conn.execute(update(models.revisions).where(models.revisions.c.key == models.GLOBAL)
                     .values(value=models.revisions.c.value + 1))


@pytest.mark.parametrize("store", ["sqlite"], indirect=True)
def test_a_revision_read_a_moment_ago_is_trusted_until_the_interval_ends_or_this_process_commits(store, monkeypatch):
    monkeypatch.setenv("SDPLAN_REVISION_CHECK_MS", "600000")  # ten minutes: within the test, never asked again
    first = current_dataset().revision
    another_process_commits(store)
    assert current_dataset().revision == first  # not asked: trusted for the interval
    recheck_revision()  # what this process's own import or rollback does (sdplan.store.batches)
    assert current_dataset().revision == first + 1


@pytest.mark.parametrize("store", ["sqlite"], indirect=True)
def test_with_no_interval_every_read_asks(store, monkeypatch):
    monkeypatch.setenv("SDPLAN_REVISION_CHECK_MS", "0")
    first = current_dataset().revision
    another_process_commits(store)
    assert current_dataset().revision == first + 1
