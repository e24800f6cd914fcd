"""The dashboard's view as a small value object, and its round trip through the URL.

A view is what a copied link must reopen: indicator, level, circle, drilled prefecture,
classification, period and language. Parsing never fails: an invalid or tampered value falls
back to its default and adds a notice that names the parameter and the bad value.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import asdict, dataclass, replace
from urllib.parse import parse_qs, urlencode

from .as_of import PARAM, parse_day
from .circles import CIRCLE_IDS
from .classify import SCHEMES
from .dataset import Dataset
from .i18n import t
from .meaning import comparable_periods, representative_period, target_year
from .values import periods

LANGS = ("zh", "en")
MEASURES = ("completion",)
DEFAULT_INDICATOR = "smart_city_stars"
MAX_QUERY_LENGTH = 2000


@dataclass(frozen=True)
class View:
    indicator: str = DEFAULT_INDICATOR
    level: str = "prefecture"
    circle: str | None = None
    prefecture: str | None = None
    scheme: str = "natural_breaks"
    period: str | None = None
    lang: str = "zh"
    compare: str | None = None  # a comparison period: the map shows the change from it to ``period``
    plan: str | None = None  # the plan whose targets the view measures against (None: the default plan)
    asof: str | None = None  # YYYY-MM-DD: drawn from the data as they stood then (sdplan.as_of); None: current
    measure: str | None = None  # "completion": each region's figure against its own target (sdplan.completion)


@dataclass(frozen=True)
class Notice:
    """A parameter of the link that was not valid and was replaced by its default."""

    param: str
    value: str

    def message(self, lang: str = "zh") -> str:
        return t("notice_invalid_param", lang, param=self.param, value=self.value)


@dataclass(frozen=True)
class Note:
    """Why the view did not do what was asked (e.g. drill into an indicator with no county values)."""

    key: str  # the interface word (sdplan.i18n) that says it
    values: tuple[tuple[str, str], ...] = ()

    def message(self, lang: str = "zh") -> str:
        return t(self.key, lang, **dict(self.values))


class QueryReader:
    """The parameters of a URL query; a value that is not allowed becomes the default and a notice.

    An absurdly long query is not read at all (every parameter takes its default).
    """

    def __init__(self, query: str | None):
        query = (query or "").lstrip("?")
        self.notices: list[Notice] = []
        if len(query) > MAX_QUERY_LENGTH:
            self.notices.append(Notice("query", query[:40] + "…"))
            query = ""
        self.raw = {k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()}

    def pick(self, param: str, allowed: Collection[str], default: str | None,
             blanks: tuple[str, ...] = ("",)) -> str | None:
        """The value of ``param`` if it is in ``allowed``; ``default`` if absent, blank or not allowed."""
        value = self.raw.get(param)
        if value is None or value in blanks:
            return default
        if value in allowed:
            return value
        self.notices.append(Notice(param, value[:40]))
        return default

    def pick_day(self, param: str = PARAM) -> str | None:
        """The date ``param`` names (YYYY-MM-DD, not in the future) or None, with a notice for anything else."""
        value = self.raw.get(param)
        if value in (None, ""):
            return None
        day = parse_day(value)
        if day is None:
            self.notices.append(Notice(param, value[:40]))
        return day.isoformat() if day else None


def query_lang(query: str | None) -> str:
    """The language a query asks for (the map's or the ledger's), read without a dataset: "zh" by default."""
    return QueryReader(query).pick("lang", LANGS, "zh")


def parse_view(data: Dataset, query: str | None) -> tuple[View, list[Notice]]:
    """Read a view from a URL query string (with or without the leading '?')."""
    reader = QueryReader(query)
    pick, notices = reader.pick, reader.notices

    lang = pick("lang", LANGS, "zh")
    indicator = pick("indicator", data.catalog.map_indicators(), DEFAULT_INDICATOR)
    level = pick("level", choices(data, "level", indicator), data.catalog.indicator(indicator).default_level)
    circle = pick("circle", CIRCLE_IDS, None)
    scheme = pick("scheme", SCHEMES, "natural_breaks")
    prefecture = pick("prefecture", data.prefecture_codes, None)
    if prefecture and ((circle and data.circle_of(prefecture) != circle)
                       or "county" not in data.catalog.indicator(indicator).map_levels):
        notices.append(Notice("prefecture", prefecture))
        prefecture = None
    period = pick("period", choices(data, "period", indicator, level), representative_period(data, indicator, level))
    compare = pick("compare", compare_choices(data, indicator, level, period), None)
    plan = pick("plan", list(data.catalog.plans), None)
    plan = None if plan == data.catalog.default_plan else plan
    measure = pick("measure", measure_choices(data, indicator), None)
    if measure and compare:  # a completion map shows one period: the comparison gives way
        notices.append(Notice("compare", compare))
        compare = None
    return View(indicator, level, circle, prefecture, scheme, period, lang, compare, plan, reader.pick_day(), measure), notices


def measure_choices(data: Dataset, indicator: str) -> list[str]:
    """What else than its values the map of ``indicator`` can show: its regions' completion of their own
    targets, where the plan sets a target for it."""
    return list(MEASURES) if data.catalog.targets_of(indicator) else []


def compare_choices(data: Dataset, indicator: str, level: str, period: str | None) -> list[str]:
    """The periods a view can be compared with (:func:`sdplan.meaning.comparable_periods`): those with
    at least one region whose change may be shown."""
    if period not in periods(data, indicator, level):
        return []
    return [p for p in comparable_periods(data, indicator, level, period) if p in periods(data, indicator, level)]


def choices(data: Dataset, field: str, indicator: str, level: str | None = None, period: str | None = None) -> list[str]:
    """The valid values of a view field, given the indicator (and level, for periods; and period, for
    the comparison period)."""
    if field == "indicator":
        return data.catalog.map_indicators()
    if field == "level":
        return list(data.catalog.indicator(indicator).map_levels)
    if field == "period":
        return periods(data, indicator, level)
    if field == "circle":
        return list(CIRCLE_IDS)
    if field == "scheme":
        return list(SCHEMES)
    if field == "lang":
        return list(LANGS)
    if field == "compare":
        return compare_choices(data, indicator, level, period)
    if field == "measure":
        return measure_choices(data, indicator)
    raise ValueError(f"unknown view field {field!r}")


def view_query(data: Dataset, view: View) -> str:
    """The query string ('?…') that reopens ``view``; defaults are left out to keep links short."""
    defaults = asdict(View(indicator=view.indicator, level=data.catalog.indicator(view.indicator).default_level))
    defaults["period"] = representative_period(data, view.indicator, view.level)
    params = {k: v for k, v in asdict(view).items() if v is not None and v != defaults.get(k)}
    params["indicator"] = view.indicator
    order = ("indicator", "level", "circle", "prefecture", "scheme", "period", "compare", "measure", "plan", "asof", "lang")
    ordered = {k: params[k] for k in order if k in params}
    return "?" + urlencode(ordered)


def with_changes(data: Dataset, view: View, **changes) -> View:
    """A copy of ``view`` with ``changes``; the period and level are kept valid for the indicator."""
    view = replace(view, **changes)
    indicator = data.catalog.indicator(view.indicator)
    if view.prefecture and "county" not in indicator.map_levels:  # nothing to drill into
        view = replace(view, prefecture=None)
    if view.level not in indicator.map_levels:
        view = replace(view, level=indicator.default_level)
    if view.period not in periods(data, view.indicator, view.level):
        view = replace(view, period=representative_period(data, view.indicator, view.level))
    if view.compare and view.compare not in compare_choices(data, view.indicator, view.level, view.period):
        view = replace(view, compare=None)
    if view.measure and view.measure not in measure_choices(data, view.indicator):
        view = replace(view, measure=None)
    if view.measure and view.compare:  # the comparison chosen last wins over the completion map
        view = replace(view, measure=None) if "compare" in changes else replace(view, compare=None)
    if view.measure and "measure" in changes:  # opened on the targets' year: a completion of another is none
        targets = data.catalog.targets_of(view.indicator)
        year = target_year(targets[0]) if targets else None
        if year and not (view.period or "").startswith(year):
            view = replace(view, period=representative_period(data, view.indicator, view.level, within=year) or view.period)
    return view


# What a person can do to the view (the map page's controls, its click, back, the language switch and the
# region search), named as the view callback names its triggers.
CONTROL_FIELDS = ("indicator", "level", "circle", "scheme", "period", "compare", "measure")
ACTIONS = (*CONTROL_FIELDS, "step", "lang", "back", "map_click", "region", "asof")


def advance(data: Dataset, view: View, notices: list[Notice], action: str | None,
            value: object = None) -> tuple[View, list[Notice | Note]]:
    """The view after ``action`` (one of :data:`ACTIONS`; None: the query itself), from the view the query
    reads as (and the query's notices). A value no control could send keeps the view, with a notice."""
    if action in CONTROL_FIELDS:
        field = action
        if value is None and field not in ("circle", "compare", "measure"):  # a control cleared: nothing to change to
            return view, []
        value = None if (field, value) in (("circle", "all"), ("compare", "none"), ("measure", "value")) else value
        if value is not None and (not isinstance(value, str)
                                  or value not in choices(data, field, view.indicator, view.level, view.period)):
            return view, [Notice(field, str(value)[:40])]  # a forged request: keep the view
        changes = {field: value}
        if field == "circle" and view.prefecture and value and data.circle_of(view.prefecture) != value:
            changes["prefecture"] = None
        if field == "level" and view.prefecture and value == "prefecture":  # the level control leaves a city
            changes["prefecture"] = None
        if field == "indicator":
            changes["level"] = data.catalog.indicator(value).opening_level(view.level)
        return with_changes(data, view, **changes), []
    if action == "step":
        return step(data, view, value)
    if action == "lang":
        return with_changes(data, view, lang="en" if view.lang == "zh" else "zh"), []
    if action == "asof":  # the date control: a day drawn as of, or cleared for the current data
        if value in (None, ""):
            return replace(view, asof=None), []
        day = parse_day(value)
        if day is None:
            return view, [Notice(PARAM, str(value)[:40])]
        return replace(view, asof=day.isoformat()), []
    if action == "back":
        return with_changes(data, view, prefecture=None), []
    if action == "map_click" and isinstance(value, dict):
        return drill(data, view, value.get("adcode"))
    if action == "region" and value:
        return find(data, view, value)
    return view, notices


def step(data: Dataset, view: View, index: object) -> tuple[View, list[Notice]]:
    """The time slider at position ``index`` (its periods oldest first): the view at that period, its
    comparison dropped where the period cannot be compared with it. A position no slider has keeps the view."""
    steps = periods(data, view.indicator, view.level)
    if isinstance(index, float) and index.is_integer():
        index = int(index)
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(steps):
        return view, [Notice("period", str(index)[:40])]
    return with_changes(data, view, period=steps[index]), []


def period_index(data: Dataset, view: View) -> int | None:
    """The time slider's position for ``view``'s period (None where the period has no place on it)."""
    steps = periods(data, view.indicator, view.level)
    return steps.index(view.period) if view.period in steps else None


def drill(data: Dataset, view: View, adcode: object) -> tuple[View, list[Note]]:
    """Clicking a prefecture in scope drills into its counties; anything else changes nothing.

    An indicator with no county values does not drill, and a note says why.
    """
    if not isinstance(adcode, str) or adcode not in data.prefecture_codes or view.prefecture:
        return view, []
    if view.circle and data.circle_of(adcode) != view.circle:
        return view, []
    indicator = data.catalog.indicator(view.indicator)
    if "county" not in indicator.map_levels:
        return view, [Note("no_county_values", (("indicator", indicator.name(view.lang)),
                                                ("region", data.region_name(adcode, view.lang))))]
    return with_changes(data, view, prefecture=adcode), []


def find(data: Dataset, view: View, adcode: object) -> tuple[View, list[Note]]:
    """A region chosen in the search: its prefecture is drilled into where the indicator has county
    values (a county needs it), and it is shown whatever economic circle was chosen."""
    if not data.has_region(adcode):
        return view, []
    region = data.region(adcode)
    prefecture = adcode if region["level"] == "prefecture" else region["parent"]
    if view.circle and data.circle_of(prefecture) != view.circle:
        view = with_changes(data, view, circle=None)
    if view.prefecture == prefecture:
        return view, []
    if view.prefecture:
        view = with_changes(data, view, prefecture=None)
    if "county" not in data.catalog.indicator(view.indicator).map_levels:
        return view, []
    return with_changes(data, view, prefecture=prefecture), []
