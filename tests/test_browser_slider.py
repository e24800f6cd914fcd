"""The time slider in real Chromium: stepping and playing through the periods of rail at prefecture level,
one callback request per step, the legend's classes the same at each step, the address keeping the period."""

import json

import pytest
from test_browser_dashboard import open_view

from sdplan.meaning import representative_period
from sdplan.values import periods

pytestmark = pytest.mark.browser

THUMB = "#period-slider [role=slider]"
# The legend as drawn at each step: its period (the subtitle) and its classes (the rows' labels).
RECORD_LEGENDS = """() => {
    window.__legends = [];
    const record = () => {
        const subtitle = document.querySelector('#legend .legend-subtitle');
        const rows = Array.from(document.querySelectorAll('#legend .legend-row')).map(r => r.innerText);
        if (subtitle) { window.__legends.push([subtitle.innerText, rows.join('|')]); }
    };
    new MutationObserver(record).observe(document.getElementById('legend'), {childList: true, subtree: true});
}"""


def recorded(page, sent) -> list[dict]:
    return [json.loads(body)["changedPropIds"] for body in sent]


def test_stepping_and_playing_the_periods_keeps_the_classes_and_sends_one_request_a_step(page, data):
    steps = periods(data, "urban_rail_km", "prefecture")
    assert len(steps) >= 3, steps
    open_view(page, f"?indicator=urban_rail_km&period={steps[0]}")
    page.wait_for_load_state("networkidle")
    assert page.locator(THUMB).get_attribute("aria-valuetext") == steps[0]
    sent = []
    page.on("request", lambda r: "_dash-update-component" in r.url and sent.append(r.post_data or ""))
    page.evaluate(RECORD_LEGENDS)

    # a step by the keyboard: the arrow on the focused slider
    page.locator(THUMB).focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"new URLSearchParams(location.search).get('period') === {steps[1]!r}")
    page.wait_for_function(f"document.querySelector('#legend .legend-subtitle').innerText.includes({steps[1]!r})")
    page.wait_for_load_state("networkidle")
    assert recorded(page, sent) == [["period-slider.value"]]
    assert page.locator("#period").inner_text() == steps[1]  # the period's dropdown follows

    # play, reached by the keyboard (Shift+Tab from the slider): every later period, one request each, then a pause
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == "play"
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('play').getAttribute('aria-pressed') === 'true'")
    page.wait_for_function(f"document.querySelector('#legend .legend-subtitle').innerText.includes({steps[-1]!r})")
    page.wait_for_function("document.getElementById('play').getAttribute('aria-pressed') === 'false'")
    page.wait_for_load_state("networkidle")
    assert recorded(page, sent) == [["period-slider.value"]] * (len(steps) - 1)
    drawn = dict(page.evaluate("window.__legends"))  # subtitle -> classes, for each period drawn
    shown = {period: classes for period in steps[1:] for subtitle, classes in drawn.items() if period in subtitle}
    assert list(shown) == steps[1:] and len(set(shown.values())) == 1, drawn
    assert page.locator(THUMB).get_attribute("aria-valuetext") == steps[-1]

    # the address keeps the period (the default one is left out of links): opened again, the slider stands there
    url = page.url
    latest = representative_period(data, "urban_rail_km", "prefecture")
    assert (f"period={steps[-1]}" in url) == (steps[-1] != latest)
    open_view(page, url.removeprefix(page.base_url + "/"))
    assert page.locator(THUMB).get_attribute("aria-valuenow") == str(len(steps) - 1)
    assert page.problems == []


def test_the_slider_and_play_button_are_a_fingers_size_at_390_px(browser, live_server):
    phone = browser.new_page(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, bypass_csp=True)
    try:
        phone.goto(live_server + "/?indicator=urban_rail_km")
        phone.wait_for_selector(THUMB)
        phone.wait_for_function("!document.getElementById('play').disabled")
        for selector in ("#play", THUMB):
            box = phone.locator(selector).bounding_box()
            assert box["height"] >= 28 and box["width"] >= 28, selector
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390, selector
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        phone.locator("#play").tap()
        phone.wait_for_function("document.getElementById('play').getAttribute('aria-pressed') === 'true'")
    finally:
        phone.close()
