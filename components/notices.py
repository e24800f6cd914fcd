"""Notices (why the page shows something other than what its address asked for): one line each.

A list of bare strings would run together in the page ("…instead.The link's…"): each message is
its own paragraph instead.
"""

from __future__ import annotations

from dash import html


def notice_lines(messages: list[str] | None) -> list[html.P] | None:
    """Each message as its own line of a notice; None (an empty notice) without any."""
    return [html.P(message, className="notice-line") for message in messages] if messages else None
