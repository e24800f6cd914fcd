"""GCJ-02 (the offset datum of Chinese web maps such as Amap) to and from WGS84.

The forward transform is the public formula (Krasovsky ellipsoid, the same as in eviltransform
and the `cnmaps` package). The inverse has no closed form: it is solved by fixed-point iteration
of the forward transform, to well below 1e-7 degrees (~1 cm).
Points outside the rough bounding box of China are left unchanged, as the formula specifies.
"""

import numpy as np
from numpy.typing import ArrayLike

A = 6378245.0  # semi-major axis of the Krasovsky 1940 ellipsoid (m)
EE = 0.00669342162296594323  # its first eccentricity squared
INVERSE_ITERATIONS = 8  # 3 already reach < 1e-9 degrees; 8 leaves a wide margin


def out_of_china(lon: ArrayLike, lat: ArrayLike) -> np.ndarray | bool:
    """Return True where a point lies outside the box in which GCJ-02 applies.

    Parameters
    ----------
    lon, lat : array_like
        Longitude and latitude in degrees.

    Returns
    -------
    numpy.ndarray of bool
    """
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    return (lon < 72.004) | (lon > 137.8347) | (lat < 0.8293) | (lat > 55.8271)


def _offset(lon: ArrayLike, lat: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Return the GCJ-02 shift (dlon, dlat) in degrees at WGS84 points (inside China)."""
    x = lon - 105.0
    y = lat - 35.0
    common = (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    dlat += common
    dlat += (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
    dlat += (160.0 * np.sin(y / 12.0 * np.pi) + 320.0 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0
    dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    dlon += common
    dlon += (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
    dlon += (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0
    radlat = lat / 180.0 * np.pi
    magic = 1.0 - EE * np.sin(radlat) ** 2
    sqrtmagic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((A * (1.0 - EE)) / (magic * sqrtmagic) * np.pi)
    dlon = (dlon * 180.0) / (A / sqrtmagic * np.cos(radlat) * np.pi)
    return dlon, dlat


def wgs84_to_gcj02(lon: ArrayLike, lat: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Convert WGS84 coordinates to GCJ-02.

    Parameters
    ----------
    lon, lat : array_like
        WGS84 longitude and latitude in degrees (any matching shapes).

    Returns
    -------
    tuple of numpy.ndarray
        GCJ-02 (lon, lat); points outside China are returned unchanged.
    """
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    dlon, dlat = _offset(lon, lat)
    outside = out_of_china(lon, lat)
    return np.where(outside, lon, lon + dlon), np.where(outside, lat, lat + dlat)


def gcj02_to_wgs84(lon: ArrayLike, lat: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Convert GCJ-02 coordinates to WGS84 (precise inverse by iteration).

    Parameters
    ----------
    lon, lat : array_like
        GCJ-02 longitude and latitude in degrees (any matching shapes).

    Returns
    -------
    tuple of numpy.ndarray
        WGS84 (lon, lat) whose forward transform matches the input to < 1e-9 degrees;
        points outside China are returned unchanged.
    """
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    wlon, wlat = lon, lat
    for _ in range(INVERSE_ITERATIONS):
        dlon, dlat = _offset(wlon, wlat)
        wlon, wlat = lon - dlon, lat - dlat
    outside = out_of_china(lon, lat)
    return np.where(outside, lon, wlon), np.where(outside, lat, wlat)
