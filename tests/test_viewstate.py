"""The view survives a round trip through the URL; tampered values fall back with a notice."""

import pytest

from sdplan.viewstate import View, parse_view, view_query, with_changes


@pytest.mark.parametrize(
    "view",
    [
        View(),
        View(indicator="sewer_retrofit_status", level="county", circle="jiaodong", scheme="quantiles", period="2022"),
        View(indicator="urban_rail_km", level="prefecture", circle="lunan", period="2022-12", lang="en"),
        View(indicator="sewer_retrofit_km", level="county", prefecture="370200", scheme="equal_interval",
             period="2022"),
    ],
)
def test_round_trip(data, view):
    view = with_changes(data, view)
    parsed, notices = parse_view(data, view_query(data, view))
    assert parsed == view and notices == []


def test_default_view_has_a_short_link(data):
    view, _ = parse_view(data, "")
    assert view_query(data, view) == "?indicator=smart_city_stars"


@pytest.mark.parametrize(
    "query, param",
    [
        ("indicator=<script>", "indicator"),
        ("indicator=urban_rail_km&level=county", "level"),
        ("circle=shanghai", "circle"),
        ("prefecture=110000", "prefecture"),
        ("scheme=jenks", "scheme"),
        ("period=1999", "period"),
        ("lang=fr", "lang"),
        ("circle=lunan&prefecture=370200", "prefecture"),
    ],
)
def test_tampered_values_fall_back_with_a_notice(data, query, param):
    view, notices = parse_view(data, query)
    assert [n.param for n in notices] == [param]
    default_like = parse_view(data, query.replace(query.split("&")[-1], ""))[0]
    assert view == default_like
    assert param in notices[0].message("en") and "无效" in notices[0].message("zh")


def test_an_absurdly_long_query_gives_the_default_view(data):
    view, notices = parse_view(data, "indicator=" + "x" * 5000)
    assert view == parse_view(data, "")[0] and notices[0].param == "query"


def test_changing_indicator_keeps_level_and_period_valid(data):
    view = with_changes(data, View(indicator="sewer_retrofit_km", level="county", period="2022"), indicator="urban_rail_km")
    assert (view.level, view.period) == ("prefecture", "2022-10")
