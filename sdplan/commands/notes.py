"""``sdplan note add`` and ``sdplan note import``: progress notes (进展情况) from the command line."""

from __future__ import annotations

from pathlib import Path

import click

from ..catalog import load_catalog
from ..errors import DataError
from ..intake.files import read_table
from ..store.db import open_store
from ..store.errors import NoteRefused
from ..store.notes import add_note, add_notes, parse_note_rows
from .store import LANG, _user_or_fail

PLAN = click.option("--plan", default=None, help="The plan (default: the catalog's default plan).")


def _catalog(plan: str | None):
    catalog = load_catalog()
    if plan is not None and plan not in catalog.plans:
        raise click.BadParameter(f"no plan {plan!r}; plans: {', '.join(catalog.plans)}", param_hint="--plan")
    return catalog.for_plan(plan) if plan else catalog


@click.group("note")
def note_group() -> None:
    """Record progress notes on the plan's tasks and targets."""


@note_group.command("add")
@click.option("--user", "username", required=True, help="The account recording the note.")
@click.option("--task", type=int, help="The task number (for a note on the task as a whole).")
@click.option("--target", help="The target id (for a note on one target).")
@click.option("--date", "noted_on", required=True, help="The day the progress describes, YYYY-MM-DD.")
@click.option("--text", required=True, help="The progress.")
@PLAN
@LANG
def note_add(username: str, task: int | None, target: str | None, noted_on: str, text: str, plan: str | None,
             lang: str) -> None:
    """Record one note on a task or a target."""
    engine = open_store()
    try:
        add_note(engine, _catalog(plan), _user_or_fail(engine, username), task=task, target=target, noted_on=noted_on,
                 text=text)
    except NoteRefused as exc:
        raise click.ClickException(exc.message(lang)) from None
    click.echo("1")


@note_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--user", "username", required=True, help="The account recording the notes.")
@PLAN
@LANG
def note_import(file: Path, username: str, plan: str | None, lang: str) -> None:
    """Record the notes of a table (columns 任务 or 目标, 日期, 进展情况); nothing on any problem."""
    engine = open_store()
    try:
        rows = parse_note_rows(_catalog(plan), _user_or_fail(engine, username), read_table(file.read_bytes(), file.name),
                               file.name)
    except DataError as exc:
        raise click.ClickException("\n".join(p.message(lang) for p in exc.problems)) from None
    click.echo(str(add_notes(engine, rows, file_name=file.name)))


COMMANDS = [note_group]
