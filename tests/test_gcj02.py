"""GCJ-02 <-> WGS84: published reference values, round trips, the size of the shift in Shandong."""

import numpy as np
import pytest

from sdplan.gcj02 import gcj02_to_wgs84, out_of_china, wgs84_to_gcj02

# (wgs lon, wgs lat, gcj lon, gcj lat): the public eviltransform test vectors.
REFERENCE = [
    (121.5272106, 31.1774276, 121.531541859215, 31.17530398364597),  # Shanghai
    (113.912316, 22.543847, 113.9171764808363, 22.540796131694766),  # Shenzhen
    (116.377817, 39.911954, 116.38404722455657, 39.91334545536069),  # Beijing
]


def shandong_grid(n=60):
    lon, lat = np.meshgrid(np.linspace(114.8, 122.7, n), np.linspace(34.4, 38.4, n))
    return lon.ravel(), lat.ravel()


@pytest.mark.parametrize("wlon, wlat, glon, glat", REFERENCE)
def test_forward_matches_published_values(wlon, wlat, glon, glat):
    lon, lat = wgs84_to_gcj02(wlon, wlat)
    assert abs(lon - glon) < 1e-9 and abs(lat - glat) < 1e-9


@pytest.mark.parametrize("wlon, wlat, glon, glat", REFERENCE)
def test_inverse_recovers_published_values(wlon, wlat, glon, glat):
    lon, lat = gcj02_to_wgs84(glon, glat)
    assert abs(lon - wlon) < 1e-9 and abs(lat - wlat) < 1e-9


def test_round_trip_is_precise_across_china():
    lon, lat = np.meshgrid(np.linspace(74, 135, 80), np.linspace(18, 53, 80))
    back_lon, back_lat = gcj02_to_wgs84(*wgs84_to_gcj02(lon, lat))
    assert np.abs(back_lon - lon).max() < 1e-7 and np.abs(back_lat - lat).max() < 1e-7
    fwd_lon, fwd_lat = wgs84_to_gcj02(*gcj02_to_wgs84(lon, lat))
    assert np.abs(fwd_lon - lon).max() < 1e-7 and np.abs(fwd_lat - lat).max() < 1e-7


def test_shift_in_shandong():
    # Computed with the formula, not assumed: eastward 0.0044-0.0065 degrees everywhere in
    # Shandong, northward between -0.0015 and +0.0011 degrees (the sign changes across the province).
    lon, lat = shandong_grid()
    glon, glat = wgs84_to_gcj02(lon, lat)
    dlon, dlat = glon - lon, glat - lat
    assert dlon.min() > 0.004 and dlon.max() < 0.007
    assert np.abs(dlat).max() < 0.0016
    metres = np.hypot(dlon * 111_320 * np.cos(np.radians(lat)), dlat * 110_574)
    assert metres.min() > 350 and metres.max() < 650
    jinan_lon, jinan_lat = wgs84_to_gcj02(117.0, 36.65)
    assert 0.0055 < jinan_lon - 117.0 < 0.0062 and 0.0001 < jinan_lat - 36.65 < 0.0005


def test_inverse_moves_points_back_west():
    lon, lat = shandong_grid()
    wlon, _ = gcj02_to_wgs84(lon, lat)
    assert ((lon - wlon) > 0.004).all()


@pytest.mark.parametrize("lon, lat", [(2.35, 48.85), (-74.0, 40.7), (151.2, -33.9), (100.0, 60.0)])
def test_points_outside_china_are_unchanged(lon, lat):
    assert out_of_china(lon, lat)
    assert wgs84_to_gcj02(lon, lat) == (lon, lat)
    assert gcj02_to_wgs84(lon, lat) == (lon, lat)


def test_arrays_keep_their_shape_and_mix_inside_and_outside():
    lon = np.array([[117.0, 2.35], [120.4, -74.0]])
    lat = np.array([[36.65, 48.85], [36.07, 40.7]])
    glon, glat = wgs84_to_gcj02(lon, lat)
    assert glon.shape == lat.shape and glat.shape == lat.shape
    assert (glon[:, 1] == lon[:, 1]).all() and (glat[:, 1] == lat[:, 1]).all()
    assert (glon[:, 0] != lon[:, 0]).all()
