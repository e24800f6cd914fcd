"""The region search finds the same regions whatever the page's language."""

from __future__ import annotations

import re

import pytest

from sdplan.search import region_options


def dropdown_matches(options: list[dict], query: str) -> set[str]:
    """The options Dash's searchable dropdown keeps for ``query`` (its js-search set-up in dcc 4): the label (a
    text) and the ``search`` text, lower-cased and split at white space, are indexed by every substring of each
    word; an option is kept when every word of the query is part of one of its words."""
    words = query.strip().lower().split()
    kept = set()
    for option in options:
        indexed = [w for field in ("label", "search") if isinstance(option.get(field), str)
                   for w in re.split(r"\s+", option[field].strip().lower()) if w]
        if all(any(q in w for w in indexed) for q in words):
            kept.add(option["value"])
    return kept


QUERIES = ["qingdao", "Qingdao", "青岛", "jinan", "济南", "shi", "寿光", "shouguang", "sg", "市南", "shinan",
           "Shinan District", "district", "历下区", "qd"]


@pytest.mark.parametrize("query", QUERIES)
def test_a_query_finds_the_same_regions_in_chinese_and_english(data, query):
    found = {lang: dropdown_matches(region_options(data, lang), query) for lang in ("zh", "en")}
    assert found["zh"], query
    assert found["zh"] == found["en"], (query, found["zh"] ^ found["en"])


def test_a_prefecture_s_name_finds_it_first_then_its_counties(data):
    for lang in ("zh", "en"):
        options = region_options(data, lang)
        kept = [o["value"] for o in options if o["value"] in dropdown_matches(options, "qingdao")]
        assert kept[0] == "370200"  # 青岛市, then its districts and county-level cities
        assert "370202" in kept and all(data.region(a)["parent"] == "370200" for a in kept[1:])


def test_the_pinyin_table_is_what_pypinyin_says_for_every_bundled_region():
    """Workers read the bundled names' pinyin from data/boundaries/pinyin.csv instead of importing pypinyin:
    the table must say what pypinyin says (regenerate with scripts/prepare_pinyin.py)."""
    from sdplan.boundaries import load_regions
    from sdplan.search import PINYIN_TABLE, pinyin_table

    assert PINYIN_TABLE.read_text(encoding="utf-8") == pinyin_table(load_regions()["name_zh"])


def test_a_name_the_table_lacks_is_computed():
    from sdplan.search import known_pinyin, pinyin

    assert "北京市" not in known_pinyin()
    assert pinyin("北京市") == ["bei", "jing", "shi"]
