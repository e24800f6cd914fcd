"""Match region names as officials write them to adcodes.

济南 / 济南市 / Jinan / 370100; 历下区 / 历下 / Lixia / Lixia District; a county may be prefixed
by its prefecture (枣庄市市中区, 枣庄市中区, Zaozhuang Shizhong). A name that fits several regions
(市中区 in 济南 and 枣庄; Lanshan District in 临沂 and 日照) is ambiguous unless the prefecture
is given.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from ..boundaries import load_regions

ZH_SUFFIXES = ("省", "市", "区", "县")
EN_SUFFIXES = (" province", " city", " district", " county")


def normalise(text: str) -> str:
    """Fold width and case, drop whitespace and joiners: the form names are compared in."""
    text = unicodedata.normalize("NFKC", str(text)).strip().lower()
    return re.sub(r"[\s\-_·.'’]+", " ", text).strip()


def _forms(name_zh: str, name_en: str) -> set[str]:
    forms = {normalise(name_zh), normalise(name_en)}
    zh = normalise(name_zh)
    if zh.endswith(ZH_SUFFIXES) and len(zh) > 2:
        forms.add(zh[:-1])
    en = normalise(name_en)
    for suffix in EN_SUFFIXES:
        if en.endswith(suffix):
            forms.add(en[: -len(suffix)])
    forms |= {f.replace(" ", "") for f in forms}
    return {f for f in forms if f}


@dataclass(frozen=True)
class Match:
    """The outcome of matching one name: an adcode, or why there is none."""

    adcode: str | None
    candidates: tuple[str, ...] = ()  # adcodes an ambiguous name could mean

    @property
    def ambiguous(self) -> bool:
        return self.adcode is None and len(self.candidates) > 1


@cache
def name_index() -> dict[str, tuple[str, ...]]:
    """Every usual form of every region name -> the adcodes it may mean (cached)."""
    regions = load_regions()
    by_code = regions.set_index("adcode")
    index: dict[str, set[str]] = {}
    for r in regions.itertuples(index=False):
        own = _forms(r.name_zh, r.name_en)
        forms = set(own)
        if r.level == "county" and isinstance(r.parent, str) and r.parent in by_code.index:
            parent = by_code.loc[r.parent]
            for p in _forms(parent["name_zh"], parent["name_en"]):
                forms |= {p + f for f in own} | {f"{p} {f}" for f in own}
        for form in forms:
            index.setdefault(form, set()).add(r.adcode)
    return {k: tuple(sorted(v)) for k, v in index.items()}


@cache
def _parents() -> dict[str, str | None]:
    regions = load_regions()
    return {a: (p if isinstance(p, str) else None) for a, p in zip(regions["adcode"], regions["parent"])}


@lru_cache(maxsize=4096)
def match_region(name: str, prefecture: str | None = None) -> Match:
    """Find the region ``name`` means, within ``prefecture`` when given.

    Parameters
    ----------
    name : str
        An adcode or a name in any usual form (Chinese or English, with or without suffix,
        optionally prefixed by the prefecture).
    prefecture : str, optional
        The prefecture's adcode or name, to tell apart counties of the same name.

    Returns
    -------
    Match
        ``adcode`` set when exactly one region fits; otherwise the candidates (none: unknown).
    """
    text = normalise(name)
    if re.fullmatch(r"\d{6}", text):
        return Match(text if text in _parents() else None)
    candidates = name_index().get(text) or name_index().get(text.replace(" ", ""), ())
    if prefecture:
        parent = match_region(prefecture)
        if parent.adcode is None:
            return Match(None)
        parents = _parents()
        candidates = tuple(c for c in candidates if c == parent.adcode or parents.get(c) == parent.adcode)
    if len(candidates) == 1:
        return Match(candidates[0])
    return Match(None, tuple(candidates))
