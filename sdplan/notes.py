"""Progress notes (进展情况) as the views see them: a lead department's dated note on a task or a target.

The store keeps them (:mod:`sdplan.store.notes`); the ledger, its exports and the briefing show them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Note:
    """One progress note; ``target`` None for a note on the task as a whole."""

    plan: str
    task: int
    target: str | None
    noted_on: str  # the day the progress describes, YYYY-MM-DD
    text: str
    username: str
    department: str | None
    created_at: datetime | None = None
    id: int = 0

    @property
    def subject(self) -> tuple[str, str]:
        """('target', id) or ('task', number): what the note is about."""
        return ("target", self.target) if self.target else ("task", str(self.task))


def notes_by_subject(notes: Iterable[Note]) -> dict[tuple[str, str], tuple[Note, ...]]:
    """Each task's or target's notes, newest first (by the day described, then as recorded)."""
    found: dict[tuple[str, str], list[Note]] = {}
    for note in notes:
        found.setdefault(note.subject, []).append(note)
    return {key: tuple(sorted(group, key=lambda n: (n.noted_on, n.id), reverse=True)) for key, group in found.items()}


def notes_within(notes: Iterable[Note], start: str, end: str) -> list[Note]:
    """The notes describing a day from ``start`` to ``end`` (YYYY-MM-DD, both included), oldest first."""
    return sorted((n for n in notes if start <= n.noted_on <= end), key=lambda n: (n.noted_on, n.id))
