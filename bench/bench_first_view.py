"""Bytes the browser downloads for the first view, and time until the map is drawn.

Runs the real app on a local port and opens it in headless Chromium (Playwright, /usr/bin/chromium):
a cold visit (empty cache), then a second visit in the same browser (the boundary files and scripts
come from the cache: the geometry travels once). Run: .venv/bin/python bench/bench_first_view.py
"""

from __future__ import annotations

import logging
import statistics
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from app import server  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

RUNS = 5


def visit(context, url: str) -> tuple[float, float, int, int]:
    """(ms until 16 prefectures are drawn, ms until the values are styled, bytes over the wire, requests)."""
    page = context.new_page()
    sizes: list[int] = []
    page.on("requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"]))
    page.goto(url)
    page.wait_for_function("document.querySelectorAll('.leaflet-overlay-pane path').length === 16")
    drawn = page.evaluate("performance.now()")
    page.wait_for_function("document.querySelector('#chart .bars path') !== null")
    styled = page.evaluate("performance.now()")
    page.wait_for_load_state("networkidle")
    page.close()
    return drawn, styled, sum(sizes), len(sizes)


def main() -> None:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    httpd = make_server("127.0.0.1", 0, server, threaded=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_port}/"
    cold, warm = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(RUNS):
            context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True)  # string predicates need eval
            cold.append(visit(context, url))
            warm.append(visit(context, url))
            context.close()
        browser.close()
    httpd.shutdown()
    for name, runs in (("first visit (empty cache)", cold), ("second visit (cached)", warm)):
        drawn, styled, size, count = (statistics.median(r[i] for r in runs) for i in range(4))
        print(f"{name:<26} map drawn {drawn:6.0f} ms   panel filled {styled:6.0f} ms   "
              f"{size / 1024:7.1f} KB over the wire in {count:.0f} requests")


if __name__ == "__main__":
    main()
