"""The map's first view is drawn before Dash's first answer (assets/sdplan_first_view.js): with every callback
answer held back, the page's regions are on the map in the answer's colours, say their value on hover, and where
the answer will fit them; once the answer comes Dash's layer takes over, in the same colours and the same place."""

from __future__ import annotations

import re

import pytest

from components import ids

pytestmark = pytest.mark.browser

FILLS = """() => Object.fromEntries(Object.entries(window.sdplan.map.layers)
  .filter(([, layer]) => layer._map).map(([code, layer]) => [code, layer._path.getAttribute('fill')]))"""
VIEW = """() => { const layer = Object.values(window.sdplan.map.layers).find(l => l._map);
  const m = layer._map; return [m.getCenter().lat.toFixed(5), m.getCenter().lng.toFixed(5), m.getZoom()]; }"""


@pytest.mark.parametrize("width, query, regions", [(1400, "?indicator=urban_rail_km", 16),
                                                    (390, "?indicator=smart_city_stars&level=county", 136)])
def test_the_first_view_is_drawn_before_the_first_answer_and_handed_over_unchanged(browser, live_server, width, query,
                                                                                  regions):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    held, released = [], []
    page.route(re.compile(r"/_dash-update-component(\?|$)"),  # no answer until released
               lambda route: route.continue_() if released else held.append(route))
    page.goto(live_server + "/" + query)
    early = page.locator(".leaflet-overlay-pane path.first-view")
    early.nth(regions - 1).wait_for(state="attached")
    assert early.count() == regions
    assert page.locator(f"#{ids.LEGEND}").text_content() == ""  # no answer drawn: the legend comes with it
    before, view = page.evaluate(FILLS), page.evaluate(VIEW)
    hideout = page.evaluate("() => window.sdplan.map.hideout")
    assert len(before) == regions and set(before) == set(hideout["codes"])
    assert len(set(before.values())) > 1  # a choropleth, not one colour
    if width > 700:  # a pointer: the region says its value, as Dash's layer does
        first = hideout["codes"][0]
        page.evaluate("code => window.sdplan.map.layers[code].fire('mouseover', {latlng: "
                      "window.sdplan.map.layers[code].getBounds().getCenter()}, true)", first)
        tooltip = page.locator(".region-tooltip")
        tooltip.wait_for()
        assert hideout["val"][0] is not None and hideout["val"][0] in tooltip.inner_text()
    # Dash's layer not drawn either: no region of its own registered, and the gate behind the map not opened by it
    assert page.evaluate("() => Object.values(window.sdplan.map.layers).every(layer => layer._sdplanFirst)")
    assert page.evaluate("() => window.sdplan.afterMap.allowedBy") != "map"
    while not held:  # the first answer asked for (and held), then let through
        page.wait_for_timeout(50)
    released.append(True)
    for route in held:
        route.continue_()
    page.wait_for_function("() => window.sdplan.firstView.handedOver()")
    assert early.count() == 0
    assert page.locator(".leaflet-overlay-pane path").count() == regions
    assert page.evaluate(FILLS) == before and page.evaluate(VIEW) == view
    assert errors == []
    context.close()
