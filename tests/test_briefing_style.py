"""The briefing reads as an office writes a 简报: style rules over generated briefings of every scope,
hand-written expected texts, named East Asian fonts in Word, printed lines that keep numbers whole."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import docx
import pytest
from briefing_rules import broken, line_breaks
from docx.oxml.ns import qn
from pypdf import PdfReader

from sdplan.briefing import docx as docx_module
from sdplan.briefing import make_briefing
from sdplan.briefing import pdf as pdf_module
from sdplan.briefing.docx import docx_bytes
from sdplan.briefing.docx_styles import EAST_ASIAN_FONTS
from sdplan.briefing.masthead import Masthead, masthead
from sdplan.briefing.model import Scope, build_briefing, parse_scope
from sdplan.briefing.pdf import BOTTOM, PAGE_H, layout, pdf_bytes
from sdplan.briefing.summary import summary
from sdplan.briefing.tables import behind_table
from sdplan.briefing.typeset import break_lines, tokens
from sdplan.briefing.wording import period_text
from sdplan.circles import CIRCLE_IDS
from sdplan.i18n import t
from sdplan.tables import period_end

AS_OF = datetime(2026, 11, 29, 1, 0, tzinfo=UTC)
PERIODS = ("2021", "2022", None)  # None: each indicator at its latest (best-covered) period
HEAD = Masthead(name="", issue="7", issuer="省新型城镇化工作领导小组办公室", send_to="省委、省政府领导同志",
                copy_to="省直有关部门")
HEADS = {"zh": HEAD, "en": Masthead(issue="7", issuer="Provincial New-type Urbanization Office",
                                    send_to="The provincial leadership", copy_to="Provincial departments")}


@pytest.fixture(scope="module")
def blank_png():
    """A tiny map image: the sweeps check the text of many documents, not their maps."""
    from matplotlib.figure import Figure

    buffer = io.BytesIO()
    Figure(figsize=(1.169, 0.827)).savefig(buffer, format="png", dpi=10)
    return buffer.getvalue()


@pytest.fixture
def no_maps(monkeypatch, blank_png):
    monkeypatch.setattr(docx_module, "render_bytes", lambda *args, **kwargs: blank_png)
    monkeypatch.setattr(pdf_module, "render_bytes", lambda *args, **kwargs: blank_png)


def scopes(data) -> list[str]:
    return ["province", *CIRCLE_IDS, *sorted(data.prefecture_codes)]


@pytest.fixture(scope="module")
def briefings(data):
    """Every scope at 2021, 2022 and the latest periods, in Chinese and in English."""
    return {(scope, period, lang): build_briefing(data, parse_scope(data, scope), period, None, None, lang, AS_OF,
                                                  head=HEADS[lang])
            for scope in scopes(data) for period in PERIODS for lang in ("zh", "en")}


def docx_paragraphs(content: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(content)).paragraphs if p.text.strip()]


def pdf_lines(content: bytes, lang: str = "zh") -> list[list[str]]:
    """Each page's lines of text, without the page number and the sample mark (outside the text block)."""
    pages = [page.extract_text().splitlines() for page in PdfReader(io.BytesIO(content)).pages]
    return [[line for line in lines if line.strip() not in (t("brief_page", lang, page=n), t("snapshot_sample_mark", lang))]
            for n, lines in enumerate(pages, start=1)]


# -- the rules over every scope and period -------------------------------------------------------

def test_the_prose_of_every_scope_and_period_keeps_the_style_rules(briefings):
    problems = {key: bad for key, b in briefings.items() if (bad := broken(summary(b), b.lang))}
    assert not problems, problems
    assert len(briefings) == 2 * 3 * (1 + 3 + 16)


def test_each_section_leads_with_its_conclusion(briefings):
    leads = {"zh": ("已达到目标。", "按序时进度推进正常。", "未达到目标。", "慢于序时进度。", "暂不作总体判断：", "暂缺数据。",
                    "不单独评判。", "项目标中，", "项目标均已达到。", "不按计划年度目标评判。"),
             "en": ("has met", "is on schedule", "has not met", "is behind schedule", "no overall verdict",
                    "no figure yet", "is not judged against it", "Of the ", "it is not judged")}
    for (scope, period, lang), b in briefings.items():
        for paragraph in summary(b)[1:]:
            paragraph = paragraph.replace(t("brief_lead_on_sample", lang), "")  # a verdict on sample data says so
            first = re.split(r"(?<=[。.])|(?<=：)", paragraph)[0]
            assert any(word in first for word in leads[lang]), (scope, period, first)
            assert not re.match(r"(截至)?[0-9]{4}", first), first  # not a figure with its period first


def test_the_data_date_is_the_latest_period_the_figures_describe(briefings):
    for (_, period, lang), b in briefings.items():
        latest = max((s.period for s in b.sections), key=period_end)
        assert b.data_date == latest
        assert t("brief_overview_date", lang, period=period_text(latest, lang)) in summary(b)[0]
        if period:
            assert period_end(latest) <= period_end(period)  # never a source's publication year


def test_lead_departments_are_never_blank_where_the_catalog_has_keepers(briefings, data):
    for (scope, _, lang), b in briefings.items():
        for name, _, _, leads in behind_table(b)[1]:
            target = next(p.target for p in b.ledger if p.target.name(lang) in (name, name.replace("（", "(")
                                                                                      .replace("）", ")")))
            if target.lead_departments or (target.indicator and data.catalog.lead_departments(target.indicator)):
                assert leads, (scope, name)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_scopes_word_document_keeps_the_rules(briefings, data, no_maps, lang):
    for scope, period in ((scope, period) for scope in scopes(data) for period in PERIODS):
        b = briefings[scope, period, lang]
        paragraphs = docx_paragraphs(docx_bytes(b))
        body = [p for p in paragraphs if p not in b.masthead.recipients(lang)]
        assert not broken(body, lang), (scope, period, broken(body, lang))
        for text in summary(b):
            assert text in paragraphs


def test_printed_briefings_break_no_number_and_start_no_line_with_punctuation(briefings, no_maps):
    for key in [("province", p, "zh") for p in PERIODS] + [("jiaodong", None, "zh"), ("370700", "2022", "zh"),
                                                           ("province", "2022", "en")]:
        b = briefings[key]
        pages = pdf_lines(pdf_bytes(b), key[2])
        lines = [line for page in pages for line in page]
        assert not line_breaks(lines), (key, line_breaks(lines))
        printed = {re.sub(r"\s+", "", line) for line in lines}
        for block in layout(b).placed:  # each paragraph's lines, as printed
            assert not line_breaks(list(block.lines), within=True), (key, block.lines)
            assert all(re.sub(r"\s+", "", line) in printed for line in block.lines if line), block.lines
        squeezed = re.sub(r"\s+", "", "".join(lines))
        for text in summary(b):
            assert re.sub(r"\s+", "", text) in squeezed
        assert not broken([" ".join(page) for page in pages], key[2]).get("nonsense")


def test_nothing_is_printed_below_the_text_block_but_the_page_number(briefings, no_maps):
    b = briefings["province", "2022", "en"]
    reader = PdfReader(io.BytesIO(pdf_bytes(b)))
    for number, page in enumerate(reader.pages, start=1):
        low: list[str] = []

        def below(text: str, cm: list, tm: list, *_, low: list[str] = low) -> None:
            if text.strip() and cm[5] + tm[5] < PAGE_H - BOTTOM - 4:  # PDF y runs up from the page's foot
                low.append(text)

        page.extract_text(visitor_text=below)
        assert "".join(low).strip() in ("", t("brief_page", "en", page=number)), (number, low)


def test_every_scopes_printed_pages_keep_numbers_whole_and_no_page_holds_only_headings(briefings, no_maps):
    for key, b in briefings.items():
        placed = layout(b).placed
        for block in placed:
            assert not line_breaks(list(block.lines), within=True), (key, block.lines)
            assert block.bottom <= BOTTOM + 0.01, (key, block)  # nothing runs into the footer
        for page in {p.page for p in placed}:
            kinds = {p.kind for p in placed if p.page == page}
            assert kinds - {"h1", "h2", "title", "caption"}, (key, page, kinds)


# -- two briefings written out by hand -----------------------------------------------------------

def test_the_province_briefing_on_the_small_dataset_reads_as_written_by_hand(small):
    b = build_briefing(small, Scope(), "2022-10", None, ["urban_rail_km", "urbanization_rate"], as_of=AS_OF)
    assert summary(b) == [
        # 380 km published for the province against 400 by the end of 2022: 10/12 of the year has passed.
        "本期跟踪全省2项指标、2项目标：1项按序时进度推进、1项未达到。未达到目标或慢于序时进度的有：常住人口城镇化率。"
        "数据截至2022年。",
        # the figure says how it was counted; Qingdao's later figure is an update, not the province's total
        "全省城市轨道交通运营里程按序时进度推进正常。截至2022年10月末，城市轨道交通运营里程为380.0公里（地铁及有轨电车），"
        "完成400公里目标的95.0%。其中，青岛市290.0公里、济南市80.0公里。2022年12月，2个设区的市中有1个更新了数据，"
        "尚不构成全省合计。",
        # The province's published 64.5 wins over the cities' weighted 77.4; 2020 is 77.5 (weighted).
        "全省常住人口城镇化率未达到目标。2022年，常住人口城镇化率为64.50%，距65%的目标差0.5个百分点，"
        "比2020年下降13个百分点。2个设区的市中，青岛市最高，为81.00%；济南市最低，为72.00%。",
    ]


def test_the_jinan_briefing_in_english_reads_as_written_by_hand(small):
    b = build_briefing(small, Scope(prefecture="370100"), "2022", None,
                       ["urbanization_rate", "smart_city_stars", "sewer_retrofit_status"], "en", AS_OF)
    assert summary(b) == [
        # the plan's targets are the province's: a city is shown, never judged against them
        "This issue follows 3 indicators and 6 targets for Jinan: 6 not judged (the province's targets). "
        "The figures run to 2022. Some figures are sample data (not official); verdicts resting on them are for "
        "demonstration only.",
        "The target for the urbanization rate (resident population) is the province's: Jinan is not judged against "
        "it. In 2022, the urbanization rate (resident population) was 72.00%, up 2 percentage points on 2020.",
        # Jinan's own rating stands for the cities' shares (a share of one city is no figure); its counties: Lixia 5,
        # Shizhong 3, Huaiyin 4 stars: 2 of 3 have 4 or more, all 3 have 3 or more.
        "Of the 4 targets for the new-type smart city star rating in Jinan, 4 not judged (the province's targets). "
        "In 2022, the new-type smart city star rating was 5 stars; the share of county-level divisions rated 4 stars "
        "or more was 66.7%; the share of county-level divisions rated 3 stars or more was 100.0%. Of the 3 "
        "county-level divisions, 1 rated 5 stars, 1 rated 4 stars and 1 rated 3 stars. Some figures here are sample "
        "data (not official), for demonstration only.",
        # Lixia and Huaiyin completed: 2, part of the province's 30 (the lead says so, the figures do not repeat it).
        "The target for the county-level divisions that completed combined-sewer separation is the province's: Jinan "
        "is not judged against it. In 2022, the number of county-level divisions that "
        "completed combined-sewer separation was 2. Some figures here are sample data (not official), for "
        "demonstration only.",
    ]


# -- the Word 简报 ---------------------------------------------------------------------------------

def test_the_word_styles_carry_the_named_east_asian_fonts(small):
    document = docx.Document(io.BytesIO(docx_bytes(build_briefing(small, Scope(), "2022", None, ["urbanization_rate"],
                                                                  as_of=AS_OF, head=HEAD))))
    for name, font in EAST_ASIAN_FONTS.items():
        fonts = document.styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) == font, name
        assert fonts.get(qn("w:eastAsiaTheme")) is None and fonts.get(qn("w:asciiTheme")) is None, name
    assert (EAST_ASIAN_FONTS["Title"], EAST_ASIAN_FONTS["Normal"]) == ("方正小标宋简体", "仿宋_GB2312")
    assert (EAST_ASIAN_FONTS["Heading 1"], EAST_ASIAN_FONTS["Heading 2"]) == ("黑体", "楷体_GB2312")
    assert document.styles["Title"].font.size.pt == 22 and document.styles["Normal"].font.size.pt == 16
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [37, 35, 28, 26]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert (grid.get(qn("w:type")), grid.get(qn("w:linePitch"))) == ("linesAndChars", "579")  # 22 lines of 28.95 pt


def test_the_word_briefing_has_a_masthead_numbered_headings_and_a_foot(small):
    b = build_briefing(small, Scope(), "2022-10", None, ["urban_rail_km", "urbanization_rate"], as_of=AS_OF, head=HEAD)
    document = docx.Document(io.BytesIO(docx_bytes(b)))
    styled = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert styled[:4] == [("Briefing Name", "新型城镇化工作简报"), ("Briefing Issue", "第7期"),
                          ("Briefing Issuer", "省新型城镇化工作领导小组办公室\t2026年11月29日"),
                          ("Title", "山东省新型城镇化建设进展情况")]
    issuer = document.paragraphs[2]._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert issuer.get(qn("w:color")) == "E60012"  # the red rule under the 报头
    assert document.styles["Briefing Name"].font.color.rgb == docx_module.RED
    assert [text for style, text in styled if style == "Heading 1"] == [
        "一、总体情况", "二、分项进展", "三、目标台账汇总", "四、数据来源"]
    assert [text for style, text in styled if style == "Heading 2"] == [
        "（一）城市轨道交通运营里程", "（二）常住人口城镇化率", "（一）分领域统计", "（二）进展滞后的目标"]
    assert styled[-2:] == [("Briefing Recipients", "报送：省委、省政府领导同志"), ("Briefing Recipients", "抄送：省直有关部门")]
    footer = document.sections[0].footer.paragraphs[0]
    assert footer.text == "— 1 —" and "PAGE" in footer._p.xml  # the number is a field Word fills in
    rail = next(tb for tb in document.tables if tb.rows[0].cells[0].text == "地区")
    assert [c.text for c in rail.rows[1].cells] == ["青岛市", "290.0", "公开来源"]


def test_name_issue_and_recipients_come_from_the_settings_or_the_caller(small, monkeypatch):
    monkeypatch.setenv("SDPLAN_BRIEFING_NAME", "城镇化工作动态")
    monkeypatch.setenv("SDPLAN_BRIEFING_ISSUE", "3")
    monkeypatch.setenv("SDPLAN_BRIEFING_SEND_TO", "省委、省政府")
    monkeypatch.delenv("SDPLAN_BRIEFING_COPY_TO", raising=False)
    head = masthead(issue="4")
    assert (head.title(), head.number(), head.recipients()) == (
        "城镇化工作动态", "第4期", ["报送：省委、省政府", "抄送：\u3000\u3000"])
    made = make_briefing(small, "province", "2022", None, ["urbanization_rate"], "docx", as_of=AS_OF, issuer="某办公室")
    texts = docx_paragraphs(made.content)
    assert texts[:3] == ["城镇化工作动态", "第3期", "某办公室\t2026年11月29日"] and "报送：省委、省政府" in texts


# -- line breaking --------------------------------------------------------------------------------

def columns(text: str) -> float:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


@pytest.mark.parametrize("width", range(8, 31))
def test_line_breaking_keeps_numbers_whole_and_punctuation_off_the_line_start(width):
    text = "全省城镇化率为64.54%，距65%的目标差0.46个百分点，比2021年提高0.6个百分点；改造1,040.3公里（暂不判断）。"
    lines = break_lines(text, width, columns, 4)
    assert "".join(lines) == text
    assert not line_breaks(lines), lines
    assert all(not line.endswith("（") for line in lines)
    numbers = set(re.findall(r"[0-9][0-9,.]*[0-9]%?", text))
    assert numbers <= {token for line in lines for token in tokens(line)}
    assert all(columns(line.rstrip("，。；）%")) <= width for line in lines[1:] if len(tokens(line)) > 1)


# -- numbers and words ----------------------------------------------------------------------------

def test_numbers_and_punctuation_are_written_as_gb_t_15835_says():
    from sdplan.briefing.wording import amount, fullwidth, quantity, source_date

    assert quantity(5, "stars") == "五星级" and quantity(5, "stars", "en") == "5 stars"
    assert amount(64.54 - 65, "percent", decimals=2) == "0.46个百分点" and amount(0.6, "percent") == "0.6个百分点"
    assert amount(-2, "count") == "2个" and amount(1040.25, "km", decimals=1) == "1,040.2公里"
    assert fullwidth("新型智慧城市(县),合计1,040.3公里;大众日报: 青岛") == "新型智慧城市（县），合计1,040.3公里；大众日报：青岛"
    assert fullwidth("Qingdao (A, B)", "en") == "Qingdao (A, B)"
    assert period_text("2022-Q3") == "2022年第三季度" and period_text("2022-10", "en") == "October 2022"
    assert source_date("2022-10-13") == "2022年10月13日" and source_date("2023") == "2023年"
    assert source_date("2021-05", "en") == "May 2021"


def test_the_command_line_takes_the_masthead(data, tmp_path, no_maps):
    from click.testing import CliRunner

    from sdplan.briefing.cli import briefing

    out = tmp_path / "b.docx"
    result = CliRunner().invoke(briefing, ["--scope", "370100", "--period", "2022", "--format", "docx", "--out",
                                           str(out), "--name", "城镇化动态", "--issue", "5", "--issuer", "济南市发展改革委",
                                           "--send-to", "市委、市政府", "--copy-to", "各区县", "--as-of",
                                           "2026-11-29T09:00"])
    assert result.exit_code == 0, result.output
    texts = docx_paragraphs(out.read_bytes())
    assert texts[:4] == ["城镇化动态", "第5期", "济南市发展改革委\t2026年11月29日", "济南市新型城镇化建设进展情况"]
    assert texts[-2:] == ["报送：市委、市政府", "抄送：各区县"]
