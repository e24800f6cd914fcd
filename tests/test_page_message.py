"""The view callback's page message, placed in the browser: the page messages of a few views (written by
:func:`callbacks.view.render`) handed to Node, where assets/sdplan_highlight.js places them on the outputs of
the two clientside callbacks (tests/js/page_message.test.mjs), and plays the time slider."""

import json
import os
import subprocess
from pathlib import Path

from plotly.utils import PlotlyJSONEncoder
from test_map_message import node_or_skip

from callbacks.view import AFTER_MAP_PLACES, CONTROL_PLACES, PAGE_PLACES, render
from sdplan.viewstate import parse_view

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["", "?indicator=urban_rail_km&circle=capital&lang=en", "?indicator=sewer_retrofit_km&prefecture=370200"]


def test_the_browser_places_the_page_message_the_server_writes(small, tmp_path):
    node = node_or_skip()
    cases = []
    for query in QUERIES:
        view, notices = parse_view(small, query)
        message = render(small, view, notices, view, query, None, initial=True, selected=None)["page"]
        for places in (CONTROL_PLACES, PAGE_PLACES, AFTER_MAP_PLACES):
            cases.append({"message": message, "places": places})
    path = tmp_path / "messages.json"
    path.write_text(json.dumps(cases, cls=PlotlyJSONEncoder, ensure_ascii=False))
    result = subprocess.run([node, "--test", str(ROOT / "tests" / "js" / "page_message.test.mjs")],
                            env={**os.environ, "SDPLAN_PAGE_MESSAGES": str(path)}, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout and "# pass 3" in result.stdout
