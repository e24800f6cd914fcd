"""Time of a province briefing with six indicators, DOCX and PDF (prints numbers; not a test).

Run: .venv/bin/python bench/bench_briefing.py
On a throw-away SQLite store seeded from the bundled tables. The first briefing in the process
is reported separately (cold: fonts, geometry); warm is the median of three more, each computed
afresh (the dataset's remembered models are dropped between runs, so the map models, progress and
rendering are all measured). Aim: under 10 s warm.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
TMP = tempfile.TemporaryDirectory(prefix="sdplan-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{TMP.name}/bench.sqlite"

from sdplan.briefing import make_briefing
from sdplan.briefing.model import DEFAULT_INDICATORS
from sdplan.dataset import Remembered
from sdplan.store.current import current_dataset
from sdplan.store.db import open_store

AS_OF = datetime(2026, 11, 29, 1, 0, tzinfo=UTC)


def once(data, fmt: str) -> tuple[float, int]:
    object.__setattr__(data, "_remembered", Remembered())  # forget every derived result: measure it all
    start = time.perf_counter()
    made = make_briefing(data, "province", None, None, list(DEFAULT_INDICATORS), fmt, "zh", AS_OF, issuer="")
    return time.perf_counter() - start, len(made.content)


def main() -> None:
    data = current_dataset(open_store())
    print(f"province briefing, {len(DEFAULT_INDICATORS)} indicators: {', '.join(DEFAULT_INDICATORS)}")
    for fmt in ("docx", "pdf"):
        cold, size = once(data, fmt)
        warm = statistics.median(once(data, fmt)[0] for _ in range(3))
        print(f"  {fmt}: first {cold:.2f} s, warm median {warm:.2f} s, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
