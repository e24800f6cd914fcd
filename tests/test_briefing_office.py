"""The Word 简报 in LibreOffice, and the fonts the PDF 简报 embeds."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import pytest
from office import find_office
from pypdf import PdfReader

from sdplan.briefing import make_briefing
from sdplan.briefing.masthead import Masthead
from sdplan.briefing.model import Scope, build_briefing
from sdplan.briefing.pdf import pdf_bytes
from sdplan.briefing.summary import summary
from sdplan.i18n import t
from sdplan.printing.briefing_fonts import substituted

AS_OF = datetime(2026, 11, 29, 1, 0, tzinfo=UTC)
HEAD = Masthead(issue="7", issuer="省新型城镇化工作领导小组办公室", send_to="省委、省政府领导同志", copy_to="省直有关部门")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def fonts(reader: PdfReader) -> dict[str, bool]:
    """Each font the PDF uses, by base name (subset prefix dropped), and whether its program is embedded."""
    found = {}
    for page in reader.pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            font = ref.get_object()
            described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = described.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            name = str(font["/BaseFont"]).lstrip("/").split("+")[-1]
            found[name] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return found


def test_the_pdf_embeds_free_fonts_of_the_official_kinds(small):
    b = build_briefing(small, Scope(), "2022-10", None, ["urban_rail_km", "urbanization_rate"], as_of=AS_OF, head=HEAD)
    used = fonts(PdfReader(io.BytesIO(pdf_bytes(b))))
    assert all(used.values()), used  # every font embedded
    expected = {"NotoSerifSCTT", "NotoSansSC-TT-Regular"}  # 仿宋's stand-in for the body, 黑体 for 一级 headings
    expected |= {"NotoSerifSCBoldTT"} if "title" not in substituted() else set()  # 小标宋's stand-in
    expected |= {"LXGWWenKai-Regular"} if "heading2" not in substituted() else set()  # 楷体
    assert expected <= set(used), used


@pytest.mark.office
def test_libreoffice_prints_the_word_briefing(small, tmp_path):
    office = find_office(tmp_path / "profiles")
    made = make_briefing(small, "province", "2022-10", None, ["urban_rail_km", "urbanization_rate"], "docx",
                         as_of=AS_OF, head=HEAD)
    source = tmp_path / "briefing.docx"
    source.write_bytes(made.content)
    (pdf,) = office.convert([source], "pdf", tmp_path / "printed")
    reader = PdfReader(pdf)
    pages = [page.extract_text() for page in reader.pages]
    body = [page.replace(f"— {n} —", "").replace(t("snapshot_sample_mark"), "") for n, page in enumerate(pages, start=1)]
    text = squeeze("".join(body))  # without what the header and the footer print on every page
    assert len(pages) >= 2 and "— 1 —" in pages[0] and "— 2 —" in pages[1]  # the PAGE field filled in
    for part in ("新型城镇化工作简报", "第7期", "一、总体情况", "（一）城市轨道交通运营里程", "报送：省委、省政府领导同志"):
        assert part in text
    b = build_briefing(small, Scope(), "2022-10", None, ["urban_rail_km", "urbanization_rate"], as_of=AS_OF, head=HEAD)
    missing = [paragraph for paragraph in summary(b) if squeeze(paragraph) not in text]
    assert not missing, (missing, text)
    width, height = (float(x) for x in reader.pages[0].mediabox[2:])
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)
    assert all(fonts(reader).values())  # LibreOffice embeds what it printed with


def test_a_missing_debian_font_falls_back_to_the_body_serif(monkeypatch, tmp_path):
    from sdplan.printing import briefing_fonts

    monkeypatch.setattr(briefing_fonts, "KAI_TTF", tmp_path / "absent.ttf")
    monkeypatch.setattr(briefing_fonts, "SERIF_BOLD_TTC", tmp_path / "absent.ttc")
    families = briefing_fonts.briefing_families.__wrapped__()
    assert briefing_fonts.substituted() == ["title", "heading2"]
    assert families["heading2"] == families["title"] == families["body"]
    assert families["body"][0] == briefing_fonts.BODY_FAMILY and families["heading1"][0] != briefing_fonts.BODY_FAMILY
