"""Time and peak memory of briefing snapshots (prints numbers; not a test).

Run: .venv/bin/python bench/bench_snapshot.py
One PNG and one PDF at prefecture and county level (warm: fonts and geometry already loaded,
the first, cold render is reported separately), then a pack of 15 maps as `sdplan snapshot-pack`
renders them. Times are measured without tracing; peak memory is measured in a second, traced
run (tracemalloc slows rendering several times over), plus the process's peak RSS at the end.
"""

from __future__ import annotations

import resource
import statistics
import sys
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sdplan.snapshot import snapshot, view_from_query  # noqa: E402
from sdplan.snapshot.cli import pack_views  # noqa: E402
from sdplan.store.current import current_dataset  # noqa: E402
from sdplan.store.db import open_store  # noqa: E402

AS_OF = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
CASES = [
    ("prefecture", "?indicator=urbanization_rate"),
    ("county", "?indicator=sewer_retrofit_km&level=county"),
    ("drilled county", "?indicator=sewer_retrofit_km&level=county&prefecture=370200"),
]


def measure(data, view, fmt, repeat=3):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        shot = snapshot(data, view, fmt, AS_OF)
        times.append(time.perf_counter() - start)
    seconds = statistics.median(times)
    tracemalloc.start()
    snapshot(data, view, fmt, AS_OF)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak, len(shot.content)


def main() -> None:
    open_store()
    data = current_dataset()
    start = time.perf_counter()
    snapshot(data, view_from_query(data, CASES[0][1]), "png", AS_OF)
    print(f"cold first render (font registration, geometry paths): {time.perf_counter() - start:.2f} s")
    print(f"{'case':<16} {'fmt':<4} {'median s':>8} {'peak MiB':>9} {'size KiB':>9}")
    for name, query in CASES[:2]:
        for fmt in ("png", "pdf"):
            seconds, peak, size = measure(data, view_from_query(data, query), fmt)
            print(f"{name:<16} {fmt:<4} {seconds:>8.2f} {peak / 2**20:>9.1f} {size / 1024:>9.0f}")
    views = pack_views(data, data.catalog.map_indicators()[:5], ["province", "capital", "jiaodong"])[:15]
    start = time.perf_counter()
    for view in views:
        snapshot(data, view, "pdf", AS_OF)
    seconds = time.perf_counter() - start
    print(f"pack of {len(views)} PDFs: {seconds:.1f} s, {seconds / len(views):.2f} s per map")
    print(f"process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
