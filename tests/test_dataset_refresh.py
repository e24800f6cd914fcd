"""An import costs readers little: after a new revision, one thread per process reads it, the others are
answered from the previous dataset meanwhile (instead of every request thread reading the store at once)."""

from __future__ import annotations

import threading

import pytest
from test_backup import import_batch

from sdplan.store import current
from sdplan.store.current import current_dataset

WAIT = 60  # seconds: a hang detector for the threads below, never a measurement


@pytest.mark.parametrize("store", ["sqlite"], indirect=True)
def test_one_thread_reads_a_new_revision_while_the_others_keep_the_previous_dataset(store, monkeypatch):
    before = current_dataset()
    import_batch(store, 5)
    building, release, builds = threading.Event(), threading.Event(), []
    real = current.make_dataset

    def make_dataset(*args, **kwargs):
        builds.append(args[0])
        if len(builds) == 1:  # the first build holds on until the other readers have been answered
            building.set()
            assert release.wait(WAIT)
        return real(*args, **kwargs)

    monkeypatch.setattr(current, "make_dataset", make_dataset)
    answers: dict[str, int] = {}

    def read(name: str) -> None:
        answers[name] = current_dataset().revision

    builder = threading.Thread(target=read, args=("builder",))
    builder.start()
    assert building.wait(WAIT)
    readers = [threading.Thread(target=read, args=(f"reader {n}",)) for n in range(5)]
    for thread in readers:
        thread.start()
    for thread in readers:
        thread.join(WAIT)
    release.set()
    builder.join(WAIT)
    assert builds == [before.revision + 1]  # one build, for the new revision
    assert answers.pop("builder") == before.revision + 1
    assert set(answers.values()) == {before.revision} and len(answers) == 5  # served at once from the previous
    assert current_dataset().revision == before.revision + 1  # and the next request has the new one
