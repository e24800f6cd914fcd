"""The address of the page being drawn (its language is its query's ``lang``: ``sdplan.viewstate.query_lang``).

Dash asks for the page's layout (``/_dash-layout``) from the page itself, so for that request the
page's address is the Referer (sent whole to the same origin under the server's Referrer-Policy,
``strict-origin-when-cross-origin``). The layout's answer therefore varies by Referer, and says so.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, has_request_context, request

LAYOUT_PATH = "/_dash-layout"


def page_address() -> tuple[str, str]:
    """The path and query (with its "?", or "") of the page being drawn (("/", "") outside a request)."""
    if not has_request_context():
        return "/", ""
    if request.path == LAYOUT_PATH:
        address = urlsplit(request.referrer or "")
        path, query = address.path or "/", address.query
    else:
        path, query = request.path, request.query_string.decode("utf-8", "replace")
    return path, f"?{query}" if query else ""


def init_app(server: Flask) -> None:
    """Say that the layout varies by the page's address (a shared cache keeps one per language)."""

    @server.after_request
    def vary_by_page(response: Response) -> Response:
        if request.path == LAYOUT_PATH:
            response.vary.add("Referer")
        return response
