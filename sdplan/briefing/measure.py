"""The width of text in the briefing's PDF fonts, from the fonts' own advance widths (for line breaking)."""

from __future__ import annotations

from functools import cache

from ..printing.briefing_fonts import font_file


@cache
def _advances(family: str) -> tuple[dict[int, float], float]:
    """Each code point's advance width in ems, for the font registered as ``family``."""
    from fontTools.ttLib import TTFont

    path = font_file(family)
    if path is None:
        return {}, 1.0
    font = TTFont(path, lazy=True)
    scale = 1.0 / font["head"].unitsPerEm
    metrics = font["hmtx"].metrics
    return {code: metrics[name][0] * scale for code, name in font.getBestCmap().items()}, scale


class Measure:
    """Widths in points of strings set in a role's families (the first family holding each character)."""

    def __init__(self, families: dict[str, list[str]]):
        self.families = families

    def em(self, ch: str, role: str) -> float:
        code = ord(ch)
        for family in self.families[role]:
            width = _advances(family)[0].get(code)
            if width is not None:
                return width
        return 1.0 if code > 0x2E7F else 0.5

    def width(self, text: str, role: str, size: float) -> float:
        return sum(self.em(ch, role) for ch in text) * size
