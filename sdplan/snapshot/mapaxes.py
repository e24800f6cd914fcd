"""Draw the map of a :class:`~sdplan.mapview.MapModel` on one matplotlib axes.

Longitude/latitude axes with the local aspect (1 / cos of the mean latitude), which is close to
conformal at Shandong's size, so the scale bar is true at the map's centre. The geometry is
turned into matplotlib paths once per layer and cached; a render only sets colours.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import cache

import numpy as np
import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.patches import Rectangle
from matplotlib.path import Path
from numpy.typing import ArrayLike
from shapely.geometry.base import BaseGeometry

from ..boundaries import load_layer
from ..classify import MUTED_FILL
from ..i18n import name_column
from ..mapstyle import CONTEXT_EDGE, CONTEXT_FILL, MUTED_EDGE, SCOPE_EDGE, SEA
from ..mapview import MapModel

KM_PER_DEGREE = 111.32
HALO = [patheffects.withStroke(linewidth=2.2, foreground="white", alpha=0.85)]


def _ring_path(coords: ArrayLike) -> tuple[np.ndarray, list[int]]:
    xy = np.asarray(coords)[:, :2]
    codes = [Path.MOVETO] + [Path.LINETO] * (len(xy) - 2) + [Path.CLOSEPOLY]
    return xy, codes


def geometry_path(geom: BaseGeometry) -> Path:
    """A matplotlib path of a (Multi)Polygon, holes included."""
    vertices, codes = [], []
    for polygon in getattr(geom, "geoms", [geom]):
        for ring in [polygon.exterior, *polygon.interiors]:
            xy, ring_codes = _ring_path(ring.coords)
            vertices.append(xy)
            codes.extend(ring_codes)
    return Path(np.concatenate(vertices), codes)


@cache
def layer_paths(layer: str) -> tuple[tuple[str, ...], tuple[Path, ...], tuple[tuple[float, float], ...]]:
    """Adcodes, paths and label points (representative points) of a boundary layer, cached."""
    frame = load_layer(layer)
    points = tuple((p.x, p.y) for p in shapely.point_on_surface(frame["geometry"].to_numpy()))
    return tuple(frame["adcode"]), tuple(geometry_path(g) for g in frame["geometry"]), points


def _collection(paths: Iterable[Path], face: str | list[str], edge: str, width: float, zorder: int) -> PathCollection:
    return PathCollection(list(paths), facecolors=face, edgecolors=edge, linewidths=width, zorder=zorder,
                          joinstyle="round")


def draw_regions(ax: Axes, model: MapModel) -> None:
    """Context provinces, then the layer's regions in class colours (muted outside the scope)."""
    _, context, _ = layer_paths("context")
    ax.add_collection(_collection(context, CONTEXT_FILL, CONTEXT_EDGE, 0.5, 1))
    codes, paths, _ = layer_paths(model.layer)
    colour = dict(zip(model.values["adcode"], model.values["color"]))
    inside = [c in model.scope_codes for c in codes]
    county = model.layer == "county"
    out_paths = [p for p, i in zip(paths, inside) if not i]
    in_paths = [p for p, i in zip(paths, inside) if i]
    ax.add_collection(_collection(out_paths, MUTED_FILL, MUTED_EDGE, 0.35, 2))
    ax.add_collection(_collection(in_paths, [colour[c] for c, i in zip(codes, inside) if i], SCOPE_EDGE,
                                  0.45 if county else 0.8, 3))
    if county:  # prefecture borders over the counties
        _, prefectures, _ = layer_paths("prefecture")
        ax.add_collection(_collection(prefectures, "none", "#7a7a7a", 0.7, 4))
    _, province, _ = layer_paths("province")
    ax.add_collection(_collection(province, "none", "#555555", 1.0, 5))


def draw_labels(ax: Axes, model: MapModel, size: float) -> None:
    """Region names at representative points.

    Prefecture names always (dark in scope, grey outside); county names only when drilled into
    a prefecture, in a smaller size. A county map of the whole province or a circle is labelled
    by prefecture, since 136 county names cannot be read at that scale.
    """
    lang = model.lang
    column = name_column(lang)
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    drilled = model.layer == "county" and model.view.prefecture
    if drilled:
        names = model.values.set_index("adcode")[column]
        codes, _, points = layer_paths("county")
        for code, (x, y) in zip(codes, points):
            if code in model.scope_codes and x0 < x < x1 and y0 < y < y1:
                ax.text(x, y, _short(str(names[code]), lang), ha="center", va="center", zorder=8,
                        fontsize=size * 0.7, color="#1a1a1a", path_effects=HALO, clip_on=True)
    names = dict(zip(load_layer("prefecture")["adcode"], load_layer("prefecture")[column]))
    in_scope = {c[:4] + "00" for c in model.scope_codes}
    codes, _, points = layer_paths("prefecture")
    for code, (x, y) in zip(codes, points):
        if not (x0 < x < x1 and y0 < y < y1) or (drilled and code == model.view.prefecture):
            continue
        inside = code in in_scope and not drilled
        ax.text(x, y, names[code], ha="center", va="center", zorder=8, fontsize=size * (1 if inside else 0.85),
                color="#1a1a1a" if inside else "#8a8a8a", path_effects=HALO, clip_on=True)


def _short(name: str, lang: str) -> str:
    """English county names without the generic word, to keep small labels apart."""
    if lang == "en":
        for word in (" District", " County"):
            name = name.removesuffix(word)
    return name


def set_extent(ax: Axes, model: MapModel, pad: float = 0.06) -> None:
    """Frame the scope (model.bounds) with a margin, widened to fill the axes box.

    The widening stops at the edge of the context layer (beyond it nothing is drawn, which would
    read as sea); the axes box then shrinks to the map instead.
    """
    (south, west), (north, east) = model.bounds
    dx, dy = (east - west) * pad, (north - south) * pad
    x0, x1, y0, y1 = west - dx, east + dx, south - dy, north + dy
    stretch = 1 / math.cos(math.radians((south + north) / 2))
    box = ax.get_position()
    fig_w, fig_h = ax.figure.get_size_inches()
    want = (box.height * fig_h) / (box.width * fig_w)  # height / width of the box
    have = (y1 - y0) * stretch / (x1 - x0)
    cwest, csouth, _, cnorth = context_bounds()
    if have < want:  # too wide: add latitude, within the context's extent
        extra = ((x1 - x0) * want / stretch - (y1 - y0)) / 2
        y0, y1 = max(y0 - extra, min(csouth, y0)), min(y1 + extra, max(cnorth, y1))
    else:  # too tall: add longitude (the sea lies east, so only the west edge is bounded)
        extra = ((y1 - y0) * stretch / want - (x1 - x0)) / 2
        x0, x1 = max(x0 - extra, min(cwest, x0)), x1 + extra
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect(stretch, adjustable="box", anchor="N")
    ax.apply_aspect()


@cache
def context_bounds() -> tuple[float, float, float, float]:
    """(west, south, east, north) of the neighbouring provinces' layer."""
    return tuple(float(v) for v in shapely.total_bounds(load_layer("context")["geometry"].to_numpy()))


def nice_length(km: float) -> float:
    """The largest 1, 2 or 5 × 10^n not above ``km``."""
    base = 10 ** math.floor(math.log10(km))
    return max(m * base for m in (1, 2, 5) if m * base <= km)


def draw_scale_bar(ax: Axes, size: float) -> None:
    """A two-segment scale bar at the lower left, about a fifth of the map's width."""
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    lat = (y0 + y1) / 2
    km_per_deg = KM_PER_DEGREE * math.cos(math.radians(lat))
    km = nice_length((x1 - x0) * km_per_deg / 5)
    length = km / km_per_deg
    x, y, h = x0 + (x1 - x0) * 0.04, y0 + (y1 - y0) * 0.05, (y1 - y0) * 0.008
    ax.add_patch(_rect(x - length * 0.08, y - h * 1.5, length * 1.3, h * 7.5, "white", alpha=0.75, edge="none"))
    for i, colour in enumerate(("#333333", "white")):
        ax.add_patch(_rect(x + i * length / 2, y, length / 2, h, colour))
    for frac, text in ((0, "0"), (0.5, f"{km / 2:g}"), (1, f"{km:g} km")):
        ax.text(x + frac * length, y + 2.2 * h, text, ha="center", va="bottom", fontsize=size * 0.75,
                color="#333333", zorder=9, path_effects=HALO)


def _rect(x: float, y: float, w: float, h: float, colour: str, alpha: float = 1.0,
          edge: str = "#333333") -> Rectangle:
    return Rectangle((x, y), w, h, facecolor=colour, edgecolor=edge, linewidth=0.6, zorder=9, alpha=alpha)


def draw_north_arrow(ax: Axes, label: str, size: float) -> None:
    """A north arrow in the upper left corner (the map's north is up)."""
    ax.annotate(label, xy=(0.045, 0.955), xytext=(0.045, 0.86), xycoords="axes fraction", ha="center", va="center",
                fontsize=size, color="#333333", zorder=9,
                arrowprops={"arrowstyle": "-|>,head_length=0.8,head_width=0.4", "color": "#333333", "lw": 1.4})


def draw_map(ax: Axes, model: MapModel, north_label: str, size: float = 9.0) -> None:
    """Everything inside the map frame: sea, context, regions, labels, north arrow and scale bar."""
    ax.set_facecolor(SEA)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_color("#9a9a9a")
        spine.set_linewidth(0.6)
    draw_regions(ax, model)
    set_extent(ax, model)
    draw_labels(ax, model, size)
    draw_north_arrow(ax, north_label, size)
    draw_scale_bar(ax, size)
