"""The language a page is drawn in: its address's ``lang`` (Chinese by default).

Dash asks for the page's layout (``/_dash-layout``) from the page itself, so for that request the
page's address is the Referer (sent whole to the same origin under the server's Referrer-Policy,
``strict-origin-when-cross-origin``). The layout's answer therefore varies by Referer, and says so.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, has_request_context, request

from sdplan.viewstate import query_lang

LAYOUT_PATH = "/_dash-layout"


def page_lang() -> str:
    """The language of the page being drawn ("zh" outside a request, or without a page address)."""
    if not has_request_context():
        return "zh"
    if request.path == LAYOUT_PATH:
        return query_lang(urlsplit(request.referrer or "").query)
    return query_lang(request.query_string.decode("utf-8", "replace"))


def init_app(server: Flask) -> None:
    """Say that the layout varies by the page's address (a shared cache keeps one per language)."""

    @server.after_request
    def vary_by_page(response: Response) -> Response:
        if request.path == LAYOUT_PATH:
            response.vary.add("Referer")
        return response
