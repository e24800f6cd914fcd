"""``sdplan ledger-export``: the plan's ledger as an XLSX workbook or a one-page PDF briefing."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import click

from ..as_of import moment_banner
from ..snapshot.cli import parse_as_of
from ..store.current import current_dataset
from ..store.db import open_store
from ..store.notes import current_notes
from .export import export_bytes
from .filters import parse_filters
from .rows import ledger_rows, task_rows


@click.command("ledger-export")
@click.option("--format", "fmt", type=click.Choice(["xlsx", "pdf"]), required=True, help="File format.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="File to write.")
@click.option("--thrust", default=None, help="goal, smart, green, balanced or two_way.")
@click.option("--dept", default=None, help="A lead department, as the plan names it (e.g. 省住房城乡建设厅).")
@click.option("--status", default=None, help="met, on_track, behind, no_data or province_only.")
@click.option("--circle", default=None, help="capital, jiaodong or lunan (the circle's own progress).")
@click.option("--q", default=None, help="Search target names (Chinese or English).")
@click.option("--plan", default=None, help="The plan (default: the catalog's default plan, e.g. 2022).")
@click.option("--lang", default="zh", type=click.Choice(["zh", "en"]), help="Language of the file.")
@click.option("--as-of", default=None, help="Export time (ISO, Beijing time unless a zone is given; default "
                                            "now), printed in Beijing time.")
@click.option("--base-url", default=None, help="The dashboard's address for the workbook's map links "
                                               "(default: the SDPLAN_BASE_URL setting, e.g. http://127.0.0.1:8050).")
def ledger_export(fmt: str, out: Path, thrust: str | None, dept: str | None, status: str | None, circle: str | None,
                  q: str | None, plan: str | None, lang: str, as_of: str | None, base_url: str | None) -> None:
    """Write the ledger (every target and task, its progress, lead departments and notes) for the given filters."""
    given = {"thrust": thrust, "dept": dept, "status": status, "circle": circle, "q": q, "lang": lang, "plan": plan}
    data = current_dataset(open_store())
    filters, notices = parse_filters(data.catalog, urlencode({k: v for k, v in given.items() if v}))
    if notices:
        raise click.BadParameter("; ".join(f"{n.param}={n.value!r}" for n in notices), param_hint="filters")
    data = data.for_plan(filters.plan)
    notes = current_notes(data.catalog.plan_id)
    content = export_bytes(ledger_rows(data, filters, notes), filters, fmt, parse_as_of(as_of), base_url,
                           task_rows(data, filters, notes), moment_banner(data.as_of, filters.lang))
    out.write_bytes(content)
    click.echo(f"{out} ({len(content):,} bytes)")


COMMANDS = [ledger_export]
