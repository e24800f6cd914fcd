"""How a target's progress is written, wherever it appears: cards, ledger, exports, snapshots.

Plain strings, no Dash. A partial figure always says so, with its coverage.
"""

from __future__ import annotations

import math

from .catalog import Target
from .i18n import t
from .progress import JUDGED, Progress
from .units import figure_text, with_unit

STATUS_COLORS = {"met": "#009E73", "on_track": "#0072B2", "behind": "#D55E00", "partial": "#8E7CC3", "no_data": "#9e9e9e",
                 "province_only": "#7f7f7f", "other_year": "#7f7f7f"}


def target_text(target: Target, lang: str = "zh") -> str:
    """The plan's target with its sense: '≥ 400 公里', '≤ 5.5%', '全部(100%)', '清零'."""
    return t(f"sense.{target.sense}", lang, value=with_unit(target.target, target.unit, lang))


def value_text(p: Progress, lang: str = "zh") -> str:
    """The value with its unit and the indicator's decimals, or 'no data'."""
    if math.isnan(p.value):
        return t("nodata", lang)
    return with_definition(figure_text(p.value, p.unit, lang, p.decimals, p.categories), p, lang)


def with_definition(text: str, p: Progress, lang: str = "zh") -> str:
    """A figure's text with how it was counted, where that varies: '377.2公里（地铁及有轨电车）'."""
    if p.definition is None:
        return text
    return t("value_counted", lang, value=text, definition=p.definition.name(lang))


def status_text(status: str, lang: str = "zh") -> str:
    """The status label (met, on track, behind, partial, no data, province-wide)."""
    return t("status_short.province_only" if status == "province_only" else f"status.{status}", lang)


def status_line(p: Progress, lang: str = "zh") -> str:
    """The status of ``p`` with its coverage when partial: '已达标', '部分数据 1/16'; a verdict resting on
    sample values says so: '已达标(示例数据)'."""
    word = status_text(p.status, lang)
    if p.status == "partial":
        return f"{word} {p.n_with_data}/{p.n_units}"
    if p.status in JUDGED and p.on_sample:
        return t("verdict_sample", lang, status=word)
    return word


def partial_note(p: Progress, lang: str = "zh") -> str | None:
    """What a value resting on part of its scope is: a sum of the reporting regions, or a figure from them."""
    if not p.partial:
        return None
    return t("partial_sum" if p.how in ("sum", "count_at_least") else "partial_value", lang)
