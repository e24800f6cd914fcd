"""Progress notes (进展情况): dated notes a lead department records on any task or target of a plan.

A note names its plan, its task (and the target, when it is about one target), the day the progress
describes and the text. Only an account of a department that leads the task or target (or an
administrator) may record one; notes are never edited, so the latest per task or target is what the
ledger shows and the others are its history. Entered on the web (``/admin/notes``), from a table
(:func:`parse_note_rows` on the rows of a file read like any upload) or the command line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime

import pandas as pd
from sqlalchemy import Engine, select

from ..catalog import Catalog
from ..errors import DataError, Problem, problem
from ..intake.cells import CONTROL_RE
from ..notes import Note
from . import models
from .auth import User
from .errors import NoteRefused

MAX_TEXT = 2000
DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def subject_leads(catalog: Catalog, task: int | None, target: str | None) -> tuple[int, tuple[str, ...]]:
    """The task number and the lead departments of a task or target of ``catalog``'s plan.

    Raises
    ------
    NoteRefused
        If the plan has no such task or target.
    """
    if target:
        found = catalog.targets.get(target)
        if found is None:
            raise NoteRefused("note_unknown_target", target=target)
        leads = found.lead_departments or (catalog.lead_departments(found.indicator) if found.indicator else ())
        return found.task, leads or _task_leads(catalog, found.task)
    if task is None or task not in catalog.tasks:
        raise NoteRefused("note_unknown_task", task="" if task is None else task)
    return task, catalog.tasks[task].lead_departments


def _task_leads(catalog: Catalog, task: int) -> tuple[str, ...]:
    return catalog.tasks[task].lead_departments if task in catalog.tasks else ()


def may_note(user: User | None, catalog: Catalog, task: int | None, target: str | None) -> bool:
    """Whether ``user`` may record progress on the task or target (a province account of a department leading
    it, or an administrator: the plan's progress is the province's; a city's or county's account reports figures)."""
    if user is None or user.regional:
        return False
    try:
        _, leads = subject_leads(catalog, task, target)
    except NoteRefused:
        return False
    return user.is_admin or (bool(user.department) and user.department in leads)


def clean_text(text: str) -> str:
    """The note's text without control characters (line breaks kept as spaces), trimmed."""
    return CONTROL_RE.sub("", str(text).replace("\r", " ").replace("\n", " ").replace("\x00", "")).strip()


def checked_note(catalog: Catalog, user: User | None, task: int | None, target: str | None, noted_on: str,
                 text: str) -> dict:
    """The row of a note once every rule holds (subject, date, text, permission); :class:`NoteRefused` otherwise."""
    number, _ = subject_leads(catalog, task, target)
    noted_on = (noted_on or "").strip()
    try:
        valid_date = bool(DATE_RE.match(noted_on)) and date.fromisoformat(noted_on) is not None
    except ValueError:
        valid_date = False
    if not valid_date:
        raise NoteRefused("note_bad_date", value=noted_on[:40])
    body = clean_text(text or "")
    if not body or len(body) > MAX_TEXT:
        raise NoteRefused("note_bad_text", n=MAX_TEXT)
    if not may_note(user, catalog, task if not target else None, target):
        raise NoteRefused("note_not_lead", subject=target or number)
    return {"plan": catalog.plan_id, "task": number, "target": target or None, "noted_on": noted_on, "text": body,
            "username": user.username, "department": user.department}


def add_notes(engine: Engine, rows: Iterable[dict], file_name: str | None = None) -> int:
    """Store checked notes (:func:`checked_note`) in one transaction; how many."""
    now = datetime.now(UTC)
    name = models.fit_file_name(file_name) if file_name else None
    records = [{**row, "created_at": now, "file_name": name} for row in rows]
    if records:
        with engine.begin() as conn:
            conn.execute(models.progress_notes.insert(), records)
    return len(records)


def add_note(engine: Engine, catalog: Catalog, user: User | None, *, task: int | None = None, target: str | None = None,
             noted_on: str, text: str) -> None:
    """Record one progress note by ``user`` on a task or target of ``catalog``'s plan (nothing on a refusal)."""
    add_notes(engine, [checked_note(catalog, user, task, target, noted_on, text)])


def read_notes(engine: Engine, plan_id: str) -> list[Note]:
    """Every note of the plan, oldest first (by the day it describes, then as recorded)."""
    table = models.progress_notes
    with engine.connect() as conn:
        rows = conn.execute(select(table).where(table.c.plan == plan_id)
                            .order_by(table.c.noted_on, table.c.id)).mappings().all()
    return [Note(r["plan"], r["task"], r["target"], r["noted_on"], r["text"], r["username"], r["department"],
                 r["created_at"], r["id"]) for r in rows]


# Column names of a notes table as officials write them -> the note's field.
NOTE_COLUMNS = {"task": ("task", "任务", "任务编号"), "target": ("target", "目标", "目标编号"),
                "noted_on": ("noted_on", "date", "日期", "进展日期"), "text": ("text", "进展情况", "进展", "progress")}


def parse_note_rows(catalog: Catalog, user: User | None, frame: pd.DataFrame, file: str) -> list[dict]:
    """The checked notes of a table (columns 任务 or 目标, 日期, 进展情况); every problem at once.

    Raises
    ------
    DataError
        Naming each unknown column or refused row (row number, column, value, why); nothing is stored.
    """
    lookup = {alias.lower(): field for field, aliases in NOTE_COLUMNS.items() for alias in aliases}
    names = [lookup.get(str(c).strip().lower()) for c in frame.columns]
    problems = [problem(file, 1, str(c), None, "note_column") for c, n in zip(frame.columns, names) if n is None]
    if not problems and not ({"noted_on", "text"} <= set(names) and {"task", "target"} & set(names)):
        problems.append(problem(file, 1, None, None, "note_column"))
    if problems:
        raise DataError(problems)
    rows = []
    for i, record in enumerate(frame.set_axis(names, axis=1).to_dict("records"), start=2):
        if not any(isinstance(v, str) and v.strip() for v in record.values()):
            continue
        task_text = str(record.get("task") or "").strip()
        try:
            task = int(task_text) if task_text else None
            rows.append(checked_note(catalog, user, task, (record.get("target") or "").strip() or None,
                                     record.get("noted_on") or "", record.get("text") or ""))
        except ValueError:
            problems.append(problem(file, i, "task", task_text, "note_task_number"))
        except NoteRefused as exc:
            problems.append(Problem(file, i, None, None, exc.message("zh"), exc.message("en")))
    if problems:
        raise DataError(problems)
    return rows


def current_notes(plan_id: str, engine: Engine | None = None) -> list[Note]:
    """The plan's notes from the store (:func:`read_notes`), or none while the database cannot be reached
    (the pages then say the store is unavailable, as they do for the figures)."""
    from sqlalchemy.exc import DBAPIError

    from .db import get_engine

    try:
        return read_notes(engine or get_engine(), plan_id)
    except DBAPIError:
        return []
