"""The catalog: the indicators that are observed, and the plans with their tasks and targets.

``indicators/indicators.csv`` describes what is observed (unit, kind, natural levels, how values
aggregate). Each plan is a folder ``plans/<id>/``: ``plan.csv`` (its id, year, target date, title,
document and source; one plan is the default), ``targets.csv`` (every quantitative target: task,
thrust, target and its sense, lead departments, and the indicator and measure that track it) and
``tasks.csv`` (every task with its lead departments, numbered or not). All of it is data: adding an
indicator, a target or a plan needs no code change. The folder is ``data/`` unless
``SDPLAN_DATA_DIR`` names another (:func:`sdplan.settings.data_dir`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType

import pandera.pandas as pa

from .errors import DataError, Problem, UnknownKeyError, problem
from .settings import data_dir
from .tables import check, is_number, read_csv_text, text_column, validate
from .units import UNITS

LEVELS = ("province", "prefecture", "county")
KINDS = ("numeric", "rating", "category", "checklist", "list")
# A checklist is done (1) or not (0) per region; a named list is the same for the regions it names only.
DONE_CATEGORIES = ("0:未完成:Not done|1:已完成:Done")
AGGREGATES = ("sum", "weighted_mean", "share_at_least", "count_at_least")
THRUSTS = ("goal", "smart", "green", "balanced", "two_way", "measures")  # in plan order, named by t("thrust.<id>")
SENSES = ("at_least", "at_most", "all", "zero")
MEASURES = ("value", "share_at_least", "count_at_least")
MAP_LEVELS = ("prefecture", "county")
# Aggregations that change the unit: a share is a percentage, a count is a count.
AGGREGATE_UNITS = {"share_at_least": "percent", "count_at_least": "count"}


@dataclass(frozen=True)
class Category:
    code: int
    zh: str
    en: str


@dataclass(frozen=True)
class Definition:
    """A way of counting an indicator's values (e.g. urban rail: metro lines only, or metro and tram).

    Values of two definitions are not comparable: a change between them is a break, not a change."""

    key: str
    zh: str
    en: str

    def name(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class Indicator:
    id: str
    name_zh: str
    name_en: str
    unit: str
    kind: str
    levels: tuple[str, ...]
    aggregate: str
    threshold: float | None
    weight: str | None
    min: float | None
    max: float | None
    integer: bool
    categories: tuple[Category, ...]
    persists: bool = False  # a region's value holds until it changes (a 2019 pilot is still a pilot in 2021)
    decimals: int | None = None  # decimals its values are written with; None: the general rule of format_number
    keepers: tuple[str, ...] = ()  # departments that keep its figures current besides its targets' lead departments
    plausible: tuple[tuple[str, float, float], ...] = ()  # (level, low, high), within min..max
    definitions: tuple[Definition, ...] = ()  # the ways its values are counted, where more than one is in use
    members: tuple[str, ...] = ()  # a named list's regions (adcodes), as the plan names them

    @property
    def done_kind(self) -> bool:
        """Whether its values say done (1) or not (0) per region: a checklist or a named list."""
        return self.kind in ("checklist", "list")

    def name(self, lang: str = "zh") -> str:
        return self.name_en if lang == "en" else self.name_zh

    def definition(self, key: str | None) -> Definition | None:
        """The definition named ``key`` (None for a value without one)."""
        return next((d for d in self.definitions if d.key == key), None)

    def decimals_for(self, unit: str) -> int | None:
        """Decimals of a quantity of it in ``unit``: its own in its unit; a share 1, a count 0."""
        if unit == self.unit:
            return self.decimals
        return {"percent": 1, "count": 0}.get(unit)
    def range_at(self, level: str | None) -> tuple[float | None, float | None, bool]:
        """The values a region at ``level`` may take: (low, high, whether plausible bounds narrowed the unit's).

        The catalog's plausible range of the level where it has one (within min..max, see
        ``indicators.csv``), else the unit's hard range; None for an open side.
        """
        for at, low, high in self.plausible:
            if at == level:
                return low, high, (low, high) != (self.min, self.max)
        return self.min, self.max, False

    # Where the indicator lives and where it can be mapped: every rule about levels is here.

    @property
    def primary_level(self) -> str:
        """The level listed first in the catalog: the one its periods are counted at."""
        return self.levels[0]

    @property
    def map_levels(self) -> tuple[str, ...]:
        """Map levels it can be shown at: its own, plus prefectures when county values roll up."""
        levels = [level for level in MAP_LEVELS if level in self.levels]
        if "county" in self.levels and "prefecture" not in levels:
            levels.insert(0, "prefecture")
        return tuple(levels)

    @property
    def on_map(self) -> bool:
        """Whether it can be drawn on the map (it has prefecture or county values)."""
        return bool(self.map_levels)

    @property
    def default_level(self) -> str | None:
        """The map level it opens at: its own (prefecture first when it has both); None off the map."""
        return next((level for level in MAP_LEVELS if level in self.levels), None)

    def opening_level(self, current: str) -> str | None:
        """The map level it opens at when chosen while the map shows ``current``: ``current`` if that
        is one of its own levels, else :attr:`default_level`."""
        return current if current in self.levels else self.default_level

    def source_level(self, level: str) -> str:
        """The level whose observations feed a map at ``level`` (counties roll up to prefectures)."""
        if level in self.levels:
            return level
        if level == "prefecture" and "county" in self.levels:
            return "county"
        raise ValueError(f"indicator {self.id!r} has values at {', '.join(self.levels)}, not at {level!r}")

    def level_for(self, wanted: str) -> str:
        """Its own level that measures something set at ``wanted`` (a target's level).

        ``wanted`` itself when it has values there; otherwise its coarsest level below the
        province (county values stand in for a prefecture target), else the province.
        """
        if wanted in self.levels:
            return wanted
        return next(level for level in (*MAP_LEVELS, "province") if level in self.levels)

    @property
    def aggregate_unit(self) -> str:
        """The unit of a summary of its values: shares are percent, counts are counts, the rest keep the unit."""
        return AGGREGATE_UNITS.get(self.aggregate, self.unit)

    def unit_at(self, level: str) -> str:
        """The unit of its values on a map at ``level`` (rolled up values take the summary's unit)."""
        return self.unit if self.source_level(level) == level else self.aggregate_unit


@dataclass(frozen=True)
class Target:
    id: str
    task: int
    thrust: str
    name_zh: str
    name_en: str
    target: float
    unit: str
    sense: str
    level: str
    indicator: str | None
    measure: str | None
    threshold: float | None
    lead_departments: tuple[str, ...]
    plan: str = ""  # the plan that sets it (plans/<id>/)
    year: str = ""  # the year it is set for (its plan's year)
    source_title: str | None = None  # where the target is stated, when not in its plan's own text
    source_url: str | None = None

    def name(self, lang: str = "zh") -> str:
        return self.name_en if lang == "en" else self.name_zh


@dataclass(frozen=True)
class Task:
    """One task of a plan (numbered as the plan numbers them; 0 is the overall goal), with its lead departments."""

    number: int
    thrust: str
    name_zh: str
    name_en: str
    lead_departments: tuple[str, ...]

    def name(self, lang: str = "zh") -> str:
        return self.name_en if lang == "en" else self.name_zh


@dataclass(frozen=True)
class Plan:
    """A plan: its year and target date, title, document and source, tasks and targets."""

    id: str
    year: str
    target_date: str
    title_zh: str
    title_en: str
    document: str | None
    source_title: str | None
    source_url: str | None
    default: bool
    tasks: Mapping[int, Task]
    targets: Mapping[str, Target]

    def title(self, lang: str = "zh") -> str:
        return self.title_en if lang == "en" else self.title_zh


def _one_of(values: Iterable[str]) -> Callable[[str], bool]:
    return lambda v: v in values


_unit = check("unit_code", "已知的单位代码(" + "、".join(UNITS) + ")",
              "a known unit code (" + ", ".join(UNITS) + ")", _one_of(UNITS))
_number = check("number", "数字", "a number", is_number)
_id = check("identifier", "小写字母、数字和下划线组成的标识", "an identifier of lowercase letters, digits and _",
            lambda v: v.replace("_", "").isalnum() and v == v.lower())
_bool = check("boolean", "true 或 false", "true or false", _one_of(("true", "false")))
_range = check("plausible_range", "形如 0..1000 的合理范围(下限..上限)", "a plausible range like 0..1000 (low..high)",
               lambda v: bool(RANGE_RE.match(v)) and float(v.split("..")[0]) <= float(v.split("..")[1]))
_task = check("task", "任务编号(0 为工作目标)", "a task number (0 is the overall goal)", lambda v: v.isdigit())
_thrust = check("thrust", "方向(" + "、".join(THRUSTS) + ")", "a thrust (" + ", ".join(THRUSTS) + ")", _one_of(THRUSTS))
RANGE_RE = re.compile(r"^-?[0-9]+(\.[0-9]+)?\.\.-?[0-9]+(\.[0-9]+)?$")


def _categories_ok(text: str) -> bool:
    try:
        return bool(_parse_categories(text))
    except ValueError:
        return False


DEFINITION_KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,31}$")


def _parse_definitions(text: str | None) -> tuple[Definition, ...]:
    if not text:
        return ()
    parts = [p.split(":") for p in text.split("|")]
    if any(len(p) != 3 or not DEFINITION_KEY_RE.match(p[0]) or not p[1] or not p[2] for p in parts):
        raise ValueError(f"bad definitions {text!r}")
    return tuple(Definition(*p) for p in parts)


def _definitions_ok(text: str) -> bool:
    try:
        return bool(_parse_definitions(text))
    except ValueError:
        return False


INDICATOR_SCHEMA = pa.DataFrameSchema(
    {
        "id": text_column(_id, unique=True),
        "name_zh": text_column(),
        "name_en": text_column(),
        "unit": text_column(_unit),
        "kind": text_column(check("kind", "numeric、rating、category、checklist 或 list",
                                  "numeric, rating, category, checklist or list", _one_of(KINDS))),
        "levels": text_column(check("levels", "以分号分隔的层级(province;prefecture;county)",
                                    "levels separated by ; (province, prefecture, county)",
                                    lambda v: all(p in LEVELS for p in v.split(";")))),
        "aggregate": text_column(check("aggregate", "汇总方式(" + "、".join(AGGREGATES) + ")",
                                       "an aggregation (" + ", ".join(AGGREGATES) + ")", _one_of(AGGREGATES))),
        "threshold": text_column(_number, required=False),
        "weight": text_column(_id, required=False),
        "min": text_column(_number, required=False),
        "max": text_column(_number, required=False),
        "integer": text_column(_bool),
        "categories": text_column(check("categories", "形如 代码:中文:English|… 的类别表",
                                        "categories as code:中文:English|...", _categories_ok), required=False),
        "definitions": text_column(check("definitions", "形如 键:中文:English|… 的统计口径表",
                                         "definitions as key:中文:English|...", _definitions_ok), required=False),
        "persists": text_column(_bool),
        "decimals": text_column(check("decimals", "0 到 4 的整数", "a whole number from 0 to 4",
                                      lambda v: v.isdigit() and int(v) <= 4), required=False),
        "keepers": text_column(required=False),
        "members": text_column(check("members", "以分号分隔的 6 位行政区划代码", "6-digit adcodes separated by ;",
                                     lambda v: all(len(c) == 6 and c.isdigit() for c in v.split(";"))),
                               required=False),
        **{f"plausible_{level}": text_column(_range, required=False) for level in LEVELS},
    },
    strict=True,
)

TARGET_SCHEMA = pa.DataFrameSchema(
    {
        "id": text_column(_id, unique=True),
        "task": text_column(_task),
        "thrust": text_column(_thrust),
        "name_zh": text_column(),
        "name_en": text_column(),
        "target": text_column(_number),
        "unit": text_column(_unit),
        "sense": text_column(check("sense", "at_least、at_most、all 或 zero", "at_least, at_most, all or zero",
                                   _one_of(SENSES))),
        "level": text_column(check("level", "province、prefecture 或 county", "province, prefecture or county",
                                   _one_of(LEVELS))),
        "indicator": text_column(_id, required=False),
        "measure": text_column(check("measure", "度量方式(" + "、".join(MEASURES) + ")",
                                     "a measure (" + ", ".join(MEASURES) + ")", _one_of(MEASURES)), required=False),
        "threshold": text_column(_number, required=False),
        "lead_departments": text_column(required=False),
        "source_title": text_column(required=False),
        "source_url": text_column(required=False),
    },
    strict=True,
)

TASK_SCHEMA = pa.DataFrameSchema(
    {
        "task": text_column(_task, unique=True),
        "thrust": text_column(_thrust),
        "name_zh": text_column(),
        "name_en": text_column(),
        "lead_departments": text_column(required=False),
    },
    strict=True,
)

PLAN_SCHEMA = pa.DataFrameSchema(
    {
        "id": text_column(check("plan_id", "计划编号(字母、数字、- 或 _)", "a plan id of letters, digits, - or _",
                                lambda v: bool(re.fullmatch(r"[A-Za-z0-9_-]{1,32}", v))), unique=True),
        "year": text_column(check("year", "四位年份", "a four-digit year", lambda v: bool(re.fullmatch(r"[0-9]{4}", v)))),
        "target_date": text_column(check("date", "日期,形如 2022-12-31", "a date like 2022-12-31",
                                         lambda v: bool(re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", v)))),
        "title_zh": text_column(),
        "title_en": text_column(),
        "document": text_column(required=False),
        "source_title": text_column(required=False),
        "source_url": text_column(required=False),
        "default": text_column(_bool),
    },
    strict=True,
)


def _parse_categories(text: str | None) -> tuple[Category, ...]:
    if not text:
        return ()
    parts = [p.split(":") for p in text.split("|")]
    if any(len(p) != 3 or not p[0].lstrip("-").isdigit() for p in parts):
        raise ValueError(f"bad categories {text!r}")
    return tuple(Category(int(code), zh, en) for code, zh, en in parts)


def _float(text: str | None) -> float | None:
    return None if text is None else float(text)


def _bounds(text: str) -> tuple[float, float]:
    low, high = text.split("..")
    return float(low), float(high)


def _plausible_problems(ind: Indicator, file: str, row: int) -> list[Problem]:
    """A plausible range at each level the indicator's values live at (and the province), within min..max."""
    problems = []
    wanted = set(ind.levels) | {"province"}
    for level in LEVELS:
        column = f"plausible_{level}"
        bounds = next(((low, high) for at, low, high in ind.plausible if at == level), None)
        if level in wanted and bounds is None:
            problems.append(problem(file, row, column, None, "catalog_plausible_missing"))
        elif level not in wanted and bounds is not None:
            problems.append(problem(file, row, column, f"{bounds[0]:g}..{bounds[1]:g}", "catalog_plausible_level"))
        elif bounds and ((ind.min is not None and bounds[0] < ind.min) or (ind.max is not None and bounds[1] > ind.max)):
            low, high = ("" if v is None else f"{v:g}" for v in (ind.min, ind.max))
            problems.append(problem(file, row, column, f"{bounds[0]:g}..{bounds[1]:g}", "catalog_plausible_within",
                                    low=low, high=high))
    return problems


def _departments(text: str | None) -> tuple[str, ...]:
    return tuple(d for d in (text or "").split(";") if d)


def read_indicators(folder: Path) -> dict[str, Indicator]:
    """All indicators of ``folder/indicators.csv`` by id, validated.

    A checklist or a named list takes the done/not-done categories (0 and 1) unless it names its own;
    a named list names its regions (``members``)."""
    path = folder / "indicators.csv"
    rows = validate(read_csv_text(path), INDICATOR_SCHEMA, path.name)
    result = {}
    problems = []
    for i, r in enumerate(rows.to_dict("records")):
        done = r["kind"] in ("checklist", "list")
        result[r["id"]] = Indicator(
            id=r["id"], name_zh=r["name_zh"], name_en=r["name_en"], unit=r["unit"], kind=r["kind"],
            levels=tuple(r["levels"].split(";")), aggregate=r["aggregate"], threshold=_float(r["threshold"]),
            weight=r["weight"], min=_float(r["min"]), max=_float(r["max"]), integer=r["integer"] == "true",
            categories=_parse_categories(r["categories"] or (DONE_CATEGORIES if done else None)),
            persists=r["persists"] == "true",
            definitions=_parse_definitions(r["definitions"]),
            decimals=None if r["decimals"] is None else int(r["decimals"]),
            keepers=_departments(r["keepers"]),
            plausible=tuple((level, *_bounds(r[f"plausible_{level}"])) for level in LEVELS if r[f"plausible_{level}"]),
            members=tuple((r["members"] or "").split(";")) if r["members"] else (),
        )
        if (r["kind"] == "list") != bool(r["members"]):
            problems.append(Problem(path.name, i + 2, "members", r["members"], "名单(list)指标填写且仅其填写所列地区",
                                    "filled exactly for a named list (kind list)"))
        if done and (r["min"], r["max"], r["integer"]) != ("0", "1", "true"):
            problems.append(Problem(path.name, i + 2, "kind", r["kind"], "清单或名单指标取值 0..1 的整数",
                                    "a checklist or list takes whole values 0..1 (min 0, max 1, integer true)"))
    problems += [
        Problem(path.name, i + 2, "weight", ind.weight, "已定义的指标", "an indicator defined in this table")
        for i, ind in enumerate(result.values())
        if ind.weight and ind.weight not in result
    ]
    problems += [p for i, ind in enumerate(result.values()) for p in _plausible_problems(ind, path.name, i + 2)]
    if problems:
        raise DataError(problems)
    return result


def read_targets(path: Path, known: Mapping[str, Indicator], plan: str = "", year: str = "") -> dict[str, Target]:
    """Every quantitative target of a plan's ``targets.csv`` by id, in plan order, validated against ``known``."""
    rows = validate(read_csv_text(path), TARGET_SCHEMA, path.name)
    problems = []
    result = {}
    for i, r in enumerate(rows.to_dict("records")):
        if r["indicator"] and r["indicator"] not in known:
            problems.append(Problem(path.name, i + 2, "indicator", r["indicator"], "indicators.csv 中已定义的指标",
                                    "an indicator defined in indicators.csv"))
        if bool(r["indicator"]) != bool(r["measure"]):
            problems.append(Problem(path.name, i + 2, "measure", r["measure"], "与 indicator 同时填写或同时留空",
                                    "filled exactly when indicator is"))
        result[r["id"]] = Target(
            id=r["id"], task=int(r["task"]), thrust=r["thrust"], name_zh=r["name_zh"], name_en=r["name_en"],
            target=float(r["target"]), unit=r["unit"], sense=r["sense"], level=r["level"],
            indicator=r["indicator"], measure=r["measure"], threshold=_float(r["threshold"]),
            lead_departments=_departments(r["lead_departments"]), plan=plan, year=year,
            source_title=r["source_title"], source_url=r["source_url"],
        )
    if problems:
        raise DataError(problems)
    return result


def read_tasks(path: Path) -> dict[int, Task]:
    """A plan's tasks by number (none when it has no ``tasks.csv``)."""
    if not path.exists():
        return {}
    rows = validate(read_csv_text(path), TASK_SCHEMA, path.name)
    return {int(r["task"]): Task(int(r["task"]), r["thrust"], r["name_zh"], r["name_en"],
                                 _departments(r["lead_departments"])) for r in rows.to_dict("records")}


def read_plan(folder: Path, known: Mapping[str, Indicator]) -> Plan:
    """The plan in ``folder`` (``plan.csv``, ``targets.csv``, ``tasks.csv``), validated."""
    path = folder / "plan.csv"
    rows = validate(read_csv_text(path), PLAN_SCHEMA, f"{folder.name}/{path.name}").to_dict("records")
    if len(rows) != 1:
        raise DataError([Problem(f"{folder.name}/{path.name}", None, "id", str(len(rows)), "恰好一行", "exactly one row")])
    r = rows[0]
    targets = read_targets(folder / "targets.csv", known, r["id"], r["year"])
    tasks = read_tasks(folder / "tasks.csv")
    return Plan(r["id"], r["year"], r["target_date"], r["title_zh"], r["title_en"], r["document"], r["source_title"],
                r["source_url"], r["default"] == "true", MappingProxyType(tasks), MappingProxyType(targets))


def read_plans(folder: Path, known: Mapping[str, Indicator]) -> dict[str, Plan]:
    """Every plan under ``folder`` (one sub-folder each), by id; exactly one is the default, target ids unique."""
    plans = [read_plan(sub, known) for sub in sorted(p for p in folder.iterdir() if p.is_dir())]
    problems = []
    if sum(p.default for p in plans) != 1:
        problems.append(Problem("plans/*/plan.csv", None, "default", str(sum(p.default for p in plans)),
                                "恰好一个默认计划", "exactly one default plan"))
    seen: dict[str, str] = {}
    for plan in plans:
        for target_id in plan.targets:
            if target_id in seen:
                problems.append(Problem(f"{plan.id}/targets.csv", None, "id", target_id, "各计划中唯一的目标编号",
                                        f"a target id not used by plan {seen[target_id]}"))
            seen[target_id] = plan.id
    if problems:
        raise DataError(problems)
    return {p.id: p for p in plans}


@dataclass(frozen=True, eq=False)
class Catalog:
    """The indicators, and one plan's targets and tasks (the default plan's unless chosen, :meth:`for_plan`)."""

    indicators: Mapping[str, Indicator]
    targets: Mapping[str, Target]  # in plan order
    tasks: Mapping[int, Task] = field(default_factory=dict)
    plans: Mapping[str, Plan] = field(default_factory=dict)
    plan_id: str = ""

    @property
    def plan(self) -> Plan | None:
        """The plan whose targets and tasks these are (None for a hand-built catalog without plans)."""
        return self.plans.get(self.plan_id)

    def for_plan(self, plan_id: str) -> Catalog:
        """The same indicators with plan ``plan_id``'s targets and tasks; :class:`UnknownKeyError` for no such plan."""
        if plan_id == self.plan_id:
            return self
        try:
            plan = self.plans[plan_id]
        except KeyError:
            raise UnknownKeyError("plan", plan_id, list(self.plans)) from None
        return Catalog(self.indicators, plan.targets, plan.tasks, self.plans, plan_id)

    @property
    def default_plan(self) -> str:
        """The id of the plan a view shows unless it names another."""
        return next((p.id for p in self.plans.values() if p.default), self.plan_id)
    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator ``indicator_id``; :class:`UnknownKeyError` naming it if there is none."""
        try:
            return self.indicators[indicator_id]
        except KeyError:
            raise UnknownKeyError("indicator", indicator_id, list(self.indicators)) from None

    def target(self, target_id: str) -> Target:
        """The target ``target_id``; :class:`UnknownKeyError` naming it if there is none."""
        try:
            return self.targets[target_id]
        except KeyError:
            raise UnknownKeyError("target", target_id, list(self.targets)) from None

    def targets_of(self, indicator_id: str) -> list[Target]:
        """The plan targets tracked by an indicator, in plan order."""
        return [t for t in self.targets.values() if t.indicator == indicator_id]

    def map_indicators(self) -> list[str]:
        """Indicators that can be drawn on the map (they have prefecture or county values)."""
        return [i.id for i in self.indicators.values() if i.on_map]

    def departments(self) -> list[str]:
        """Every lead department named by a target, then by a task, in first-seen order (Chinese, as the plan
        writes them)."""
        seen: dict[str, None] = {}
        for target in self.targets.values():
            seen.update(dict.fromkeys(target.lead_departments))
        for task in self.tasks.values():
            seen.update(dict.fromkeys(task.lead_departments))
        return list(seen)

    def all_targets(self) -> list[Target]:
        """The targets of every plan (this catalog's own when it has no plans)."""
        return [t for p in self.plans.values() for t in p.targets.values()] if self.plans else list(self.targets.values())

    def lead_departments(self, indicator_id: str) -> tuple[str, ...]:
        """The departments that keep an indicator's figures current: those leading the targets it
        tracks in any plan (in plan order), then its configured keepers (the overall goal names no lead in the plan)."""
        seen: dict[str, None] = {}
        for target in self.all_targets():
            if target.indicator == indicator_id:
                seen.update(dict.fromkeys(target.lead_departments))
        seen.update(dict.fromkeys(self.indicator(indicator_id).keepers))
        return tuple(seen)


def load_catalog() -> Catalog:
    """The catalog of the data folder (:func:`sdplan.settings.data_dir`), with its default plan; read once per folder."""
    return read_catalog(data_dir())


@cache
def read_catalog(folder: Path) -> Catalog:
    """The catalog in ``folder`` (``indicators/indicators.csv`` and ``plans/*/``), read and validated once."""
    known = read_indicators(folder / "indicators")
    plans = read_plans(folder / "plans", known)
    default = next(p for p in plans.values() if p.default)
    return Catalog(MappingProxyType(known), default.targets, default.tasks, MappingProxyType(plans), default.id)
