"""The published figures the tests pin, read once from the bundled tables, each with its source row.

A correction of the data changes the CSV file and nothing here or in the tests: every test that checks a
published figure (the rail lengths of October 2022, the urbanization rates, the rail target) takes it
from this module. The files are read with the ``csv`` module, not with the app's readers, which the tests
check against these.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

INDICATORS = Path(__file__).resolve().parent.parent / "data" / "indicators"


@dataclass(frozen=True)
class Figure:
    """One row of ``data/indicators/observations/<indicator>.csv``."""

    indicator: str
    adcode: str
    period: str
    text: str  # the value as the source wrote it, e.g. "84.1"
    unit: str
    source_title: str
    source_date: str

    @property
    def value(self) -> float:
        return float(self.text)


@cache
def _rows(path: Path) -> tuple[dict[str, str], ...]:
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def figure(indicator: str, adcode: str, period: str) -> Figure:
    """The sourced figure of ``indicator`` for ``adcode`` and ``period``; fails naming it if there is none."""
    path = INDICATORS / "observations" / f"{indicator}.csv"
    found = [r for r in _rows(path) if r["adcode"] == adcode and r["period"] == period]
    if len(found) != 1:
        raise LookupError(f"{len(found)} rows for {adcode} {period} in {path.name}, expected one")
    (row,) = found
    return Figure(indicator, adcode, period, row["value"], row["unit"], row["source_title"], row["source_date"])


def target(target_id: str) -> float:
    """The value the plan sets for ``target_id`` (``data/plans/2022/targets.csv``)."""
    (row,) = [r for r in _rows(INDICATORS.parent / "plans" / "2022" / "targets.csv") if r["id"] == target_id]
    return float(row["target"])


RAIL_PERIOD = "2022-10"  # the press conference that gave every city's urban rail length
RAIL_PROVINCE = figure("urban_rail_km", "370000", RAIL_PERIOD)
RAIL_JINAN = figure("urban_rail_km", "370100", RAIL_PERIOD)
RAIL_QINGDAO = figure("urban_rail_km", "370200", RAIL_PERIOD)
RAIL_QINGDAO_LATER = figure("urban_rail_km", "370200", "2022-12")  # Qingdao alone: not a province total
RAIL_JINAN_2022 = figure("urban_rail_km", "370100", "2022-12")  # Jinan's statistical bulletin, end-2022
RAIL_JINAN_2023 = figure("urban_rail_km", "370100", "2023-12")  # derived: no line opened in 2023
RAIL_LATEST = "2024-12"
RAIL_PROVINCE_LATEST = figure("urban_rail_km", "370000", RAIL_LATEST)
RAIL_JINAN_LATEST = figure("urban_rail_km", "370100", RAIL_LATEST)
RAIL_PERIODS = ["2022-10", "2022-12", "2023-12", "2024-12"]
RAIL_TARGET_KM = target("t07_urban_rail")

URBANIZATION_PROVINCE = figure("urbanization_rate", "370000", "2022")  # the 2022 statistical communiqué
URBANIZATION_QINGDAO = figure("urbanization_rate", "370200", "2022")


def percent(part: float, whole: float) -> str:
    """``part`` as a percentage of ``whole`` with one decimal, as the ledger and tooltips write it."""
    share = Decimal(repr(part)) * 100 / Decimal(repr(whole))  # in decimal: 293.1 of 400 is 73.275, written 73.3
    return str(share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
