"""Finding a region by name: Chinese, English or pinyin, whole or partial ("寿光", "shouguang", "Shouguang").

Each region becomes one search option whose ``search`` text holds every way of writing it: the
Chinese name, the English name, the pinyin (with and without the administrative suffix) and the
pinyin initials; a county's also holds its prefecture's, and both languages' labels. The browser
matches what is typed against that text and the option's label, so a search sends no request;
choosing a region does (the map page's one callback). Because the search text holds the label of
either language, a query finds the same regions on the Chinese and the English page ("qingdao":
青岛市 and its districts on both).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from functools import cache, lru_cache

from sdplan.dataset import Dataset
from sdplan.i18n import LANGS, name_column, t
from sdplan.paths import BOUNDARIES

SUFFIXES = ("自治县", "市", "县", "区")
PINYIN_TABLE = BOUNDARIES / "pinyin.csv"  # made by scripts/prepare_pinyin.py; tests/test_search.py checks it


@cache
def known_pinyin() -> dict[str, list[str]]:
    """The pinyin of the bundled regions' names (and of their cores), read from :data:`PINYIN_TABLE`.

    pypinyin's phrase dictionaries hold about 55 MB in every process that imports them; the bundled names
    are looked up here instead, so a worker imports pypinyin only for a name the table lacks."""
    with PINYIN_TABLE.open(encoding="utf-8", newline="") as table:
        return {row["text"]: row["pinyin"].split() for row in csv.DictReader(table)}


def computed_pinyin(name: str) -> list[str]:
    """The syllables of a Chinese name, toneless, by pypinyin (imported on first use)."""
    from pypinyin import lazy_pinyin

    return lazy_pinyin(name)


def pinyin(name: str) -> list[str]:
    """The syllables of a Chinese name, toneless: from the table, else computed."""
    known = known_pinyin().get(name)
    return list(known) if known is not None else computed_pinyin(name)


def pinyin_table(names: Iterable[str]) -> str:
    """The CSV of :data:`PINYIN_TABLE` for region names: each name and its core, with their syllables."""
    texts = sorted({text for name in names for text in (name, core_name(name))})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["text", "pinyin"])
    writer.writerows([text, " ".join(computed_pinyin(text))] for text in texts)
    return out.getvalue()


def core_name(name_zh: str) -> str:
    """The name without its administrative suffix ("寿光市" -> "寿光"); a one-character core keeps it."""
    for suffix in SUFFIXES:
        if name_zh.endswith(suffix) and len(name_zh) - len(suffix) >= 2:
            return name_zh[: -len(suffix)]
    return name_zh


@lru_cache(maxsize=8192)  # a pure function of two names, shared by both languages and every revision
def search_text(name_zh: str, name_en: str) -> str:
    """Every way of writing a region's name, for the browser to match what is typed against."""
    core = core_name(name_zh)
    full, short = pinyin(name_zh), pinyin(core)
    return " ".join([name_zh, name_en, name_en.lower(), "".join(full), "".join(short), " ".join(short),
                     "".join(s[0] for s in short)])


def option_label(row: object, parent: object | None, lang: str) -> str:
    """'市南区(青岛市)' / 'Shinan District (Qingdao)': a county with its prefecture, a prefecture alone."""
    column = name_column(lang)
    name = getattr(row, column)
    return name if parent is None else t("with_note", lang, text=name, note=getattr(parent, column))


def region_options(data: Dataset, lang: str) -> list[dict]:
    """The search options: every prefecture and county, labelled in ``lang`` with its prefecture.

    The browser also matches the label: the search text holds the labels of both languages, so what
    is found does not depend on the page's language."""
    def compute() -> list[dict]:
        regions = data.regions
        rows = {row.adcode: row for row in regions.itertuples(index=False)}
        options = []
        for row in rows.values():
            if row.level not in ("prefecture", "county"):
                continue
            parent = rows.get(row.parent) if row.level == "county" else None
            words = [search_text(row.name_zh, row.name_en)]
            if parent is not None:
                words.append(search_text(parent.name_zh, parent.name_en))
            words += [option_label(row, parent, other) for other in LANGS]
            options.append({"label": option_label(row, parent, lang), "value": row.adcode, "search": " ".join(words)})
        return options

    return data.remember(("region_options", lang), compute)


def prepare_search(data: Dataset) -> None:
    """Compute the search options in every language now (at start-up), not in a visitor's request:
    the pinyin of every region takes a moment (0.3 s for China's 3,210 regions; then remembered)."""
    for lang in LANGS:
        region_options(data, lang)


def region_facts(data: Dataset, adcode: str) -> dict:
    """What the map's information sheet needs about a region: its names, level and prefecture."""
    region = data.region(adcode)
    parent = region["parent"]
    return {"adcode": adcode, "name_zh": region["name_zh"], "name_en": region["name_en"], "level": region["level"],
            "parent": parent if isinstance(parent, str) and parent else None}
