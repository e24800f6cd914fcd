"""What the trial found, seen in the browser as an official sees it: a category rolled up to cities is a count
with a number legend, a definition break is never offered as a change, a city's card is not judged."""

import pytest
from test_browser_dashboard import open_view, point_inside

from sdplan.i18n import t

pytestmark = pytest.mark.browser


def test_completed_sewer_counties_per_city_are_a_count_never_the_status_categories(page):
    open_view(page, "?indicator=sewer_retrofit_status&level=prefecture")
    legend = page.locator("#legend").inner_text()
    assert "已完成" not in legend and "改造中" not in legend and "未列入年度任务" not in legend  # numbers, not statuses
    page.mouse.move(*point_inside(page, 1))  # 370200 Qingdao
    lines = page.wait_for_selector(".region-tooltip").inner_text().splitlines()
    assert lines[0] == "青岛市" and lines[1].startswith("已完成 ") and lines[1].endswith(" 个县(市、区)")


def test_a_definition_break_is_never_shown_as_a_change(page):
    # Qingdao's 2022-12 rail figure counts metro lines only; October's includes the tram line. Jinan's two
    # figures are counted alike, so the comparison is offered, and Qingdao's change is refused, saying why.
    open_view(page, "?indicator=urban_rail_km&period=2022-12&compare=2022-10")
    assert t("compare_missing") in page.locator("#legend").inner_text()
    page.mouse.move(*point_inside(page, 1))  # 370200 Qingdao
    lines = page.wait_for_selector(".region-tooltip").inner_text().splitlines()
    assert lines[1] == t("compare_missing") and t("change_refused.definition_break") in lines
    assert any(line.startswith("2022-10: ") and "→ 2022-12: " in line for line in lines)  # both figures, as they are


def test_a_drilled_city_is_shown_against_the_provinces_target_not_judged(page):
    open_view(page, "?indicator=smart_city_stars&prefecture=370700", count=136)  # 潍坊
    page.wait_for_selector(".card")
    cards = page.locator("#cards").inner_text()
    assert t("status.province_only") in cards and "全省目标 ≥ 80%" in cards  # the province's target, with its value
    city = page.locator(".card[data-target='t04_cities_4star']").inner_text()
    assert "100.0%" not in city and "星级" in city  # a share of one city is no figure: its own rating stands
    assert not any(word in cards for word in ("已达标", "滞后", "进度正常"))
