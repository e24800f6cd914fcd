"""Targets split by region: a city's (or a county's) own share of a plan target, checked and summed.

A sub-target is the value a region must reach for one plan target, in the target's unit and sense (the
plan's 5G target of 16万 split into each city's own number). It is imported like a figure
(:mod:`sdplan.store.subtarget_imports`) and, once there, is the only target a region is judged against
(:func:`sdplan.meaning.own_target`). This module holds what needs no store: the rows' checks and the
sums of the parts against their whole.

The sum check (:func:`sum_checks`) compares the sub-targets of a scope's parts (the 16 cities for the
province, a city's counties for that city) with the scope's own target, where the unit adds up (a
quantity; never a rate, a rating or a status):

- ``at_least``: a warning when the parts add up to less than the whole (the split cannot reach the
  plan's target); more than the whole is a sound margin, said without a warning;
- ``at_most``: a warning when the parts add up to more than the whole (the split allows more than the cap);
- ``all`` and ``zero``: a warning on any difference;
- parts of only some of the scope's regions: their sum is said with its coverage (n of N), compared with
  nothing, except an ``at_most`` split whose parts already exceed the cap.
A warning never refuses the file.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from .catalog import Catalog, Target
from .errors import Problem, problem
from .i18n import t
from .tables import DATE_RE, is_number
from .units import with_unit

NOT_ADDITIVE = ("percent", "pct_points", "stars", "cohort", "status")  # units whose parts do not add up
SUBTARGET_LEVELS = ("prefecture", "county")
PROVENANCES = ("sourced", "sample")
TOLERANCE = 1e-9  # relative: 16 parts written with decimals add up to the whole within rounding


def additive(target: Target) -> bool:
    """Whether the target's parts add up to it (a quantity, not a rate, a rating or a status)."""
    return target.unit not in NOT_ADDITIVE


def row_problems(frame: pd.DataFrame, catalog: Catalog, levels: pd.Series, file: str) -> list[Problem]:
    """Every problem of sub-target rows (columns target, adcode, value, provenance, source_url, source_date),
    one per cell: a known target, a prefecture or county, a finite number of at least 0 (at most 100 for a
    percentage), a known provenance, a dated source, one row per target and region."""
    problems = []
    for index, row in frame.iterrows():
        line = int(index) + 2
        target = catalog.targets.get(row["target"]) if isinstance(row["target"], str) else None
        if target is None:
            problems.append(problem(file, line, "target", row["target"], "subtarget_unknown_target"))
        code = row["adcode"]
        if levels.get(code) not in SUBTARGET_LEVELS:
            problems.append(problem(file, line, "adcode", code, "subtarget_region"))
        text = row["value"]
        if not (isinstance(text, str) and is_number(text)) or not math.isfinite(float(text)):
            problems.append(problem(file, line, "value", text, "subtarget_number"))
        elif float(text) < 0 or (target is not None and target.unit == "percent" and float(text) > 100):
            high = "100" if target is not None and target.unit == "percent" else ""
            problems.append(problem(file, line, "value", text, "value_between" if high else "value_at_least",
                                    low="0", high=high))
        if row["provenance"] not in PROVENANCES:
            problems.append(problem(file, line, "provenance", row["provenance"], "subtarget_provenance"))
        url = row.get("source_url")
        if isinstance(url, str) and not url.startswith(("http://", "https://")):
            problems.append(problem(file, line, "source_url", url, "subtarget_url"))
        date = row.get("source_date")
        if isinstance(date, str) and not DATE_RE.match(date):
            problems.append(problem(file, line, "source_date", date, "subtarget_date"))
    keys = frame[["target", "adcode"]]
    repeated = keys[keys.notna().all(axis=1) & keys.duplicated(keep=False)]
    for (_target, code), group in repeated.groupby(["target", "adcode"]).groups.items():
        for i in group:
            problems.append(problem(file, int(i) + 2, "adcode", code, "subtarget_duplicate",
                                    rows=lambda lang, group=group: t("enum_sep", lang).join(str(int(j) + 2) for j in group)))
    return problems


@dataclass(frozen=True)
class SumCheck:
    """The sub-targets of a scope's parts added up against the scope's own target."""

    target: Target
    scope: str  # the province (370000) or a prefecture's adcode
    scope_name: tuple[str, str]  # (zh, en)
    whole: float  # the scope's own target
    parts: float  # the sum of its parts' sub-targets
    n: int  # parts with a sub-target
    total: int  # parts in the scope
    warning: bool

    @property
    def complete(self) -> bool:
        return self.n == self.total

    @property
    def difference(self) -> float:
        """Parts minus whole (negative: the parts fall short)."""
        return self.parts - self.whole

    def message(self, lang: str = "zh") -> str:
        unit = self.target.unit

        def amount(value: float) -> str:
            return with_unit(value, unit, lang)

        name = self.scope_name[1 if lang == "en" else 0]
        values = {"target": self.target.name(lang), "scope": name, "parts": amount(self.parts),
                  "whole": amount(self.whole), "n": self.n, "total": self.total,
                  "diff": with_unit(abs(self.difference), unit, lang)}
        if not self.complete:
            key = "subtarget_sum_partial_over" if self.warning else "subtarget_sum_partial"
        elif abs(self.difference) <= TOLERANCE * max(abs(self.whole), 1):
            key = "subtarget_sum_equal"
        else:
            key = "subtarget_sum_short" if self.difference < 0 else "subtarget_sum_over"
        return t(key, lang, **values)


def _warns(target: Target, parts: float, whole: float, complete: bool) -> bool:
    slack = TOLERANCE * max(abs(whole), 1)
    if target.sense == "at_most" or not complete:
        return target.sense == "at_most" and parts > whole + slack
    if target.sense == "at_least":
        return parts < whole - slack
    return abs(parts - whole) > slack


def sum_checks(target: Target, subtargets: pd.DataFrame, regions: pd.DataFrame) -> list[SumCheck]:
    """The province's check (its cities' sub-targets against the plan's target) and each city's (its
    counties' against the city's own sub-target, where it has one), for an additive ``target``; none
    for a rate, a rating or a status. ``subtargets`` holds the target's sub-targets (adcode, value)."""
    if not additive(target) or subtargets.empty:
        return []
    own = dict(zip(subtargets["adcode"], subtargets["value"].astype(float)))
    names = regions.set_index("adcode")
    scopes = [("370000", target.target, regions[regions["level"] == "prefecture"]["adcode"])]
    for code in sorted(c for c in own if names.at[c, "level"] == "prefecture"):
        counties = regions[(regions["level"] == "county") & (regions["parent"] == code)]["adcode"]
        scopes.append((code, own[code], counties))
    checks = []
    for scope, whole, parts in scopes:
        given = [own[c] for c in parts if c in own]
        if not given:
            continue
        total = sum(given)
        complete = len(given) == len(parts)
        name = (str(names.at[scope, "name_zh"]), str(names.at[scope, "name_en"]))
        checks.append(SumCheck(target, scope, name, float(whole), float(total), len(given), len(parts),
                               _warns(target, total, float(whole), complete)))
    return checks


def subtarget_text(value: float, target: Target, lang: str = "zh") -> str:
    """'≥ 1.2万个': a region's own target, with the target's sense, as the plan's is written."""
    return t(f"sense.{target.sense}", lang, value=with_unit(value, target.unit, lang))
