"""Dash callbacks, registered with ``dash.callback`` when these modules are imported (by app.py).

``pages`` draws the page the path names and keeps the navigation in the address's language;
each page then reads its own address: ``view`` (the map page), ``ledger`` (the ledger page).
``export`` makes briefing snapshots, ``briefing`` the briefing documents; ``highlight`` links chart,
table and map in the browser; ``region_path`` draws the selected region's values over the years;
``ui`` opens the controls drawer and folds the legend (in the browser).
"""

from . import briefing, export, highlight, ledger, pages, region_path, ui, view  # noqa: F401
