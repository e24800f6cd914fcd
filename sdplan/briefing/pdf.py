"""The briefing as a PDF with the same content as the Word document (matplotlib pages, bundled font embedded).

Text pages (A4 portrait) flow blocks (title, headings, paragraphs, tables) from top to bottom and
continue on a new page when one is full; a table split over pages repeats its heads. Each map is
the snapshot renderer's own landscape page. Every page has a footer with the title, the sample
mark when any figure is sample, and the page number. A fixed ``as_of`` gives identical bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ..i18n import t
from ..mapview import MapModel
from ..printing import A4, GREY, INK, SAMPLE_RED, pages_bytes, rc, wrap
from ..snapshot.render import render_figure
from .model import Briefing
from .summary import scope_word, summary
from .tables import Table, behind_table, ledger_counts, section_table, source_lines, title

PORTRAIT = A4[::-1]
LEFT, RIGHT, TOP, BOTTOM = 0.08, 0.92, 0.95, 0.07
COLUMNS = 94  # half-width characters on a line of body text
SIZES = {"title": 17, "h1": 13, "h2": 11.5, "h3": 10.5, "p": 9.5, "note": 8.5, "cell": 8}
LINE = 0.0185  # one line of body text, in figure fractions; other sizes in proportion
BLUE = "#1f3a5f"


@dataclass
class Block:
    kind: str  # title, h1, h2, h3, p, note, table, map
    text: str = ""
    color: str = INK
    table: Table | None = None
    model: MapModel | None = None
    lines: list[str] = field(default_factory=list)


def blocks_of(b: Briefing) -> list[Block]:
    """The document as a sequence of blocks, in the same order as the Word document."""
    lang = b.lang
    blocks = [Block("title", title(b))]
    blocks += [Block("p", t("brief_labelled", lang, label=label, value=value)) for label, value in cover_lines(b)]
    if b.has_sample:
        blocks.append(Block("p", t("snapshot_sample_mark", lang) + "  " + t("sample_banner", lang), SAMPLE_RED))
    blocks.append(Block("h1", t("brief_summary", lang)))
    blocks += [Block("p", text) for text in summary(b)]
    blocks.append(Block("h1", t("brief_indicators", lang)))
    for n, s in enumerate(b.sections, start=1):
        blocks.append(Block("map", model=s.model))  # its own page, which carries the indicator's title
        blocks.append(Block("h2", s.indicator.name(lang)))
        blocks.append(Block("note", t("brief_figure", lang, n=n, title=s.model.title()), GREY))
        if s.progress:
            blocks.append(Block("h3", t("brief_progress", lang)))
            blocks += [Block("p", target_sentence(p, scope_word(b), lang)) for p in s.progress]
            blocks.append(Block("table", table=progress_table(s, lang)))
        blocks.append(Block("note", t("brief_table", lang, n=n, title=s.indicator.name(lang)), GREY))
        blocks.append(Block("table", table=section_table(s, lang)))
        if s.compare_to:
            blocks.append(Block("note", t("brief_change_note", lang), GREY))
        if s.has_sample:
            blocks.append(Block("note", t("brief_sample_note", lang), SAMPLE_RED))
    blocks += [Block("h1", t("brief_ledger", lang)), Block("note", t("brief_ledger_note", lang), GREY),
               Block("table", table=ledger_counts(b)), Block("h2", t("brief_behind", lang))]
    behind = behind_table(b)
    blocks.append(Block("table", table=behind) if behind[1] else Block("p", t("brief_none_behind", lang)))
    blocks.append(Block("h1", t("sources", lang)))
    blocks += [Block("note", "· " + line) for line in source_lines(b)]
    return blocks


def _height(size: float) -> float:
    return LINE * size / SIZES["p"]


def _widths(table: Table) -> list[int]:
    """Columns (half-width characters) of each table column, in proportion to its longest cell."""
    head, rows = table
    longest = [max(_columns(c) for c in [h, *(r[i] for r in rows)]) for i, h in enumerate(head)]
    room = int(COLUMNS * SIZES["p"] / SIZES["cell"]) - 2 * len(head)
    total = sum(longest)
    return longest if total <= room else [max(6, int(room * w / total)) for w in longest]


def _columns(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


class Pages:
    """Text pages being filled from the top; map pages are added as they come."""

    def __init__(self):
        self.figures: list[Figure] = []
        self.y = 0.0
        self.fig: Figure | None = None

    def new(self) -> Figure:
        self.fig = Figure(figsize=PORTRAIT, facecolor="white")
        FigureCanvasAgg(self.fig)
        self.figures.append(self.fig)
        self.y = TOP
        return self.fig

    def room(self, height: float) -> Figure:
        if self.fig is None or self.y - height < BOTTOM:
            self.new()
        return self.fig

    def text(self, block: Block) -> None:
        size = SIZES[block.kind]
        lines = wrap(block.text, int(COLUMNS * SIZES["p"] / size))
        gap = {"title": 0.6, "h1": 0.9, "h2": 0.7, "h3": 0.4}.get(block.kind, 0.25)
        for i, line in enumerate(lines):
            fig = self.room(_height(size) * (1 + gap if i == 0 else 1))
            if i == 0 and self.y < TOP:
                self.y -= _height(size) * gap
            fig.text(LEFT, self.y, line, fontsize=size, color=BLUE if block.kind[0] == "h" else block.color, va="top")
            self.y -= _height(size) * 1.05
        self.y -= _height(size) * 0.3

    def table(self, table: Table) -> None:
        head, rows = table
        widths = _widths(table)
        step = _height(SIZES["cell"]) * 1.15
        lefts, x = [], LEFT
        for w in widths:
            lefts.append(x)
            x += (w + 2) / (COLUMNS * SIZES["p"] / SIZES["cell"]) * (RIGHT - LEFT)
        self.y -= step * 0.3

        def draw(cells: list[str], bold: bool) -> None:
            wrapped = [wrap(c, w) or [""] for c, w in zip(cells, widths)]
            height = max(len(w) for w in wrapped) * step + step * 0.35
            fig = self.room(height + (0 if bold else step * 1.5))
            if not bold and self.y == TOP:  # a new page: the heads again
                draw(head, True)
                fig = self.fig
            if bold:
                fig.add_artist(Rectangle((LEFT - 0.005, self.y - height + step * 0.15), RIGHT - LEFT + 0.01, height,
                                         facecolor="#e6eef8", edgecolor="none", transform=fig.transFigure))
            for left, lines in zip(lefts, wrapped):
                for i, line in enumerate(lines):
                    fig.text(left, self.y - i * step, line, fontsize=SIZES["cell"], color=INK, va="top")
            self.y -= height
            fig.add_artist(Rectangle((LEFT - 0.005, self.y + step * 0.12), RIGHT - LEFT + 0.01, 0.0006,
                                     facecolor="#cccccc", edgecolor="none", transform=fig.transFigure))

        if self.fig is None or self.y - step * 3 < BOTTOM:
            self.new()
        draw(head, True)
        for row in rows:
            draw(row, False)
        self.y -= step * 0.6


def _footer(fig: Figure, b: Briefing, page: int, pages: int) -> None:
    lang = b.lang
    fig.text(0.03 if fig.get_figwidth() > fig.get_figheight() else LEFT, 0.018, title(b), fontsize=7, color=GREY)
    if b.has_sample:
        fig.text(0.5, 0.018, t("snapshot_sample_mark", lang), fontsize=7.5, color=SAMPLE_RED, ha="center")
    fig.text(0.97 if fig.get_figwidth() > fig.get_figheight() else RIGHT, 0.018,
             t("page_of", lang, page=page, pages=pages), fontsize=7, color=GREY, ha="right")


def briefing_figures(b: Briefing) -> list[Figure]:
    """Draw the briefing, one figure per page (maps on landscape pages of their own)."""
    pages = Pages()
    with rc_context(rc("pdf")):
        for block in blocks_of(b):
            if block.kind == "map":
                pages.figures.append(render_figure(block.model, b.as_of, "landscape", fmt="pdf"))
                pages.fig = None  # the text after a map starts a new page
            elif block.kind == "table":
                pages.table(block.table)
            else:
                pages.text(block)
        for number, fig in enumerate(pages.figures, start=1):
            _footer(fig, b, number, len(pages.figures))
    return pages.figures


def pdf_bytes(b: Briefing) -> bytes:
    """Write the briefing ``b`` as a PDF (fonts embedded; the same briefing gives the same bytes).

    Parameters
    ----------
    b : Briefing
        From :func:`sdplan.briefing.model.build_briefing`.

    Returns
    -------
    bytes
    """
    return pages_bytes(briefing_figures(b))
