"""Texts of the ledger page and its exports (plain strings, no Dash): thrusts, tasks, filters, provenance."""

from __future__ import annotations

from ..i18n import t
from ..notes import Note
from ..progress import Progress
from ..progress_text import status_line, status_text
from ..translations import in_language
from .filters import Filters


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
        parts.append(t("labelled", lang, label=t("ledger_thrust", lang), value=thrust_text(filters.thrust, lang)))
    if filters.dept:
        parts.append(t("labelled", lang, label=t("ledger_dept", lang), value=in_language(filters.dept, lang)))
    if filters.status:
        parts.append(t("labelled", lang, label=t("ledger_status", lang), value=status_text(filters.status, lang)))
    if filters.circle:
        parts.append(t("labelled", lang, label=t("circle", lang), value=t(f"circle_short.{filters.circle}", lang)))
    if filters.q:
        parts.append(t("labelled", lang, label=t("ledger_search_q", lang), value=filters.q))
    return t("list_sep", lang).join(parts) if parts else t("ledger_no_filters", lang)


def filter_items(filters: Filters, lang: str = "zh") -> list[tuple[str, str]]:
    """Every filter as (label, value in words), '全部' / 'All' where it is not set."""
    every = t("ledger_all", lang)
    return [
        (t("ledger_thrust", lang), thrust_text(filters.thrust, lang) if filters.thrust else every),
        (t("ledger_dept", lang), in_language(filters.dept, lang) if filters.dept else every),
        (t("ledger_status", lang), status_text(filters.status, lang) if filters.status else every),
        (t("circle", lang), t(f"circle.{filters.circle}", lang) if filters.circle else t("all_circles", lang)),
        (t("ledger_search_q", lang), filters.q or every),
    ]


def provenance_text(provenance: str, lang: str = "zh") -> str:
    """'有来源' / '示例数据' / '无数据'."""
    return t({"sourced": "provenance.sourced", "sample": "provenance.sample", "no_data": "ledger_not_reported"}[provenance],
             lang)


def leads_text(departments: tuple[str, ...], lang: str = "zh") -> str:
    """Lead departments in ``lang``, joined as a list ('省住房城乡建设厅、省能源局')."""
    return t("enum_sep", lang).join(in_language(d, lang) for d in departments)


def ledger_status_text(p: Progress, lang: str = "zh") -> str:
    """The ledger's status: '未报送' for a target without a figure of its year, else :func:`status_line`."""
    return t("ledger_not_reported", lang) if p.status == "no_data" else status_line(p, lang)


def awaiting_text(departments: tuple[str, ...], lang: str = "zh") -> str:
    """Who is to report a missing figure: '待省大数据局报送' / 'Awaiting …'; '未报送' where the plan names no one."""
    return t("ledger_awaiting", lang, lead=leads_text(departments, lang)) if departments else t("ledger_not_reported", lang)


def note_text(note: Note, lang: str = "zh") -> str:
    """A progress note with its date: '2022-06-30:已开工…'."""
    return t("ledger_note_line", lang, date=note.noted_on, text=note.text)


def latest_note_text(notes: tuple[Note, ...], lang: str = "zh") -> str:
    """The latest note with its date, or '' (notes newest first)."""
    return note_text(notes[0], lang) if notes else ""
