"""The README's screenshot: the real app in headless Chromium, saved as docs/screenshot.png.

Serves the app (a fresh store in a temporary folder, seeded from the bundled tables) on a free local port,
opens a view in Debian's Chromium at 1400 x 900 and waits until the map, the chart and the legend are drawn.
Run: .venv/bin/python scripts/screenshot.py [--query '?indicator=urbanization_rate'] [--out docs/screenshot.png]
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--query", default="?indicator=urbanization_rate")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot.png")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sdplan-screenshot-") as store:
        os.environ["DATABASE_URL"] = f"sqlite:///{store}/sdplan.sqlite"
        sys.path.insert(0, str(ROOT))
        from playwright.sync_api import sync_playwright
        from werkzeug.serving import make_server

        from app import create_server

        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        httpd = make_server("127.0.0.1", 0, create_server(), threaded=True)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 900}, locale="zh-CN")
            page.goto(f"http://127.0.0.1:{httpd.server_port}/{args.query}")
            page.wait_for_selector(".leaflet-overlay-pane path", state="attached")
            page.wait_for_selector("#chart .bars path", state="attached")
            page.wait_for_selector(".legend-title")
            page.wait_for_load_state("networkidle")
            args.out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.out))
            browser.close()
        httpd.shutdown()
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
