"""The "生成简报" control: a format choice (Word or PDF), the button, a progress line and the download."""

from __future__ import annotations

from dash import dcc, html

from sdplan.i18n import t

from .jobs import job_parts

FORMAT_OPTIONS = [{"label": "Word", "value": "docx"}, {"label": "PDF", "value": "pdf"}]


def create_briefing_control(lang: str, names: dict[str, str]) -> html.Div:
    """The control in ``lang``; ``names`` are its component ids (``ids.MAP_BRIEF`` or ``ids.LEDGER_BRIEF``)."""
    return html.Div(
        [
            html.Div(
                [
                    dcc.RadioItems(id=names["format"], options=FORMAT_OPTIONS, value="docx", className="segmented",
                                   inline=True),
                    html.Button(t("brief_button", lang), id=names["button"], className="export-button brief-button",
                                n_clicks=0),
                ],
                style={"display": "flex", "gap": "6px", "alignItems": "center"},
            ),
            html.Div(t("brief_running", lang), id=names["progress"], className="notice brief-progress", hidden=True,
                     role="status"),
            html.Div(id=names["notice"], className="notice", role="status"),
            *job_parts(names["site"]),
        ],
        className="control export-control brief-control",
    )
