"""Results remembered while the observation tables they were computed from are current.

``load_observations`` returns a new table whenever the store changes, so a result is valid
exactly while the tables it came from are the ones ``load_observations`` returns: an entry is
reused only if those tables are the very same objects. The one cache of derived results.
"""

from __future__ import annotations

import copy as copying
from collections.abc import Callable, Hashable
from typing import TypeVar

import pandas as pd

T = TypeVar("T")
MAX_ENTRIES = 1024

_MEMO: dict[Hashable, tuple[tuple[pd.DataFrame, ...], object]] = {}


def remember(key: Hashable, sources: tuple[pd.DataFrame, ...], compute: Callable[[], T], copy: bool = True) -> T:
    """``compute()``, or the result remembered under ``key`` if ``sources`` are unchanged.

    ``copy`` returns a copy of a remembered DataFrame or Series, so the caller may modify it;
    immutable results (frozen dataclasses) are shared with ``copy=False``.
    """
    hit = _MEMO.get(key)
    if hit is not None and len(hit[0]) == len(sources) and all(a is b for a, b in zip(hit[0], sources)):
        result = hit[1]
    else:
        if len(_MEMO) >= MAX_ENTRIES:
            _MEMO.clear()
        result = compute()
        _MEMO[key] = (sources, result)
    return copying.copy(result) if copy and hasattr(result, "copy") else result


def forget() -> None:
    """Forget every remembered result (benchmarks use this to measure the cold path)."""
    _MEMO.clear()
