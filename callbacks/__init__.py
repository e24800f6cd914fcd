"""Dash callbacks, registered with ``dash.callback`` when these modules are imported (by app.py)."""

from . import export, highlight, ledger, nav, view  # noqa: F401
