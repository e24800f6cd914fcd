"""Store timings: validating and importing a 10,000-row file; the dashboard's main query with
5 years of monthly history for every region and indicator in the store.

Runs on a throw-away SQLite file (or on BENCH_DATABASE_URL, e.g. a PostgreSQL test database,
which it empties first). Prints numbers; not a test.

Run: .venv/bin/python bench/bench_store.py
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.TemporaryDirectory(prefix="sdplan-bench-")
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{TMP.name}/bench.sqlite"

import pandas as pd  # noqa: E402
from sqlalchemy import text  # noqa: E402

from sdplan.boundaries import load_regions  # noqa: E402
from sdplan.catalog import load_catalog  # noqa: E402
from sdplan.intake.figure_files import parse_import  # noqa: E402
from sdplan.store import current, models  # noqa: E402
from sdplan.store.auth import add_user  # noqa: E402
from sdplan.store.batches import apply_batch  # noqa: E402
from sdplan.store.current import current_dataset  # noqa: E402
from sdplan.store.db import database_url, make_engine, open_store  # noqa: E402
from sdplan.store.imports import apply_import, preview_import  # noqa: E402
from sdplan.values import region_values  # noqa: E402

YEARS = range(2019, 2024)
MONTHS = [f"{y}-{m:02d}" for y in YEARS for m in range(1, 13)]


def timed(fn, repeat: int = 1):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def empty_store() -> None:
    if os.environ.get("BENCH_DATABASE_URL"):
        engine = make_engine(database_url())
        with engine.begin() as conn:
            models.metadata.drop_all(conn)
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        engine.dispose()


def ten_thousand_rows() -> bytes:
    counties = load_regions().query("level == 'county'")
    periods = [f"{y}-{m:02d}" for y in range(2015, 2025) for m in range(1, 13)]
    rng = random.Random(1)
    rows = ["indicator,region,prefecture,period,value,source_title,source_date,note"]
    names = load_regions().set_index("adcode")["name_zh"]
    for period in periods:
        for c in counties.itertuples():
            rows.append(f"sewer_retrofit_km,{c.name_zh},{names[c.parent]},{period},{rng.uniform(0, 50):.2f},"
                        f"住建厅月报,{period}-28,")
            if len(rows) > 10_000:
                return ("\n".join(rows) + "\n").encode("gb18030")
    raise AssertionError("not enough rows")


def value_for(indicator, rng: random.Random) -> float:
    if indicator.categories:
        return float(rng.choice([c.code for c in indicator.categories]))
    hi = indicator.max if indicator.max is not None else 1000.0
    value = rng.uniform(indicator.min or 0.0, hi)
    return float(round(value)) if indicator.integer else round(value, 2)


def fill_history(engine, user) -> int:
    """One batch per indicator and year: 12 months for every region at the indicator's levels."""
    regions, rng, n = load_regions(), random.Random(2), 0
    for indicator in load_catalog().indicators.values():
        codes = list(regions.loc[regions["level"].isin(set(indicator.levels) | {"province"}), "adcode"])
        for year in YEARS:
            rows = [dict(indicator=indicator.id, adcode=code, period=f"{year}-{m:02d}", value=value_for(indicator, rng),
                         unit=indicator.unit, provenance="sample", source_title="bench", source_url=None,
                         source_date=f"{year}-12", note=None) for m in range(1, 13) for code in codes]
            apply_batch(engine, pd.DataFrame(rows), user, file_name=f"{indicator.id}-{year}.csv", file_hash="0" * 64)
            n += len(rows)
    return n


def main() -> None:
    empty_store()
    seconds, engine = timed(open_store)
    backend = engine.url.get_backend_name()
    print(f"store: {backend}; first start (migrate + seed from data/indicators): {seconds * 1000:.0f} ms")

    user = add_user(engine, "bench", "bench-password", is_admin=True)
    content = ten_thousand_rows()
    parse_s, parsed = timed(lambda: parse_import(content, "sewer_10k.csv"))
    preview_s, preview = timed(lambda: preview_import(engine, parsed, user))
    apply_s, batch = timed(lambda: apply_import(engine, preview, user))
    print(f"import of a {len(parsed.frame):,}-row GB18030 CSV by region name ({len(content) / 1e6:.1f} MB): "
          f"validate {parse_s:.2f} s, preview {preview_s:.2f} s, apply {apply_s:.2f} s, "
          f"total {parse_s + preview_s + apply_s:.2f} s (batch #{batch})")

    fill_s, n = timed(lambda: fill_history(engine, user))
    with engine.connect() as conn:
        total = conn.execute(text("SELECT count(*) FROM observations")).scalar()
    print(f"history: {n:,} rows in {len(load_catalog().indicators) * len(YEARS)} batches written in {fill_s:.1f} s; "
          f"store holds {total:,} observation rows")

    def cold_query(indicator_id: str, level: str):
        current.forget_datasets()  # as after an import: the whole dataset is read again
        return region_values(current_dataset(engine), indicator_id, level, "2023-12")

    dataset_s, data = timed(lambda: (current.forget_datasets(), current_dataset(engine))[1], repeat=5)
    print(f"dataset read at a new revision ({sum(len(t) for t in data.tables.values()):,} current rows of "
          f"{len(data.tables)} indicators): {dataset_s * 1000:.0f} ms")
    for indicator_id, level in (("sewer_retrofit_km", "county"), ("smart_city_stars", "county"),
                                ("urbanization_rate", "prefecture")):
        cold, values = timed(lambda i=indicator_id, lv=level: cold_query(i, lv), repeat=5)
        warm, _ = timed(lambda i=indicator_id, lv=level: region_values(current_dataset(engine), i, lv, "2023-12"),
                        repeat=20)
        rows = len(current_dataset(engine).observations(indicator_id))
        print(f"main query {indicator_id} at {level} ({rows:,} current rows): cold (dataset read) {cold * 1000:.0f} ms, "
              f"warm (revision check + remembered) {warm * 1000:.1f} ms")
    revision_s, _ = timed(lambda: current_dataset(engine), repeat=200)
    print(f"current_dataset when the revision has not moved (one revision query): {revision_s * 1000:.2f} ms")


if __name__ == "__main__":
    main()
