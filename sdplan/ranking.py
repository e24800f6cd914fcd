"""The 16 cities ranked per target, where a comparable measure exists.

A city's figure is comparable with another's only as a share of something of its own:

- ``completion``: where any city has its own sub-target, the completion of that target (value / own
  target, :func:`sdplan.schedule.completion`); a city without one is not ranked ("no sub-target");
- ``rate``: otherwise, for a target set as a rate (a percentage: the urbanization rate, the share of a
  city's counties rated four stars), the city's own rate (highest first; lowest first for an at_most target);
- no ranking for a quantity (kilometres, households): cities of different size are not comparable by it.

Only a complete figure of the period is ranked; a city with no figure, a partial one, or (completion) no
own target is listed unranked with its reason, and the ranking says how many of the cities it covers.
Ties share the best rank (1, 2, 2, 4) and say "tied"; values equal as written (the measure's decimals)
are ties.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .catalog import Target
from .dataset import Dataset
from .i18n import t
from .ledger.rows import ledger_period
from .progress import Progress, progress
from .schedule import completion
from .units import figure_text, format_number

MEASURES = ("completion", "rate")
REASONS = ("no_data", "partial", "no_subtarget", "other_year", "no_rate")  # why a city is not ranked
DECIMALS = 1  # completion and rates are written with one decimal: values equal so written tie


@dataclass(frozen=True)
class Ranked:
    """One city in a ranking."""

    adcode: str
    names: tuple[str, str]  # (zh, en)
    value: float | None  # the measure (completion % or the rate); None unranked
    rank: int | None
    tied: bool
    reason: str | None  # why unranked: no_data, partial, no_subtarget, other_year
    sample: bool  # the figure or the city's own target is a sample value
    progress: Progress

    def name(self, lang: str = "zh") -> str:
        return self.names[1 if lang == "en" else 0]


@dataclass(frozen=True)
class Ranking:
    """The cities ranked on one target at one period."""

    target: Target
    measure: str  # one of MEASURES
    period: str | None
    rows: tuple[Ranked, ...]  # ranked first (best first), then the unranked by adcode

    @property
    def ranked(self) -> list[Ranked]:
        return [r for r in self.rows if r.rank is not None]

    def coverage_text(self, lang: str = "zh") -> str:
        """'16个设区的市中14个参与排名' — what the ranking covers."""
        return t("rank_coverage", lang, n=len(self.ranked), total=len(self.rows))


def measure_of(data: Dataset, target: Target) -> str | None:
    """The comparable measure of the cities for ``target`` (see the module's note), or None."""
    if not target.indicator:
        return None
    subtargets = data.subtargets_of(target.id)
    if subtargets["adcode"].isin(data.prefecture_codes).any():
        return "completion"
    return "rate" if target.unit == "percent" else None


def city_ranking(data: Dataset, target_id: str, period: str | None = None) -> Ranking | None:
    """The cities ranked on ``target_id`` at ``period`` (default: the ledger's period); None without a
    comparable measure."""
    target = data.catalog.target(target_id)
    measure = measure_of(data, target)
    if measure is None:
        return None
    period = period or ledger_period(data, target)
    cities = data.regions_at("prefecture")
    entries = []
    for code, zh, en in zip(cities["adcode"], cities["name_zh"], cities["name_en"]):
        p = progress(data, target_id, period, prefecture=code)
        value, reason = _measure(p, measure)
        entries.append((code, (zh, en), value, reason, p))
    if measure == "rate" and all(e[3] == "no_rate" for e in entries):
        return None  # a city's figure is no rate of its own (one city's rating): nothing to compare
    order = sorted((e for e in entries if e[2] is not None),
                   key=lambda e: round(e[2], DECIMALS), reverse=measure == "completion" or target.sense != "at_most")
    rows, previous, rank = [], None, 0
    counts: dict[float, int] = {}
    for e in order:
        counts[round(e[2], DECIMALS)] = counts.get(round(e[2], DECIMALS), 0) + 1
    for position, (code, names, value, _, p) in enumerate(order, start=1):
        key = round(value, DECIMALS)
        rank = rank if key == previous else position
        previous = key
        rows.append(Ranked(code, names, value, rank, counts[key] > 1, None, p.on_sample, p))
    rows += [Ranked(code, names, None, None, False, reason, p.on_sample, p)
             for code, names, value, reason, p in entries if value is None]
    return Ranking(target, measure, period, tuple(rows))


def _measure(p: Progress, measure: str) -> tuple[float | None, str | None]:
    if math.isnan(p.value):
        return None, "no_data"
    if p.partial:
        return None, "partial"
    if measure == "completion":
        if p.target_value is None:
            return None, "no_subtarget"
        done = completion(p)
        return (done, None) if done is not None and p.status != "other_year" else (None, "other_year")
    if p.unit != "percent":
        return None, "no_rate"
    return p.value, None


def rank_text(row: Ranked, lang: str = "zh") -> str:
    """'第2名' / '并列第2名' / '未排名(无分解目标)', marked where it rests on sample values."""
    if row.rank is None:
        return t("rank_none", lang, reason=t(f"rank_reason.{row.reason}", lang))
    text = t("rank_tied" if row.tied else "rank_nth", lang, n=row.rank)
    return t("verdict_sample", lang, status=text) if row.sample else text


def measure_text(row: Ranked, ranking: Ranking, lang: str = "zh") -> str:
    """The city's measure as written: '完成本地目标的53.3%' or the rate '66.7%'; '—' unranked."""
    if row.value is None:
        return "—"
    if ranking.measure == "completion":
        return t("rank_completion", lang, v=format_number(row.value, DECIMALS))
    return figure_text(row.value, "percent", lang, DECIMALS)
