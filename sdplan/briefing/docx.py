"""The briefing as an editable Word 简报 (python-docx): 报头, 正文, 报尾, real named styles.

报头: the briefing's name in red, 第N期, then the issuing unit and the date on one line above a red
rule. 正文: the title, then 一、 headings (Heading 1, 黑体) and (一) headings (Heading 2, 楷体) over
body paragraphs (Normal, 仿宋), each indicator's map with its caption and its table by region.
报尾: 报送 and 抄送 between rules. The footer carries the page number as "— 1 —" (a Word field), the
header the sample mark when any figure is sample. Styles and page: :mod:`.docx_styles`.
"""

from __future__ import annotations

import io
from datetime import UTC

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph

from ..beijing import local
from ..i18n import t
from ..snapshot.render import render_bytes
from .docx_styles import RED, apply_styles, border, page_setup
from .model import Briefing
from .outline import heading_1, heading_2, numbered
from .summary import notes_lines, overview, section_paragraph
from .tables import Table, behind_table, ledger_counts, section_table, source_lines, title
from .wording import date_text

TEXT_WIDTH = Mm(156)


def _field(paragraph: Paragraph, code: str) -> None:
    """A Word field (PAGE) that Word and WPS fill in when they lay out the pages."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, code), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == code:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {code} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def _header_footer(document: DocxDocument, b: Briefing) -> None:
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.style = document.styles["Header"]
    if b.has_sample:
        run = header.add_run(t("snapshot_sample_mark", b.lang))
        run.font.color.rgb, run.bold = RED, True
    if b.version:  # drawn from a past version of the data: said on every page, above the text
        header.add_run(("    " if b.has_sample else "") + b.version).bold = True
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    before, after = t("brief_page", b.lang, page="\0").split("\0")
    footer.add_run(before)
    _field(footer, "PAGE")
    footer.add_run(after)


def _masthead(document: DocxDocument, b: Briefing) -> None:
    """报头: name (red), 第N期, issuing unit and date above the red rule."""
    head = b.masthead
    document.add_paragraph(head.title(b.lang), style="Briefing Name")
    document.add_paragraph(head.number(b.lang), style="Briefing Issue")
    line = document.add_paragraph(style="Briefing Issuer")
    line.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    line.add_run(f"{head.issuer}\t{date_text(b.as_of, b.lang)}")
    border(line._p, "bottom", 18, "E60012")


def _recipients(document: DocxDocument, b: Briefing) -> None:
    """报尾: 报送 and 抄送 between a top and a bottom rule, a thin rule between them."""
    document.add_paragraph()
    lines = b.masthead.recipients(b.lang)
    for n, text in enumerate(lines):
        p = document.add_paragraph(text, style="Briefing Recipients")
        p.paragraph_format.keep_with_next = n < len(lines) - 1
        if n == 0:
            border(p._p, "top", 8)
        border(p._p, "bottom", 8 if n == len(lines) - 1 else 4)


def _table(document: DocxDocument, table: Table) -> None:
    head, rows = table
    grid = document.add_table(rows=1, cols=len(head), style="Table Grid")
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    repeat = OxmlElement("w:tblHeader")  # the heads again on every page the table runs over
    grid.rows[0]._tr.get_or_add_trPr().append(repeat)
    # the style's id, looked up once: python-docx's ``paragraph.style = ...`` scans every style of the
    # document for the default one on each call (two thirds of a briefing's writing time, cell by cell)
    style_id = document.styles["Table Text"].style_id
    for values, bold in [(head, True), *((r, False) for r in rows)]:
        cells = grid.rows[0].cells if bold else grid.add_row().cells
        for cell, text in zip(cells, values):
            cell.text = ""
            paragraph = cell.paragraphs[0]
            paragraph._p.style = style_id
            paragraph.add_run(text).bold = bold


def docx_bytes(b: Briefing) -> bytes:
    """Write the briefing ``b`` as a .docx 简报.

    Parameters
    ----------
    b : Briefing
        From :func:`sdplan.briefing.model.build_briefing`.

    Returns
    -------
    bytes
        The document: 报头, title, overview, one part per indicator (paragraph, map, table by region),
        the ledger summary, the sources, 报尾.
    """
    lang = b.lang
    document = Document()
    page_setup(document)
    apply_styles(document)
    _header_footer(document, b)
    _masthead(document, b)
    document.add_paragraph(title(b), style="Title")
    document.add_heading(heading_1(1, t("brief_summary", lang), lang), level=1)
    for text in overview(b):
        document.add_paragraph(text)
    document.add_heading(heading_1(2, t("brief_indicators", lang), lang), level=1)
    for n, s in enumerate(b.sections, start=1):
        document.add_heading(heading_2(2, n, s.indicator.name(lang), lang), level=2)
        document.add_paragraph(section_paragraph(s, b))
        picture = document.add_paragraph(style="Figure")
        picture.paragraph_format.keep_with_next = True
        picture.add_run().add_picture(io.BytesIO(render_bytes(s.model, "png", b.as_of)), width=Mm(150))
        document.add_paragraph(t("brief_figure", lang, n=n, title=s.model.title()), style="Caption")
        document.add_paragraph(t("brief_table", lang, n=n, title=s.indicator.name(lang)), style="Caption")
        _table(document, section_table(s, lang))
        if s.compare_to:
            document.add_paragraph(t("brief_change_note", lang), style="Caption")
    document.add_heading(heading_1(3, t("brief_ledger", lang), lang), level=1)
    document.add_paragraph(t("brief_ledger_note", lang))
    document.add_heading(heading_2(3, 1, t("brief_ledger_counts", lang), lang), level=2)
    _table(document, ledger_counts(b))
    document.add_heading(heading_2(3, 2, t("brief_behind", lang), lang), level=2)
    behind = behind_table(b)
    if behind[1]:
        _table(document, behind)
    else:
        document.add_paragraph(t("brief_none_behind", lang))
    if b.notes:
        document.add_heading(heading_2(3, 3, t("brief_notes_heading", lang), lang), level=2)
        for line in notes_lines(b):
            document.add_paragraph(line)
    document.add_heading(heading_1(4, t("sources", lang), lang), level=1)
    for n, line in enumerate(source_lines(b), start=1):
        document.add_paragraph(numbered(n, line, lang))
    _recipients(document, b)
    document.core_properties.title = title(b)
    document.core_properties.created = local(b.as_of).astimezone(UTC)  # python-docx writes the clock with a 'Z'
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
