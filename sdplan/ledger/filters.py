"""The ledger's filters and their round trip through the URL query of ``/ledger``.

Parsing never fails: an invalid value falls back to "all" and adds a notice naming it.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import asdict, dataclass
from urllib.parse import urlencode

from ..catalog import THRUSTS, Catalog
from ..circles import CIRCLE_IDS
from ..progress import STATUSES
from ..viewstate import LANGS, Notice, QueryReader

MAX_SEARCH = 60


@dataclass(frozen=True)
class Filters:
    """What the ledger shows: None (or "") means all."""

    thrust: str | None = None
    dept: str | None = None
    status: str | None = None
    circle: str | None = None
    q: str = ""
    lang: str = "zh"
    plan: str | None = None  # None: the catalog's default plan
    asof: str | None = None  # YYYY-MM-DD: the ledger as the data stood then (sdplan.as_of); None: current


def parse_filters(catalog: Catalog, query: str | None) -> tuple[Filters, list[Notice]]:
    """Read the ledger's filters from a URL query string (with or without '?'); ``plan`` chooses the plan
    (the default plan's id is the same as none; an unknown one falls back to the default with a notice).

    Parameters
    ----------
    catalog : Catalog
        Knows the thrusts and lead departments a filter may name.
    query : str
        For example ``?thrust=green&status=behind&q=污水&lang=en``.

    Returns
    -------
    tuple of (Filters, list of Notice)
        The filters, with invalid values replaced by "all", and one notice per replaced value.
    """
    reader = QueryReader(query)
    notices = reader.notices
    plan = reader.pick("plan", list(catalog.plans), None, blanks=("",))
    plan = None if plan == catalog.default_plan else plan
    catalog = catalog.for_plan(plan) if plan else catalog

    def pick(param: str, allowed: Collection[str], default: str | None) -> str | None:
        return reader.pick(param, allowed, default, blanks=("", "all"))

    q = reader.raw.get("q", "").strip()
    if len(q) > MAX_SEARCH:
        notices.append(Notice("q", q[:40] + "…"))
        q = ""
    return Filters(
        thrust=pick("thrust", THRUSTS, None),
        dept=pick("dept", catalog.departments(), None),
        status=pick("status", STATUSES, None),
        circle=pick("circle", CIRCLE_IDS, None),
        q=q,
        lang=pick("lang", LANGS, "zh"),
        plan=plan,
        asof=reader.pick_day(),
    ), notices


def filters_query(filters: Filters) -> str:
    """The query string ('?…' or '') that reopens ``filters``; "all" and defaults are left out."""
    params = {k: v for k, v in asdict(filters).items() if v and not (k == "lang" and v == "zh")}
    return "?" + urlencode(params) if params else ""
