"""A table on the briefing's PDF pages: columns sized to their text, cells wrapped, heads repeated."""

from __future__ import annotations

from typing import Protocol

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from .measure import Measure
from .pdf_page import BOTTOM, KINDS, LEFT, PAGE_H, PAGE_W, WIDTH, rule
from .tables import Table
from .typeset import break_lines


class Flow(Protocol):
    """The pages a table flows over (:class:`sdplan.briefing.pdf.Pages`)."""

    measure: Measure
    families: dict[str, list[str]]
    fig: Figure | None
    y: float

    def new(self) -> Figure: ...

    def mark(self, kind: str, top: float, lines: list[str] | None = None) -> None: ...

PAD = 4.0  # points either side of a cell's text
FILL = "#eeeeee"


def widths(pages: Flow, table: Table) -> list[float]:
    """Each column's width (pt): its longest cell where it fits, the rest of the line shared equally by the
    columns too long for their share (they wrap), then all scaled to the text block's width."""
    head, rows = table
    size = KINDS["cell"][1]
    natural = [max(pages.measure.width(c, "body", size) for c in [h, *(r[i] for r in rows)]) + 2 * PAD
               for i, h in enumerate(head)]
    room, loose = WIDTH, list(range(len(natural)))
    fixed: dict[int, float] = {}
    while loose:
        share = room / len(loose)
        fits = [i for i in loose if natural[i] <= share]
        if not fits:
            break
        for i in fits:
            fixed[i] = natural[i]
            room -= natural[i]
        loose = [i for i in loose if i not in fits]
    chosen = [fixed.get(i, room / len(loose) if loose else 0.0) for i in range(len(natural))]
    return [w * WIDTH / sum(chosen) for w in chosen]


def draw_table(pages: Flow, table: Table) -> None:
    """Draw ``table`` from the current position, continuing on new pages with its heads again."""
    head, rows = table
    size, pitch = KINDS["cell"][1], KINDS["cell"][2]
    cols = widths(pages, table)  # across the text block, as a table in a 简报 is
    lefts = [LEFT + sum(cols[:i]) for i in range(len(cols))]
    measure = (lambda s: pages.measure.width(s, "body", size))
    wrapped = (lambda cells: [break_lines(c, w - 2 * PAD + 0.5, measure) for c, w in zip(cells, cols)])
    top = pages.y

    def draw(cells: list[str], heads: bool) -> None:
        lines = wrapped(cells)
        height = max(len(x) for x in lines) * pitch + 4
        if pages.fig is None or pages.y + height > BOTTOM:
            pages.new()
            if not heads:
                draw(head, True)
        fig = pages.fig
        if heads:
            fig.add_artist(Rectangle((LEFT / PAGE_W, 1 - (pages.y + height) / PAGE_H), sum(cols) / PAGE_W,
                                     height / PAGE_H, facecolor=FILL, edgecolor="none", transform=fig.transFigure))
        for left, cell in zip(lefts, lines):
            for i, line in enumerate(cell):
                fig.text((left + PAD) / PAGE_W, 1 - (pages.y + 2 + i * pitch + pitch * 0.75) / PAGE_H, line,
                         fontsize=size, family=pages.families["heading1" if heads else "body"], color="#1a1a1a",
                         va="baseline")
        pages.y += height
        fig.add_artist(rule(pages.y, 0.8 if heads else 0.4, "#1a1a1a"))

    if pages.fig is None or pages.y + 3 * pitch + 8 > BOTTOM:
        pages.new()
    pages.y += 4
    top = pages.y
    pages.fig.add_artist(rule(pages.y, 0.8, "#1a1a1a"))
    draw(head, True)
    for row in rows:
        draw(row, False)
    pages.mark("table", top)
    pages.y += 6  # space below the table (a new page if it runs past the text block)
