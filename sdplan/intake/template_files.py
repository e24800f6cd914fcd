"""Import templates handed out to people: CSV (UTF-8 with BOM) or XLSX with rules that catch mistakes."""

from __future__ import annotations

from ..dataset import Dataset
from ..formulas import to_csv_bytes
from ..i18n import t
from . import template
from .template_xlsx import template_workbook_bytes


def template_bytes(indicator_id: str, fmt: str = "csv", data: Dataset | None = None, lang: str = "zh") -> bytes:
    """An indicator's import template as CSV (UTF-8 with BOM) or XLSX bytes.

    Parameters
    ----------
    indicator_id : str
    fmt : {"csv", "xlsx"}
        XLSX carries drop-downs and rules that catch mistakes while it is filled in, and instructions.
    data : Dataset, optional
        When given, each region's row carries its current sourced figure, to be edited.
    lang : {"zh", "en"}
        Language of the column headers (Chinese by default; the import accepts both).

    Returns
    -------
    bytes
    """
    frame = template.template_frame(indicator_id, data)
    if fmt == "csv":
        return to_csv_bytes(frame.set_axis([t(f"template_column.{c}", lang) for c in template.TEMPLATE_ORDER], axis=1))
    if fmt != "xlsx":
        raise ValueError(f"unknown template format {fmt!r}; expected csv or xlsx")
    return template_workbook_bytes(frame, indicator_id, lang, prefilled=bool(frame["value"].notna().any()))
