"""Browser tests of the years: a region's path in its sheet and in the table (zh and en)."""

from __future__ import annotations

import pytest
from test_browser_dashboard import open_view

from sdplan import as_of, beijing

pytestmark = pytest.mark.browser


def _select(page, name: str) -> None:
    page.locator(".breakdown-table .row-select", has_text=name).first.click()
    page.locator("#region-sheet").wait_for(state="visible")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_sheet_shows_the_regions_path_with_its_break_and_the_reference_target(page, lang):
    suffix = "&lang=en" if lang == "en" else ""
    open_view(page, f"?indicator=urban_rail_km&period=2024-12{suffix}")
    assert page.locator(".breakdown-table .sparkline").count() == 16  # a path per city in the table
    _select(page, "Qingdao" if lang == "en" else "青岛市")
    page.locator("#region-sheet-path .path-graph .main-svg").first.wait_for()
    words = page.locator("#region-sheet-path .path-summary").inner_text()
    assert ("2022-10: 293.1 km" if lang == "en" else "2022-10:293.1公里") in words
    assert words.count("→") == 2  # three periods with a figure (none for 2023-12)
    figure = page.locator("#region-sheet-path").inner_text()
    assert ("Definition changed" if lang == "en" else "统计口径变化") in figure  # the break, marked on the chart
    # another indicator: the same region's path follows it, with the province's target for reference
    page.goto(page.base_url + f"/?indicator=urbanization_rate{suffix}")
    _select(page, "Qingdao" if lang == "en" else "青岛市")
    page.wait_for_function("document.querySelector('#region-sheet-path .path-summary') && "
                           "document.querySelector('#region-sheet-path .path-summary').innerText.includes('78.87%')")
    legend = page.locator("#region-sheet-path .legend").text_content()
    assert ("(for reference)" if lang == "en" else "(参考)") in legend
    page.screenshot(path=f"/tmp/sheet-{lang}.png")
    assert not page.problems


def test_the_as_of_control_changes_the_banner_and_the_address_and_a_tampered_date_says_so(page):
    from test_browser_dashboard import switch_language, wait_for_url

    today = beijing.now().date()  # the test store was seeded today: the first date with data
    open_view(page, "?indicator=urban_rail_km")
    banner = page.locator("#asof-banner")
    assert banner.is_hidden()
    page.locator("#asof").fill(today.isoformat())
    page.locator("#asof").press("Enter")
    wait_for_url(page, f"asof={today.isoformat()}")
    page.wait_for_function("!document.getElementById('asof-banner').hidden")
    assert banner.inner_text() == f"数据截至 {today.isoformat()} 的版本"
    switch_language(page)  # the page drawn again in English: the banner follows the language, the date stays
    english = f"Data as of the version of {as_of.day_text(today, 'en')}"
    page.wait_for_function(f"document.getElementById('asof-banner').innerText === {english!r}")
    assert f"asof={today.isoformat()}" in page.url
    page.locator("#asof").fill("2023-13-01")  # no date: a notice, and the view stays as of the date it had
    page.locator("#asof").press("Enter")
    page.wait_for_function("document.getElementById('notice').innerText.includes('2023-13-01')")
    assert banner.inner_text() == english and f"asof={today.isoformat()}" in page.url
    page.locator("#asof").fill("")  # cleared: the current data again
    page.locator("#asof").press("Enter")
    page.wait_for_function("document.getElementById('asof-banner').hidden && !location.search.includes('asof')")
    page.locator("#asof").fill("2023-06-30")  # before anything was stored: the current data, saying so
    page.locator("#asof").press("Enter")
    page.wait_for_function("document.getElementById('notice').innerText.includes('2023-06-30')")
    assert "Nothing was stored yet" in page.locator("#notice").inner_text() and banner.is_hidden()
    assert "asof" not in page.url
    page.goto(page.base_url + "/?indicator=urban_rail_km&asof=2023-02-30")  # a tampered date
    page.wait_for_function("(document.getElementById('notice') || {innerText: ''}).innerText.includes('2023-02-30')")
    assert banner.is_hidden()
    assert not page.problems


def test_the_ledger_takes_a_date_too(page):
    today = beijing.now().date().isoformat()
    page.goto(page.base_url + f"/ledger?asof={today}&lang=en")
    page.locator("#ledger-asof-banner").wait_for()
    english = f"Data as of the version of {as_of.day_text(beijing.now().date(), 'en')}"
    assert page.locator("#ledger-asof-banner").inner_text() == english
    assert page.locator("#ledger-asof").input_value() == today
    page.locator("#ledger-asof").fill("")
    page.locator("#ledger-asof").press("Enter")
    page.wait_for_function("!location.search.includes('asof') && document.getElementById('ledger-asof-banner')"
                           " && document.getElementById('ledger-asof-banner').hidden")
    assert not page.problems


def test_the_small_multiples_draw_sixteen_cities_on_one_scale_reached_from_the_map(page):
    open_view(page, "?indicator=urban_rail_km&lang=en")
    link = page.locator("#multiples-link")
    page.wait_for_function("document.getElementById('multiples-link').getAttribute('href').includes('urban_rail_km')")
    assert link.inner_text() == "16 cities over the years"
    link.focus()
    page.keyboard.press("Enter")  # by keyboard
    page.wait_for_url("**/multiples?**")
    assert page.locator("figure.city").count() == 16
    assert page.locator("figure.city svg").count() == 16
    assert page.locator("html").get_attribute("lang") == "en"
    qingdao = page.locator("figure.city", has_text="Qingdao")
    assert qingdao.locator(".path-break").count() == 1  # the definition break, dotted
    assert "Definition changed (no line across)" in page.locator(".key").inner_text()
    # every chart has the same vertical scale: the same labels at the ends of each axis
    ends = page.eval_on_selector_all("figure.city svg", "svgs => svgs.map(s => Array.from(s.querySelectorAll("
                                     "'text[text-anchor=end]')).map(t => t.textContent).join('|'))")
    assert len(set(ends)) == 1 and ends[0] == "0|400"
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: one column, nothing wider than the screen
    page.wait_for_function("document.documentElement.scrollWidth <= 390")
    boxes = [page.locator("figure.city").nth(i).bounding_box() for i in range(2)]
    assert boxes[1]["y"] > boxes[0]["y"] + boxes[0]["height"] - 1  # stacked
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(page.base_url + "/multiples?indicator=smart_city_stars")  # sample values: hollow, and named
    assert page.locator("figure.city").count() == 16
    assert page.locator(".path-sample").count() >= 16 and "示例数据(空心点)" in page.locator(".key").inner_text()
    assert not page.problems
