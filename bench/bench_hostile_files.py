"""Hostile and large uploads: time and peak memory of reading them as the web does (the bounded child),
and the naive way in the same run (openpyxl read-only, keeping each row, as the reader did before).

The naive way runs in a child capped at 3 GB and 60 s so that it cannot take the machine down;
"MemoryError"/"killed" there means it would have gone on growing. Prints numbers; not a test.

Run: .venv/bin/python bench/bench_hostile_files.py
"""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from corpus.make_corpus import FILES  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from sdplan.intake.sandbox import run_child  # noqa: E402

NAIVE = textwrap.dedent("""
    import io, resource, sys, time
    resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))
    from openpyxl import load_workbook
    content = sys.stdin.buffer.read()
    started = time.perf_counter()
    rows = []
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        for row in book.worksheets[0].iter_rows(values_only=True):
            rows.append(list(row))
            if len(rows) > 100_002:
                break
        outcome = f"{len(rows)} rows"
    except MemoryError:
        outcome = f"MemoryError after {len(rows)} rows"
    rows = None
    peak = int(next(l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM:")))
    print(f"{time.perf_counter() - started:.1f} s, peak {peak // 1024} MB, {outcome}")
""")


def legit_workbook(rows: int = 100_000) -> bytes:
    """The largest file an official may send: 100,000 rows of the template's 11 columns."""
    book = Workbook()
    sheet = book.active
    sheet.append(["indicator", "adcode", "region", "prefecture", "period", "value", "unit", "source_title",
                  "source_url", "source_date", "note"])
    for i in range(rows):
        sheet.append(["sewer_retrofit_km", "370102", "历下区", "济南市", f"{2000 + i // 1000}-{i % 12 + 1:02d}", i * 0.5,
                      "km", "来源", "https://example.org/x", "2024-01-01", "备注"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def bounded(content: bytes) -> str:
    started = time.perf_counter()
    answer = run_child(content, "xlsx")
    elapsed = time.perf_counter() - started
    if answer is None:
        return f"{elapsed:.2f} s, refused at the child's limits"
    outcome = f"{len(answer['rows'])} rows" if "rows" in answer else f"refused: {answer['problems'][0][4]}"
    return f"{elapsed:.2f} s, child peak {answer['maxrss_kb'] // 1024} MB, {outcome}"


def naive(content: bytes) -> str:
    try:
        done = subprocess.run([sys.executable, "-c", NAIVE], input=content, capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        return "over 60 s (stopped)"
    last = (done.stderr.decode().strip().splitlines() or [""])[-1]
    return done.stdout.decode().strip() or f"failed (exit {done.returncode}): {last}"


def main() -> None:
    cases = {
        "dimension bomb (1.5 KB, declares A1:XFD1048576)": (FILES / "dimension_bomb.xlsx").read_bytes(),
        "wide-row zip bomb (205 KB, 7 million cells, 100 MB unzipped)": (FILES / "wide_row_bomb.xlsx").read_bytes(),
        "1.6 million empty cells": (FILES / "empty_cells_bomb.xlsx").read_bytes(),
        "legitimate: 100,000 rows x 11 columns": legit_workbook(),
    }
    for name, content in cases.items():
        print(f"{name}\n  bounded child: {bounded(content)}\n  naive:         {naive(content)}")


if __name__ == "__main__":
    main()
