"""The briefing as a printed 简报 in PDF, with the same content as the Word document (matplotlib pages).

A4 portrait with GB/T 9704-2012's text block (156 × 225 mm: top 37 mm, left 28 mm), body at 16 pt on
a 28.95 pt line pitch (22 lines a page), the page number "— 1 —" 7 mm below the text block. Blocks
(报头, title, headings, paragraphs, maps, tables, 报尾) flow down the text block and never below it;
a heading keeps with what follows it, so no page holds only a heading; lines break by
:mod:`.typeset` (numbers whole, 禁则). Fonts: :mod:`sdplan.printing.briefing_fonts`, embedded. A fixed
``as_of`` gives identical bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.image import imread

from ..i18n import t
from ..mapview import MapModel
from ..printing import INK, SAMPLE_RED, pages_bytes, rc
from ..printing.briefing_fonts import briefing_families
from ..snapshot.render import render_bytes
from .measure import Measure
from .model import Briefing
from .outline import heading_1, heading_2, numbered
from .pdf_page import BOTTOM, HEADINGS, KINDS, LEFT, MAP_HEIGHT, MM, PAGE_H, PAGE_W, PITCH, RED, TOP, WIDTH, rule
from .pdf_table import draw_table
from .summary import notes_lines, overview, section_paragraph
from .tables import Table, behind_table, ledger_counts, section_table, source_lines, title
from .typeset import break_lines
from .wording import date_text


@dataclass
class Block:
    kind: str  # name, issue, issuer, title, h1, h2, p, caption, note, table, map, recipients
    text: str = ""
    table: Table | None = None
    model: MapModel | None = None
    lines: list[str] = field(default_factory=list)


def blocks_of(b: Briefing) -> list[Block]:
    """The document as a sequence of blocks, in the same order as the Word document."""
    lang, head = b.lang, b.masthead
    blocks = [Block("name", head.title(lang)), Block("issue", head.number(lang)),
              Block("issuer", head.issuer, lines=[date_text(b.as_of, lang)]), Block("title", title(b)),
              Block("h1", heading_1(1, t("brief_summary", lang), lang))]
    blocks += [Block("p", text) for text in overview(b)]
    blocks.append(Block("h1", heading_1(2, t("brief_indicators", lang), lang)))
    for n, s in enumerate(b.sections, start=1):
        blocks += [Block("h2", heading_2(2, n, s.indicator.name(lang), lang)), Block("p", section_paragraph(s, b)),
                   Block("map", model=s.model), Block("figure", t("brief_figure", lang, n=n, title=s.model.title())),
                   Block("caption", t("brief_table", lang, n=n, title=s.indicator.name(lang))),
                   Block("table", table=section_table(s, lang))]
        if s.compare_to:
            blocks.append(Block("note", t("brief_change_note", lang)))
    blocks += [Block("h1", heading_1(3, t("brief_ledger", lang), lang)), Block("p", t("brief_ledger_note", lang)),
               Block("h2", heading_2(3, 1, t("brief_ledger_counts", lang), lang)),
               Block("table", table=ledger_counts(b)), Block("h2", heading_2(3, 2, t("brief_behind", lang), lang))]
    behind = behind_table(b)
    blocks.append(Block("table", table=behind) if behind[1] else Block("p", t("brief_none_behind", lang)))
    if b.notes:
        blocks.append(Block("h2", heading_2(3, 3, t("brief_notes_heading", lang), lang)))
        blocks += [Block("p", line) for line in notes_lines(b)]
    blocks.append(Block("h1", heading_1(4, t("sources", lang), lang)))
    blocks += [Block("p", numbered(n, line, lang)) for n, line in enumerate(source_lines(b), start=1)]
    blocks.append(Block("recipients", lines=head.recipients(lang)))
    return blocks


@dataclass
class Placed:
    """Where a block landed: its page, kind and vertical extent (pt from the top), for checking the layout."""

    page: int
    kind: str
    top: float
    bottom: float
    lines: tuple[str, ...] = ()  # the lines of text it printed


class Pages:
    """Portrait pages filled from the top of the text block, never past its lower edge."""

    def __init__(self, b: Briefing, families: dict[str, list[str]]):
        self.b, self.families = b, families
        self.measure = Measure(families)
        self.figures: list[Figure] = []
        self.placed: list[Placed] = []
        self.y = BOTTOM
        self.fig: Figure | None = None

    # -- pages ---------------------------------------------------------------------------------

    def new(self) -> Figure:
        self.fig = Figure(figsize=(PAGE_W / 72, PAGE_H / 72), facecolor="white")
        FigureCanvasAgg(self.fig)
        self.figures.append(self.fig)
        self.y = TOP
        return self.fig

    def room(self, height: float) -> Figure:
        """The current page if ``height`` more fits above the text block's lower edge, else a new one."""
        if self.fig is None or self.y + height > BOTTOM + 0.01:
            self.new()
        return self.fig

    def mark(self, kind: str, top: float, lines: list[str] | None = None) -> None:
        self.placed.append(Placed(len(self.figures), kind, top, self.y, tuple(lines or ())))

    def _text(self, x: float, y: float, text: str, kind: str, color: str = INK, ha: str = "left") -> None:
        role, size = KINDS[kind][:2]
        # the title's bold serif alone: its fallbacks have no bold face, and asking them would fall back to regular
        family = self.families[role][:1] if role == "title" else self.families[role]
        self.fig.text(x / PAGE_W, 1 - y / PAGE_H, text, fontsize=size, family=family, color=color,
                      ha=ha, va="baseline", fontweight="bold" if role == "title" else "normal")

    def _rule(self, y: float, weight: float, color: str = INK) -> None:
        self.fig.add_artist(rule(y, weight, color))

    # -- blocks --------------------------------------------------------------------------------

    def lines(self, block: Block) -> list[str]:
        role, size, _, indent = KINDS[block.kind][:4]
        width = (lambda s: self.measure.width(s, role, size))
        return break_lines(block.text, WIDTH, width, indent * size)

    def height(self, block: Block, lines: int | None = None) -> float:
        """The height ``block`` takes (its first ``lines`` lines only, when given)."""
        if block.kind == "map":
            return MAP_HEIGHT + 6
        if block.kind == "table":
            return 3 * KINDS["cell"][2] + 8
        if block.kind == "issuer":
            return PITCH * (1 if self.issuer_fits(block) else 2) + 24 + 10
        if block.kind == "recipients":
            return len(block.lines) * KINDS["recipient"][2] + 12
        count = len(self.lines(block))
        _, _, pitch, _, _, before = KINDS[block.kind]
        return before + pitch * (count if lines is None else min(lines, count))

    def text(self, block: Block, color: str = INK) -> None:
        _, size, pitch, indent, align, before = KINDS[block.kind]
        lines = self.lines(block)
        self.room(before + pitch * min(2, len(lines)))  # at least two lines of a paragraph together
        top = self.y
        self.y += before if self.y > TOP else 0
        for i, line in enumerate(lines):
            self.room(pitch)
            x = LEFT + (indent * size if i == 0 else 0)
            x, ha = (LEFT + WIDTH / 2, "center") if align == "center" else (x, "left")
            self._text(x, self.y + pitch * 0.72, line, block.kind, color, ha)
            self.y += pitch
        self.mark(block.kind, top, lines)

    def issuer_fits(self, block: Block) -> bool:
        """Whether the issuing unit and the date fit on one line, a character apart."""
        size = KINDS["issue"][1]
        return self.measure.width(f"{block.text}\u3000{block.lines[0]}", "body", size) <= WIDTH

    def issuer(self, block: Block) -> None:
        """The issuing unit (left) and the date (right) on one line (two if they do not fit), above the red rule."""
        self.room(self.height(block))
        top = self.y
        self.y += 24
        self._text(LEFT, self.y + PITCH * 0.72, block.text, "issue")
        if not self.issuer_fits(block):
            self.y += PITCH
        self._text(LEFT + WIDTH, self.y + PITCH * 0.72, block.lines[0], "issue", ha="right")
        self.y += PITCH + 4
        self._rule(self.y, 2.0, RED)
        self.y += 6
        self.mark("issuer", top)

    def map(self, block: Block) -> None:
        """The map page the snapshot renderer draws, scaled into the text block's width."""
        self.room(self.height(block) + KINDS["figure"][2])  # with its caption
        top = self.y + 3
        image = imread(io.BytesIO(render_bytes(block.model, "png", self.b.as_of)))[..., :3]  # opaque: no soft mask
        axes = self.fig.add_axes((LEFT / PAGE_W, 1 - (top + MAP_HEIGHT) / PAGE_H, WIDTH / PAGE_W, MAP_HEIGHT / PAGE_H))
        axes.imshow(image, interpolation="none")  # written as is: no resampling in the PDF
        axes.set_axis_off()
        self.y = top + MAP_HEIGHT + 3
        self.mark("map", top)

    def recipients(self, block: Block) -> None:
        """报尾 at the foot of the last page: 报送 and 抄送 between rules."""
        pitch = KINDS["recipient"][2]
        self.room(self.height(block))
        self.y = BOTTOM - self.height(block) + 6
        top = self.y
        self._rule(self.y, 1.0)
        for i, line in enumerate(block.lines):
            self._text(LEFT + KINDS["recipient"][1], self.y + pitch * 0.72, line, "recipient")
            self.y += pitch
            self._rule(self.y, 1.0 if i == len(block.lines) - 1 else 0.5)
        self.mark("recipients", top)

    def table(self, table: Table) -> None:
        draw_table(self, table)


def _footer(fig: Figure, b: Briefing, page: int) -> None:
    """The page number 7 mm below the text block, centred; the sample mark above the text block."""
    families = briefing_families()
    fig.text(0.5, 1 - (BOTTOM + 7 * MM) / PAGE_H, t("brief_page", b.lang, page=page), fontsize=14,
             family=families["body"], color=INK, ha="center", va="top")
    if b.has_sample:
        fig.text((LEFT + WIDTH) / PAGE_W, 1 - (TOP - 12 * MM) / PAGE_H, t("snapshot_sample_mark", b.lang), fontsize=10.5,
                 family=families["heading1"], color=SAMPLE_RED, ha="right", va="baseline")
    if b.version:  # drawn from a past version of the data
        fig.text(LEFT / PAGE_W, 1 - (TOP - 12 * MM) / PAGE_H, b.version, fontsize=10.5, family=families["heading1"],
                 color=INK, ha="left", va="baseline")


def keep_with_next(blocks: list[Block], i: int, pages: Pages) -> float:
    """The height a heading needs below it: itself and the start of what follows (two lines of a
    paragraph, a table's heads and first rows, a map with its caption), through a chain of headings."""
    need = 0.0
    while i < len(blocks):
        block = blocks[i]
        if block.kind in HEADINGS:
            need += pages.height(block)
            i += 1
            continue
        extra = KINDS["figure"][2] if block.kind == "map" else 0.0
        return need + pages.height(block, lines=2) + extra
    return need


def layout(b: Briefing, blocks: list[Block] | None = None) -> Pages:
    """Flow the briefing's blocks over pages (the figures and where each block landed). ``blocks`` lays out
    another document in the 简报's layout (the 通报, :mod:`.circular`): ``b`` then gives its language, time,
    masthead and sample mark."""
    pages = Pages(b, briefing_families())
    blocks = blocks_of(b) if blocks is None else blocks
    with rc_context(rc("pdf")):
        for i, block in enumerate(blocks):
            if block.kind in HEADINGS and i > 0:
                pages.room(keep_with_next(blocks, i, pages))
            if block.kind == "name":
                pages.new()
                pages.text(block, RED)
            elif block.kind in ("issuer", "map", "recipients", "table"):
                getattr(pages, block.kind)(block.table if block.kind == "table" else block)
            else:
                pages.text(block)
        for number, fig in enumerate(pages.figures, start=1):
            _footer(fig, b, number)
    return pages


def briefing_figures(b: Briefing) -> list[Figure]:
    """Draw the briefing, one figure per A4 page."""
    return layout(b).figures


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
