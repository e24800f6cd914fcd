"""The briefing's prose, written from the meaning of its figures (fixed templates, no language model).

Each indicator gets one paragraph that leads with its conclusion (met, on schedule, not met, not
judged, no figure), then gives the figures with the period named once and the distance to the
target in the target's own terms (差0.46个百分点, not 完成目标的99.3%), the change where both figures
are complete, and the regions behind the figure (leaders only with real values, the lowest only
where the target applies to them).

Every function takes :class:`~sdplan.progress.Progress` values as they are (status, complete,
partial, sample, target_value); none re-decides what they mean.
"""

from __future__ import annotations

import math
from collections import Counter

from ..i18n import t
from ..progress import Progress
from ..progress_text import with_definition
from ..units import format_number, with_unit
from .model import Briefing, Section
from .wording import (
    amount,
    fullwidth,
    is_year_end,
    is_zero,
    items,
    lower_first,
    period_text,
    quantity,
    source_date,
    when,
)

SUMS = ("sum", "count_at_least")
CODES = ("cohort", "status")  # category codes: no leaders
VERDICTS = ("met", "on_track", "behind", "behind_schedule", "partial", "other_year", "no_data", "province_only")
JUDGED_VERDICTS = ("met", "on_track", "behind", "behind_schedule")

__all__ = ["period_text", "scope_word", "summary", "section_paragraph", "overview", "target_clause", "lead_sentence"]


def scope_word(b: Briefing) -> str:
    """How a sentence names the scope: '全省' / 'Shandong', '胶东经济圈', '济南市'."""
    if b.scope.key == "province":
        return t("brief_province", b.lang)
    return t("brief_circle", b.lang, name=b.scope_name) if b.scope.circle else b.scope_name


def kind_word(level: str, lang: str = "zh") -> str:
    """The regions a figure counts: '设区的市' / 'prefecture-level cities', '县（市、区）'."""
    return t(f"brief_kind.{level}", lang)


def subject(p: Progress, s: Section, lang: str = "zh") -> str:
    """What a target measures, as a sentence names it: the indicator for a value target
    ('新增海绵城市面积') or a region's own value standing for a share of one ('新型智慧城市星级'), the
    target itself for a share or a count ('四星级以上新型智慧城市（县）')."""
    own = p.target.measure == "value" or p.how == "value"
    name = s.indicator.name(lang) if own else p.target.name(lang)
    return fullwidth(name, lang) if lang != "en" else lower_first(name)


def target_name(p: Progress, lang: str = "zh") -> str:
    """A target's name inside a sentence."""
    name = p.target.name(lang)
    return fullwidth(name, lang) if lang != "en" else lower_first(name)


def measure_kind(p: Progress) -> str:
    """How the figure measures its target: a value, a share or a count (a region's own value is a value)."""
    if p.how == "value":
        return "value"
    return {"share_at_least": "share", "count_at_least": "count"}.get(p.target.measure or "value", "value")


def target_level(p: Progress, s: Section) -> str:
    """The level of the regions a target's coverage counts."""
    level = p.target.level if p.target.level != "province" else s.indicator.primary_level
    return s.indicator.level_for(level)


def _value(p: Progress, lang: str) -> str:
    """The figure as GB/T 15835 writes it, with how it was counted where that varies (sdplan.meaning)."""
    return with_definition(quantity(p.value, p.unit, lang, p.decimals), p, lang)


def _target(p: Progress, lang: str) -> str:
    return with_unit(_goal(p), p.target.unit, lang)


def _goal(p: Progress) -> float:
    """The target the scope is held to (the progress says which; the plan's where it names none)."""
    return p.target.target if p.target_value is None else p.target_value


def _shown(value: float, decimals: int | None) -> float:
    """A value as it is written (differences are taken between the figures the reader sees)."""
    return round(value, decimals) if decimals is not None else value


def distance(p: Progress, lang: str = "zh") -> str:
    """Where a complete figure stands against its target, in the target's own terms:
    '距65%的目标差0.46个百分点', '完成400公里目标的94.3%', '超过80%的目标'."""
    target, sense = _target(p, lang), p.target.sense
    if p.status == "province_only":
        return ""  # the lead says the target is province-wide
    if p.status == "met":
        above = p.value > _goal(p) if sense in ("at_least", "all") else p.value < _goal(p)
        return t("brief_above" if above and sense != "zero" else "brief_reached", lang, target=target)
    if p.status == "on_track" and p.ratio is not None:
        return t("brief_share_done", lang, target=target, pct=format_number(p.ratio * 100, 1))
    if sense == "zero":
        return t("brief_not_cleared", lang, value=_value(p, lang))
    gap = amount(_shown(p.value, p.decimals) - _goal(p), p.target.unit, lang, p.decimals)
    return t("brief_over" if sense == "at_most" else "brief_short", lang, target=target, gap=gap)


def change_clause(now: Progress, before: Progress | None, lang: str = "zh") -> str:
    """', 比2021年提高0.6个百分点' between two complete figures; '' where the data cannot carry a change."""
    if before is None or before.period is None or math.isnan(before.value) or math.isnan(now.value):
        return ""
    if not (now.complete and before.complete):
        return ""
    change = _shown(now.value, now.decimals) - _shown(before.value, before.decimals)
    period = period_text(before.period, lang)
    if is_zero(change, now.unit, now.decimals):
        return t("brief_change_flat", lang, period=period)
    rate = now.unit == "percent"
    key = ("brief_change_rate_" if rate else "brief_change_") + ("up" if change > 0 else "down")
    return t(key, lang, period=period, amount=amount(change, now.unit, lang, now.decimals))


def target_clause(p: Progress, s: Section, before: Progress | None, lang: str = "zh") -> str:
    """One target's figure, its distance to the target and its change: '常住人口城镇化率为64.54%，
    距65%的目标差0.46个百分点，比2021年提高0.6个百分点'. Empty for a target without a figure."""
    if math.isnan(p.value):
        return ""
    name = subject(p, s, lang)
    if p.partial:
        one = p.n_with_data == 1
        key = ("brief_partial_sum" if p.how in SUMS else "brief_partial_value") + ("_one" if one else "")
        kind = t(f"brief_kind_one.{target_level(p, s)}", lang) if one else kind_word(target_level(p, s), lang)
        return t(key, lang, subject=name, n=p.n_with_data, kind=kind, value=_value(p, lang))
    figure = t(f"brief_fig_{measure_kind(p)}", lang, subject=name, value=_value(p, lang))
    where = distance(p, lang)
    return figure + (t("brief_sep", lang) + where if where else "") + change_clause(p, before, lang)


def verdict(p: Progress) -> str:
    """The conclusion a target's status carries: met, on schedule, not met (at a year's end) or
    behind schedule (within the year), not judged (partial), no figure, province-wide."""
    if p.status == "behind":
        return "behind" if is_year_end(p.period) else "behind_schedule"
    return p.status


def capital(text: str) -> str:
    """A sentence starting with a capital ('the Jiaodong Economic Circle has…' → 'The Jiaodong…')."""
    return text[:1].upper() + text[1:]


def lead_sentence(progress: tuple[Progress, ...], s: Section, scope: str, lang: str = "zh") -> str:
    """The section's conclusion, first: '全省常住人口城镇化率未达到目标。', '全省新型智慧城市星级4项目标中，
    3项已达到，1项未达到。'."""
    if not progress:
        return ""
    if len(progress) == 1:
        p = progress[0]
        key = f"brief_lead.{verdict(p)}"
        lead = capital(t(key, lang, scope=scope, subject=subject(p, s, lang), n=p.n_with_data, total=p.n_units,
                         kind=kind_word(target_level(p, s), lang), year=p.period[:4] if p.period else ""))
        if verdict(p) in JUDGED_VERDICTS and p.on_sample:  # the verdict itself says it rests on sample values
            return lead[:-1] + t("brief_lead_on_sample", lang) + lead[-1]
        return lead
    parts = tally(progress, lang)
    name = s.indicator.name(lang)
    key = "brief_lead_all_met" if {verdict(p) for p in progress} == {"met"} else "brief_lead_many"
    return capital(t(key, lang, scope=scope, subject=fullwidth(name, lang) if lang != "en" else lower_first(name),
                     n=len(progress), parts=items(parts, lang)))


def tally(progress: list[Progress] | tuple[Progress, ...], lang: str) -> list[str]:
    """'3项已达到（其中2项依据示例数据）': each verdict counted, those resting on sample values apart."""
    counts = Counter(verdict(p) for p in progress)
    on_sample = Counter(verdict(p) for p in progress if p.on_sample and verdict(p) in JUDGED_VERDICTS)
    parts = []
    for v in VERDICTS:
        if counts.get(v):
            part = t(f"brief_tally.{v}", lang, k=counts[v])
            if on_sample.get(v):
                part += t("brief_tally_on_sample", lang, k=on_sample[v])
            parts.append(part)
    return parts


def updates_sentence(s: Section, lang: str = "zh") -> str:
    """Later figures of part of the regions within the period's year, said as updates, never the headline:
    '2022年12月，16个设区的市中有1个更新了数据，尚不构成全省合计。'."""
    if not s.updates:
        return ""
    period, n, total = s.updates[-1]
    return t("brief_update", lang, when=period_text(period, lang), n=n, total=total,
             kind=kind_word(s.indicator.source_level(s.model.layer), lang))


def figures_sentence(s: Section, lang: str = "zh") -> str:
    """The figures of every target, the period named once: '2022年，常住人口城镇化率为64.54%，…。'."""
    previous = {p.target.id: p for p in s.previous}
    # (two targets on the same region's own value, e.g. a city's rating, say it once)
    clauses = list(dict.fromkeys(c for p in s.progress if (c := target_clause(p, s, previous.get(p.target.id), lang))))
    if not clauses:
        return ""
    return t("brief_figures", lang, when=when(s.period, lang), clauses=t("brief_semicolon", lang).join(clauses))


def regions_sentence(s: Section, lang: str = "zh") -> str:
    """The regions behind the figure: the largest with real values for a total, the highest and the
    lowest for a rate or share the regions share, the count per rank for a star rating."""
    rows = [r for r in s.rows if not math.isnan(r.value)]
    if len(s.rows) < 2 or not rows or s.unit in CODES:
        return ""
    kind = kind_word(s.model.layer, lang)
    if s.unit == "stars":
        ranks = Counter(int(round(r.value)) for r in rows)
        if len(ranks) == 1 and len(rows) == len(s.rows):
            return t("brief_ranks_all", lang, total=len(s.rows), kind=kind, rank=quantity(next(iter(ranks)), "stars", lang))
        parts = [t("brief_rank_count", lang, rank=quantity(n, "stars", lang), k=ranks[n]) for n in sorted(ranks, reverse=True)]
        return t("brief_ranks", lang, total=len(s.rows), n=len(rows), kind=kind, parts=items(parts, lang))
    named = (lambda r: t("brief_named", lang, name=r.name(lang), value=quantity(r.value, s.unit, lang, s.decimals)))
    ordered = sorted(rows, key=lambda r: -r.value)
    if s.indicator.aggregate in SUMS or s.unit == "count":
        leaders = [r for r in ordered if not is_zero(r.value, s.unit, s.decimals)][:3]
        key = "brief_leaders_count" if s.unit == "count" else "brief_leaders"
        return t(key, lang, items=items([named(r) for r in leaders], lang)) if len(leaders) > 1 else ""
    if len(rows) < 2:
        return ""
    key = "brief_range" if len(rows) == len(s.rows) else "brief_range_some"
    value = (lambda r: quantity(r.value, s.unit, lang, s.decimals))
    high, low = ordered[0], ordered[-1]
    return t(key, lang, total=len(s.rows), n=len(rows), kind=kind, high=high.name(lang), high_value=value(high),
             low=low.name(lang), low_value=value(low))


def section_sentences(s: Section, b: Briefing) -> list[str]:
    """The paragraph of one indicator as sentences: conclusion, figures, regions, sample note."""
    lang = b.lang
    sentences = [lead_sentence(s.progress, s, scope_word(b), lang), figures_sentence(s, lang)]
    if any(not math.isnan(p.value) for p in s.progress) or not s.progress:
        sentences.append(regions_sentence(s, lang))
    sentences.append(updates_sentence(s, lang))
    if s.has_sample:
        sentences.append(t("brief_sample_note", lang))
    return [x for x in sentences if x]


def paragraph(sentences: list[str], lang: str = "zh") -> str:
    """Sentences joined as an official writes them (no spaces between Chinese sentences)."""
    return ("" if lang == "zh" else " ").join(sentences)


def section_paragraph(s: Section, b: Briefing) -> str:
    return paragraph(section_sentences(s, b), b.lang)


def overview(b: Briefing) -> list[str]:
    """The 总体情况: how many targets stand where, which are not met, the data date, the sample note."""
    lang = b.lang
    progress = [p for s in b.sections for p in s.progress]
    parts = tally(progress, lang)
    sentences = [t("brief_overview", lang, scope=scope_word(b), n=len(b.sections), m=len(progress),
                   parts=items(parts, lang))] if progress else []
    short = [target_name(p, lang) for p in progress if verdict(p) in ("behind", "behind_schedule")]
    if short:
        sentences.append(t("brief_overview_behind", lang, items=items(short, lang)))
    sentences.append(t("brief_overview_date", lang, period=period_text(b.data_date, lang)))
    if b.has_sample:
        sentences.append(t("brief_overview_sample", lang))
    return [paragraph(sentences, lang)]


def summary(b: Briefing) -> list[str]:
    """The overview, then one paragraph per indicator."""
    return [*overview(b), *(section_paragraph(s, b) for s in b.sections)]


def notes_lines(b: Briefing) -> list[str]:
    """The 进展情况 lines: each task or target noted in the period, with its latest note and the note's date."""
    return [t("brief_note", b.lang, subject=name, text=note.text, date=source_date(note.noted_on, b.lang))
            for name, note in b.notes]
