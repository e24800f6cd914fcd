"""Bytes of a map interaction as the browser sends and receives them: the ``_dash-update-component`` bodies
captured from real Chromium (Playwright, /usr/bin/chromium) on the real app served on a local port.

For each interaction of a short visit (a circle, the indicator, the period, the classification, a step of
the time slider where the page has one) it prints the request body's bytes, the response's bytes as JSON
and as they travelled (compressed), and the number of callback requests the interaction sent. Then the
server time of the captured bodies of a period change and of a slider step, replayed in-process (Flask's
test client, brotli as the browser asks; views already drawn once, as on a server in use): the median of
``REPLAYS`` answers each.
Run: .venv/bin/python bench/bench_request_bytes.py
"""

from __future__ import annotations

import logging
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: I001  (first: the app then uses a fresh store)

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from app import server

ENDPOINT = "_dash-update-component"
IDLE = "document.querySelector('[data-dash-is-loading=\"true\"]') === null"
REPEAT = 3
REPLAYS = 40


def choose(page, dropdown: str, option: str) -> None:
    page.locator(dropdown).click()
    page.locator(".Select-menu-outer, [role=listbox], .dash-dropdown-options").get_by_text(option, exact=True).click()


# (name, the query opened first, the action, what holds once the view is drawn)
INTERACTIONS = [
    ("circle", "?indicator=urban_rail_km",
     lambda page: page.locator("#circle label", has_text="胶东").click(), "location.search.includes('circle=jiaodong')"),
    ("indicator", "?indicator=urban_rail_km",
     lambda page: choose(page, "#indicator", "新增海绵城市面积"), "location.search.includes('sponge_city_new_km2')"),
    ("period", "?indicator=urban_rail_km&level=prefecture",
     lambda page: choose(page, "#period", "2023-12"), "location.search.includes('period=2023-12')"),
    ("scheme", "?indicator=sewer_retrofit_km&level=county",
     lambda page: choose(page, "#scheme", "分位数"), "location.search.includes('scheme=quantiles')"),
    ("slider step", "?indicator=urban_rail_km&period=2022-12",
     lambda page: (page.locator("#period-slider [role=slider]").focus(), page.keyboard.press("ArrowRight")),
     "location.search.includes('period=2023-12')"),
]


def measure(page, base: str, name: str, query: str, action, settled: str,
            bodies: list[str]) -> list[tuple[int, int, int]] | None:
    """(request bytes, response JSON bytes, response bytes on the wire) of each callback request ``action``
    sent (their bodies added to ``bodies``); None where the page has no such control."""
    page.goto(base + "/" + query)
    page.wait_for_function("document.querySelectorAll('.leaflet-overlay-pane path').length > 0")
    page.wait_for_function(IDLE)
    page.wait_for_load_state("networkidle")
    if name == "slider step" and page.locator("#period-slider").count() == 0:
        return None
    sent = []

    def finished(request) -> None:
        if ENDPOINT in request.url:
            response = request.response()
            sent.append((len((request.post_data or "").encode()), len(response.body()),
                         request.sizes()["responseBodySize"]))
            bodies.append(request.post_data or "")

    page.on("requestfinished", finished)
    action(page)
    page.wait_for_function(settled)
    page.wait_for_function(IDLE)
    page.wait_for_load_state("networkidle")
    page.remove_listener("requestfinished", finished)
    return sent


def main() -> None:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    httpd = make_server("127.0.0.1", 0, server, threaded=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_port}"
    print(f"{'interaction':<12} {'requests':>8} {'request B':>10} {'response B':>11} {'on wire B':>10}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN", bypass_csp=True).new_page()
        page.set_default_timeout(30_000)
        captured: dict[str, list[str]] = {}
        for name, query, action, settled in INTERACTIONS:
            bodies = captured.setdefault(name, [])
            runs = [measure(page, base, name, query, action, settled, bodies) for _ in range(REPEAT)]
            if any(run is None for run in runs):
                print(f"{name:<12} {'(no such control)':>42}")
                continue
            counts = {len(run) for run in runs}
            medians = [statistics.median(sum(r[k] for r in run) for run in runs) for k in range(3)]
            print(f"{name:<12} {'/'.join(map(str, sorted(counts))):>8} {medians[0]:>10.0f} {medians[1]:>11.0f} "
                  f"{medians[2]:>10.0f}")
        browser.close()
    httpd.shutdown()
    print(f"\nserver time in-process, median of {REPLAYS} (ms):")
    client = server.test_client()
    for name in ("period", "slider step"):
        if captured.get(name):
            print(f"{name:<12} {replay(client, captured[name][-1]):>8.2f}")


def replay(client, body: str) -> float:
    """Median ms of answering ``body`` (a captured callback request)."""
    headers = {"Content-Type": "application/json", "Accept-Encoding": "br"}
    times = []
    for _ in range(REPLAYS):
        start = time.perf_counter()
        response = client.post("/" + ENDPOINT, data=body, headers=headers)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(times)


if __name__ == "__main__":
    main()
