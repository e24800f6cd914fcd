"""The office round trip in a real office suite (LibreOffice, headless, from Debian).

Every XLSX and PDF the project writes opens in LibreOffice and converts without error; printed,
the workbooks are one page wide with their header row on every page; a template filled in and
saved by LibreOffice (XLSX, and CSV in the GBK code page Chinese Windows writes) imports exactly
what was typed, and LibreOffice's own "mark invalid data" flags the mistakes the template's rules
describe. The project writes no DOCX file (the briefings are PDF, PNG and SVG).
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime

import pytest
from office import find_office
from openpyxl import load_workbook
from published import RAIL_JINAN_LATEST, RAIL_LATEST, RAIL_PROVINCE
from pypdf import PdfReader

from sdplan.catalog import load_catalog
from sdplan.intake.figure_files import parse_import
from sdplan.intake.template import region_choices
from sdplan.intake.template_files import template_bytes
from sdplan.ledger.export import export_bytes
from sdplan.ledger.filters import Filters
from sdplan.ledger.rows import ledger_rows

pytestmark = pytest.mark.office

NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
TODAY = "2026-11-29"
# Every workbook the project writes, in each of its shapes: ledger (zh, en with a circle), templates of
# a county, a prefecture (prefilled with current figures) and a province indicator (English).
TEMPLATES = {"template-county": ("sewer_retrofit_km", "zh", False), "template-prefecture": ("urban_rail_km", "zh", True),
             "template-province-en": ("urban_roads_km", "en", False)}


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="session")
def office(tmp_path_factory):
    office = find_office(tmp_path_factory.mktemp("libreoffice-profiles"))
    yield office
    print("\nLibreOffice calls (s): " + ", ".join(f"{k} {v:.1f}" for k, v in office.seconds.items()))


@pytest.fixture(scope="module")
def exports(data, tmp_path_factory):
    """Every XLSX and PDF export, written to files: name -> path."""
    from sdplan.snapshot import snapshot, view_from_query

    folder = tmp_path_factory.mktemp("exports")
    files = {
        "ledger-zh.xlsx": export_bytes(ledger_rows(data), Filters(), "xlsx", NOW),
        "ledger-en.xlsx": export_bytes(ledger_rows(data, Filters(circle="jiaodong", lang="en")),
                                       Filters(circle="jiaodong", lang="en"), "xlsx", NOW),
        "ledger.pdf": export_bytes(ledger_rows(data), Filters(), "pdf", NOW),
        "snapshot.pdf": snapshot(data, view_from_query(data, "?indicator=urban_rail_km"), "pdf", NOW).content,
    }
    for name, (indicator, lang, prefilled) in TEMPLATES.items():
        files[f"{name}.xlsx"] = template_bytes(indicator, "xlsx", data if prefilled else None, lang)
    paths = {}
    for name, content in files.items():
        paths[name] = folder / name
        paths[name].write_bytes(content)
    return paths


@pytest.fixture(scope="module")
def printed(office, exports, tmp_path_factory):
    """Each workbook printed to PDF by LibreOffice (one soffice call): name -> list of page texts."""
    books = [p for name, p in exports.items() if name.endswith(".xlsx")]
    pdfs = office.convert(books, "pdf", tmp_path_factory.mktemp("printed"))
    # layout mode: the default mode of pypdf skips the text of LibreOffice's hyperlinked cells
    return {book.name: [page.extract_text(extraction_mode="layout") for page in PdfReader(pdf).pages]
            for book, pdf in zip(books, pdfs)}


def page_header(page: str) -> str:
    """The first line of a page: the sheet's printed page header."""
    return next(line.strip() for line in page.splitlines() if line.strip())


def listed(names, text: str) -> list[str]:
    """The names missing from ``text`` (each by its start: wrapped cells interleave with their neighbours)."""
    return [n for n in names if squeeze(n)[:8] not in text]


@pytest.mark.parametrize("name, lang", [("ledger-zh.xlsx", "zh"), ("ledger-en.xlsx", "en")])
def test_the_ledger_prints_one_page_wide_with_its_header_on_every_page(printed, data, name, lang):
    pages = printed[name]
    first, last, marker = ("目标名称", "有数据地区数", "数据来源类型") if lang == "zh" else (
        "Target", "Regions with data", "Provenance")
    ledger = [p for p in pages if marker in p]
    assert 1 <= len(ledger) <= 6 and len(pages) <= 10, [len(p) for p in pages]
    # every column on each page, the header row repeated (a wrapped heading's words are on lines of their own)
    assert all(first in p and all(word in p for word in last.split()) for p in ledger)
    text = squeeze("".join(ledger))
    filters = Filters(circle="jiaodong", lang="en") if lang == "en" else Filters()
    assert not listed([r.target.name(lang) for r in ledger_rows(data, filters)], text)
    assert ("北京时间" if lang == "zh" else "Beijing time") in ledger[0]
    assert ("示例数据" if lang == "zh" else "sample data") in ledger[0]  # the sample-data mark
    assert "t01_5g_base_stations" not in text  # internal ids are on their own sheet


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_each_template_prints_every_region_one_page_wide(printed, name):
    indicator_id, lang, prefilled = TEMPLATES[name]
    pages = printed[f"{name}.xlsx"]
    first, last = ("地区名称", "指标代码") if lang == "zh" else ("region", "indicator")
    help_title = "填写说明" if lang == "zh" else "Instructions"
    data_pages = [p for p in pages if page_header(p) != help_title]
    assert data_pages and all(first in p and last in p for p in data_pages)
    text = squeeze("".join(data_pages))
    assert not listed(region_choices(load_catalog().indicator(indicator_id))["region"], text)
    assert len(pages) - len(data_pages) == 1  # the instructions; the rows kept for additions print nothing
    instructions = "".join(p for p in pages if p not in data_pages)
    assert "2022-Q3" in instructions and ("填写步骤" in instructions and "How to fill it in" in instructions)
    if prefilled:
        assert RAIL_JINAN_LATEST.text in text and RAIL_LATEST in text  # 济南's latest figure


def test_pdfs_open_in_libreoffice(office, exports, tmp_path):
    pdfs = [p for name, p in exports.items() if name.endswith(".pdf")]
    for pdf in pdfs:
        assert 1 <= len(PdfReader(pdf).pages) <= 4  # the snapshot is one page; the ledger wraps onto a few
    for png in office.convert(pdfs, "png", tmp_path):
        assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 20_000


def test_libreoffice_keeps_the_page_setup_and_the_rules(office, exports, tmp_path):
    names = ["ledger-zh.xlsx", "template-county.xlsx"]
    ledger, template = office.convert([exports[n] for n in names], "xlsx:Calc MS Excel 2007 XML", tmp_path)
    sheet = load_workbook(ledger).worksheets[0]
    setup = sheet.page_setup
    assert (int(setup.paperSize), setup.orientation, setup.fitToWidth, setup.fitToHeight) == (9, "landscape", 1, 0)
    assert sheet.print_title_rows == "$5:$5"  # (a headless conversion has no view, so no frozen panes to keep)
    rules = {r.type for r in load_workbook(template).worksheets[0].data_validations.dataValidation}
    assert rules == {"list", "custom", "decimal"}


@pytest.fixture(scope="module")
def filled(office, tmp_path_factory):
    """The county template filled in, saved as XLSX and GBK CSV, then given mistakes, all in LibreOffice."""
    folder = tmp_path_factory.mktemp("filled")
    template = folder / "template.xlsx"
    template.write_bytes(template_bytes("sewer_retrofit_km", "xlsx"))
    rows = region_choices(load_catalog().indicator("sewer_retrofit_km"))
    zaozhuang = 2 + list(rows["region"]).index("枣庄市市中区")
    new = len(rows) + 2  # the first row below the regions
    typed = [
        [0, "C3", "2024-06"], [0, "D3", "3.5"], [0, "F3", "济南市住房和城乡建设局 2024 年年报"], [0, "H3", "2024-07-01"],
        [0, f"C{zaozhuang}", "2024"], [0, f"D{zaozhuang}", "12"],
        [0, f"A{new}", "济南市市中区"], [0, f"C{new}", "2024-Q2"], [0, f"D{new}", "0.25"], [0, f"E{new}", "km"],
        [0, f"G{new}", "https://zjw.jinan.gov.cn/a?b=1"], [0, f"I{new}", "新增行, 含逗号和“引号”"],
        [0, f"K{new}", "sewer_retrofit_km"],
    ]
    bad = new + 1
    mistakes = [[0, f"A{bad}", "市中"], [0, f"C{bad}", "2024-6"], [0, f"D{bad}", "-1"], [0, f"E{bad}", "m"],
                [0, f"G{bad}", "zjw.jinan.gov.cn"], [0, f"C{bad + 1}", "2024-13"], [0, f"C{bad + 2}", "2024-Q5"],
                [0, f"K{bad}", "urban_rail_km"]]
    outputs = {"xlsx": str(folder / "filled.xlsx"), "csv": str(folder / "filled.csv")}
    result = office.fill({"input": str(template), "typed": typed, "outputs": outputs, "invalid": mistakes,
                          "csv_charset": "61"}, folder)  # 61: Windows-936, what Excel on Chinese Windows writes
    return {"result": result, "typed": typed, "mistakes": mistakes, "xlsx": folder / "filled.xlsx",
            "csv": folder / "filled.csv", "rows": (3, zaozhuang, new)}


EXPECTED = {
    ("370102", "2024-06"): (3.5, "济南市住房和城乡建设局 2024 年年报", None, "2024-07-01", None),
    ("370402", "2024"): (12.0, "{file}", None, TODAY, None),
    ("370103", "2024-Q2"): (0.25, "{file}", "https://zjw.jinan.gov.cn/a?b=1", TODAY, "新增行, 含逗号和“引号”"),
}


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_template_filled_in_and_saved_by_libreoffice_imports_what_was_typed(filled, fmt):
    path = filled[fmt]
    content = path.read_bytes()
    if fmt == "csv":
        with pytest.raises(UnicodeDecodeError):
            content.decode("utf-8")  # really the Chinese Windows code page, not UTF-8
        assert content.decode("gb18030").startswith('"地区名称"')
    else:
        # LibreOffice's own XML: shared strings and styles, where openpyxl writes inline strings
        assert "xl/sharedStrings.xml" in zipfile.ZipFile(io.BytesIO(content)).namelist()
    parsed = parse_import(content, path.name, today=TODAY).frame
    got = {(r.adcode, r.period): (r.value, r.source_title, r.source_url, r.source_date, r.note)
           for r in parsed.itertuples()}
    expected = {k: tuple(path.name if v == "{file}" else v for v in values) for k, values in EXPECTED.items()}
    assert got == expected
    assert set(parsed["unit"]) == {"km"} and set(parsed["indicator"]) == {"sewer_retrofit_km"}


def test_typed_periods_stay_text_and_dates_stay_dates(filled):
    cells = filled["result"]["typed"]
    first, zaozhuang, new = filled["rows"]
    assert cells[f"0!C{first}"] == {"type": "TEXT", "string": "2024-06", "value": 0.0}
    assert cells[f"0!C{new}"]["type"] == "TEXT"
    assert cells[f"0!C{zaozhuang}"]["string"] == "2024"  # a bare year may become a number: the import reads 2024
    assert cells["0!H3"]["type"] == "VALUE" and cells["0!H3"]["string"] == "2024-07-01"


def test_libreoffice_flags_exactly_the_mistakes(filled):
    flagged = set(filled["result"]["invalid"])
    assert flagged == {f"{sheet}!{cell}" for sheet, cell, _ in filled["mistakes"]}  # and none of the typed entries


def test_the_briefing_in_word_opens_and_prints_in_libreoffice(office, data, tmp_path):
    from sdplan.briefing import make_briefing

    briefing = make_briefing(data, "province", period="2022", indicators=["urban_rail_km", "urbanization_rate"],
                             fmt="docx", as_of=NOW)  # the plan year: rail at its published October figure
    docx = tmp_path / "briefing.docx"
    docx.write_bytes(briefing.content)
    (pdf,) = office.convert([docx], "pdf", tmp_path / "printed")
    pages = PdfReader(pdf).pages
    text = squeeze("".join(page.extract_text() for page in pages))
    assert len(pages) >= 2 and squeeze("城市轨道交通运营里程") in text and RAIL_PROVINCE.text in text
