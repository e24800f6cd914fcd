"""The briefing snapshot control: format (PDF/PNG/SVG), A4 orientation, download button."""

from __future__ import annotations

from dash import dcc, html

from sdplan.i18n import t

from . import ids
from .jobs import job_parts

FORMAT_OPTIONS = [{"label": "PDF", "value": "pdf"}, {"label": "PNG", "value": "png"}, {"label": "SVG", "value": "svg"}]


def text(key: str, lang: str) -> str:
    """The control's word ``key`` ("label", "button", "failed"): ``t("snapshot_<key>")``."""
    return t(f"snapshot_{key}", lang)


def orientation_options(lang: str) -> list[dict]:
    return [{"label": t(f"orientation.{k}", lang), "value": k} for k in ("landscape", "portrait")]


def create_export(lang: str = "zh") -> html.Div:
    """The control, labelled in ``lang`` (callbacks/export.py follows the URL's language)."""
    return html.Div(
        [
            html.Label(text("label", lang), id=ids.EXPORT_LABEL, htmlFor=ids.EXPORT_FORMAT),
            html.Div(
                [
                    dcc.RadioItems(id=ids.EXPORT_FORMAT, options=FORMAT_OPTIONS, value="pdf", className="segmented",
                                   inline=True),
                    dcc.RadioItems(id=ids.EXPORT_ORIENTATION, options=orientation_options(lang), value="landscape",
                                   className="segmented", inline=True),
                    html.Button(text("button", lang), id=ids.EXPORT_BUTTON, className="export-button", n_clicks=0),
                ],
                className="export-row",
            ),
            html.Div(id=ids.EXPORT_NOTICE, className="notice", role="status"),
            *job_parts(ids.EXPORT_SITE),
        ],
        className="control export-control",
    )
