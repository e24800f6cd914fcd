"""The plan's ledger (/ledger) in real headless Chromium: filters, map links, trends and exports."""

import io
from pathlib import Path

import pytest
from playwright.sync_api import expect
from published import RAIL_PERIOD, RAIL_PROVINCE

from sdplan.catalog import load_catalog

pytestmark = pytest.mark.browser


def open_ledger(page, query: str = ""):
    page.goto(page.base_url + "/ledger" + query)
    page.wait_for_selector("#ledger-table, .ledger-empty")
    page.wait_for_load_state("networkidle")


def row_ids(page) -> list[str]:
    return page.eval_on_selector_all(".ledger-row:not(.ledger-task-row)",
                                     "rows => rows.map(r => r.id.replace('ledger-row-', ''))")


def test_ledger_lists_every_target_grouped_by_thrust(page):
    open_ledger(page)
    assert len(row_ids(page)) == len(load_catalog().targets)
    assert page.locator(".ledger-group").count() == 6  # the five thrusts and the supporting measures (tasks 28-30)
    rail = page.locator("#ledger-row-t07_urban_rail")
    assert f"{RAIL_PROVINCE.text}公里" in rail.inner_text() and f"({RAIL_PERIOD})" in rail.inner_text()
    assert rail.locator(".ledger-status").inner_text() == "进度正常"
    assert "省交通运输厅" in rail.inner_text()
    assert page.locator("#ledger-row-t08_sewer_km .ledger-sample").inner_text() == "示例数据"
    assert page.locator("#ledger-row-t06_urban_roads .ledger-status").inner_text() == "未报送"
    assert page.problems == []


def test_filters_from_a_link_and_invalid_values_fall_back_with_a_notice(page):
    open_ledger(page, "?thrust=green&dept=省住房城乡建设厅&status=behind&lang=en")
    assert row_ids(page) == ["t08_sewer_counties"]
    assert page.locator(".ledger-title").inner_text().startswith("New Urbanization")
    open_ledger(page, "?thrust=purple&q=rail")
    assert row_ids(page) == ["t07_urban_rail"]
    assert "purple" in page.locator("#ledger-notice").inner_text()
    assert "thrust=purple" in page.url  # the link is left as it was
    assert page.problems == []


def test_changing_a_filter_updates_the_url_and_the_rows(page):
    open_ledger(page)
    page.locator("#ledger-status").click()
    page.locator(".Select-menu-outer, [role=listbox], .dash-dropdown-options").get_by_text(
        "已达标", exact=True).click()
    page.wait_for_function("window.location.search.includes('status=met')")
    page.wait_for_function("document.querySelectorAll('.ledger-row').length < 20")
    # met, on published figures or (so marked) on sample values
    assert set(page.locator(".ledger-row .ledger-status").all_inner_texts()) <= {"已达标", "已达标(示例数据)"}
    page.fill("#ledger-q", "污水")
    page.press("#ledger-q", "Enter")
    page.wait_for_function("decodeURIComponent(window.location.search).includes('q=污水')")
    assert page.problems == []


def test_circle_filter_and_jump_to_the_map(page):
    open_ledger(page, "?circle=jiaodong")
    link = page.locator("#ledger-row-t04_counties_4star .ledger-map-link")
    assert link.get_attribute("href") == "/?indicator=smart_city_stars&level=county&circle=jiaodong"
    assert "(2022)" in page.locator("#ledger-row-t04_counties_4star").inner_text()
    link.click()
    page.wait_for_function("window.location.pathname === '/' && window.location.search.includes('circle=jiaodong')")
    page.wait_for_function("document.querySelectorAll('.leaflet-overlay-pane path').length === 136")
    assert page.locator("#map-page").is_visible()
    assert page.problems == []


def test_trend_with_target_line_and_single_period_note(page):
    open_ledger(page)
    page.locator("#ledger-row-t07_urban_rail .ledger-trend-button").click()
    page.wait_for_selector("#ledger-trend-graph .scatterlayer .trace", state="attached")
    # the published values, the cities' partial sums (2022-12, 2023-12) as a trace of their own, and the target line
    assert page.locator("#ledger-trend-graph .scatterlayer .trace").count() == 3
    page.wait_for_selector("#ledger-row-t07_urban_rail .ledger-trend-button.active")
    page.locator("#ledger-row-t22_old_communities .ledger-trend-button").click()
    page.wait_for_selector("#ledger-one-period")
    assert "2022" in page.locator("#ledger-one-period").inner_text()
    assert page.problems == []


def test_exports_download_xlsx_and_pdf_of_the_filtered_ledger(page):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    open_ledger(page, "?thrust=smart")
    with page.expect_download(timeout=60_000) as info:  # made in the export process, started by the first export
        page.locator("#ledger-xlsx").click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    links = load_workbook(io.BytesIO(Path(download.path()).read_bytes())).worksheets[1]  # ids and map links
    assert [r[1] for r in links.iter_rows(min_row=2, values_only=True)] == row_ids(page)
    with page.expect_download(timeout=60_000) as info:
        page.locator("#ledger-pdf").click()
    content = Path(info.value.path()).read_bytes()
    assert content.startswith(b"%PDF")
    text = PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert "新型城镇化建设行动计划目标台账" in text and "智慧城镇化" in text
    assert page.problems == []


def test_a_failed_export_says_so_beside_the_buttons(page, monkeypatch):
    import sdplan.exports
    import sdplan.exports.files

    def broken(*args, **kwargs):
        raise MemoryError

    def in_this_process(token, kind, params, failed):  # the export made here, where the patch applies
        sdplan.exports.make(sdplan.exports.database_url(), token, kind, params)

    monkeypatch.setattr(sdplan.exports.files, "export_bytes", broken)  # the live server runs in this process
    monkeypatch.setattr(sdplan.exports.RUNNER, "submit", in_this_process)
    open_ledger(page, "?lang=en")
    page.locator("#ledger-pdf").click()
    notice = page.locator("#ledger-export-notice")
    expect(notice).to_have_text("Generating…")  # at once, while the file is made off the request thread
    expect(notice).to_have_text("The ledger could not be exported: MemoryError", timeout=30_000)
    assert page.locator("#ledger-pdf").is_enabled()
    assert notice.get_attribute("role") == "status"  # read out by a screen reader
