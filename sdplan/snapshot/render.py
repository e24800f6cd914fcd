"""Compose a briefing snapshot (pure: MapModel -> matplotlib Figure -> bytes).

A4 page, landscape or portrait: kicker, title (``MapModel.title()``), subtitle, the map with
north arrow and scale bar, the legend with classes and units, the by-prefecture bars, and a
footer with data date, sources, the plan's target and the export time. A red mark says so when
any value shown is sample data. Only the Agg-based canvases are used: no display, no browser.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Literal

from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from ..classify import MUTED_FILL
from ..i18n import name_column, t
from ..mapview import MapModel
from ..printing import A4, DPI, GREY, INK, SAMPLE_RED, figure_bytes, rc, wrap
from ..units import format_number
from . import texts
from .mapaxes import draw_map

Orientation = Literal["landscape", "portrait"]
# Boxes in figure fractions [left, bottom, width, height]
LAYOUTS = {
    "landscape": {"map": [0.03, 0.165, 0.60, 0.705], "legend": [0.655, 0.60, 0.32, 0.27],
                  "chart": [0.745, 0.19, 0.225, 0.36], "chart_title_x": 0.655, "top": 0.968, "footer": 0.135, "wrap": 150},
    "portrait": {"map": [0.05, 0.44, 0.90, 0.445], "legend": [0.05, 0.15, 0.40, 0.24],
                 "chart": [0.63, 0.16, 0.32, 0.215], "chart_title_x": 0.52, "top": 0.972, "footer": 0.115, "wrap": 100},
}
NO_CHART_UNITS = ("cohort", "status")  # category codes: bars of codes would mean nothing


def has_chart(model: MapModel) -> bool:
    """Whether the bar panel makes sense (numbers, and at least two regions)."""
    return model.breakdown_unit not in NO_CHART_UNITS and model.breakdown["value"].notna().sum() >= 2


def render_figure(model: MapModel, as_of: datetime, orientation: Orientation = "landscape",
                  chart: bool = True, fmt: str = "png", version: str | None = None) -> Figure:
    """Draw the snapshot of ``model``.

    Parameters
    ----------
    model : MapModel
        From :func:`sdplan.mapview.build_map_model`, the same as the screen's.
    as_of : datetime
        The export time printed in the footer (pass a fixed one for reproducible output).
    orientation : {"landscape", "portrait"}
        A4 page orientation.
    chart : bool
        Add the by-prefecture bar panel where it makes sense.
    fmt : {"png", "svg", "pdf"}
        The format the figure is for (a PDF's text uses the TrueType copy of the font).
    version : str, optional
        Drawn from a past version of the data: its banner (:func:`sdplan.as_of.moment_banner`), in the footer.

    Returns
    -------
    matplotlib.figure.Figure
        A figure on the Agg canvas (``figure.dpi`` = :data:`DPI`); the map axes has label "map".
    """
    if orientation not in LAYOUTS:
        raise ValueError(f"unknown orientation {orientation!r}; expected landscape or portrait")
    box = LAYOUTS[orientation]
    with rc_context(rc(fmt)):
        fig = Figure(figsize=A4 if orientation == "landscape" else A4[::-1], dpi=DPI, facecolor="white")
        FigureCanvasAgg(fig)  # a canvas that can measure text (titles are fitted to the width)
        _header(fig, model, box["top"])
        ax = fig.add_axes(box["map"], label="map")
        draw_map(ax, model, t("snapshot_north", model.lang), size=9.5 if model.layer == "prefecture" else 8.5)
        with_chart = chart and has_chart(model)
        legend_box = box["legend"] if with_chart else [box["legend"][0], box["chart"][1], box["legend"][2],
                                                        box["legend"][1] + box["legend"][3] - box["chart"][1]]
        _legend(fig.add_axes(legend_box, label="legend"), model)
        if with_chart:
            _chart(fig.add_axes(box["chart"], label="chart"), model, box["chart_title_x"])
        _footer(fig, model, as_of, box["footer"], box["wrap"], version)
    return fig


def _header(fig: Figure, model: MapModel, top: float) -> None:
    fig.text(0.03, top, t("app_title", model.lang), fontsize=9, color=GREY, va="top")
    right = 0.97
    if model.has_sample:
        badge = fig.text(0.97, top - 0.02, t("snapshot_sample_mark", model.lang), fontsize=12, color="white",
                         va="top", ha="right",
                         bbox={"boxstyle": "round,pad=0.45", "facecolor": SAMPLE_RED, "edgecolor": "none"})
        right = fig.transFigure.inverted().transform(_extent(fig, badge, with_bbox=True).p0)[0] - 0.015
    _fit(fig, fig.text(0.03, top - 0.022, model.title(), fontsize=19, color=INK, va="top"), right - 0.03)
    _fit(fig, fig.text(0.03, top - 0.065, texts.subtitle(model), fontsize=10, color=GREY, va="top"), right - 0.03)


def _extent(fig: Figure, artist: Text, with_bbox: bool = False) -> Bbox:
    renderer = fig.canvas.get_renderer()
    if with_bbox and artist.get_bbox_patch() is not None:
        artist.update_bbox_position_size(renderer)
        return artist.get_bbox_patch().get_window_extent(renderer)
    return artist.get_window_extent(renderer)


def _fit(fig: Figure, artist: Text, width: float, smallest: float = 8.0) -> None:
    """Shrink a text's font until it is at most ``width`` (figure fraction) wide."""
    size = artist.get_fontsize()
    while size > smallest and _extent(fig, artist).width > width * fig.bbox.width:
        size -= 0.5
        artist.set_fontsize(size)


def _legend(ax: Axes, model: MapModel) -> None:
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    entries = list(model.legend())
    if len(model.scope_codes) < len(model.values):
        entries.append((MUTED_FILL, t("outside_scope", model.lang)))
    ax.text(0, 1, texts.legend_title(model), fontsize=10.5, color=INK, va="top")
    height_in = ax.get_position().height * ax.figure.get_size_inches()[1]
    first = 1 - 0.42 / height_in  # below the title
    rows = len(entries) + (1 if model.has_sample else 0)
    step = min(0.28 / height_in, first / max(rows, 1))  # about 0.28 inch a row, never past the box
    for i, (colour, label) in enumerate(entries):
        y = first - i * step
        ax.add_patch(Rectangle((0, y - step * 0.35), 0.075, step * 0.7, facecolor=colour, edgecolor="#9a9a9a",
                               linewidth=0.5, transform=ax.transAxes))
        ax.text(0.1, y, label, fontsize=9, color=INK, va="center")
    if model.has_sample:
        y = first - len(entries) * step
        ax.text(0, y, t("sample_legend", model.lang), fontsize=8.5, color=SAMPLE_RED, va="center")


def _chart(ax: Axes, model: MapModel, title_x: float) -> None:
    lang = model.lang
    rows = model.breakdown.iloc[::-1]
    names = rows[name_column(lang)].astype(str).tolist()
    values = rows["value"].astype(float)
    y = range(len(rows))
    size = 8 if len(rows) <= 12 else 7
    ax.barh(y, values.fillna(0), color=rows["bar_color"].tolist(), height=0.7)
    ax.set_yticks(list(y), names, fontsize=size)
    ax.tick_params(axis="x", labelsize=size - 0.5, colors=GREY)
    ax.tick_params(axis="y", length=0)
    top = float(values.max()) if values.notna().any() else 1.0
    for i, v in zip(y, values):
        ax.text((0 if math.isnan(v) else v) + top * 0.015, i,
                t("nodata", lang) if math.isnan(v) else format_number(v, model.breakdown_decimals),
                va="center", fontsize=size - 1, color=GREY, zorder=4,
                bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.8})
    if model.reference:
        value, label = model.reference
        ax.axvline(value, color="#444444", linestyle="--", linewidth=0.9)
        ax.text(value, len(rows) - 0.3, label, fontsize=size - 0.5, color="#444444", ha="center", va="bottom",
                bbox={"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none"})
    ax.set_xlim(0, max(top, model.reference[0] if model.reference else 0) * 1.18 or 1)
    ax.set_ylim(-0.6, len(rows) + 0.4)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color("#bbbbbb")
    ax.grid(axis="x", color="#eeeeee", linewidth=0.6)
    ax.set_axisbelow(True)
    fig, box = ax.figure, ax.get_position()
    _fit(fig, fig.text(title_x, box.y1 + 0.035, texts.chart_title(model), fontsize=10, color=INK, va="bottom"),
         0.97 - title_x)


def _footer(fig: Figure, model: MapModel, as_of: datetime, top: float, width: int, version: str | None = None) -> None:
    lang = model.lang
    fig.add_artist(Rectangle((0.03, top), 0.94, 0.0012, facecolor="#cccccc", edgecolor="none",
                             transform=fig.transFigure))
    lines = wrap(t("labelled", lang, label=t("sources", lang), value=t("list_sep", lang).join(texts.source_items(model))),
                 width)[:3]
    target = texts.progress_line(model)
    if target:
        lines += wrap(target, width)[:2]
    lines.append(texts.export_line(model, as_of) + (f"    {version}" if version else ""))
    for i, line in enumerate(lines):
        fig.text(0.03, top - 0.012 - i * 0.021, line, fontsize=7.5, va="top", color=GREY)


def render_bytes(model: MapModel, fmt: str, as_of: datetime, orientation: Orientation = "landscape",
                 chart: bool = True, version: str | None = None) -> bytes:
    """:func:`render_figure` then :func:`figure_bytes`."""
    return figure_bytes(render_figure(model, as_of, orientation, chart, fmt, version), fmt)


def lonlat_to_pixel(fig: Figure, lon: float, lat: float) -> tuple[float, float]:
    """Where ``(lon, lat)`` lands in the PNG of ``fig``: (x, y) pixels from the top-left corner.

    The PNG is saved at the figure's own dpi, so display coordinates are pixel coordinates.
    """
    ax = next(a for a in fig.axes if a.get_label() == "map")
    ax.apply_aspect()
    x, y = ax.transData.transform((lon, lat))
    return float(x), float(fig.bbox.height - y)
