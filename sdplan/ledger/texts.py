"""Texts shared by the ledger page and its exports (plain strings, no Dash)."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

from ..catalog import Target
from ..i18n import t
from ..progress import Progress
from ..units import with_unit
from .filters import Filters

BEIJING = timezone(timedelta(hours=8), "UTC+08:00")  # Asia/Shanghai: no daylight saving since 1991
STATUS_COLORS = {"met": "#009E73", "on_track": "#0072B2", "behind": "#D55E00", "no_data": "#9e9e9e",
                 "province_only": "#7f7f7f"}


def target_text(target: Target, lang: str = "zh") -> str:
    """The plan's target with its sense: '≥ 400 公里', '≤ 5.5%', '全部(100%)', '清零'."""
    return t(f"sense.{target.sense}", lang, value=with_unit(target.target, target.unit, lang))


def value_text(p: Progress, lang: str = "zh") -> str:
    """The value with unit, or 'no data'."""
    if math.isnan(p.value):
        return t("nodata", lang)
    return with_unit(p.value, p.unit, lang)


def status_text(status: str, lang: str = "zh") -> str:
    """The status label (met, on track, behind, no data, province-wide)."""
    return t("status_short.province_only" if status == "province_only" else f"status.{status}", lang)


def thrust_text(thrust: str, lang: str = "zh") -> str:
    """The thrust's name in ``lang``."""
    return t(f"thrust.{thrust}", lang)


def task_text(task: int, lang: str = "zh") -> str:
    """'任务7' / 'Task 7' ('总体目标' for the overall goal, task 0)."""
    return t("ledger_goal_task", lang) if task == 0 else t("ledger_task_no", lang, n=task)


def filters_text(filters: Filters, lang: str = "zh") -> str:
    """The filters in force, for an export's header ('全部目标' when none)."""
    parts = []
    if filters.thrust:
        parts.append(f"{t('ledger_thrust', lang)}: {thrust_text(filters.thrust, lang)}")
    if filters.dept:
        parts.append(f"{t('ledger_dept', lang)}: {filters.dept}")
    if filters.status:
        parts.append(f"{t('ledger_status', lang)}: {status_text(filters.status, lang)}")
    if filters.circle:
        parts.append(f"{t('circle', lang)}: {t(f'circle_short.{filters.circle}', lang)}")
    if filters.q:
        parts.append(f"{t('ledger_search_q', lang)}: {filters.q}")
    return "; ".join(parts) if parts else t("ledger_no_filters", lang)


def filter_items(filters: Filters, lang: str = "zh") -> list[tuple[str, str]]:
    """Every filter as (label, value in words), '全部' / 'All' where it is not set."""
    every = t("ledger_all", lang)
    return [
        (t("ledger_thrust", lang), thrust_text(filters.thrust, lang) if filters.thrust else every),
        (t("ledger_dept", lang), filters.dept or every),
        (t("ledger_status", lang), status_text(filters.status, lang) if filters.status else every),
        (t("circle", lang), t(f"circle.{filters.circle}", lang) if filters.circle else t("all_circles", lang)),
        (t("ledger_search_q", lang), filters.q or every),
    ]


def beijing(now: datetime) -> datetime:
    """``now`` on Beijing time (a naive time is taken as the machine's local time)."""
    return now.astimezone(BEIJING)


def time_text(now: datetime, lang: str = "zh") -> str:
    """'2026-11-29 17:00(北京时间)' / '2026-11-29 17:00 (Beijing time)'."""
    return t("beijing_time", lang, time=f"{beijing(now):%Y-%m-%d %H:%M}")


def provenance_text(provenance: str, lang: str = "zh") -> str:
    """'有来源' / '示例数据' / '无数据'."""
    return t({"sourced": "provenance.sourced", "sample": "provenance.sample", "no_data": "nodata"}[provenance], lang)
