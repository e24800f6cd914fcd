"""Ledger exports: the XLSX has one row per filtered target, formulas defused; the PDF is a fonted A4 page."""

import io
import warnings
from datetime import UTC, datetime

from openpyxl import load_workbook
from pypdf import PdfReader

from sdplan.ledger.export import export_bytes, export_filename
from sdplan.ledger.filters import Filters
from sdplan.ledger.rows import ledger_rows

NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)


def test_xlsx_has_one_row_per_filtered_target_with_provenance(data):
    filters = Filters(thrust="green")
    rows = ledger_rows(data, filters)
    book = load_workbook(io.BytesIO(export_bytes(rows, filters, "xlsx", NOW)))
    sheet = book.worksheets[0]
    records = list(sheet.iter_rows(values_only=True))
    assert records[0][:4] == ("方向", "任务", "目标编号", "目标名称")
    assert [r[2] for r in records[1:]] == [r.target.id for r in rows]
    rail = next(r for r in records if r[2] == "t07_urban_rail")
    assert rail[8:12] == ("2022-10", 377.2, 94.3, "进度正常") and rail[12] == "公开来源" and "山东" in rail[13]
    assert next(r for r in records if r[2] == "t08_sewer_km")[12] == "示例数据"
    assert next(r for r in records if r[2] == "t06_urban_roads")[12] == "无数据"
    assert export_filename("xlsx", NOW) == "sdplan-ledger-20261129-0900.xlsx"


def test_xlsx_defuses_text_that_would_run_as_a_formula():
    filters = Filters(q="=HYPERLINK(\"http://x\")", lang="en")
    book = load_workbook(io.BytesIO(export_bytes([], filters, "xlsx", NOW)))
    cells = [c for row in book.worksheets[1].iter_rows(values_only=True) for c in row if c]
    assert "'=HYPERLINK(\"http://x\")" in cells
    assert not any(isinstance(c, str) and c.startswith("=") for c in cells)
    assert book.worksheets[0].cell(1, 1).value == "Thrust"


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


def test_pdf_in_english_lists_the_filters(data):
    filters = Filters(status="behind", lang="en")
    text = PdfReader(io.BytesIO(export_bytes(ledger_rows(data, filters), filters, "pdf", NOW))).pages[0].extract_text()
    assert "targets ledger" in text and "Status: Behind" in text


def test_command_line_export(data, tmp_path):
    from click.testing import CliRunner

    from sdplan.ledger.cli import ledger_export

    out = tmp_path / "ledger.xlsx"
    result = CliRunner().invoke(ledger_export, ["--format", "xlsx", "--out", str(out), "--thrust", "green",
                                                "--dept", "省住房城乡建设厅", "--as-of", "2026-11-29T09:00"])
    assert result.exit_code == 0, result.output
    assert load_workbook(out).worksheets[0].max_row == len(ledger_rows(data, Filters("green", "省住房城乡建设厅"))) + 1
    bad = CliRunner().invoke(ledger_export, ["--format", "pdf", "--out", str(tmp_path / "x.pdf"), "--status", "won"])
    assert bad.exit_code != 0 and "status" in bad.output


def test_exports_of_an_empty_ledger_still_work(data):
    filters = Filters(q="nothing matches this")
    assert ledger_rows(data, filters) == []
    assert load_workbook(io.BytesIO(export_bytes([], filters, "xlsx", NOW))).worksheets[0].max_row == 1
    text = PdfReader(io.BytesIO(export_bytes([], filters, "pdf", NOW))).pages[0].extract_text()
    assert "没有符合筛选条件的目标" in text


def test_trend_figure_has_the_target_line_and_never_draws_a_partial_sum_as_the_series(data):
    from components.ledger import create_detail, trend_figure
    from sdplan.ledger.rows import trend

    figure = trend_figure(trend(data, "t07_urban_rail"), "zh")
    line, partial, target = figure["data"]
    assert line["x"] == ["2022-10", "2022-12"] and line["y"] == [377.2, None]  # Qingdao alone is not the province
    assert partial["x"] == ["2022-12"] and partial["y"] == [315.0] and "1/16" in partial["customdata"][0]
    assert target["y"] == [400.0, 400.0]
    assert "仅有一个统计期" in str(create_detail(trend(data, "t22_old_communities"), "zh"))
