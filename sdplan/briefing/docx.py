"""The briefing as a Word document (python-docx), with Word's built-in styles so it drops into a template.

Headings use "Title", "Heading 1" and "Heading 2" (标题, 标题 1, 标题 2 in a Chinese Word), text
"Normal" (正文), captions "Caption" (题注) and tables "Table Grid": real, editable tables. The
header carries the title and, when any figure is sample, the sample mark (so it is on every page);
the footer the page number as a Word field.
"""

from __future__ import annotations

import io
from datetime import UTC

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from ..beijing import local
from ..i18n import t
from ..printing import SAMPLE_RED
from ..snapshot.render import render_bytes
from .model import Briefing
from .summary import scope_word, summary, target_sentence
from .tables import Table, behind_table, cover_lines, ledger_counts, progress_table, section_table, source_lines, title

EAST_ASIAN_FONT = "SimSun"  # 宋体: the body font of official documents, present wherever Word or WPS is
RED = RGBColor.from_string(SAMPLE_RED.lstrip("#").upper())


def _fonts(document: DocxDocument) -> None:
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Caption"):
        style = document.styles[name]
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    document.styles["Normal"].font.size = Pt(11)


def _field(paragraph: Paragraph, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and WPS fill in when they lay out the pages."""
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
    header.text = title(b)
    if b.has_sample:
        run = header.add_run("    " + t("snapshot_sample_mark", b.lang))
        run.font.color.rgb, run.bold = RED, True
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, rest = t("page_of", b.lang, page="\0", pages="\1").split("\0")
    middle, after = rest.split("\1")
    footer.add_run(before)
    _field(footer, "PAGE")
    footer.add_run(middle)
    _field(footer, "NUMPAGES")
    footer.add_run(after)


def _table(document: DocxDocument, table: Table) -> None:
    head, rows = table
    grid = document.add_table(rows=1, cols=len(head), style="Table Grid")
    for cell, text in zip(grid.rows[0].cells, head):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for values in rows:
        for cell, text in zip(grid.add_row().cells, values):
            cell.text = text


def _cover(document: DocxDocument, b: Briefing) -> None:
    document.add_paragraph(title(b), style="Title")
    for label, value in cover_lines(b):
        document.add_paragraph(t("brief_labelled", b.lang, label=label, value=value))
    if b.has_sample:
        run = document.add_paragraph().add_run(t("snapshot_sample_mark", b.lang) + "  " + t("sample_banner", b.lang))
        run.font.color.rgb, run.bold = RED, True


def docx_bytes(b: Briefing) -> bytes:
    """Write the briefing ``b`` as a .docx file.

    Parameters
    ----------
    b : Briefing
        From :func:`sdplan.briefing.model.build_briefing`.

    Returns
    -------
    bytes
        The document: cover block, summary, one part per indicator (map image, progress, the table by
        region with the change), the ledger summary and the sources.
    """
    lang = b.lang
    document = Document()
    section = document.sections[0]
    section.orientation, section.page_width, section.page_height = WD_ORIENT.PORTRAIT, Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    _fonts(document)
    _header_footer(document, b)
    _cover(document, b)
    document.add_heading(t("brief_summary", lang), level=1)
    for text in summary(b):
        document.add_paragraph(text)
    document.add_heading(t("brief_indicators", lang), level=1)
    for n, s in enumerate(b.sections, start=1):
        document.add_heading(s.indicator.name(lang), level=2)
        document.add_picture(io.BytesIO(render_bytes(s.model, "png", b.as_of)), width=Cm(16.5))
        document.add_paragraph(t("brief_figure", lang, n=n, title=s.model.title()), style="Caption")
        if s.progress:
            document.add_paragraph(t("brief_progress", lang), style="Heading 3")
            for p in s.progress:
                document.add_paragraph(target_sentence(p, scope_word(b), lang))
            _table(document, progress_table(s, lang))
        document.add_paragraph(t("brief_table", lang, n=n, title=s.indicator.name(lang)), style="Caption")
        _table(document, section_table(s, lang))
        if s.compare_to:
            document.add_paragraph(t("brief_change_note", lang))
        if s.has_sample:
            document.add_paragraph().add_run(t("brief_sample_note", lang)).font.color.rgb = RED
    document.add_heading(t("brief_ledger", lang), level=1)
    document.add_paragraph(t("brief_ledger_note", lang))
    _table(document, ledger_counts(b))
    document.add_heading(t("brief_behind", lang), level=2)
    behind = behind_table(b)
    if behind[1]:
        _table(document, behind)
    else:
        document.add_paragraph(t("brief_none_behind", lang))
    document.add_heading(t("sources", lang), level=1)
    for line in source_lines(b):
        document.add_paragraph(line, style="List Bullet")
    document.core_properties.title = title(b)
    document.core_properties.created = local(b.as_of).astimezone(UTC)  # python-docx writes the clock with a 'Z'
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
