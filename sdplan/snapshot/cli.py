"""``sdplan snapshot`` (one view to one file) and ``sdplan snapshot-pack`` (a briefing folder)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import click

from .. import beijing
from ..circles import CIRCLE_IDS
from ..dataset import Dataset
from ..store.current import current_dataset
from ..store.db import open_store
from ..viewstate import View, with_changes
from . import SnapshotRequestError, snapshot, view_from_query
from .naming import FORMATS


def parse_as_of(value: str | None) -> datetime:
    """An ISO date or date-time (Beijing time when no zone is given), or now."""
    if not value:
        return beijing.now().replace(microsecond=0)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not an ISO date or time like 2026-11-29T09:00") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=beijing.BEIJING)


def pack_views(data: Dataset, indicators: list[str], circles: list[str], lang: str = "zh") -> list[View]:
    """Every indicator × scope (province when ``circles`` includes "province", then each circle)."""
    views = []
    for indicator in indicators:
        base = with_changes(data, View(), indicator=indicator, lang=lang)
        for circle in circles:
            views.append(with_changes(data, base, circle=None if circle == "province" else circle))
    return views


def _split(values: tuple[str, ...]) -> list[str]:
    return [v for value in values for v in value.split(",") if v]


def _check(kind: str, values: list[str], known: list[str]) -> None:
    bad = [v for v in values if v not in known]
    if bad:
        raise click.BadParameter(f"unknown {kind} {', '.join(repr(b) for b in bad)}; known: {', '.join(known)}")


common = [
    click.option("--format", "fmt", type=click.Choice(FORMATS), default="pdf", show_default=True),
    click.option("--orientation", type=click.Choice(["landscape", "portrait"]), default="landscape",
                 show_default=True, help="A4 page orientation."),
    click.option("--no-chart", is_flag=True, help="Leave out the by-prefecture bar panel."),
    click.option("--as-of", help="Export time printed on the images (ISO, Beijing time); default now. Fix it for "
                                 "reproducible output."),
]


def with_common(func: Callable) -> Callable:
    for option in reversed(common):
        func = option(func)
    return func


@click.command("snapshot")
@click.option("--query", default="", help="The dashboard's view query, e.g. '?indicator=urban_rail_km&circle=jiaodong'.")
@click.option("--out", type=click.Path(path_type=Path), required=True,
              help="Output file, or an existing folder to write the file under its own name.")
@with_common
def snapshot_command(query: str, out: Path, fmt: str, orientation: str, no_chart: bool, as_of: str | None) -> None:
    """Render one view of the map as PNG, SVG or PDF."""
    if out.suffix.lstrip(".").lower() in FORMATS and not out.is_dir():
        fmt = out.suffix.lstrip(".").lower()
    data = current_dataset(open_store())
    try:
        shot = snapshot(data, view_from_query(data, query), fmt, parse_as_of(as_of), orientation, not no_chart)
    except SnapshotRequestError as exc:
        raise click.BadParameter(str(exc), param_hint="--query") from None
    target = out / shot.filename if out.is_dir() else out
    target.write_bytes(shot.content)
    click.echo(str(target))


@click.command("snapshot-pack")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True, help="Folder to write into.")
@click.option("--indicators", multiple=True, help="Indicator ids (repeat or comma-separate); default every map indicator.")
@click.option("--circles", multiple=True,
              help="Scopes: province, capital, jiaodong, lunan (repeat or comma-separate); default all four.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@with_common
def snapshot_pack(out: Path, indicators: tuple[str, ...], circles: tuple[str, ...], lang: str, fmt: str,
                  orientation: str, no_chart: bool, as_of: str | None) -> None:
    """Render a briefing pack: every indicator for the province and each economic circle."""
    data = current_dataset(open_store())
    chosen = _split(indicators) or data.catalog.map_indicators()
    scopes = _split(circles) or ["province", *CIRCLE_IDS]
    _check("indicator", chosen, data.catalog.map_indicators())
    _check("circle", scopes, ["province", *CIRCLE_IDS])
    moment = parse_as_of(as_of)
    out.mkdir(parents=True, exist_ok=True)
    views = pack_views(data, chosen, scopes, lang)
    with click.progressbar(views, label=f"Rendering {len(views)} maps", show_pos=True) as bar:
        for view in bar:
            shot = snapshot(data, view, fmt, moment, orientation, not no_chart)
            (out / shot.filename).write_bytes(shot.content)
    click.echo(f"{len(views)} files in {out}")


COMMANDS = [snapshot_command, snapshot_pack]
