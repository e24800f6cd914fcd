"""A fresh first load is the same every time, busy machine or not: no Content-Security-Policy violation
(no script evaluates a string) in several loads on empty browser caches while the CPU is made busy
(processes burning both cores, and Chromium's CPU throttled 4x)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from playwright.sync_api import Error as PlaywrightError

pytestmark = pytest.mark.browser

LOADS = 6
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push([e.violatedDirective, e.blockedURI, e.sourceFile, e.lineNumber, e.columnNumber,
                            e.sample].join(" | "));
});
"""


@pytest.fixture
def busy_machine():
    """Two processes burning a core each (not timing anything: they only make the loads slow and uneven)."""
    burners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
    yield
    for burner in burners:
        burner.kill()
        burner.wait()


def test_fresh_first_loads_on_a_busy_machine_evaluate_no_string(browser, live_server, busy_machine):
    seen = []
    for load in range(LOADS):
        context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")  # empty cache, CSP kept
        page = context.new_page()
        page.set_default_timeout(90_000)
        console = []
        page.on("console", lambda msg, console=console: msg.type == "error" and console.append(msg.text))
        page.add_init_script(RECORD_VIOLATIONS)
        page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4 if load % 2 else 2})
        page.goto(live_server + "/?indicator=urban_rail_km")
        page.locator(".leaflet-overlay-pane path").nth(15).wait_for(state="attached")
        page.locator("#chart .bars path").first.wait_for(state="attached")
        violations = page.evaluate("window.__violations")
        seen += [f"load {load}: {v}" for v in violations]
        seen += [f"load {load}: console: {text}" for text in console if "Content Security Policy" in text]
        context.close()
    assert seen == []


def test_the_violation_of_busy_first_loads_is_the_test_tool_polling_a_string(browser, live_server):
    """What a trial saw in 2 of about 14 first loads on a busy machine ("Evaluating a string as JavaScript violates
    the following Content Security Policy directive because 'unsafe-eval' is not an allowed source") comes from the
    measuring tool, not the page: Playwright polls a predicate given as a string by evaluating the string in the
    page, which the page's CSP refuses. It polls only when the predicate is not yet true at its first check: when
    the page is slow, on a busy machine. Given as a function, the same wait evaluates no string (the test above
    waits on locators)."""
    polled = "document.querySelectorAll('.leaflet-overlay-pane path').length > 15"
    seen = {}
    for form in ("string", "function"):
        context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")  # CSP kept
        page = context.new_page()
        page.add_init_script(RECORD_VIOLATIONS)
        page.goto(live_server + "/?indicator=urban_rail_km", wait_until="commit")  # nothing drawn yet: it polls
        try:
            page.wait_for_function(polled if form == "string" else f"() => {polled}", timeout=90_000)
            outcome = "drawn"
        except PlaywrightError as error:
            outcome = str(error).splitlines()[0]
        seen[form] = (outcome, page.evaluate("() => window.__violations"))
        context.close()
    outcome, violations = seen["string"]
    assert "Evaluating a string as JavaScript violates" in outcome and "'unsafe-eval'" in outcome
    assert violations and all(v.startswith("script-src") for v in violations)
    assert seen["function"] == ("drawn", [])


RECORD_REGIONS_DRAWN = """
new MutationObserver(function (_, observer) {
  if (document.querySelectorAll('.leaflet-overlay-pane path').length === 16) {
    window.__regionsDrawn = performance.now();
    observer.disconnect();
  }
}).observe(document, {subtree: true, childList: true});
"""


def test_the_map_is_drawn_before_plotly_js_is_asked_for_and_the_chart_follows(browser, live_server):
    """plotly.js (1.2 MB to evaluate, then the chart to draw) waits for the map (assets/sdplan_plotly.js,
    sdplan_after_map.js): the regions are on the map before its request starts, and the chart is drawn after it."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})  # an empty cache
    page = context.new_page()
    page.add_init_script(RECORD_REGIONS_DRAWN)
    page.goto(live_server + "/?indicator=urban_rail_km")
    page.locator("#chart .bars path").first.wait_for(state="attached")
    drawn, asked = page.evaluate("""() => [window.__regionsDrawn, performance.getEntriesByType('resource')
        .filter(e => e.name.includes('/vendor/plotly-basic.')).map(e => e.startTime)]""")
    assert drawn is not None and len(asked) == 1 and asked[0] > drawn
    assert page.evaluate("() => window.sdplan.afterMap.allowedBy") == "map"
    context.close()


def test_a_map_whose_boundaries_cannot_load_lets_plotly_js_come(browser, live_server):
    """When the map's boundary file cannot be loaded the map will never draw: the first view, which asks for it
    first, opens what waits for the map (not the last resort), and the chart is drawn without it."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.route(re.compile(r"/geo/prefecture\.[0-9a-f]+\.geojson$"), lambda route: route.fulfill(status=404))
    page.goto(live_server + "/?indicator=urban_rail_km")
    page.locator("#chart .bars path").first.wait_for(state="attached")
    assert page.evaluate("() => window.sdplan.afterMap.allowedBy") == "no map"
    assert page.evaluate("() => Object.keys(window.sdplan.map.layers).length") == 0  # no region drawn
    context.close()


def test_the_ledger_page_lets_plotly_js_come_without_a_map(browser, live_server):
    """On the ledger page (no map to wait for) the router lets plotly.js come at once, not after the last
    resort; its trend chart then draws."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(live_server + "/ledger")
    page.wait_for_function("() => window.sdplan && window.sdplan.afterMap.allowedBy !== null")
    assert page.evaluate("() => window.sdplan.afterMap.allowedBy") == "ledger"
    context.close()


def test_the_page_runs_on_regenerator_runtime_without_dash_s_polyfill(browser, live_server):
    """Dash's @babel/polyfill is not loaded (routes/page_scripts.py): what Dash loads through the regenerator
    runtime (the code-split dropdowns, slider, chart and boundary layer) is drawn, and no script fails."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.goto(live_server + "/?indicator=urban_rail_km")
    page.locator("#chart .bars path").first.wait_for(state="attached")
    page.locator(".leaflet-overlay-pane path").first.wait_for(state="attached")
    page.locator("#period-slider [role=slider]").wait_for(state="attached")
    page.locator("#region-search").click()  # its options were placed once the map was drawn
    page.locator("input.dash-dropdown-search").fill("qingdao")
    page.locator("[role=option]", has_text="青岛市").first.wait_for()
    assert page.evaluate("() => [typeof window.regeneratorRuntime, typeof window._babelPolyfill]") == [
        "object", "undefined"]
    assert errors == []
    context.close()
