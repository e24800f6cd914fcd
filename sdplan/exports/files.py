"""The files the dashboard exports, each made from a view's or the ledger's query: map snapshots, briefings
and the ledger. Run in the export process (:mod:`sdplan.exports`), never in a request thread: this module
imports matplotlib, python-docx and openpyxl, which a dashboard worker does not hold.

Each maker returns a :class:`Made` file or raises :class:`Refused` with a message in the page's language.
"""

from __future__ import annotations

import logging
from datetime import datetime

from .. import beijing
from ..as_of import moment_banner
from ..briefing import make_briefing
from ..briefing.model import DEFAULT_INDICATORS, Scope
from ..data_as_of import dataset_for, query_day
from ..dataset import Dataset
from ..i18n import t
from ..ledger.export import FORMATS, export_bytes, export_filename
from ..ledger.filters import parse_filters
from ..ledger.rows import ledger_rows, task_rows
from ..snapshot import SnapshotRequestError, snapshot, view_from_query
from ..store.notes import current_notes
from ..store.outage import StoreUnavailable
from ..viewstate import query_lang
from .made import Made, Refused

log = logging.getLogger(__name__)


def _current(query: str | None) -> Dataset:
    """The figures a file of ``query`` is made from: the current ones (never the last read), or those as of the
    query's date; or a refusal saying why not."""
    try:
        data, _, refused = dataset_for(query_day(query), served=False)
    except StoreUnavailable:
        raise Refused(t("store_unavailable", query_lang(query))) from None
    if refused:
        raise Refused(refused[0].message(query_lang(query)))
    return data


def snapshot_file(query: str | None, fmt: str, orientation: str) -> Made:
    """The map page's view as a PDF, PNG or SVG snapshot."""
    data = _current(query)
    view = view_from_query(data, query, strict=False)
    try:
        shot = snapshot(data, view, fmt or "pdf", orientation=orientation or "landscape")
    except SnapshotRequestError as exc:
        raise Refused(t("snapshot_failed", view.lang, error=exc)) from None
    except Exception as exc:  # never crash the page: report and log
        log.exception("snapshot failed for %r", query)
        raise Refused(t("snapshot_failed", view.lang, error=type(exc).__name__)) from None
    return Made(shot.filename, shot.media_type, shot.content)


def _briefing(data: Dataset, scope: Scope, period: str | None, indicators: list[str], fmt: str, lang: str) -> Made:
    try:
        made = make_briefing(data, scope, period, None, indicators, fmt or "docx", lang,
                             notes=current_notes(data.catalog.plan_id))
    except Exception as exc:  # never crash the page: report and log
        log.exception("briefing failed for %r", scope)
        raise Refused(t("brief_failed", lang, error=type(exc).__name__)) from None
    return Made(made.filename, made.media_type, made.content)


def map_briefing_file(query: str | None, fmt: str) -> Made:
    """The briefing for the map's view: its scope, its period, its indicator first."""
    data = _current(query)
    view = view_from_query(data, query, strict=False)
    scope = Scope(prefecture=view.prefecture) if view.prefecture else Scope(circle=view.circle)
    indicators = list(dict.fromkeys([view.indicator, *DEFAULT_INDICATORS]))[:len(DEFAULT_INDICATORS)]
    return _briefing(data, scope, view.period, indicators, fmt, view.lang)


def ledger_briefing_file(query: str | None, fmt: str) -> Made:
    """The briefing for the ledger's circle (the province without one)."""
    data = _current(query)
    filters, _ = parse_filters(data.catalog, query)
    return _briefing(data, Scope(circle=filters.circle), None, list(DEFAULT_INDICATORS), fmt, filters.lang)


def ledger_file(query: str | None, fmt: str, base_url: str | None = None, now: datetime | None = None) -> Made:
    """The ledger of the query's filters as XLSX or PDF; its map links start with ``base_url`` (the address
    the person reached the dashboard at; None: the ``SDPLAN_BASE_URL`` setting)."""
    data = _current(query)
    filters, _ = parse_filters(data.catalog, query)
    data = data.for_plan(filters.plan)
    notes = current_notes(data.catalog.plan_id)
    now = now or beijing.now()
    try:
        content = export_bytes(ledger_rows(data, filters, notes), filters, fmt, now, base_url,
                               task_rows(data, filters, notes), moment_banner(data.as_of, filters.lang))
    except Exception as exc:  # never crash the page: say so, and log it
        log.exception("ledger export failed for %r", query)
        raise Refused(t("ledger_export_failed", filters.lang, error=type(exc).__name__)) from None
    return Made(export_filename(fmt, now), FORMATS.get(fmt, "application/octet-stream"), content)


def circular_file(lang: str, fmt: str) -> Made:
    """The circular (通报) of the province's ledger, as DOCX or PDF, from the current figures."""
    from ..briefing import circular
    from ..briefing.masthead import masthead

    data = _current(None)
    made = circular.build_circular(data, lang, head=masthead(name=t("circular_name", lang)))
    return Made(circular.filename(made, fmt), circular.FORMATS[fmt], circular.circular_bytes(made, fmt))


MAKERS = {"snapshot": snapshot_file, "map_briefing": map_briefing_file, "ledger_briefing": ledger_briefing_file,
          "ledger": ledger_file, "circular": circular_file}
