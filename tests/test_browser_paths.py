"""Browser tests of the years: a region's path in its sheet and in the table (zh and en)."""

from __future__ import annotations

import pytest
from test_browser_dashboard import open_view

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
