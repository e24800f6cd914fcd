"""Round commands: ``sdplan round open|close|status|chase|audit`` and ``sdplan review list|accept|return``.

The same loop as the admin pages, from a terminal: the office opens a round, regions submit with
``sdplan import`` (a region's account submits into the open round), reviewers accept or return.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click
from sqlalchemy import Engine

from .. import beijing
from ..i18n import t
from ..store.db import open_store
from ..store.errors import StoreError
from ..store.review import accept, return_cells, reviewable
from ..store.round_files import audit_xlsx, chase_xlsx
from ..store.rounds import STATUSES, board, cells, close_round, get_round, open_round
from .store import LANG, _user_or_fail


def _refused(exc: StoreError, lang: str) -> click.ClickException:
    return click.ClickException(exc.message(lang))


@click.group("round")
def round_group() -> None:
    """Reporting rounds: open one, close it, see who has reported."""


@round_group.command("open")
@click.option("--user", "username", required=True, help="An administrator (the plan's office).")
@click.option("--title", required=True)
@click.option("--period", required=True, help="The period asked for, as the data writes it (2025, 2025-06).")
@click.option("--deadline", required=True, help="The last day, YYYY-MM-DD (Beijing).")
@click.option("--indicator", "indicators", multiple=True, required=True, help="Repeat for each indicator.")
@click.option("--region", "regions", multiple=True, help="Only these cities (with their counties) or counties.")
@LANG
def round_open(username: str, title: str, period: str, deadline: str, indicators: tuple[str, ...],
               regions: tuple[str, ...], lang: str) -> None:
    """Open a round: every region expected to report each indicator gets a cell, 未报送."""
    engine = open_store()
    try:
        round_id = open_round(engine, _user_or_fail(engine, username), title=title, period=period, deadline=deadline,
                              indicators=indicators, regions=regions or None)
    except StoreError as exc:
        raise _refused(exc, lang) from None
    click.echo(f"round {round_id}: {len(cells(engine, round_id))} cells")


@round_group.command("close")
@click.argument("round_id", type=int)
@click.option("--user", "username", required=True)
@LANG
def round_close(round_id: int, username: str, lang: str) -> None:
    """Close a round: nothing more is submitted into it."""
    engine = open_store()
    try:
        close_round(engine, _user_or_fail(engine, username), round_id)
    except StoreError as exc:
        raise _refused(exc, lang) from None
    click.echo(f"round {round_id} closed")


@round_group.command("status")
@click.argument("round_id", type=int)
@click.option("--by", type=click.Choice(["city", "department"]), default="city", show_default=True)
@LANG
def round_status(round_id: int, by: str, lang: str) -> None:
    """The board: cells per status, by city or by lead department, with 未报送 and overdue counts."""
    engine = open_store()
    try:
        with engine.connect() as conn:
            found = get_round(conn, round_id)
        counts = board(cells(engine, round_id), by, found.overdue(beijing.now().date()))
    except StoreError as exc:
        raise _refused(exc, lang) from None
    click.echo(f"#{found.id} {found.title} · {found.period} · {found.deadline} · {found.status}")
    click.echo("\t".join([by, *(t(f"rounds_status.{s}", lang) for s in STATUSES), "waiting", "overdue"]))
    for key, row in counts.iterrows():
        click.echo("\t".join([str(key), *(str(int(row[s])) for s in (*STATUSES, "waiting", "overdue"))]))


def _write_file(make: Callable[[Engine, int, str], bytes], round_id: int, out: Path, lang: str) -> None:
    try:
        out.write_bytes(make(open_store(), round_id, lang))
    except StoreError as exc:
        raise _refused(exc, lang) from None
    click.echo(str(out))


OUT = click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="An .xlsx file.")


@round_group.command("chase")
@click.argument("round_id", type=int)
@OUT
@LANG
def round_chase(round_id: int, out: Path, lang: str) -> None:
    """Write the list of who to chase (未报送 and 已退回 cells) to --out."""
    _write_file(chase_xlsx, round_id, out, lang)


@round_group.command("audit")
@click.argument("round_id", type=int)
@OUT
@LANG
def round_audit(round_id: int, out: Path, lang: str) -> None:
    """Write the round's audit trail (Beijing time) to --out."""
    _write_file(audit_xlsx, round_id, out, lang)


@click.group("review")
def review_group() -> None:
    """Review submitted figures: list them, accept them, or return them with a reason."""


@review_group.command("list")
@click.argument("round_id", type=int)
@click.option("--user", "username", required=True, help="The reviewer: lists what they may review.")
@LANG
def review_list(round_id: int, username: str, lang: str) -> None:
    """The cells waiting for review that --user may accept or return."""
    engine = open_store()
    user = _user_or_fail(engine, username)
    try:
        frame = cells(engine, round_id)
    except StoreError as exc:
        raise _refused(exc, lang) from None
    for cell in frame.to_dict("records"):
        if reviewable(user, cell):
            click.echo(f"{cell['id']}\t{cell['indicator']}\t{cell['adcode']}\t{cell['value']:g}\t{cell['submitted_by']}\t"
                       f"{cell['warnings'] or ''}\t{cell['explanation'] or ''}")


@review_group.command("accept")
@click.argument("cell_ids", type=int, nargs=-1, required=True)
@click.option("--user", "username", required=True)
@LANG
def review_accept(cell_ids: tuple[int, ...], username: str, lang: str) -> None:
    """Accept CELL_IDS: their figures count from now on."""
    engine = open_store()
    try:
        batch_id = accept(engine, _user_or_fail(engine, username), cell_ids)
    except StoreError as exc:
        raise _refused(exc, lang) from None
    click.echo(f"accepted {len(cell_ids)} as batch {batch_id}")


@review_group.command("return")
@click.argument("cell_ids", type=int, nargs=-1, required=True)
@click.option("--user", "username", required=True)
@click.option("--reason", required=True, help="Why: the submitter reads it.")
@LANG
def review_return(cell_ids: tuple[int, ...], username: str, reason: str, lang: str) -> None:
    """Return CELL_IDS to their submitters with --reason."""
    engine = open_store()
    try:
        return_cells(engine, _user_or_fail(engine, username), cell_ids, reason)
    except StoreError as exc:
        raise _refused(exc, lang) from None
    click.echo(f"returned {len(cell_ids)}")


COMMANDS = [round_group, review_group]
