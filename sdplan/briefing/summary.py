"""The briefing's sentences, written from its model by fixed templates (no language model).

Every number comes from the :class:`~sdplan.briefing.model.Briefing` (the same progress and map
model as the screen); every figure resting on part of its scope says so with its coverage (n of N)
and is never judged against the target; a change is given only between two complete figures.
"""

from __future__ import annotations

import calendar
import math

from ..i18n import t
from ..progress import Progress
from ..progress_text import status_text
from ..units import format_number, with_unit
from .model import Briefing, Section

SUMS = ("sum", "count_at_least")
CODES = ("cohort", "status")  # category codes: no highest or lowest


def period_text(period: str | None, lang: str = "zh") -> str:
    """'2022年10月' / 'October 2022', '2022年' / '2022', '2022年第3季度' / 'Q3 2022'."""
    if not period:
        return "—"
    year, _, part = period.partition("-")
    if not part:
        return t("brief_period_year", lang, year=year)
    if part.startswith("Q"):
        return t("brief_period_quarter", lang, year=year, q=part[1:])
    month = int(part)
    return t("brief_period_month", lang, year=year, month=calendar.month_name[month] if lang == "en" else month)


def scope_word(b: Briefing) -> str:
    """How a sentence names the scope: '全省', '省会经济圈', '济南市'."""
    if b.scope.key == "province":
        return t("brief_province", b.lang)
    return b.scope_name


def _target(p: Progress, lang: str) -> str:
    return with_unit(p.target.target, p.target.unit, lang)


def target_sentence(p: Progress, scope: str, lang: str = "zh") -> str:
    """Where one target stands for the scope, with its coverage when partial."""
    period, name = period_text(p.period, lang), p.target.name(lang)
    value = with_unit(p.value, p.unit, lang, p.decimals) if not math.isnan(p.value) else ""
    if math.isnan(p.value):
        return t("brief_no_data", lang, period=period, scope=scope, name=name)
    if p.partial:
        key = "brief_partial_sum" if p.how in SUMS else "brief_partial_value"
        return t(key, lang, period=period, scope=scope, name=name, value=value, n=p.n_with_data, total=p.n_units)
    if p.status == "province_only":
        state = t("brief_toward", lang, target=_target(p, lang))
    else:
        state = status_text(p.status, lang)
        state = state.lower() if lang == "en" else state
        if p.ratio is not None:
            done = t("brief_done", lang, target=_target(p, lang), pct=format_number(p.ratio * 100, 1))
            state = t("brief_sep", lang).join([done, state]) if p.status != "met" else t("brief_sep", lang).join(
                [state, done])
    return t("brief_complete", lang, period=period, scope=scope, name=name, value=value, state=state)


def regions_sentence(s: Section, lang: str = "zh") -> str | None:
    """The regions behind the figure: the largest three of a total, else the highest and the lowest, with
    the coverage."""
    rows = [r for r in s.rows if not math.isnan(r.value)]
    if not rows or s.unit in CODES:
        return None
    ordered = sorted(rows, key=lambda r: -r.value)
    item = (lambda r: f"{r.name(lang)}{'' if lang == 'zh' else ' '}{with_unit(r.value, s.unit, lang, s.decimals)}")
    if len(s.rows) == 1:
        return None
    if s.indicator.aggregate == "sum":
        return t("brief_among", lang, items=t("enum_sep", lang).join(item(r) for r in ordered[:3]))
    if len(rows) < 2:
        return t("brief_coverage", lang, n=len(rows), total=len(s.rows))
    return t("brief_range", lang, n=len(rows), total=len(s.rows), high=item(ordered[0]), low=item(ordered[-1]))


def change_sentence(now: Progress, before: Progress | None, lang: str = "zh") -> str:
    """The change of a target's figure since the comparison period, or why there is none."""
    if before is None or before.period is None:
        return t("brief_no_compare", lang)
    period = period_text(before.period, lang)
    if math.isnan(before.value) or not before.complete:
        return t("brief_change_incomplete", lang, period=period, n=before.n_with_data, total=before.n_units)
    if math.isnan(now.value) or not now.complete:
        return t("brief_change_incomplete", lang, period=period_text(now.period, lang), n=now.n_with_data,
                 total=now.n_units)
    change = now.value - before.value
    before_text = with_unit(before.value, before.unit, lang, before.decimals)
    rate = now.unit == "percent"
    amount = with_unit(abs(change), "pct_points" if rate else now.unit, lang, 1 if rate else now.decimals)
    if amount == with_unit(0, "pct_points" if rate else now.unit, lang, 1 if rate else now.decimals):
        return t("brief_change_flat", lang, period=period, before=before_text)
    key = ("brief_change_rate_" if rate else "brief_change_") + ("up" if change > 0 else "down")
    return t(key, lang, period=period, before=before_text, amount=amount)


def section_sentences(s: Section, b: Briefing) -> list[str]:
    """The paragraph of one indicator: each target's standing and change, its regions, the sample note."""
    lang, scope = b.lang, scope_word(b)
    sentences = []
    previous = {p.target.id: p for p in s.previous}
    for p in s.progress:
        sentences.append(target_sentence(p, scope, lang))
        if s.compare_to:
            sentences.append(change_sentence(p, previous.get(p.target.id), lang))
    if not s.progress:
        sentences.append(t("brief_no_data", lang, period=period_text(s.period, lang), scope=scope,
                           name=s.indicator.name(lang)) if all(math.isnan(r.value) for r in s.rows) else "")
    regions = regions_sentence(s, lang)
    if regions:
        sentences.append(regions)
    if s.has_sample:
        sentences.append(t("brief_sample_note", lang))
    return [x for x in sentences if x]


def paragraph(sentences: list[str], lang: str = "zh") -> str:
    """Sentences joined as an official writes them (no spaces between Chinese sentences)."""
    return ("" if lang == "zh" else " ").join(sentences)


def summary(b: Briefing) -> list[str]:
    """The summary: one paragraph per indicator."""
    return [paragraph(section_sentences(s, b), b.lang) for s in b.sections]
