"""The Word styles and page of a 简报, as GB/T 9704-2012 lays out official documents.

A4 with a 156 × 225 mm text block (top 37 mm, left 28 mm, right 26 mm, bottom 35 mm); body in
仿宋_GB2312 3号 (16 pt) at 22 lines a page; the title in 方正小标宋简体 2号 (22 pt); 一级 headings in
黑体, 二级 in 楷体_GB2312, 三级 in bold 仿宋. Every style names its Chinese font in the East Asian
font attribute (w:eastAsia) and drops the template's theme fonts, so Word and WPS use it; numbers and
Latin letters are in Times New Roman. The fonts are the ones officials have on Windows and WPS;
elsewhere the reader's office suite substitutes its own.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import BaseStyle

TITLE_FONT, BODY_FONT, HEI_FONT, KAI_FONT, SONG_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"
LATIN_FONT = "Times New Roman"
RED = RGBColor(0xE6, 0x00, 0x12)  # the 报头's red
BLACK = RGBColor(0, 0, 0)
LINE_PITCH = Pt(28.95)  # 22 lines in the 225 mm text block
BODY_SIZE = Pt(16)  # 3号
INDENT = Pt(32)  # two characters

# name: (font, size in pt, bold, alignment, first-line indent, exact line pitch)
STYLES = {
    "Normal": (BODY_FONT, 16, False, WD_ALIGN_PARAGRAPH.JUSTIFY, True, True),
    "Title": (TITLE_FONT, 22, False, WD_ALIGN_PARAGRAPH.CENTER, False, False),
    "Heading 1": (HEI_FONT, 16, False, WD_ALIGN_PARAGRAPH.LEFT, True, True),
    "Heading 2": (KAI_FONT, 16, False, WD_ALIGN_PARAGRAPH.LEFT, True, True),
    "Heading 3": (BODY_FONT, 16, True, WD_ALIGN_PARAGRAPH.LEFT, True, True),
    "Caption": (BODY_FONT, 14, False, WD_ALIGN_PARAGRAPH.CENTER, False, False),
    "Footer": (SONG_FONT, 14, False, WD_ALIGN_PARAGRAPH.CENTER, False, False),
    "Header": (BODY_FONT, 10.5, False, WD_ALIGN_PARAGRAPH.RIGHT, False, False),
    # The 简报's own parts.
    "Briefing Name": (TITLE_FONT, 36, False, WD_ALIGN_PARAGRAPH.CENTER, False, False),
    "Briefing Issue": (BODY_FONT, 16, False, WD_ALIGN_PARAGRAPH.CENTER, False, False),
    "Briefing Issuer": (BODY_FONT, 16, False, WD_ALIGN_PARAGRAPH.LEFT, False, False),
    "Briefing Recipients": (BODY_FONT, 14, False, WD_ALIGN_PARAGRAPH.LEFT, False, False),
    "Figure": (BODY_FONT, 16, False, WD_ALIGN_PARAGRAPH.CENTER, False, False),
    "Table Text": (BODY_FONT, 12, False, WD_ALIGN_PARAGRAPH.LEFT, False, False),
}
EAST_ASIAN_FONTS = {name: spec[0] for name, spec in STYLES.items()}


def set_fonts(element: BaseOxmlElement, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Name the East Asian and Latin fonts on a style's or run's rPr, dropping theme fonts (which win)."""
    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr, font in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asia), ("w:cs", latin)):
        fonts.set(qn(attr), font)
    hint = fonts.get(qn("w:hint"))
    if hint is None:
        fonts.set(qn("w:hint"), "eastAsia")


def border(element: BaseOxmlElement, side: str, size_eighths: int, color: str = "000000") -> None:
    """A rule on one side of a paragraph (the 报头's red rule, the 报尾's lines)."""
    ppr = element.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.append(borders)
    rule = OxmlElement(f"w:{side}")
    for key, value in (("w:val", "single"), ("w:sz", str(size_eighths)), ("w:space", "4"), ("w:color", color)):
        rule.set(qn(key), value)
    borders.append(rule)


def _style(document: DocxDocument, name: str) -> BaseStyle:
    try:
        return document.styles[name]
    except KeyError:
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        return style


def apply_styles(document: DocxDocument) -> None:
    """Set up every style :data:`STYLES` names (fonts, size, alignment, line pitch), no colours or borders."""
    for name, (font, size, bold, align, indent, exact) in STYLES.items():
        style = _style(document, name)
        set_fonts(style.element, font)
        style.font.size, style.font.bold, style.font.italic = Pt(size), bold, False
        style.font.color.rgb = BLACK
        ppr = style.element.get_or_add_pPr()
        for old in ppr.findall(qn("w:pBdr")):  # the template's Title has a blue rule
            ppr.remove(old)
        fmt = style.paragraph_format
        fmt.alignment, fmt.space_before, fmt.space_after = align, Pt(0), Pt(0)
        fmt.first_line_indent = INDENT if indent else Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY if exact else WD_LINE_SPACING.SINGLE
        if exact:
            fmt.line_spacing = LINE_PITCH
        if name.startswith("Heading") or name in ("Title", "Caption"):
            fmt.keep_with_next = True
    document.styles["Title"].paragraph_format.space_after = LINE_PITCH
    document.styles["Title"].paragraph_format.space_before = Pt(14)
    document.styles["Briefing Name"].font.color.rgb = RED
    document.styles["Briefing Name"].paragraph_format.space_before = Pt(36)
    document.styles["Briefing Issue"].paragraph_format.space_before = Pt(12)
    document.styles["Briefing Issuer"].paragraph_format.space_before = Pt(24)
    document.styles["Table Text"].paragraph_format.keep_together = True


def page_setup(document: DocxDocument) -> None:
    """A4 portrait with GB/T 9704-2012's margins; the page number 7 mm below the text block."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(22)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    # 22 lines of 28 characters: a 28.95 pt line pitch (in twips), 156 mm / 28 = 15.79 pt a character,
    # 0.21 pt narrower than the 16 pt font (charSpace in 1/4096 pt).
    for key, value in (("w:type", "linesAndChars"), ("w:linePitch", "579"), ("w:charSpace", "-860")):
        grid.set(qn(key), value)
