"""When a process last asked the store's revision (sdplan.store.current), and forgetting it when the process
itself moves the revision (sdplan.store.batches), so its own imports and rollbacks show at once."""

from __future__ import annotations

checked: dict[str, float] = {}  # per database: when (monotonic) its revision was last asked and matched


def recheck_revision() -> None:
    """Ask the store's revision at the next read (this process moved it: an import or a rollback)."""
    checked.clear()
