"""The briefing (sdplan.briefing): content from the model, honest sentences, Word and PDF files."""

from __future__ import annotations

import io
import math
import re
from datetime import UTC, datetime

import docx
import pytest
from published import RAIL_JINAN, RAIL_QINGDAO
from pypdf import PdfReader

from sdplan.briefing import make_briefing
from sdplan.briefing.docx import docx_bytes
from sdplan.briefing.model import Scope, build_briefing, headline_change, parse_scope, section
from sdplan.briefing.pdf import pdf_bytes
from sdplan.briefing.summary import section_sentences, summary, target_sentence
from sdplan.briefing.tables import DASH, section_table
from sdplan.errors import UnknownKeyError
from sdplan.i18n import t
from sdplan.mapview import build_map_model
from sdplan.progress import progress
from sdplan.progress_text import status_text, value_text
from sdplan.units import format_number
from sdplan.viewstate import View, with_changes

AS_OF = datetime(2026, 11, 29, 1, 0, tzinfo=UTC)
FEW = ["urban_rail_km", "urbanization_rate"]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_scopes_are_the_province_a_circle_or_a_prefecture(small):
    assert parse_scope(small, "province") == Scope()
    assert parse_scope(small, "jiaodong") == Scope(circle="jiaodong")
    assert parse_scope(small, "370100") == Scope(prefecture="370100")
    with pytest.raises(UnknownKeyError, match="scope"):
        parse_scope(small, "beijing")


def test_the_change_is_the_difference_of_two_periods_and_none_where_a_side_is_missing(small):
    rail = section(small, "urban_rail_km", Scope(), "2022-12", "2022-10")
    assert (rail.period, rail.compare_to) == ("2022-12", "2022-10")
    rows = {r.adcode: r for r in rail.rows}
    assert rows["370200"].change == pytest.approx(300 - 290)
    assert math.isnan(rows["370100"].value) and rows["370100"].change is None  # no 2022-12 figure: no change, not 0
    head, cells = section_table(rail, "zh")
    jinan = next(c for c in cells if c[0] == "济南市")
    assert jinan[1] == DASH and jinan[3] == DASH

    rate = section(small, "urbanization_rate", Scope(), "2022", "2020")
    changes = {r.adcode: r.change for r in rate.rows}
    assert changes == {"370100": pytest.approx(72 - 70), "370200": pytest.approx(81 - 80)}
    assert rate.is_rate and "个百分点" in head_of(rate)


def head_of(s) -> str:
    return " ".join(section_table(s, "zh")[0])


def test_the_sections_map_is_the_screens_model(small):
    s = section(small, "urban_rail_km", Scope(circle="jiaodong"), "2022-10", None)
    view = with_changes(small, View(), indicator="urban_rail_km", circle="jiaodong", period="2022-10")
    assert s.model is build_map_model(small, view)
    assert [r.adcode for r in s.rows] == ["370200"]


def test_the_summary_takes_its_numbers_from_the_model(small):
    b = build_briefing(small, Scope(), "2022-10", None, FEW, as_of=AS_OF)
    rail = b.sections[0]
    p = progress(small, "t07_urban_rail", "2022-10")  # recomputed: the province's 380 against 400
    assert rail.progress[0] == p
    text = summary(b)[0]
    assert value_text(p) in text and f"{format_number(p.ratio * 100, 1)}%" in text
    assert text.startswith("截至2022年10月\uff0c全省") and status_text("on_track") in text
    assert "青岛市290.0公里、济南市80.0公里" in text
    assert not re.search(r"[,;:()]", text.replace("1,", ""))  # full-width punctuation in Chinese
    assert "\uff0c" in text and "\uff08" in text


def test_a_partial_figure_states_its_coverage_and_is_not_judged(small):
    rail = section(small, "urban_rail_km", Scope(), "2022-12", None)
    p = rail.progress[0]
    assert p.status == "partial"
    sentence = target_sentence(p, "全省")
    assert "2个地区中有1个" in sentence and "不是全省的总量" in sentence
    assert not any(status_text(s) in sentence for s in ("met", "on_track", "behind"))
    english = target_sentence(p, "Shandong", "en")
    assert "1 of 2 regions" in english and "not a total" in english


def test_a_change_is_only_given_between_complete_figures(small):
    now = progress(small, "t07_urban_rail", "2022-10")
    before = progress(small, "t07_urban_rail", "2022-12")  # partial
    assert headline_change(now, before) is None
    rate_now, rate_before = progress(small, "urbanization_rate", "2022"), progress(small, "urbanization_rate", "2020")
    assert headline_change(rate_now, rate_before) == pytest.approx(64.5 - 77.5)
    b = build_briefing(small, Scope(), "2022", "2020", ["urbanization_rate"], as_of=AS_OF)
    assert "较2020年\uff0877.50%\uff09下降13.0个百分点。" in summary(b)[0]


def test_sample_figures_are_named_in_the_summary(small):
    b = build_briefing(small, Scope(), "2022", None, ["smart_city_stars"], as_of=AS_OF)
    assert b.has_sample
    assert t("brief_sample_note") in section_sentences(b.sections[0], b)


def test_the_word_document_has_styles_tables_and_maps(small):
    b = build_briefing(small, Scope(), "2022-12", "2022-10", FEW + ["smart_city_stars"], as_of=AS_OF, issuer="省住房城乡建设厅")
    document = docx.Document(io.BytesIO(docx_bytes(b)))
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    headings = [text for style, text in styles if style == "Heading 1"]
    assert headings == [t("brief_summary"), t("brief_indicators"), t("brief_ledger"), t("sources")]
    assert [text for style, text in styles if style == "Heading 2"][:3] == [s.indicator.name_zh for s in b.sections]
    assert styles[0] == ("Title", "山东省新型城镇化建设简报")
    assert any(text == "印发单位\uff1a省住房城乡建设厅" for _, text in styles)
    assert len(document.inline_shapes) == len(b.sections) == 3
    assert len(document.tables) >= len(b.sections)
    rail = next(tb for tb in document.tables if tb.rows[0].cells[0].text == "地区" and tb.rows[1].cells[0].text == "青岛市")
    assert [c.text for c in rail.rows[1].cells] == ["青岛市", "300.0", "290.0", "+10.0", "公开来源"]
    assert summary(b)[0] in [text for _, text in styles]
    header = document.sections[0].header.paragraphs[0].text
    assert t("snapshot_sample_mark") in header  # the header is on every page


def test_the_pdf_has_the_summary_as_text_and_the_sample_mark_on_every_page(small):
    b = build_briefing(small, Scope(), "2022", None, ["smart_city_stars", "urban_rail_km"], as_of=AS_OF)
    content = pdf_bytes(b)
    reader = PdfReader(io.BytesIO(content))
    pages = [p.extract_text() for p in reader.pages]
    assert len(pages) >= 3
    assert all(t("snapshot_sample_mark") in page for page in pages)
    assert all(t("page_of", page=n, pages=len(pages)) in page for n, page in enumerate(pages, start=1))
    assert squeeze(summary(b)[0]) in squeeze("".join(pages))
    assert pdf_bytes(build_briefing(small, Scope(), "2022", None, ["smart_city_stars", "urban_rail_km"],
                                    as_of=AS_OF)) == content


def test_the_english_briefing_is_in_english(small):
    made = make_briefing(small, "province", "2022-10", None, ["urban_rail_km"], "docx", "en", AS_OF, issuer="")
    document = docx.Document(io.BytesIO(made.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "As of October 2022, Urban rail transit operating length in Shandong province stood at 380.0 km" in text
    assert not re.search(r"[\u4e00-\u9fff]", text)
    assert made.filename == "briefing_province_2022-10_20261129-0900.docx"  # 01:00 UTC is 09:00 in Beijing


def test_the_province_briefing_on_the_bundled_data_writes_out_the_rail_figures(data):
    b = build_briefing(data, Scope(), "2022-10", None, ["urban_rail_km"], as_of=AS_OF)
    p = progress(data, "t07_urban_rail", "2022-10")
    assert summary(b)[0].startswith(
        f"截至2022年10月\uff0c全省城市轨道交通运营里程{value_text(p)}\uff0c完成目标\uff08400公里\uff09"
        f"的{format_number(p.ratio * 100, 1)}%")
    assert f"其中青岛市{RAIL_QINGDAO.text}公里、济南市{RAIL_JINAN.text}公里" in summary(b)[0]


def test_the_period_picks_each_indicators_period_under_way_by_its_end():
    from sdplan.briefing.model import pick_period

    assert pick_period(["2020", "2021", "2022"], "2022-10") == "2022"  # a yearly figure answers for its months
    assert pick_period(["2022-10", "2022-12"], "2022") == "2022-12"
    assert pick_period(["2022-10", "2022-12"], "2022-11") == "2022-10"
    assert pick_period(["2023"], "2022") is None


def test_the_comparison_map_shows_the_difference_and_never_colours_a_missing_side_as_zero(small):
    from sdplan.classify import NO_DATA_COLOR, RDBU
    from sdplan.viewstate import parse_view, view_query

    view, notices = parse_view(small, "?indicator=urban_rail_km&period=2022-12&compare=2022-10")
    assert not notices and view.compare == "2022-10"
    assert parse_view(small, view_query(small, view))[0] == view  # the URL round trip
    model = build_map_model(small, view)
    rows = model.values.set_index("adcode")
    assert rows.loc["370200", "value"] == pytest.approx(300 - 290)
    assert (rows.loc["370200", "before"], rows.loc["370200", "now"]) == (290, 300)
    assert math.isnan(rows.loc["370100", "value"])  # Jinan has no 2022-12 figure
    assert rows.loc["370100", "cls"] == -1 and rows.loc["370100", "color"] == NO_DATA_COLOR != RDBU[3]
    assert model.legend()[-1] == (NO_DATA_COLOR, t("compare_missing"))
    hideout = model.hideout()
    lines = dict(zip(hideout["codes"], hideout["lines"]))
    assert lines["370200"][0] == "2022-10: 290.0公里 → 2022-12: 300.0公里"
    assert lines["370100"][0] == "2022-10: 80.0公里 → 2022-12: —"
    assert dict(zip(hideout["codes"], hideout["val"])) == {"370100": None, "370200": "+10.0公里"}
    assert model.breakdown.set_index("adcode").loc["370200", "value"] == pytest.approx(10)
    assert "2022-10→2022-12" in model.title()

    rate = build_map_model(small, parse_view(small, "?indicator=urbanization_rate&period=2022&compare=2020")[0])
    assert rate.unit == "pct_points"
    assert rate.values.set_index("adcode")["value"].to_dict() == {"370100": pytest.approx(2), "370200": pytest.approx(1)}


def test_a_view_without_a_comparison_is_unchanged_and_a_bad_one_is_refused(small):
    from sdplan.viewstate import parse_view

    plain, _ = parse_view(small, "?indicator=urban_rail_km&period=2022-10")
    assert plain.compare is None and not any("→" in line for lines in build_map_model(small, plain).hideout()["lines"]
                                             if lines for line in lines)
    for bad in ("2022-10", "1999"):  # the period itself, or one without figures
        view, notices = parse_view(small, f"?indicator=urban_rail_km&period=2022-10&compare={bad}")
        assert view.compare is None and [n.param for n in notices] == ["compare"]
