"""What every printed page shares (the map snapshots and the ledger's PDF): the A4 page, ink
colours, the bundled font's matplotlib settings, text wrapping and reproducible file bytes.

Fonts come from the bundled Noto Sans SC (:mod:`sdplan.printing.fonts`), never from the host.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg", force=False)

from matplotlib import rc_context  # noqa: E402
from matplotlib.backends.backend_pdf import PdfPages  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from .fonts import register_fonts, register_pdf_fonts  # noqa: E402

A4 = (11.69, 8.27)  # inches, landscape
DPI = 200  # PNG: print quality, about 2.3x a 1000-pixel-wide screen map
INK, GREY = "#1a1a1a", "#666666"
SAMPLE_RED = "#c0392b"
FORMATS = ("png", "svg", "pdf")
METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": "sdplan"},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": "sdplan", "Producer": "sdplan (matplotlib)"},
}


def rc(fmt: str = "png") -> dict:
    """matplotlib settings for a printed page: bundled font, embedded fonts, fixed metadata salt."""
    families = register_pdf_fonts() if fmt == "pdf" else [register_fonts()]
    return {"font.family": families, "font.sans-serif": families, "pdf.fonttype": 42, "ps.fonttype": 42,
            "svg.fonttype": "path", "svg.hashsalt": "sdplan-snapshot", "axes.unicode_minus": False,
            "figure.dpi": DPI, "savefig.dpi": DPI}


def wrap(text: str, width: int) -> list[str]:
    """Break ``text`` into lines of at most ``width`` columns (a CJK character counts two)."""
    lines, line, used = [], "", 0
    for ch in text:
        w = 2 if ord(ch) > 0x2E7F else 1
        if used + w > width and line:
            cut = line.rfind(" ") if " " in line[len(line) // 2:] else -1
            lines.append(line[:cut] if cut > 0 else line)
            line = line[cut + 1:] if cut > 0 else ""
            used = sum(2 if ord(c) > 0x2E7F else 1 for c in line)
        line, used = line + ch, used + w
    return lines + ([line] if line else [])


def pages_bytes(figures: list[Figure]) -> bytes:
    """Save ``figures`` as the pages of one PDF; the same figures give the same bytes every time."""
    buffer = io.BytesIO()
    with rc_context(rc("pdf")), PdfPages(buffer, metadata=METADATA["pdf"]) as pdf:
        for fig in figures:
            pdf.savefig(fig, dpi=DPI, facecolor="white")
    return buffer.getvalue()


def figure_bytes(fig: Figure, fmt: str) -> bytes:
    """Save ``fig`` as PNG, SVG or PDF; the same figure gives the same bytes every time."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    buffer = io.BytesIO()
    with rc_context(rc(fmt)):
        fig.savefig(buffer, format=fmt, dpi=DPI, metadata=METADATA[fmt], facecolor="white")
    return buffer.getvalue()
