"""The dashboard on a phone (390 × 844 and 360 × 740): map first, the panel below it, nothing wider than the screen."""

import pytest
from test_browser_dashboard import REGION_PATHS, wait_for_regions

pytestmark = pytest.mark.browser

PHONES = [(390, 844), (360, 740)]


@pytest.fixture(params=PHONES, ids=lambda size: f"{size[0]}x{size[1]}")
def phone(request, browser, live_server):
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height}, has_touch=True, is_mobile=True,
                                  bypass_csp=True,  # Playwright's string predicates need eval (tests/conftest.py)
                                  device_scale_factor=2, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.base_url = live_server
    page.problems = []
    page.on("pageerror", lambda exc: page.problems.append(f"pageerror: {exc}"))
    yield page
    context.close()


def open_phone_view(page, query: str = ""):
    page.goto(page.base_url + "/" + query)
    wait_for_regions(page, 16)
    page.wait_for_selector("#chart .bars path", state="attached")


def document_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_panel_sits_below_the_map_at_full_width_and_is_read_by_scrolling(phone, lang):
    open_phone_view(phone, "?lang=en" if lang == "en" else "")
    width = phone.viewport_size["width"]
    panel = phone.locator(".panel").bounding_box()
    map_box = phone.locator(".map-column").bounding_box()
    assert map_box["width"] == pytest.approx(width, abs=1) and map_box["height"] >= 300
    assert panel["y"] >= map_box["y"] + map_box["height"] - 1  # below the map
    assert panel["width"] == pytest.approx(width, abs=1) and panel["height"] >= 600
    for part in ("#cards", "#chart", "#table", "#sources"):  # every part is reached by scrolling the page
        phone.locator(part).scroll_into_view_if_needed()
        box = phone.locator(part).bounding_box()
        assert box["height"] > 20 and 0 <= box["y"] < phone.viewport_size["height"], part
    assert document_width(phone) <= width
    assert phone.problems == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_controls_open_from_a_compact_bar_and_the_download_button_stays_on_screen(phone, lang):
    open_phone_view(phone, "?lang=en" if lang == "en" else "")
    width = phone.viewport_size["width"]
    assert not phone.locator("#indicator").is_visible()
    header_height = phone.locator(".map-column").bounding_box()["y"]
    assert header_height < 0.2 * phone.viewport_size["height"]  # the controls no longer take half the screen
    phone.locator("#drawer-toggle").tap()
    phone.wait_for_selector("#indicator", state="visible")
    assert phone.locator("#drawer-toggle").get_attribute("aria-expanded") == "true"
    button = phone.locator("#export-button")
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert phone.locator("#indicator").is_visible() and document_width(phone) <= width


@pytest.mark.parametrize("path", ["/ledger", "/ledger?lang=en", "/admin/", "/admin/?lang=en", "/admin/history"])
def test_no_page_is_wider_than_the_phone(phone, path):
    phone.goto(phone.base_url + path)
    if path.startswith("/ledger"):
        phone.wait_for_selector(".ledger-table tbody tr")
    phone.wait_for_load_state("networkidle")
    assert document_width(phone) <= phone.viewport_size["width"]


def test_the_folded_legend_covers_no_region(phone):
    open_phone_view(phone)
    legend = phone.locator("#legend-box").bounding_box()
    assert not phone.locator("#legend").is_visible()  # folded by default on a phone
    covered = phone.evaluate(
        """([selector, l]) => Array.from(document.querySelectorAll(selector)).filter(path => {
            // any point of the region's fill under the legend's box?
            const ctm = path.getScreenCTM().inverse();
            for (let x = l.x; x <= l.x + l.width; x += 4) for (let y = l.y; y <= l.y + l.height; y += 4) {
                const p = new DOMPoint(x, y).matrixTransform(ctm);
                if (path.isPointInFill(p)) { return true; }
            }
            return false;
        }).length""", [REGION_PATHS, legend])
    assert covered == 0
    phone.locator("#legend-toggle").tap()
    phone.wait_for_selector("#legend .legend-title")
    assert phone.locator("#legend").is_visible()


def test_a_tap_opens_the_sheet_and_its_button_drills(phone):
    from test_browser_dashboard import point_inside

    open_phone_view(phone)  # star ratings: drilled into, county by county
    phone.locator(".map-column").scroll_into_view_if_needed()
    x, y = point_inside(phone, 1)  # 370200 Qingdao
    phone.touchscreen.tap(x, y)
    sheet = phone.locator("#region-sheet")
    sheet.wait_for(state="visible")
    lines = phone.locator("#region-sheet-body").inner_text().splitlines()
    # name, value (as the server wrote it), its rank, the province's targets said to be the province's
    assert lines[:3] == ["青岛市", "五星级", "16 个地区中第 1 位"] and lines[3].startswith("全省目标:四星级以上")
    assert "示例数据" in lines  # and where it comes from
    assert "prefecture=" not in phone.url  # a tap reads; it does not drill
    assert phone.locator(".region-tooltip").count() == 0  # the sheet says it: no hover tooltip over the map too
    box = sheet.bounding_box()
    assert box["width"] == pytest.approx(phone.viewport_size["width"], abs=1)  # a bottom sheet
    phone.locator("#region-sheet-drill").tap()
    phone.wait_for_function("location.search.includes('prefecture=370200')")
    phone.wait_for_selector("#region-sheet", state="hidden")
