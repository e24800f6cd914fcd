"""The page's HTML: Dash's scripts without the two this page never needs, and what the page's address adds
to its head (the map's first view, routes/first_view.py).

Dash puts ``@babel/polyfill`` 7 first on every page: core-js 2 (ES2015-2017 for browsers without them) and
regenerator-runtime. Evaluating it took 92-173 ms of the main thread in three first views profiled in headless
Chromium on the 2-core machine (``bench/trace_first_view.py --profile``). Every browser React 18
supports has those features natively; what Dash's and dcc's bundles still call is the global
``regeneratorRuntime`` (their code-split loaders are compiled generators), so the page carries regenerator-runtime
itself (``assets/vendor/regenerator-runtime.js``, the version the polyfill bundles) and not the polyfill.

Dash also sends the DataTable's loader to every page, used or not; this dashboard draws no DataTable.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from dash import Dash

# the script tags Dash writes, each on a line: <script src="/_dash-component-suites/dash/deps/polyfill@7...">
UNUSED = re.compile(r'<script src="[^"]*/_dash-component-suites/dash/(?:deps/polyfill@|dash_table/)[^"]*"></script>\n?')


def page_scripts(scripts: str) -> str:
    """Dash's script tags for the page, less the polyfill and the DataTable's loader."""
    return UNUSED.sub("", scripts)


class TrimmedDash(Dash):
    """Dash whose page leaves out the scripts it never needs (:func:`page_scripts`) and ends its head with
    ``page_head()``, written for each page served; through Dash's documented hook for the page's HTML,
    ``interpolate_index``."""

    page_head: Callable[[], str] = staticmethod(lambda: "")

    def interpolate_index(self, **kwargs: str) -> str:
        return super().interpolate_index(**{**kwargs, "scripts": page_scripts(kwargs["scripts"]),
                                            "css": kwargs["css"] + self.page_head()})
