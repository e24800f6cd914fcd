"""The view survives a round trip through the URL; tampered values fall back with a notice (small dataset)."""

import pytest

from sdplan.viewstate import View, advance, choices, parse_view, view_query, with_changes


@pytest.mark.parametrize(
    "view",
    [
        View(),
        View(indicator="sewer_retrofit_status", level="county", circle="jiaodong", scheme="quantiles", period="2022"),
        View(indicator="urban_rail_km", level="prefecture", circle="lunan", period="2022-12", lang="en"),
        View(indicator="sewer_retrofit_km", level="county", prefecture="370200", scheme="equal_interval",
             period="2022"),
        View(indicator="smart_city_stars", level="county", period="2023"),
    ],
)
def test_round_trip(small, view):
    view = with_changes(small, view)
    parsed, notices = parse_view(small, view_query(small, view))
    assert parsed == view and notices == []


def test_defaults_are_left_out_of_the_link(small):
    view, notices = parse_view(small, "")
    assert view == View(period="2022") and notices == []
    assert view_query(small, view) == "?indicator=smart_city_stars"
    rail = View(indicator="urban_rail_km", period="2022-12", lang="en")
    assert view_query(small, rail) == "?indicator=urban_rail_km&period=2022-12&lang=en"
    assert view_query(small, View(indicator="urban_rail_km", period="2022-10")) == "?indicator=urban_rail_km"


@pytest.mark.parametrize(
    "query, param",
    [
        ("indicator=<script>", "indicator"),
        ("indicator=urban_roads_km", "indicator"),  # not on the map
        ("indicator=urban_rail_km&level=county", "level"),
        ("circle=shanghai", "circle"),
        ("prefecture=110000", "prefecture"),
        ("scheme=jenks", "scheme"),
        ("period=1999", "period"),
        ("indicator=smart_city_stars&period=2023", "period"),  # a county period, not a prefecture one
        ("lang=fr", "lang"),
        ("circle=lunan&prefecture=370200", "prefecture"),
    ],
)
def test_tampered_values_fall_back_with_a_notice(small, query, param):
    view, notices = parse_view(small, query)
    assert [n.param for n in notices] == [param]
    default_like = parse_view(small, query.replace(query.split("&")[-1], ""))[0]
    assert view == default_like
    assert param in notices[0].message("en") and "无效" in notices[0].message("zh")


def test_an_absurdly_long_query_gives_the_default_view(small):
    view, notices = parse_view(small, "indicator=" + "x" * 5000)
    assert view == parse_view(small, "")[0] and notices[0].param == "query"


def test_changing_indicator_keeps_level_and_period_valid(small):
    view = with_changes(small, View(indicator="sewer_retrofit_km", level="county", period="2022"), indicator="urban_rail_km")
    assert (view.level, view.period) == ("prefecture", "2022-10")
    view = with_changes(small, View(indicator="smart_city_stars", level="county", period="2023"), level="prefecture")
    assert view.period == "2022"


def test_choices_follow_the_indicator_and_level(small):
    assert choices(small, "level", "sewer_retrofit_status") == ["prefecture", "county"]
    assert choices(small, "period", "smart_city_stars", "county") == ["2022", "2023"]
    assert "urban_roads_km" not in choices(small, "indicator", "urban_rail_km")
    with pytest.raises(ValueError, match="unknown view field 'colour'"):
        choices(small, "colour", "urban_rail_km")


@pytest.mark.parametrize("action", ["indicator", "circle", "period", "compare", "map_click", "region", "back", "lang"])
@pytest.mark.parametrize("value", [None, ["370200"], {"adcode": ["x"]}, {"adcode": "370102"}, 7, "../x", "370200"])
def test_no_action_and_value_a_request_can_carry_breaks_the_view_rules(small, action, value):
    view, _ = parse_view(small, "?indicator=sewer_retrofit_km")
    after, notices = advance(small, view, [], action, value)
    assert isinstance(after, View) and parse_view(small, view_query(small, after))[0] == after
