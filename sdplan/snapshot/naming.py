"""Safe, descriptive file names for snapshots: ASCII only, the same on every operating system."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

from ..beijing import local
from ..mapview import MapModel

PREFIX = "shandong-plan"
FORMATS = ("png", "svg", "pdf")


def slug(text: str) -> str:
    """Lower-case ASCII slug: letters, digits and single hyphens (accents dropped).

    Examples
    --------
    >>> slug("Tai'an")
    'taian'
    >>> slug("Jiaodong Economic Circle")
    'jiaodong-economic-circle'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    ascii_text = re.sub(r"['’]", "", ascii_text.lower())
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def scope_slug(model: MapModel) -> str:
    """``shandong``, the circle id (``jiaodong``) or the drilled prefecture's English name."""
    view = model.view
    if view.prefecture:
        return slug(model.scope_names[1]) or view.prefecture
    return view.circle or "shandong"


def snapshot_filename(model: MapModel, fmt: str, as_of: datetime) -> str:
    """The file name of a snapshot of ``model``'s view.

    Parameters
    ----------
    model : MapModel
        What is drawn.
    fmt : str
        "png", "svg" or "pdf".
    as_of : datetime
        The export time; its date in Beijing ends the name (a naive time is taken as Beijing's).

    Returns
    -------
    str
        For example ``shandong-plan_urban_rail_km_jiaodong_2022-10_20261129.pdf``: indicator id,
        scope, period and export date, joined by underscores, ASCII only.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown snapshot format {fmt!r}; expected one of {', '.join(FORMATS)}")
    view = model.view
    parts = [PREFIX, view.indicator, scope_slug(model)]
    if view.level == "county" and not view.prefecture:
        parts.append("county")
    if view.period:
        parts.append(re.sub(r"[^A-Za-z0-9-]+", "-", view.period))
    if view.measure:  # the completion map is another map of the same figures
        parts.append(view.measure)
    parts.append(f"{local(as_of):%Y%m%d}")  # the date in Beijing, as the footer says
    if view.lang == "en":
        parts.append("en")
    return "_".join(p for p in parts if p) + "." + fmt
