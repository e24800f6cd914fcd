"""The map callback's request bodies as real Chromium sends them, captured from a varied visit of a running server.

Headless Chromium (Playwright, /usr/bin/chromium) opens the map page for each indicator with data, at each
level it has, in Chinese and in English, and on each page does what an official does: chooses the three
economic circles and back to the whole province, steps the time slider where the page has one, clicks a city
on the map (drilled into its counties) and goes back. Every ``/_dash-update-component`` body of the map's
callback is kept, in order (a page opened sends the query's; each action the controls'), so a benchmark
replays bodies the browser really sent: each view's page state, trigger and layer, not bodies built in Python.

Run alone to see what it captures: .venv/bin/python bench/captured_visits.py http://127.0.0.1:8050
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, TimeoutError, sync_playwright

from components import ids
from tests.conftest import CHROMIUM, CHROMIUM_ARGS

ENDPOINT = "/_dash-update-component"
MAP_OUTPUT = f".{ids.MAP_HIDEOUT}.data."
# (indicator, levels): the bundled data's indicators with figures, each at the levels it has figures for
PAGES = [("smart_city_stars", ("prefecture", "county")), ("smart_city_pilot", ("prefecture", "county")),
         ("sewer_retrofit_status", ("county",)), ("sewer_retrofit_km", ("county",)),
         ("urban_rail_km", ("prefecture",)), ("sponge_city_new_km2", ("prefecture",)),
         ("urbanization_rate", ("prefecture",)), ("resident_population", ("prefecture",))]
CIRCLES = ("jiaodong", "lunan", "capital", "all")
TIMEOUT_MS = 60_000
SLIDER_TIMEOUT_MS = 10_000


def is_map_request(request) -> bool:
    return request.method == "POST" and urlsplit(request.url).path == ENDPOINT and MAP_OUTPUT in (request.post_data or "")


def _answered(page: Page, action, timeout_ms: int = TIMEOUT_MS) -> bool:
    """Do ``action`` and wait until the map callback it sends has its answer; False if it sent none in time."""
    try:
        with page.expect_request_finished(is_map_request, timeout=timeout_ms):
            action()
    except TimeoutError:
        return False
    return True


def _visit(page: Page, base: str, indicator: str, level: str, lang: str) -> None:
    query = f"?indicator={indicator}&level={level}" + ("&lang=en" if lang == "en" else "")
    _answered(page, lambda: page.goto(f"{base}/{query}"))
    page.locator(".leaflet-overlay-pane path").first.wait_for(state="attached")
    for circle in CIRCLES:
        option = page.locator(f"#{ids.CIRCLE} label", has=page.locator(f"input[value='{circle}']"))
        _answered(page, option.click)
    slider = page.locator(f"#{ids.PERIOD_SLIDER} [role=slider]")
    if slider.count() and slider.get_attribute("aria-valuemax") not in (None, "0"):  # a step to another period
        key = "ArrowRight" if slider.get_attribute("aria-valuenow") == "0" else "ArrowLeft"
        slider.focus()
        if not _answered(page, lambda: page.keyboard.press(key), SLIDER_TIMEOUT_MS):
            print(f"  (no answer to a slider step on {page.url})", file=sys.stderr)
    if level == "prefecture":  # a city clicked on the map: its counties; then back to the province
        _answered(page, lambda: page.locator(".leaflet-overlay-pane path").nth(1).click(force=True))
        back = page.locator(f"#{ids.BACK}")
        if back.is_visible():
            _answered(page, back.click)


def capture(base: str) -> list[bytes]:
    """The map callback's bodies of the whole visit, as Chromium sent them."""
    bodies: list[bytes] = []

    def keep(request) -> None:
        if is_map_request(request):
            bodies.append(request.post_data.encode())

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for lang in ("zh", "en"):
            context = browser.new_context(viewport={"width": 1400, "height": 900},
                                          locale="zh-CN" if lang == "zh" else "en-US")
            page = context.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            page.on("request", keep)
            for indicator, levels in PAGES:
                for level in levels:
                    _visit(page, base, indicator, level, lang)
            context.close()
        browser.close()
    return bodies


if __name__ == "__main__":
    started = time.monotonic()
    captured = capture(sys.argv[1].rstrip("/"))
    sizes = sorted(len(b) for b in captured)
    print(f"{len(captured)} bodies ({len(set(captured))} distinct) in {time.monotonic() - started:.0f} s; "
          f"bytes median {sizes[len(sizes) // 2]}, max {sizes[-1]}")
