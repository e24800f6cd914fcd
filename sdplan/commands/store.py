"""Store commands: ``sdplan import``, ``history``, ``rollback``, ``template``, ``user add/remove/list``,
``backup`` and ``restore``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click
from sqlalchemy import Engine

from ..beijing import stored
from ..errors import DataError, problem
from ..intake.cells import MAX_BYTES
from ..intake.figure_files import parse_import
from ..intake.template_files import template_bytes
from ..store.auth import User, add_user, get_user, list_users, remove_user
from ..store.backup import BackupError, backup, backup_into, restore
from ..store.batches import rollback_batch
from ..store.current import history
from ..store.db import get_engine, open_store
from ..store.errors import AlreadyRolledBack, BatchNotFound, ConflictError, PermissionDenied, StoreError
from ..store.imports import apply_import, preview_import
from ..store.subtarget_imports import apply_subtargets, preview_subtargets

T = TypeVar("T")
LANG = click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="Message language.")


def _user_or_fail(engine: Engine, username: str) -> User:
    user = get_user(engine, username)
    if user is None:
        raise click.ClickException(f"no such user {username!r} (create one with `sdplan user add`)")
    return user


def _format(value: float | None) -> str:
    return "—" if value is None or value != value else f"{value:g}"


def _previewed(file: Path, username: str, lang: str, preview: Callable[[bytes], T]) -> T:
    """``preview(the file's bytes)``; a file over the limit is refused unread, and a refusal is a message."""
    try:
        if file.stat().st_size > MAX_BYTES:  # refused unread
            raise DataError([problem(file.name, None, None, file.stat().st_size, "file_too_large", mb=MAX_BYTES // 2**20)])
        return preview(file.read_bytes())
    except DataError as exc:
        raise click.ClickException("\n" + exc.message(lang, limit=200)) from None
    except PermissionDenied as exc:
        raise click.ClickException(f"{username} may not import {', '.join(exc.indicators)}") from None
    except StoreError as exc:  # figures of a region outside the account's
        raise click.ClickException(exc.message(lang)) from None


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--user", "username", required=True, help="The account importing the file.")
@click.option("--indicator", help="The indicator of every row, when the file has no indicator column.")
@click.option("--note", help="A note kept with the batch.")
@click.option("--yes", is_flag=True, help="Accept without asking after the preview.")
@LANG
def import_command(file: Path, username: str, indicator: str | None, note: str | None, yes: bool, lang: str) -> None:
    """Validate FILE (CSV or XLSX), preview the changes and import them as one batch."""
    engine = open_store()
    user = _user_or_fail(engine, username)
    preview = _previewed(file, username, lang, lambda content: preview_import(engine, parse_import(
        content, file.name, indicator), user))
    for row in preview.changes.itertuples(index=False):
        name = row.name_en if lang == "en" else row.name_zh
        checks = ",".join(row.warnings)  # soft checks: answer them in the file's note column
        click.echo(f"{row.indicator}\t{row.adcode} {name}\t{row.period}\t{_format(row.old)} -> {_format(row.new)}\t"
                   f"{row.change}\t{checks}".rstrip("\t"))
    click.echo(" ".join(f"{k}={v}" for k, v in preview.counts().items()))
    if not yes and not click.confirm("Import these figures?" if lang == "en" else "确认导入?"):
        raise click.ClickException("not imported")
    try:
        batch_id = apply_import(engine, preview, user, note)
    except StoreError as exc:  # a conflict, or no open round asks for a region's figures
        raise click.ClickException(exc.message(lang)) from None
    submitted = "submitted for review as " if user.regional else ""
    click.echo(f"{submitted}batch {batch_id}: {len(preview.parsed.frame)} rows")


@click.command("import-subtargets")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--user", "username", required=True, help="The account importing the file.")
@click.option("--target", help="The target of every row, when the file has no target column.")
@click.option("--note", help="A note kept with the batch.")
@click.option("--yes", is_flag=True, help="Accept without asking after the preview.")
@LANG
def import_subtargets_command(file: Path, username: str, target: str | None, note: str | None, yes: bool,
                              lang: str) -> None:
    """Validate a file of sub-targets (each city's or county's own target), preview the changes and the sums
    of the parts against their whole (warnings, not refusals), and import it as one batch."""
    engine = open_store()
    user = _user_or_fail(engine, username)
    preview = _previewed(file, username, lang,
                         lambda content: preview_subtargets(engine, content, file.name, user, target))
    for row in preview.changes.itertuples(index=False):
        name = row.name_en if lang == "en" else row.name_zh
        click.echo(f"{row.target}\t{row.adcode} {name}\t{_format(row.old)} -> {_format(row.new)}\t{row.change}")
    for check in preview.checks:
        click.echo(("WARNING " if check.warning else "") + check.message(lang))
    click.echo(" ".join(f"{k}={v}" for k, v in preview.counts().items()))
    if not yes and not click.confirm("Import these sub-targets?" if lang == "en" else "确认导入?"):
        raise click.ClickException("not imported")
    try:
        batch_id = apply_subtargets(engine, preview, user, note)
    except ConflictError as exc:
        raise click.ClickException(exc.message(lang)) from None
    click.echo(f"batch {batch_id}: {len(preview.frame)} rows")


@click.command("history")
def history_command() -> None:
    """List the import batches, newest first (times in Beijing time)."""
    for b in history(open_store()).itertuples(index=False):
        click.echo(f"#{b.id}\t{stored(b.created_at):%Y-%m-%d %H:%M}\t{b.username}\t{b.status}\t{b.n_rows} rows\t"
                   f"{b.indicators}\t{b.file_name}\t{b.file_hash[:12]}\t{b.note or ''}")


@click.command("rollback")
@click.argument("batch", type=int)
@click.option("--user", "username", required=True, help="The account rolling back.")
def rollback_command(batch: int, username: str) -> None:
    """Roll back BATCH: its figures stop being current, earlier ones show again."""
    engine = open_store()
    try:
        rollback_batch(engine, batch, _user_or_fail(engine, username))
    except BatchNotFound:
        raise click.ClickException(f"no batch {batch}") from None
    except PermissionDenied:
        raise click.ClickException(f"{username} may not roll back batch {batch}") from None
    except AlreadyRolledBack:
        raise click.ClickException(f"batch {batch} is already rolled back") from None
    click.echo(f"batch {batch} rolled back")


@click.command("template")
@click.argument("indicator")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="A .csv or .xlsx file.")
def template_command(indicator: str, out: Path) -> None:
    """Write the import template of INDICATOR (headers and regions) to --out."""
    out.write_bytes(template_bytes(indicator, "xlsx" if out.suffix.lower() == ".xlsx" else "csv"))
    click.echo(str(out))


@click.group("user")
def user_group() -> None:
    """Manage accounts (administrators only: whoever runs this on the server)."""


@user_group.command("add")
@click.argument("username")
@click.option("--department", help="The department, as in targets.csv (e.g. 省住房城乡建设厅).")
@click.option("--region", help="A city's or county's 6-digit code: the account submits that region's figures "
                                "(a city's: its counties' too) into rounds for review. None: the province.")
@click.option("--admin", "is_admin", is_flag=True, help="An administrator may import and roll back everything.")
@click.password_option(help="Prompted when not given.")
def user_add(username: str, department: str | None, region: str | None, is_admin: bool, password: str) -> None:
    """Create an account."""
    try:
        user = add_user(open_store(), username, password, department, is_admin, region)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"user {user.username} added")


@user_group.command("remove")
@click.argument("username")
def user_remove(username: str) -> None:
    """Delete an account."""
    if not remove_user(open_store(), username):
        raise click.ClickException(f"no such user {username!r}")
    click.echo(f"user {username} removed")


@user_group.command("list")
def user_list() -> None:
    """List the accounts."""
    for u in list_users(open_store()):
        click.echo(f"{u.username}\t{'admin' if u.is_admin else 'editor'}\t{u.department or ''}\t{u.region or 'province'}")


@click.command("backup")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="The backup file to write.")
@click.option("--dir", "folder", type=click.Path(file_okay=False, path_type=Path),
              help="Instead of --out: a folder, the file named by the time (sdplan-YYYYmmdd-HHMMSS.sqlite|pgdump).")
@click.option("--keep", type=int, default=14, show_default=True, help="With --dir: how many such backups to keep.")
def backup_command(out: Path | None, folder: Path | None, keep: int) -> None:
    """Write a consistent copy of the store while it is in use (SQLite online backup, or pg_dump)."""
    if (out is None) == (folder is None):
        raise click.UsageError("give either --out FILE or --dir FOLDER")
    engine = get_engine()
    try:
        if out is not None:
            click.echo(str(backup(engine, out)))
            return
        made, removed = backup_into(engine, folder, keep)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(str(made))
    for old in removed:
        click.echo(f"removed {old}")


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace a store that already holds data.")
def restore_command(file: Path, force: bool) -> None:
    """Put the backup FILE back as the store (stop the servers first), then migrate it to this version."""
    try:
        restore(get_engine(), file, force)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"restored {file}")


COMMANDS = [import_command, import_subtargets_command, history_command, rollback_command, template_command, user_group,
            backup_command, restore_command]
