"""The briefing an official files (简报): Word and PDF with the numbers written out and the change since
the comparison period.

:func:`make_briefing` is the one entry point the dashboard and the command line share: a scope, a
period and a format in, the file's bytes and a safe file name out. The content is computed once
(:mod:`.model`), written in sentences (:mod:`.summary`) and tables (:mod:`.tables`), then laid out
as a 简报 (报头 from :mod:`.masthead`) in Word (:mod:`.docx`) or PDF (:mod:`.pdf`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from ..beijing import local
from ..dataset import Dataset
from ..notes import Note
from ..tables import period_end
from .docx import docx_bytes
from .masthead import Masthead
from .model import Briefing, Scope, build_briefing, parse_scope
from .pdf import pdf_bytes

FORMATS = ("docx", "pdf")
MEDIA_TYPES = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
               "pdf": "application/pdf"}


@dataclass(frozen=True)
class BriefingFile:
    filename: str
    content: bytes
    media_type: str


def write(b: Briefing, fmt: str) -> bytes:
    """The briefing ``b`` as ``fmt`` ("docx" or "pdf")."""
    if fmt == "docx":
        return docx_bytes(b)
    if fmt == "pdf":
        return pdf_bytes(b)
    raise ValueError(f"unknown briefing format {fmt!r}; expected docx or pdf")


def filename(b: Briefing, fmt: str) -> str:
    """'briefing_province_2022-10_20261129-0900.docx' (ASCII, safe in any file system; Beijing time)."""
    period = b.period or max((s.period for s in b.sections), key=period_end, default="latest")
    return f"briefing_{b.scope.key}_{period}_{local(b.as_of):%Y%m%d-%H%M}.{fmt}"


def make_briefing(data: Dataset, scope: str | Scope | None = None, period: str | None = None,
                  compare_to: str | None = None, indicators: list[str] | None = None, fmt: str = "docx",
                  lang: str = "zh", as_of: datetime | None = None, issuer: str | None = None,
                  head: Masthead | None = None, notes: Sequence[Note] = ()) -> BriefingFile:
    """Compute and write a briefing.

    Parameters
    ----------
    data : Dataset
        The figures.
    scope : str or Scope, optional
        'province' (default), 'capital', 'jiaodong', 'lunan' or a prefecture's adcode.
    period, compare_to : str, optional
        The briefing's period and the comparison period (default: each indicator's best-covered
        period, and the one before it).
    indicators : list of str, optional
        Map indicators (default :data:`sdplan.briefing.model.DEFAULT_INDICATORS`).
    fmt : {"docx", "pdf"}
        File format.
    lang : {"zh", "en"}
        Language.
    as_of : datetime, optional
        Generation time printed in the document (fix it for identical PDFs).
    issuer : str, optional
        Issuing unit in the 报头 (default the masthead's).
    head : Masthead, optional
        The briefing's name, issue number, issuing unit and recipients (default the settings',
        see :mod:`sdplan.briefing.masthead`).
    notes : sequence of Note
        The plan's progress notes: the latest of each task or target noted in the period is a 进展情况 line.

    Returns
    -------
    BriefingFile
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown briefing format {fmt!r}; expected docx or pdf")
    chosen = scope if isinstance(scope, Scope) else parse_scope(data, scope)
    b = build_briefing(data, chosen, period, compare_to, indicators, lang, as_of, issuer, head, notes)
    return BriefingFile(filename(b, fmt), write(b, fmt), MEDIA_TYPES[fmt])
