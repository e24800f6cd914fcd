"""The briefing's tables as plain text cells, shared by the Word and the PDF writers.

A missing value is "—" (never 0); a change is given only where both periods have a value.
"""

from __future__ import annotations

import math

from ..i18n import t
from ..progress import JUDGED
from ..progress_text import status_text, target_text, value_text
from ..translations import in_language
from ..units import format_number, unit_label
from .model import Briefing, Section
from .wording import fullwidth, period_text, source_date

DASH = "—"
LEDGER_STATUSES = ("met", "on_track", "behind", "partial", "no_data")
Table = tuple[list[str], list[list[str]]]  # head, rows


def _number(value: float | None, decimals: int | None) -> str:
    return DASH if value is None or math.isnan(value) else format_number(value, decimals)


def _signed(value: float | None, decimals: int | None) -> str:
    if value is None:
        return DASH
    text = format_number(value, decimals)
    return text if text.startswith("-") or text == format_number(0, decimals) else "+" + text


def section_table(s: Section, lang: str = "zh") -> Table:
    """Region, value at the period, at the comparison period and the change (when there is a comparison
    period), and the provenance; the unit is in the heads."""
    unit = unit_label(s.unit, lang)
    with_unit = (lambda head: t("brief_with_note", lang, text=head, note=unit) if unit else head)
    head = [t("region", lang), with_unit(period_text(s.period, lang))]
    change_unit = unit_label("pct_points", lang) if s.is_rate else unit
    change_decimals = 1 if s.is_rate else s.decimals
    if s.compare_to:
        head += [with_unit(period_text(s.compare_to, lang)),
                 t("brief_with_note", lang, text=t("brief_col_change", lang), note=change_unit) if change_unit
                 else t("brief_col_change", lang)]
    head.append(t("provenance", lang))
    rows = []
    for r in s.rows:
        cells = [r.name(lang), _number(r.value, s.decimals)]
        if s.compare_to:
            cells += [_number(r.previous, s.decimals), _signed(r.change, change_decimals)]
        cells.append(t(f"provenance.{r.provenance}", lang) if r.provenance in ("sourced", "sample", "mixed")
                     else t("nodata", lang))
        rows.append(cells)
    return head, rows


def ledger_counts(b: Briefing) -> Table:
    """Targets per thrust and status (met, on track, behind, partial, no data), with totals."""
    lang = b.lang
    head = [t("brief_col_thrust", lang), *(status_text(s, lang) for s in LEDGER_STATUSES), t("brief_col_total", lang)]
    thrusts = list(dict.fromkeys(p.target.thrust for p in b.ledger))
    rows = []
    for thrust in [*thrusts, None]:
        chosen = [p for p in b.ledger if thrust is None or p.target.thrust == thrust]
        counts = [sum(1 for p in chosen if _bucket(p.status) == s) for s in LEDGER_STATUSES]
        label = t(f"thrust.{thrust}", lang) if thrust else t("brief_col_total", lang)
        rows.append([label, *map(str, counts), str(len(chosen))])
    return head, rows


def _bucket(status: str) -> str:
    """A province-wide target the scope only contributes to is counted with "no data" for its own status."""
    return status if status in (*JUDGED, "partial") else "no_data"


def behind_table(b: Briefing) -> Table:
    """The targets behind, with their value, target and lead departments."""
    lang = b.lang
    head = [t("ledger_target_name", lang), t("brief_col_value_now", lang), t("brief_col_target", lang),
            t("lead", lang)]
    rows = [[fullwidth(p.target.name(lang), lang),
             t("brief_with_note", lang, text=value_text(p, lang), note=period_text(p.period, lang)) if p.period
             else value_text(p, lang),
             target_text(p.target, lang),
             t("enum_sep", lang).join(in_language(d, lang) for d in b.lead_departments(p.target.id))]
            for p in b.ledger if p.status == "behind"]
    return head, rows


def source_lines(b: Briefing) -> list[str]:
    """Each source with its date, then the sample-data note when any figure is a sample."""
    lang = b.lang
    lines = [t("brief_source_dated", lang, title=fullwidth(in_language(title, lang), lang), date=source_date(date, lang))
             if date else fullwidth(in_language(title, lang), lang) for title, date in b.sources()]
    if b.has_sample:
        lines.append(fullwidth(t("sample_source", lang), lang))
    return lines or [t("snapshot_no_sources", lang)]


def title(b: Briefing) -> str:
    """The document's title."""
    return t("brief_title", b.lang, scope=b.scope_name)
