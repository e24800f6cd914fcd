"""Keyboard and screen readers: a journey without the mouse, and an axe-core audit of every page."""

import json

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from published import RAIL_LATEST, RAIL_PERIOD, RAIL_QINGDAO
from test_browser_dashboard import REGION_PATHS, open_view, switch_language, wait_for_regions, wait_for_url

pytestmark = pytest.mark.browser

SERIOUS = ("serious", "critical")


def tab_to(page, selector: str, limit: int = 80, key: str = "Tab"):
    """Press Tab until the focused element matches ``selector`` (fails after ``limit`` presses)."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def wait_for_search_box(page):
    """Wait until the open dropdown's search box has the focus (Dash moves it there a moment after opening)."""
    page.wait_for_function("document.activeElement && document.activeElement.matches('input.dash-dropdown-search')")


def test_a_keyboard_journey_without_the_mouse(page):
    open_view(page)
    page.keyboard.press("Tab")  # the first stop: the skip link, shown when focused
    assert page.evaluate("document.activeElement.id") == "skip-link"
    assert page.locator("#skip-link").is_visible()
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'map'")

    page.locator("body").focus()
    tab_to(page, "#indicator")  # the dropdown's own button, named by its label
    page.keyboard.press("Enter")
    page.wait_for_selector("[role=listbox]")
    page.wait_for_function("!!document.activeElement.closest('[role=listbox]')")  # the list takes the focus
    active = "document.activeElement.value"
    for _ in range(40):  # each press moves the focus a moment later (and the list listens a moment after opening)
        before = page.evaluate(active)
        page.keyboard.press("ArrowDown")
        try:
            page.wait_for_function(f"{active} !== {json.dumps(before)}", timeout=1000)
        except PlaywrightTimeout:
            continue
        if page.evaluate(active) == "smart_city_pilot":
            break
    page.keyboard.press("Enter")
    wait_for_url(page, "indicator=smart_city_pilot")  # the next indicator, chosen (not the first URL's)
    page.wait_for_selector("[role=listbox]", state="detached")

    tab_to(page, "#level input")  # a real radio group: the arrows choose
    page.keyboard.press("ArrowRight")
    wait_for_url(page, "level=county")
    wait_for_regions(page, 136)

    tab_to(page, "#circle input")
    page.keyboard.press("ArrowRight")
    wait_for_url(page, "circle=")
    assert page.evaluate("getComputedStyle(document.activeElement.closest('label')).outlineStyle") != "none"

    tab_to(page, "#region-search")  # search a county, choose it with the keyboard
    page.keyboard.type("s")  # a letter opens the search box with it; the rest goes into the box once it has the focus
    wait_for_search_box(page)
    page.keyboard.type("houguang")
    page.locator("[role=option]", has_text="寿光市").wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    wait_for_url(page, "prefecture=370700")
    page.locator("#region-sheet").wait_for(state="visible")

    page.locator("body").focus()
    tab_to(page, "#nav-ledger")
    page.keyboard.press("Enter")
    page.wait_for_selector(".ledger-table tbody tr")
    tab_to(page, "#ledger-pdf")
    with page.expect_download(timeout=30_000) as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename.endswith(".pdf")
    assert page.problems == []


def test_the_html_lang_follows_the_language(page):
    open_view(page)
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    switch_language(page)
    page.wait_for_function("document.documentElement.lang === 'en'")
    assert page.locator("#skip-link").inner_text() == "Skip to the map"


def audit(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['impact']} {v['id']}: {[n['target'] for n in v['nodes'][:3]]}"
            for v in results.response["violations"] if v["impact"] in SERIOUS]


@pytest.mark.parametrize("path", ["/", "/?lang=en", "/?level=county&lang=en",
                                  "/ledger", "/ledger?lang=en", "/admin/", "/admin/?lang=en", "/admin/history",
                                  "/admin/login?lang=en"])
def test_no_serious_or_critical_accessibility_violation(page, path):
    page.goto(page.base_url + path)
    if path.startswith("/ledger"):
        page.wait_for_selector(".ledger-table tbody tr")
    elif not path.startswith("/admin"):
        page.wait_for_selector("#chart .bars path", state="attached")
        wait_for_regions(page, 136 if "county" in path else 16)
    page.wait_for_load_state("networkidle")
    assert audit(page) == []


@pytest.mark.parametrize("typed", ["寿光", "shouguang", "Shouguang", "sg"])
def test_the_search_finds_a_county_by_name_or_pinyin_and_opens_it(page, typed):
    open_view(page)
    page.locator("#region-search").click()
    wait_for_search_box(page)  # as a person waits for the box to open before typing
    page.keyboard.type(typed)
    page.locator("[role=option]", has_text="寿光市").wait_for()
    page.locator("[role=option]", has_text="寿光市").click()
    wait_for_url(page, "prefecture=370700")  # zoomed to its prefecture
    sheet = page.locator("#region-sheet")
    sheet.wait_for(state="visible")
    assert page.locator("#region-sheet-body").inner_text().startswith("寿光市")
    assert page.evaluate("window.sdplan.map.hideout.hl") == "370783"  # outlined on the map


@pytest.mark.parametrize("query", ["?indicator=urban_rail_km", "?lang=en"])
def test_the_page_prints_on_one_a4_page_with_title_filters_date_map_and_breakdown(page, query):
    import io
    import unicodedata

    from pypdf import PdfReader

    open_view(page, query)
    page.emulate_media(media="print")
    # the map measures itself again and fits the scope on paper: every region inside the map's box
    page.wait_for_function(f"""() => {{
        const box = document.querySelector('.map-column').getBoundingClientRect();
        return Array.from(document.querySelectorAll('{REGION_PATHS}')).every(p => {{
            const r = p.getBoundingClientRect();
            return r.left >= box.left - 2 && r.right <= box.right + 2 && r.top >= box.top - 2 && r.bottom <= box.bottom + 2;
        }});
    }}""", timeout=5_000)
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    assert len(pdf.pages) == 1
    width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
    assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points
    text = unicodedata.normalize("NFKC", pdf.pages[0].extract_text())  # the font's radicals read as radicals
    english = "lang=en" in query
    for word in (["Shandong New Urbanization", "Indicator", "Data as of", "Sources"] if english
                 else ["山东省新型城镇化", "指标", "数据截至", "分市情况"]):
        assert word in text
    assert "下载简报图" not in text and "Download" not in text  # no controls on paper


def test_a_region_is_selected_from_the_table_with_the_keyboard(page):
    open_view(page, f"?indicator=urban_rail_km&period={RAIL_PERIOD}")
    page.locator(".breakdown-table .row-select", has_text="青岛市").focus()
    page.keyboard.press("Enter")
    page.locator("#region-sheet").wait_for(state="visible")
    assert page.locator("#region-sheet-body").inner_text().splitlines()[:2] == ["青岛市", f"{RAIL_QINGDAO.text}公里"]
    page.wait_for_function("window.sdplan.map.hideout.hl === '370200'")  # outlined on the map
    switch_language(page)  # the sheet stays, now in English, and the region stays outlined
    page.locator("#region-sheet").wait_for(state="visible")
    page.wait_for_function("document.getElementById('region-sheet-body').innerText.startsWith('Qingdao')")
    assert page.locator("#region-sheet-body").inner_text().splitlines()[:2] == ["Qingdao", f"{RAIL_QINGDAO.text} km"]
    page.wait_for_function("window.sdplan.map.hideout.hl === '370200'")
    page.keyboard.press("Escape")
    page.locator("#region-sheet").wait_for(state="hidden")


def test_small_things_data_date_scheme_note_copy_link_and_labels(page):
    open_view(page)  # star ratings: fixed categories
    assert page.locator("#data-date").inner_text().startswith("数据截至 2022")
    assert "类别是固定的" in page.locator("#scheme-note").inner_text()
    assert page.locator(".region-label").count() == 16  # the prefectures, named
    page.locator("#copy-link").click()
    page.wait_for_function("document.getElementById('copy-status').innerText.includes('链接已复制')")
    page.locator("#level label", has_text="县(市、区)").click()
    wait_for_regions(page, 136)
    page.wait_for_function("document.querySelectorAll('.region-label').length === 0")  # 136 names would clutter
    open_view(page, "?indicator=urban_rail_km&lang=en")
    assert page.locator("#scheme-note").inner_text() == ""
    assert page.locator("#data-date").inner_text().startswith(f"Data as of {RAIL_LATEST}")  # the latest published
