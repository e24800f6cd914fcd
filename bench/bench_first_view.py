"""Bytes the browser downloads for the first view, and time until the map is drawn, ours and naive.

Runs the real app on a local port and opens it in headless Chromium (Playwright, /usr/bin/chromium):
a cold visit (empty cache), then a second visit in the same browser (the boundary files and scripts
come from the cache: the geometry travels once).
Ours: plotly.js's basic bundle, loaded by the chart when it is drawn (routes/plotlyjs.py), and the
static files compressed once with brotli 11 (routes/precompress.py; the cache is filled before timing).
Naive, in the same run and the same app: Dash as shipped, i.e. the page without our plotly loader (the
chart loads Dash's full plotly.min.js) and every file compressed per request (the browser is made to
offer gzip, deflate and zstd but not brotli).
First, as a user meets it: a truly fresh gunicorn each time (the shipped gunicorn.conf.py, no warm-up visit), as
a first deployment (an empty store, no assets made) and as a restart (the store and the assets made): the time
from starting gunicorn until it answers the page, and its first page load in a fresh browser context, with the
load average beside each figure.
"Map drawn" is when the 16 prefectures are on the map, drawn before the first answer (assets/sdplan_first_view.js);
"Dash's layer" when Dash's own region layer has taken over from them; the naive page has no such first view.
Each moment is read in the page as it happens.
Last, how soon the address follows a change of circle (a click to the new query string), which the tests
check happens but do not time.
Run: .venv/bin/python bench/bench_first_view.py
"""

from __future__ import annotations

import logging
import re
import statistics
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: I001  (first: the app then uses a fresh store)

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from app import server
from routes import precompress
from routes.first_view import LINK_ID
from routes.plotlyjs import loader_script

RUNS = 5


# Each moment is read in the page when it happens (a MutationObserver added before the page's own scripts), not
# when Playwright's polling reports it back to this process (later by its round trips, and by the handler below).
MARKS = """
window.__marks = {};
const seen = new MutationObserver(() => {
  const marks = window.__marks, now = performance.now();
  const once = (name, found) => { if (found && !(name in marks)) { marks[name] = now; } };
  once('drawn', document.querySelectorAll('.leaflet-overlay-pane path').length >= 16);
  once('byDash', document.querySelectorAll('.leaflet-overlay-pane path:not(.first-view)').length === 16
                 && !document.querySelector('.first-view'));
  once('chart', document.querySelector('#chart .bars path'));
});
document.addEventListener('DOMContentLoaded', () => seen.observe(document.body, {subtree: true, childList: true}));
"""


def visit(context, url: str) -> tuple[float, float, int, int, int, float]:
    """(ms until 16 prefectures are drawn, ms until the chart is drawn, bytes over the wire until the map
    is drawn, bytes over the wire in all, requests, ms until Dash's region layer has taken the map over from the
    first view drawn before the first answer: assets/sdplan_first_view.js)."""
    page = context.new_page()
    page.add_init_script(MARKS)
    sizes: list[tuple[float, int]] = []
    page.on("requestfinished", lambda request: sizes.append(
        (request.timing["responseEnd"] + request.timing["startTime"], request.sizes()["responseBodySize"])))
    page.goto(url)
    page.wait_for_function("() => ['drawn', 'byDash', 'chart'].every(name => name in window.__marks)")
    marks = page.evaluate("() => window.__marks")
    drawn, by_dash, styled = marks["drawn"], marks["byDash"], marks["chart"]
    origin = page.evaluate("performance.timeOrigin")
    page.wait_for_load_state("networkidle")
    page.close()
    before_map = sum(size for end, size in sizes if end <= origin + drawn)
    return drawn, styled, before_map, sum(size for _, size in sizes), len(sizes), by_dash


def address_delays(context, url: str) -> list[float]:
    """ms from a click on a circle to the address showing it: a round of three circles, then the same again
    (views the server has seen)."""
    page = context.new_page()
    page.goto(url + "?indicator=urban_rail_km")
    page.wait_for_function("document.querySelectorAll('.leaflet-overlay-pane path').length === 16")
    delays = []
    for label in ["胶东", "鲁南", "全省"] * 2:
        page.evaluate("""() => { window.__search = location.search;
            document.addEventListener('click', () => { window.__t0 = performance.now(); }, {capture: true, once: true}); }""")
        page.locator("#circle label", has_text=label).click()
        delays.append(page.evaluate("""() => new Promise(done => { const f = () => location.search !== window.__search
            ? done(performance.now() - window.__t0) : requestAnimationFrame(f); f(); })"""))
        page.wait_for_function("document.querySelector('[data-dash-is-loading=\"true\"]') === null")
    page.close()
    return delays


NAIVE_ENCODINGS = {"Accept-Encoding": "gzip, deflate, zstd"}


def naive_page(route) -> None:
    """Dash as shipped: the page without the plotly loader, and without the first view drawn before the answer."""
    response = route.fetch(headers={**route.request.headers, "accept-encoding": "gzip"})
    headers = {k: v for k, v in response.headers.items() if k.lower() not in ("content-encoding", "content-length")}
    body = re.sub(rf'<link [^>]*id="{LINK_ID}">', "", response.text().replace(loader_script(), ""))
    route.fulfill(status=response.status, headers=headers, body=body)


def answering(port: int, master) -> float:
    """Seconds from gunicorn's start until it answers the page (GET / 200), polled every 50 ms."""
    import http.client
    import time

    while True:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", "/")
            if conn.getresponse().status == 200:
                return time.monotonic() - master.started_at
        except OSError:
            pass
        if master.poll() is not None:
            raise RuntimeError("gunicorn stopped")
        time.sleep(0.05)


def fresh_servers(browser) -> None:
    """A truly fresh gunicorn (shipped config), RUNS times each way: a first deployment (an empty store, nothing
    built: it migrates and seeds, and makes its assets in the background once it answers) and a restart (the
    store and the assets there); how soon it answers the page, and its first page load. Printed as it goes."""
    import os
    import tempfile

    sys.path.insert(0, str(ROOT / "bench"))
    from bench_memory import throwaway_server

    for run in range(RUNS):
        for way in ("first deployment", "restart"):
            with tempfile.TemporaryDirectory() as cache, \
                    throwaway_server(3, 2, True, cache, built=way == "restart") as (master, port, _env):
                ready = answering(port, master)
                context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True)
                drawn, styled, before_map, size, count, by_dash = visit(context, f"http://127.0.0.1:{port}/")
                context.close()
            print(f"{way} {run + 1}: answering {ready:.1f} s after start; first page: map drawn {drawn:.0f} ms,"
                  f" Dash's layer {by_dash:.0f} ms, chart {styled:.0f} ms, {size / 1024:.1f} KiB in {count} requests;"
                  f" load average {os.getloadavg()[0]:.1f}", flush=True)


def main() -> None:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        fresh_servers(browser)
        browser.close()
    httpd = make_server("127.0.0.1", 0, server, threaded=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_port}/"
    results: dict[str, list] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        warm_up = browser.new_context(bypass_csp=True)
        visit(warm_up, url)  # the server's first visit: brotli versions made in the background
        precompress.wait()
        warm_up.close()
        for _ in range(RUNS):
            for way in ("ours", "naive"):  # interleaved, so both see the same load on the machine
                context = browser.new_context(viewport={"width": 1400, "height": 900},
                                              extra_http_headers=NAIVE_ENCODINGS if way == "naive" else None,
                                              bypass_csp=True)  # string predicates need eval
                if way == "naive":
                    context.route(url, naive_page)
                results.setdefault(f"{way}, first visit (empty cache)", []).append(visit(context, url))
                if way == "ours":  # (routing a context turns its HTTP cache off: no second naive visit)
                    results.setdefault(f"{way}, second visit (cached)", []).append(visit(context, url))
                context.close()
        context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True)
        delays = [address_delays(context, url) for _ in range(RUNS)]
        context.close()
        browser.close()
    httpd.shutdown()
    print(f"first view in headless Chromium on loopback, median of {RUNS} (range)")
    for name, runs in sorted(results.items(), key=lambda item: (not item[0].startswith("ours"), item[0])):
        drawn, styled, before_map, size, count, by_dash = (statistics.median(r[i] for r in runs) for i in range(6))
        low, high = min(r[0] for r in runs), max(r[0] for r in runs)
        print(f"{name:<34} map drawn {drawn:5.0f} ms ({low:.0f}-{high:.0f})   Dash's layer {by_dash:5.0f} ms   "
              f"chart {styled:5.0f} ms   "
              f"{size / 1024:6.1f} KB over the wire in {count:.0f} requests ({before_map / 1024:.1f} KB before the map)")
    cold, warm = ([d for run in delays for d in run[half * 3:half * 3 + 3]] for half in (0, 1))
    print(f"the address follows a change of circle: median {statistics.median(cold):.0f} ms the first time "
          f"({min(cold):.0f}-{max(cold):.0f}), {statistics.median(warm):.0f} ms for views seen before "
          f"({min(warm):.0f}-{max(warm):.0f}); {RUNS} x 3 clicks each")


if __name__ == "__main__":
    main()
