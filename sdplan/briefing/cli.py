"""``sdplan briefing``: the briefing of a scope and period as a Word document or a PDF; ``sdplan circular``:
the circular (通报) on the schedule."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import UnknownKeyError
from ..i18n import t
from ..snapshot.cli import parse_as_of
from ..store.current import current_dataset
from ..store.db import open_store
from ..store.notes import current_notes
from . import FORMATS, make_briefing
from .masthead import masthead


@click.command("briefing")
@click.option("--scope", default="province", show_default=True,
              help="province, capital, jiaodong, lunan or a prefecture's adcode (e.g. 370100).")
@click.option("--period", default=None, help="The period, e.g. 2022 or 2022-10: each indicator at its latest period "
                                             "under way by its end (default: each at its best-covered period).")
@click.option("--compare-to", default=None, help="The comparison period (default: each indicator's previous one).")
@click.option("--indicators", default=None, help="Map indicators, comma-separated (default: six of the plan's).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True, help="File format.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="File to write.")
@click.option("--lang", default="zh", type=click.Choice(["zh", "en"]), show_default=True)
@click.option("--name", default=None, help="The briefing's name in its 报头 (default: SDPLAN_BRIEFING_NAME, else the usual one).")
@click.option("--issue", default=None, help="The issue number, printed 第N期 (default: SDPLAN_BRIEFING_ISSUE, else blank).")
@click.option("--issuer", default=None, help="Issuing unit in the 报头 (default: SDPLAN_BRIEFING_ISSUER).")
@click.option("--send-to", default=None, help="The 报送 line (default: SDPLAN_BRIEFING_SEND_TO, else blank).")
@click.option("--copy-to", default=None, help="The 抄送 line (default: SDPLAN_BRIEFING_COPY_TO, else blank).")
@click.option("--as-of", default=None, help="Generation time (ISO, Beijing time unless a zone is given; default now). "
                                            "Fix it for byte-identical PDFs.")
def briefing(scope: str, period: str | None, compare_to: str | None, indicators: str | None, fmt: str, out: Path,
             lang: str, name: str | None, issue: str | None, issuer: str | None, send_to: str | None,
             copy_to: str | None, as_of: str | None) -> None:
    """Write a briefing (简报): 报头, overview, one part per indicator with its map and table, ledger, sources, 报尾."""
    data = current_dataset(open_store())
    chosen = [i for i in (indicators or "").split(",") if i] or None
    head = masthead(name=name, issue=issue, issuer=issuer, send_to=send_to, copy_to=copy_to)
    try:
        made = make_briefing(data, scope, period, compare_to, chosen, fmt, lang, parse_as_of(as_of), head=head,
                             notes=current_notes(data.catalog.plan_id))
    except UnknownKeyError as exc:
        raise click.BadParameter(str(exc)) from None
    out.write_bytes(made.content)
    click.echo(f"{out} ({len(made.content):,} bytes)")


@click.command("circular")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True, help="File format.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="File to write.")
@click.option("--lang", default="zh", type=click.Choice(["zh", "en"]), show_default=True)
@click.option("--name", default=None, help="The circular's name in its 报头 (default: 新型城镇化建设进度通报).")
@click.option("--issue", default=None, help="The issue number, printed 第N期 (default: SDPLAN_BRIEFING_ISSUE, else blank).")
@click.option("--issuer", default=None, help="Issuing unit in the 报头 (default: SDPLAN_BRIEFING_ISSUER).")
@click.option("--send-to", default=None, help="The 报送 line (default: SDPLAN_BRIEFING_SEND_TO, else blank).")
@click.option("--copy-to", default=None, help="The 抄送 line (default: SDPLAN_BRIEFING_COPY_TO, else blank).")
@click.option("--as-of", default=None, help="Generation time (ISO, Beijing time unless a zone is given; default now).")
def circular(fmt: str, out: Path, lang: str, name: str | None, issue: str | None, issuer: str | None,
             send_to: str | None, copy_to: str | None, as_of: str | None) -> None:
    """Write the circular (通报): red and yellow targets against the schedule, their lead departments, the cities
    behind their own targets, and the cities ranked (thresholds: SDPLAN_SCHEDULE_YELLOW / _RED)."""
    from . import circular as circulars

    data = current_dataset(open_store())
    head = masthead(name=name or t("circular_name", lang), issue=issue, issuer=issuer, send_to=send_to, copy_to=copy_to)
    made = circulars.circular_bytes(circulars.build_circular(data, lang, parse_as_of(as_of), head), fmt)
    out.write_bytes(made)
    click.echo(f"{out} ({len(made):,} bytes)")


COMMANDS = [briefing, circular]
