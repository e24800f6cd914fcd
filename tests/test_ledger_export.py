"""Ledger exports: the XLSX has one row per filtered target, formulas defused; the PDF is a fonted A4 page."""

import io
import warnings
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook
from published import (
    RAIL_JINAN_2022,
    RAIL_JINAN_2023,
    RAIL_PERIOD,
    RAIL_PERIODS,
    RAIL_PROVINCE,
    RAIL_PROVINCE_LATEST,
    RAIL_QINGDAO_LATER,
    RAIL_TARGET_KM,
    percent,
)
from pypdf import PdfReader

from sdplan.ledger.export import export_bytes, export_filename
from sdplan.ledger.filters import Filters
from sdplan.ledger.rows import ledger_rows
from sdplan.ledger.xlsx import HEADER_ROW

NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)


def ledger_book(rows, filters, **kwargs):
    return load_workbook(io.BytesIO(export_bytes(rows, filters, "xlsx", NOW, **kwargs)))


def table(sheet, header_row=HEADER_ROW):
    """The sheet's rows from its header row on, as dicts by heading."""
    records = list(sheet.iter_rows(min_row=header_row, values_only=True))
    return [dict(zip(records[0], r)) for r in records[1:]]


def test_xlsx_has_one_row_per_filtered_target_with_provenance(data):
    filters = Filters(thrust="green")
    rows = ledger_rows(data, filters)
    book = ledger_book(rows, filters)
    sheet, links = book.worksheets[:2]
    header = next(sheet.iter_rows(min_row=HEADER_ROW, max_row=HEADER_ROW, values_only=True))
    assert header[:4] == ("目标名称", "方向", "任务", "目标值") and "目标编号" not in header
    records = table(sheet)
    assert [r["目标名称"] for r in records] == [r.target.name_zh for r in rows]
    assert [r["目标编号"] for r in table(links, 1)] == [r.target.id for r in rows]  # ids on a sheet of their own
    rail = next(r for r in records if r["目标名称"] == data.catalog.target("t07_urban_rail").name_zh)
    assert (rail["统计期"], rail["最新值"], rail["单位"], rail["进展(%)"], rail["状态"]) == (
        RAIL_PERIOD, RAIL_PROVINCE.value, "公里", float(percent(RAIL_PROVINCE.value, RAIL_TARGET_KM)), "进度正常")
    assert rail["数据来源类型"] == "公开来源" and "山东" in rail["数据来源"]
    by_name = {r["目标名称"]: r for r in records}
    assert by_name[data.catalog.target("t08_sewer_km").name_zh]["数据来源类型"] == "示例数据"
    assert by_name[data.catalog.target("t06_urban_roads").name_zh]["数据来源类型"] == "未报送"
    assert export_filename("xlsx", NOW) == "sdplan-ledger-20261129-1700.xlsx"  # 09:00 UTC is 17:00 in Beijing


def test_xlsx_units_are_labels_values_rounded_for_display(data):
    rows = ledger_rows(data, Filters(thrust="smart"))
    records = table(ledger_book(rows, Filters(thrust="smart")).worksheets[0])
    units = {r["单位"] for r in records if r["单位"]}
    assert units and not units & {"percent", "10k_count", "count", "km"}, units
    counties = next(r for r in records if r["目标名称"] == "四星级以上新型智慧城市(县)")
    assert counties["最新值"] == 16.9 and counties["单位"] == "%"  # 16.9118 as the screen shows a share: 1 decimal
    english = table(ledger_book(rows, Filters(thrust="smart", lang="en")).worksheets[0])
    assert {r["Unit"] for r in english if r["Unit"]} <= {"%", "", "km", "stars"}


def test_xlsx_map_links_are_absolute(data, monkeypatch):
    rows = ledger_rows(data, Filters(thrust="green"))
    monkeypatch.setenv("SDPLAN_BASE_URL", "https://sdplan.example.gov.cn/")
    book = ledger_book(rows, Filters(thrust="green"))
    links = [r["地图链接"] for r in table(book.worksheets[1], 1) if r["地图链接"]]
    assert links and all(link.startswith("https://sdplan.example.gov.cn/?indicator=") for link in links)
    name = book.worksheets[0].cell(HEADER_ROW + 1 + [r.map_href is not None for r in rows].index(True), 1)
    assert name.hyperlink.target.startswith("https://sdplan.example.gov.cn/?")
    passed = ledger_book(rows, Filters(thrust="green"), base_url="http://10.0.0.5:8050")
    assert all(r["地图链接"] is None or r["地图链接"].startswith("http://10.0.0.5:8050/?")
               for r in table(passed.worksheets[1], 1))


def test_xlsx_prints_on_a4_landscape_one_page_wide_with_the_header_on_each_page(data):
    filters = Filters(status="behind")
    book = ledger_book(ledger_rows(data, filters), filters)
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert (setup.paperSize, setup.orientation, setup.fitToWidth, setup.fitToHeight) == (9, "landscape", 1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.oddFooter.center.text
    sheet = book.worksheets[0]
    assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}" and sheet.freeze_panes == f"B{HEADER_ROW + 1}"
    assert sheet.column_dimensions["A"].width >= 30 and sheet.cell(HEADER_ROW + 1, 1).alignment.wrap_text
    assert sheet["A1"].value == "新型城镇化建设行动计划目标台账" and "状态:滞后" in sheet["A2"].value
    assert "数据截至" in sheet["A3"].value and "北京时间" in sheet["A3"].value
    assert "示例数据" in (sheet["A4"].value or "")  # the sample mark where sample values are shown
    assert sheet.auto_filter.ref.startswith(f"A{HEADER_ROW}:")


def test_xlsx_about_sheet_shows_every_filter_in_words_and_beijing_time(data):
    filters = Filters(thrust="green", circle="jiaodong", lang="en")
    about = ledger_book(ledger_rows(data, filters), filters).worksheets[2]
    cells = dict(about.iter_rows(min_row=2, max_col=2, values_only=True))
    assert cells["Thrust"] == "Green urbanization" and cells["Economic circle"] == "Jiaodong Economic Circle"
    assert cells["Lead department"] == "All" and cells["Status"] == "All" and cells["Search"] == "All"
    assert cells["Exported"] == "2026-11-29 17:00 Beijing time"  # 09:00 UTC
    assert cells["Map links point to"] == "http://127.0.0.1:8050"
    assert not any(key in cells for key in ("thrust", "dept", "status", "circle", "q"))


def test_xlsx_defuses_text_that_would_run_as_a_formula():
    filters = Filters(q="=HYPERLINK(\"http://x\")", lang="en")
    book = load_workbook(io.BytesIO(export_bytes([], filters, "xlsx", NOW)))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert "'=HYPERLINK(\"http://x\")" in cells
    assert not any(isinstance(c, str) and c.startswith("=") for c in cells)
    assert book.worksheets[0].cell(HEADER_ROW, 1).value == "Target"


def test_pdf_is_a4_pages_with_title_sources_and_embedded_fonts(data):
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        content = export_bytes(ledger_rows(data), Filters(), "pdf", NOW)
    assert not [w for w in record if "Glyph" in str(w.message) and "missing" in str(w.message)]
    assert content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content))
    assert 1 <= len(reader.pages) <= 4
    page = reader.pages[0]
    assert abs(float(page.mediabox.width) - 595) < 2 and abs(float(page.mediabox.height) - 842) < 2  # A4 portrait
    assert all(f"{n}" in p.extract_text() for n, p in enumerate(reader.pages, start=1))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "新型城镇化建设行动计划目标台账" in text
    assert "数据来源" in text and "山东省2022年国民经济和社会发展统计公报" in text
    assert "示例数据" in text and "2026-11-29 17:00 北京时间" in text
    for font in (f.get_object() for f in page["/Resources"]["/Font"].values()):
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        assert "/FontFile2" in descendant["/FontDescriptor"].get_object()


def test_the_pdf_s_table_head_is_set_in_a_bold_face_not_the_regular_one(data, caplog):
    from sdplan.printing.fonts import SANS_BOLD_TTC

    if not SANS_BOLD_TTC.exists():
        pytest.skip("Debian's fonts-noto-cjk is not installed (make system-deps)")
    caplog.set_level("WARNING", logger="matplotlib.font_manager")
    reader = PdfReader(io.BytesIO(export_bytes(ledger_rows(data), Filters(), "pdf", NOW)))
    fonts = {str(f.get_object()["/BaseFont"]).split("+")[-1] for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert fonts == {"NotoSansSC-TT-Regular", "NotoSansSCTT"}  # the regular copy and the bold one
    assert not [r for r in caplog.records if "Failed to find font weight" in r.getMessage()]


def test_pdf_in_english_lists_the_filters(data):
    filters = Filters(status="behind", lang="en")
    text = PdfReader(io.BytesIO(export_bytes(ledger_rows(data, filters), filters, "pdf", NOW))).pages[0].extract_text()
    assert "targets ledger" in text and "Status: Behind" in text


def test_command_line_export(data, tmp_path):
    from click.testing import CliRunner

    from sdplan.ledger.cli import ledger_export

    out = tmp_path / "ledger.xlsx"
    result = CliRunner().invoke(ledger_export, ["--format", "xlsx", "--out", str(out), "--thrust", "green",
                                                "--dept", "省住房城乡建设厅", "--as-of", "2026-11-29T09:00",
                                                "--base-url", "https://sdplan.example.gov.cn"])
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    assert book.worksheets[0].max_row == len(ledger_rows(data, Filters("green", "省住房城乡建设厅"))) + HEADER_ROW
    assert any(str(c).startswith("https://sdplan.example.gov.cn/?") for row in book.worksheets[1].values for c in row)
    bad = CliRunner().invoke(ledger_export, ["--format", "pdf", "--out", str(tmp_path / "x.pdf"), "--status", "won"])
    assert bad.exit_code != 0 and "status" in bad.output


def test_exports_of_an_empty_ledger_still_work(data):
    filters = Filters(q="nothing matches this")
    assert ledger_rows(data, filters) == []
    sheet = load_workbook(io.BytesIO(export_bytes([], filters, "xlsx", NOW))).worksheets[0]
    assert sheet.max_row == HEADER_ROW + 1 and sheet.cell(HEADER_ROW + 1, 1).value == "没有符合筛选条件的目标。"
    text = PdfReader(io.BytesIO(export_bytes([], filters, "pdf", NOW))).pages[0].extract_text()
    assert "没有符合筛选条件的目标" in text


def test_trend_figure_has_the_target_line_and_never_draws_a_partial_sum_as_the_series(data):
    from components.ledger import create_detail, trend_figure
    from sdplan.ledger.rows import trend

    figure = trend_figure(trend(data, "t07_urban_rail"), "zh")
    line, partial, target = figure["data"]
    assert line["x"] == RAIL_PERIODS
    # two cities (2022-12) or one (2023-12) are not the province
    assert line["y"] == [RAIL_PROVINCE.value, None, None, RAIL_PROVINCE_LATEST.value]
    assert partial["x"] == ["2022-12", "2023-12"]
    assert partial["y"] == [pytest.approx(RAIL_JINAN_2022.value + RAIL_QINGDAO_LATER.value), RAIL_JINAN_2023.value]
    assert "2/16" in partial["customdata"][0] and "1/16" in partial["customdata"][1]
    assert target["y"] == [RAIL_TARGET_KM] * 4
    assert "仅有一个统计期" in str(create_detail(trend(data, "t22_old_communities"), "zh"))


def test_base_url_setting_has_an_offline_default():
    from sdplan.settings import load_settings

    assert load_settings({}).base_url == "http://127.0.0.1:8050"
    assert load_settings({"SDPLAN_HOST": "0.0.0.0", "SDPLAN_PORT": "9000"}).base_url == "http://127.0.0.1:9000"
    assert load_settings({"SDPLAN_BASE_URL": "https://sdplan.example.gov.cn/"}).base_url == "https://sdplan.example.gov.cn"
