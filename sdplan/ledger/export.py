"""The ledger as files for people: an XLSX workbook or an A4 PDF briefing (pure: rows -> bytes)."""

from __future__ import annotations

from datetime import datetime

from ..beijing import local
from ..settings import load_settings
from .filters import Filters
from .pdf import pdf_bytes
from .rows import LedgerRow, TaskRow
from .xlsx import xlsx_bytes

FORMATS = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "pdf": "application/pdf"}


def export_filename(fmt: str, now: datetime) -> str:
    """'sdplan-ledger-20261129-0900.xlsx': the export time in Beijing."""
    return f"sdplan-ledger-{local(now):%Y%m%d-%H%M}.{fmt}"


def export_bytes(rows: list[LedgerRow], filters: Filters, fmt: str, now: datetime, base_url: str | None = None,
                 tasks: list[TaskRow] = (), version: str | None = None) -> bytes:
    """The ledger as ``fmt`` ("xlsx" or "pdf").

    Parameters
    ----------
    rows : list of LedgerRow
        From :func:`sdplan.ledger.rows.ledger_rows` for ``filters``.
    filters : Filters
        Printed in the file so a reader knows what was left out.
    fmt : {"xlsx", "pdf"}
    now : datetime
        The export time, printed on Beijing time (Asia/Shanghai).
    base_url : str, optional
        Where the dashboard is reached, for the workbook's absolute map links (a web download passes
        the request's host URL); default the ``SDPLAN_BASE_URL`` setting.
    tasks : list of TaskRow
        From :func:`sdplan.ledger.rows.task_rows`: the tasks that set no number, placed among the targets.
    version : str, optional
        Drawn from a past version of the data: its banner (:func:`sdplan.as_of.moment_banner`), printed at the top.

    Returns
    -------
    bytes
    """
    now = local(now)
    if fmt == "xlsx":
        return xlsx_bytes(rows, filters, now, base_url or load_settings().base_url, list(tasks), version)
    if fmt == "pdf":
        return pdf_bytes(rows, filters, now, list(tasks), version)
    raise ValueError(f"unknown ledger export format {fmt!r}; expected xlsx or pdf")
