"""A region's path over the periods drawn: a small plotly chart (the sheet, the small multiples) and a
sparkline image for a table row. What is drawn comes from :func:`sdplan.region_path.region_path`.

Published values are filled markers, sample values hollow circles, values over part of the counties
hollow diamonds; a line joins only the points of one segment (none across a definition break, which is
a dotted vertical line); the target is a dashed line named in the legend.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from dash import dcc, html

from sdplan.i18n import t
from sdplan.region_path import PathPoint, RegionPath
from sdplan.units import format_number

LINE = "#1f3a5f"
SAMPLE = "#C0392B"
TARGET = "#D55E00"
BREAK = "#777"
FONT = {"family": "Noto Sans CJK SC, Noto Sans SC, sans-serif", "size": 11}


def _symbol(p: PathPoint) -> str:
    return "diamond-open" if p.partial else "circle-open" if p.sample else "circle"


def path_figure(path: RegionPath, y_range: tuple[float, float] | None = None, legend: bool = True,
                height: int = 200) -> dict:
    """The path as a plotly figure dict: one trace per segment, the target, the breaks; a category axis
    holding every period, so a period the region lacks is a gap."""
    lang = path.lang
    data = []
    for segment in sorted({p.segment for p in path.points}):
        points = [p for p in path.points if p.segment == segment]
        data.append({
            "type": "scatter", "mode": "lines+markers", "x": [p.period for p in points], "y": [p.value for p in points],
            "text": [p.text for p in points], "hovertemplate": "%{x}: %{text}<extra></extra>", "showlegend": False,
            "line": {"color": LINE, "width": 2, **({"shape": "hv"} if path.step else {})},
            "marker": {"size": 8, "color": [SAMPLE if p.sample else LINE for p in points],
                       "symbol": [_symbol(p) for p in points], "line": {"width": 2}},
        })
    keys = [(t("path_published_legend", lang), "circle", LINE, any(not p.sample for p in path.points)),
            (t("path_sample_legend", lang), "circle-open", SAMPLE, path.has_sample),
            (t("path_partial_legend", lang), "diamond-open", LINE, path.has_partial)]
    for name, symbol, color, shown in keys:  # the legend's words for the markers (legend-only traces)
        if shown and legend:
            data.append({"type": "scatter", "mode": "markers", "x": [None], "y": [None], "name": name,
                         "marker": {"symbol": symbol, "color": color, "size": 8, "line": {"width": 2}},
                         "hoverinfo": "skip"})
    shapes, annotations = [], []
    if path.target is not None and path.periods:
        data.append({"type": "scatter", "mode": "lines", "x": list(path.periods),
                     "y": [path.target.value] * len(path.periods), "name": path.target.text, "showlegend": legend,
                     "line": {"color": TARGET, "dash": "dash", "width": 1.5}, "hoverinfo": "skip"})
    index = {period: i for i, period in enumerate(path.periods)}
    for brk in path.breaks:  # a dotted line between the two periods, and a word
        x = (index[brk.before] + index[brk.after]) / 2
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": x, "x1": x, "y0": 0, "y1": 1,
                       "line": {"color": BREAK, "dash": "dot", "width": 1.5}})
        annotations.append({"x": x, "y": 1, "xref": "x", "yref": "paper", "text": brk.text, "showarrow": False,
                            "yanchor": "bottom", "font": {"size": 10, "color": BREAK}})
    yaxis = {"title": {"text": path.axis}, "gridcolor": "#eee", "zeroline": False}
    if path.step and path.ticks:
        yaxis.update(tickmode="array", tickvals=[v for v, _ in path.ticks], ticktext=[n for _, n in path.ticks])
    if y_range is not None:
        yaxis["range"] = list(y_range)
    return {"data": data, "layout": {
        "height": height, "margin": {"l": 44, "r": 8, "t": 22 if path.breaks else 8, "b": 28},
        "showlegend": legend, "legend": {"orientation": "h", "y": -0.3, "font": {"size": 10}},
        "xaxis": {"type": "category", "categoryorder": "array", "categoryarray": list(path.periods)},
        "yaxis": yaxis, "annotations": annotations, "shapes": shapes, "font": FONT,
        "paper_bgcolor": "rgba(0,0,0,0)", "plot_bgcolor": "#fff", "hovermode": "closest"}}


def path_block(path: RegionPath, graph_id: str | None = None) -> list:
    """The sheet's part for the path: a title, the chart (or why there is none) and the path in words."""
    lang = path.lang
    head = html.H4(t("path_title", lang), className="path-title")
    words = html.P(path.summary, className="path-summary")
    if len(path.points) < 1:
        return [head, words]
    graph = dcc.Graph(figure=path_figure(path), config={"displayModeBar": False, "staticPlot": False},
                      className="path-graph", **({"id": graph_id} if graph_id else {}))
    return [head, graph, words]


def sparkline(path: RegionPath, y_range: tuple[float, float] | None, width: int = 96, height: int = 24) -> html.Img:
    """A small image of the path for a table row (an SVG data address), described in words by its alt text."""
    svg = path_svg(path, y_range, width, height).replace('"', "'")
    # escaped as little as a data address needs ('<' stays %3C: JSON would write it in six bytes), no titles
    # inside (the alt text says it all): the table travels on every interaction that changes it
    return html.Img(src="data:image/svg+xml," + quote(svg, safe=" =:',.-()"), alt=path.summary,
                    width=width, height=height, className="sparkline")


def path_svg(path: RegionPath, y_range: tuple[float, float] | None, width: int, height: int,
             axes: bool = False) -> str:
    """The path as an SVG document: segments joined, published points filled, sample and partial ones
    hollow, the target dashed, each definition break dotted; ``axes`` adds the periods below, the range's
    ends at the left and each point's and break's words as its title (the small multiples), at the size given."""
    n = max(len(path.periods), 1)
    low, high = y_range if y_range else (0.0, 1.0)
    span = (high - low) or 1.0
    left, right, top, bottom = (44, 8, 6, 20) if axes else (4, 4, 3, 3)
    inset = 24 if axes else 0  # room for the first and last periods' labels
    index = {period: i for i, period in enumerate(path.periods)}

    def x_at(i: float) -> float:
        return round(left + inset + (width - left - right - 2 * inset) * (i / (n - 1) if n > 1 else 0.5), 1)

    def y_at(value: float) -> float:
        return round(height - bottom - (height - top - bottom) * (value - low) / span, 1)

    parts = []
    if axes:
        for value in [v for v, _ in path.ticks if low <= v <= high] if path.step else (low, high):
            label = _tick(path, value)
            parts.append(f'<text x="{left - 4}" y="{y_at(value) + 3}" text-anchor="end" font-size="10" fill="#555">'
                         f'{escape(label)}</text>')
            parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y_at(value)}" y2="{y_at(value)}" stroke="#eee"/>')
        for period, i in index.items():
            parts.append(f'<text x="{x_at(i)}" y="{height - 5}" text-anchor="middle" font-size="10" fill="#555">'
                         f'{escape(period)}</text>')
    if path.target is not None:
        y = y_at(path.target.value)
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y}" y2="{y}" stroke="{TARGET}" stroke-dasharray="4,3"/>')
    for brk in path.breaks:
        x = x_at((index[brk.before] + index[brk.after]) / 2)
        named = f' class="path-break"><title>{escape(brk.text)}</title></line>' if axes else "/>"
        parts.append(f'<line x1="{x}" x2="{x}" y1="0" y2="{height - bottom}" stroke="{BREAK}" stroke-dasharray="1,2"'
                     + named)
    for segment in sorted({p.segment for p in path.points}):
        points = [(x_at(index[p.period]), y_at(p.value)) for p in path.points if p.segment == segment]
        if len(points) > 1:
            steps = []
            for (x0, y0), (x1, y1) in zip(points, points[1:]):  # a rating or category steps, never slopes
                steps += [(x0, y0), (x1, y0), (x1, y1)] if path.step else [(x0, y0), (x1, y1)]
            parts.append(f'<polyline fill="none" stroke="{LINE}" stroke-width="1.5" points="'
                         + " ".join(f"{x},{y}" for x, y in steps) + '"/>')
    radius = 3.5 if axes else 2.5
    for p in path.points:
        x, y = x_at(index[p.period]), y_at(p.value)
        color = SAMPLE if p.sample else LINE
        fill = "#fff" if p.sample or p.partial else color
        shape = (f'<rect x="{x - radius}" y="{y - radius}" width="{2 * radius}" height="{2 * radius}" '
                 f'transform="rotate(45 {x} {y})"' if p.partial else f'<circle cx="{x}" cy="{y}" r="{radius}"')
        named = (f' class="path-point{" path-sample" if p.sample else ""}"><title>{escape(p.period)}: '
                 f'{escape(p.text)}</title>{"</rect>" if p.partial else "</circle>"}') if axes else "/>"
        parts.append(f'{shape} fill="{fill}" stroke="{color}" stroke-width="1.2"' + named)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}">{"".join(parts)}</svg>')


def _tick(path: RegionPath, value: float) -> str:
    """A value at the end of the axis, written as the path's values are (a level's name for a step path)."""
    for level, name in path.ticks:
        if abs(level - value) < 1e-9:
            return name
    return format_number(value)
