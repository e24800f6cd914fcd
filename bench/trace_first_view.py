"""Where a first view's time goes: one page load on a truly fresh gunicorn (a restart: the shipped
gunicorn.conf.py, the store and assets made, no warm-up visit), traced in headless Chromium.

Prints, in ms from navigation: the scripts run (DOMContentLoaded), the layout and the map's answer (request
sent, body parsed), the Leaflet map created, each boundary file asked for by its GeoJSON layer, the chart
drawn, the 16 prefectures drawn; and the main thread's long tasks (> 50 ms) with their total. Times are
read in the page (``performance.now()``, a wrapped ``fetch``, a MutationObserver), so they are the page's
own, not the network's.

``--without-plotly``: plotly.js never arrives (its request is held), to see what the chart costs the map.
``--profile``: Chromium's CPU profiler runs through the load; prints the main thread's time per script (self
time, the scripts' own code; "(program)" is the browser's own work: parsing, style, layout) until the map is drawn.
Run: .venv/bin/python bench/trace_first_view.py [--runs 3] [--without-plotly] [--profile] [--query '?indicator=...']
"""

from __future__ import annotations

import argparse
import collections
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_first_view import answering  # noqa: E402
from bench_memory import throwaway_server  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

# Added to the page before its own scripts (by the browser's debugging protocol: the page's CSP does not apply).
TRACE = """
window.__trace = {marks: {}, fetches: [], longTasks: []};
new PerformanceObserver(list => list.getEntries().forEach(e => window.__trace.longTasks.push(
  [Math.round(e.startTime), Math.round(e.duration)]))).observe({type: 'longtask', buffered: true});
const pageFetch = window.fetch;
window.fetch = function (url) {
  const entry = {url: String(url).split('?')[0].replace(location.origin, ''), asked: Math.round(performance.now())};
  window.__trace.fetches.push(entry);
  return pageFetch.apply(this, arguments).then(response => {
    const read = response.json.bind(response);
    response.json = () => read().then(body => { entry.parsed = Math.round(performance.now()); return body; });
    return response;
  });
};
const seen = new MutationObserver(() => {
  const marks = window.__trace.marks, now = Math.round(performance.now());
  const once = (name, found) => { if (found && !(name in marks)) { marks[name] = now; } };
  once('leaflet map created', document.querySelector('.leaflet-container'));
  once('chart drawn', document.querySelector('#chart .bars path'));
  once('16 prefectures drawn', document.querySelectorAll('.leaflet-overlay-pane path').length >= 16);
  once("16 prefectures drawn by Dash's layer",
       document.querySelectorAll('.leaflet-overlay-pane path:not(.first-view)').length === 16);
});
document.addEventListener('DOMContentLoaded', () => {
  window.__trace.marks['scripts run (DOMContentLoaded)'] = Math.round(performance.now());
  seen.observe(document.body, {subtree: true, childList: true});
});
"""


def trace(browser, port: int, query: str, without_plotly: bool, profile: bool) -> dict:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.add_init_script(TRACE)
    page = context.new_page()
    if without_plotly:
        page.route("**/vendor/plotly*", lambda route: None)  # held: never answered
    if profile:
        cdp = context.new_cdp_session(page)
        cdp.send("Profiler.enable")
        cdp.send("Profiler.start")
    page.goto(f"http://127.0.0.1:{port}/{query}")
    page.wait_for_function("() => \"16 prefectures drawn by Dash's layer\" in window.__trace.marks", timeout=60_000)
    cpu = cdp.send("Profiler.stop")["profile"] if profile else None
    if not without_plotly:
        page.wait_for_function("() => 'chart drawn' in window.__trace.marks", timeout=60_000)
    result = page.evaluate("() => window.__trace")
    context.close()
    return {**result, "perScript": per_script(cpu, port) if cpu else None}


def per_script(profile: dict, port: int) -> list[tuple[str, float]]:
    """The main thread's self time (ms) per script in a CPU profile, most first."""
    frames = {node["id"]: node["callFrame"] for node in profile["nodes"]}
    spent: collections.Counter[str] = collections.Counter()
    for sample, delta in zip(profile["samples"], profile["timeDeltas"][1:] + [0], strict=True):
        frame = frames[sample]
        name = frame["url"].replace(f"http://127.0.0.1:{port}", "").split("?")[0] or f"({frame['functionName']})"
        spent[name] += delta / 1000
    return [(name, round(ms)) for name, ms in spent.most_common() if name != "((idle))"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--without-plotly", action="store_true")
    parser.add_argument("--profile", action="store_true", help="the main thread's time per script until the map")
    parser.add_argument("--query", default="", help="the page's query, e.g. '?indicator=urban_rail_km'")
    args = parser.parse_args()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for run in range(args.runs):
            with tempfile.TemporaryDirectory() as cache, throwaway_server(3, 2, True, cache) as (master, port, _env):
                answering(port, master)
                result = trace(browser, port, args.query, args.without_plotly, args.profile)
            events = [(ms, name) for name, ms in result["marks"].items()]
            for fetch in result["fetches"]:
                events.append((fetch["asked"], f"asked for {fetch['url']}"))
                if "parsed" in fetch:
                    events.append((fetch["parsed"], f"parsed {fetch['url']}"))
            long_tasks = result["longTasks"]
            print(f"run {run + 1} (load average {os.getloadavg()[0]:.1f}):")
            for ms, name in sorted(events):
                print(f"  {ms:6d} ms  {name}")
            print(f"  long tasks (start ms, duration ms): {long_tasks}; total {sum(d for _, d in long_tasks)} ms",
                  flush=True)
            if result["perScript"]:
                print("  main thread until the map, self time per script (ms):")
                for name, ms in result["perScript"][:12]:
                    print(f"    {ms:6.0f}  {name}")
        browser.close()


if __name__ == "__main__":
    main()
