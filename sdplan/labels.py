"""Region names on the web map, without clutter: the prefectures at province (or circle) view,
a drilled prefecture's counties, none for all 136 counties at once. Label points are the
regions' representative points (always inside the region), computed once per layer."""

from __future__ import annotations

from functools import cache

import shapely

from .boundaries import load_layer
from .i18n import name_column
from .mapview import MapModel


@cache
def label_points(layer: str) -> dict[str, tuple[float, float]]:
    """adcode -> (lon, lat) of a point inside the region."""
    frame = load_layer(layer)
    return {code: (round(p.x, 4), round(p.y, 4))
            for code, p in zip(frame["adcode"], shapely.point_on_surface(frame["geometry"].to_numpy()), strict=True)}


def map_labels(model: MapModel) -> dict:
    """The labels of ``model`` as a GeoJSON FeatureCollection of points (a few hundred bytes)."""
    if model.layer == "county" and not model.view.prefecture:
        return {"type": "FeatureCollection", "features": []}
    points = label_points(model.layer)
    names = dict(zip(model.values["adcode"], model.values[name_column(model.lang)], strict=True))
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": list(points[code])},
                 "properties": {"name": names[code]}}
                for code in sorted(model.scope_codes) if code in points and code in names]
    return {"type": "FeatureCollection", "features": features}
