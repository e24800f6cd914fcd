"""How regions are drawn, on the screen and in snapshots: the colours both use.

The browser's style functions (``assets/sdplan_map.js``) receive these in the layers'
``hideout`` (:func:`region_style`, :func:`context_style`), so no colour is written twice.
"""

from __future__ import annotations

from .classify import MUTED_FILL, NO_DATA_COLOR

SEA = "#d6e6f2"
CONTEXT_FILL, CONTEXT_EDGE = "#f2efe9", "#b9b4aa"  # the neighbouring provinces
SCOPE_EDGE = "#ffffff"  # borders between regions in the chosen scope
MUTED_EDGE = "#c8c8c8"  # borders of regions outside it
HIGHLIGHT_EDGE = "#d62728"  # the region or bar picked on the chart, table or map
HOVER_EDGE = "#333333"


def region_style() -> dict[str, str]:
    """The colours the browser draws regions with (beside each view's palette)."""
    return {"muted": MUTED_FILL, "nodata": NO_DATA_COLOR, "edge": SCOPE_EDGE, "muted_edge": MUTED_EDGE,
            "highlight": HIGHLIGHT_EDGE}


def context_style() -> dict[str, str]:
    """The colours of the neighbouring provinces."""
    return {"fill": CONTEXT_FILL, "edge": CONTEXT_EDGE}
