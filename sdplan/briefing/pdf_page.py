"""The geometry of the briefing's PDF page (GB/T 9704-2012) and its kinds of text, in points from the top."""

from __future__ import annotations

from matplotlib.lines import Line2D

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM
LEFT, TOP = 28 * MM, 37 * MM
WIDTH, BOTTOM = 156 * MM, (37 + 225) * MM  # the text block's width and its lower edge (from the top)
PITCH = 28.95  # 22 lines in 225 mm
RED = "#E60012"
# kind: (font role, size pt, line pitch pt, first-line indent in characters, alignment, space before pt)
KINDS = {
    "name": ("title", 36, 54, 0, "center", 18),
    "issue": ("body", 16, PITCH, 0, "center", 6),
    "title": ("title", 22, 34, 0, "center", 14),
    "h1": ("heading1", 16, PITCH, 2, "left", 0),
    "h2": ("heading2", 16, PITCH, 2, "left", 0),
    "p": ("body", 16, PITCH, 2, "left", 0),
    "caption": ("body", 14, 22, 0, "center", 4),  # a table's, above it
    "figure": ("body", 14, 22, 0, "center", 0),  # a map's, below it
    "note": ("body", 12, 18, 0, "left", 2),
    "cell": ("body", 10.5, 14, 0, "left", 0),
    "recipient": ("body", 14, 24, 1, "left", 0),
}
HEADINGS = ("title", "h1", "h2", "caption")  # kept with the block that follows (a map keeps its own caption)
MAP_HEIGHT = WIDTH * 8.27 / 11.69


def rule(y: float, weight: float, color: str) -> Line2D:
    """A rule across the text block at ``y`` (pt from the top)."""
    return Line2D([LEFT / PAGE_W, (LEFT + WIDTH) / PAGE_W], [1 - y / PAGE_H] * 2, linewidth=weight, color=color)
