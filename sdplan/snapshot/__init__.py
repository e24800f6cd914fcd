"""Briefing snapshots: the current map view as PNG, SVG or PDF, rendered on the server.

:func:`snapshot` is the one entry point the dashboard and the command line share: a view query
in, the file's bytes and a safe file name out. Rendering uses the same
:func:`~sdplan.mapview.build_map_model` as the screen, so classes and colours match.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .. import beijing
from ..as_of import moment_banner
from ..dataset import Dataset
from ..mapview import build_map_model
from ..viewstate import View, parse_view
from .naming import snapshot_filename
from .render import render_bytes


class SnapshotRequestError(ValueError):
    """A snapshot request named a value that does not exist (indicator, circle, format...)."""


@dataclass(frozen=True)
class Snapshot:
    filename: str
    content: bytes
    media_type: str


MEDIA_TYPES = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}


def view_from_query(data: Dataset, query: str | None, strict: bool = True) -> View:
    """Parse a view query; with ``strict``, refuse any invalid value instead of defaulting it.

    Raises
    ------
    SnapshotRequestError
        Naming each bad parameter and value, e.g. ``indicator 'nope'``.
    """
    view, notices = parse_view(data, query)
    if strict and notices:
        bad = ", ".join(f"{n.param} '{n.value}'" for n in notices)
        raise SnapshotRequestError(f"invalid snapshot request: unknown or invalid {bad}")
    return view


def snapshot(data: Dataset, view: View, fmt: str = "pdf", as_of: datetime | None = None,
             orientation: str = "landscape", chart: bool = True) -> Snapshot:
    """Render ``view`` of ``data`` as a file.

    Parameters
    ----------
    data : Dataset
        The figures to draw from.
    view : View
        The view to draw.
    fmt : {"png", "svg", "pdf"}
        Output format.
    as_of : datetime, optional
        Export time printed on the image and used in the name; defaults to now (written in Beijing time).
    orientation : {"landscape", "portrait"}
        A4 orientation.
    chart : bool
        Add the by-prefecture bar panel.

    Returns
    -------
    Snapshot
        File name, bytes and media type.
    """
    if fmt not in MEDIA_TYPES:
        raise SnapshotRequestError(f"unknown snapshot format '{fmt}'; expected one of png, svg, pdf")
    if orientation not in ("landscape", "portrait"):
        raise SnapshotRequestError(f"unknown orientation '{orientation}'; expected landscape or portrait")
    as_of = as_of or beijing.now()
    model = build_map_model(data, view)
    content = render_bytes(model, fmt, as_of, orientation, chart, moment_banner(data.as_of, view.lang))
    return Snapshot(snapshot_filename(model, fmt, as_of), content, MEDIA_TYPES[fmt])
