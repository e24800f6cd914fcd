"""The progress-notes pages (进展情况): record a dated note on a task or target, import a table of them, read them.

Reading needs no account; recording needs one whose department leads the task or target (or an administrator):
the store checks it (:mod:`sdplan.store.notes`), and the form offers only what the account may note.
"""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask.typing import ResponseReturnValue

from sdplan.catalog import Catalog, load_catalog
from sdplan.errors import DataError
from sdplan.i18n import t
from sdplan.intake.files import read_table
from sdplan.ledger.texts import task_text
from sdplan.store.db import get_engine
from sdplan.store.errors import NoteRefused
from sdplan.store.notes import add_note, add_notes, may_note, parse_note_rows, read_notes

from .pages import blueprint, lang, me, page, signed_in
from .views import MAX_NOTE, _file_name, clean_text


def _catalog() -> Catalog:
    """The catalog with the plan the request names (``plan``), the default plan otherwise."""
    catalog = load_catalog()
    chosen = request.values.get("plan")
    return catalog.for_plan(chosen) if chosen in catalog.plans else catalog


def _subjects(catalog: Catalog) -> list[dict]:
    """What the account may note: each task, then its targets, as (value, label)."""
    language, user, found = lang(), me(), []
    for task in sorted(catalog.tasks.values(), key=lambda k: k.number):
        if may_note(user, catalog, task.number, None):
            found.append({"value": f"task:{task.number}", "label": f"{task_text(task.number, language)} {task.name(language)}"})
        for target in (x for x in catalog.targets.values() if x.task == task.number):
            if may_note(user, catalog, None, target.id):
                found.append({"value": f"target:{target.id}", "label": f"— {target.name(language)}"})
    return found


def notes_page(status: int = 200, **context) -> ResponseReturnValue:
    catalog, language = _catalog(), lang()
    names = {("target", k): v.name(language) for k, v in catalog.targets.items()}
    names |= {("task", str(k)): f"{task_text(k, language)} {v.name(language)}" for k, v in catalog.tasks.items()}
    notes = [{"subject": names.get(n.subject, n.subject[1]), "date": n.noted_on, "text": n.text,
              "department": n.department or ""} for n in reversed(read_notes(get_engine(), catalog.plan_id))]
    plans = [{"id": p.id, "title": p.title(language)} for p in catalog.plans.values()]
    return page("notes.html", status, plan=catalog.plan_id, plans=plans, subjects=_subjects(catalog) if me() else [],
                notes=notes, max_text=2000, **context)


@blueprint.get("/notes")
def show_notes() -> ResponseReturnValue:
    return notes_page()


@blueprint.post("/notes")
@signed_in
def record_note() -> ResponseReturnValue:
    catalog = _catalog()
    kind, _, key = (request.form.get("subject") or "").partition(":")
    try:
        task = int(key) if kind == "task" and key.isdigit() else None
        if kind not in ("task", "target") or (kind == "task" and task is None):
            raise NoteRefused("note_unknown_task", task=clean_text(key, 40))
        add_note(get_engine(), catalog, me(), task=task, target=key if kind == "target" else None,
                 noted_on=request.form.get("noted_on") or "", text=request.form.get("text") or "")
    except NoteRefused as exc:
        return notes_page(403 if exc.key == "note_not_lead" else 400, error=exc.message(lang()))
    flash(t("admin_notes_saved", lang()))
    return redirect(url_for("admin.show_notes", plan=catalog.plan_id))


@blueprint.post("/notes/upload")
@signed_in
def import_notes() -> ResponseReturnValue:
    catalog = _catalog()
    file = request.files.get("file")
    if file is None or not file.filename:
        return notes_page(400, error=t("admin_no_file", lang()))
    name = _file_name(file.filename)
    try:
        rows = parse_note_rows(catalog, me(), read_table(file.read(), name), name)
    except DataError as exc:
        return notes_page(400, problems=[p.message(lang()) for p in exc.problems])
    n = add_notes(get_engine(), rows, file_name=clean_text(name, MAX_NOTE))
    flash(t("admin_notes_imported", lang(), n=n))
    return redirect(url_for("admin.show_notes", plan=catalog.plan_id))
