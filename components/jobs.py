"""What an export control needs to follow a file made off the request threads (callbacks/jobs.py): the
export's token, a timer that asks how it goes, and the finished file's link (also a visible fallback)."""

from __future__ import annotations

from dash import dcc, html

POLL_MS = 700  # how often the page asks whether its file is ready


def job_ids(site: str) -> dict[str, str]:
    """The component ids of an export site ("export", "brief", "ledger-brief", "ledger-export")."""
    return {"job": f"{site}-job", "poll": f"{site}-poll", "file": f"{site}-file", "fetched": f"{site}-fetched"}


def job_parts(site: str) -> list:
    names = job_ids(site)
    return [dcc.Store(id=names["job"]), dcc.Store(id=names["fetched"]),
            dcc.Interval(id=names["poll"], interval=POLL_MS, disabled=True),
            html.A(id=names["file"], className="export-file", hidden=True)]
