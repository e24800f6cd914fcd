"""Joins, roll-ups, coverage, periods and level rules, on the small dataset (tests/small_dataset.py)."""

import math
from dataclasses import replace

import pytest

from sdplan.catalog import load_catalog
from sdplan.errors import UnknownKeyError
from sdplan.values import aggregate, observed, periods, region_values, weights_for

CATALOG = load_catalog()


def values(frame) -> dict:
    """adcode -> value, None where there is none."""
    return {a: None if math.isnan(v) else v for a, v in zip(frame["adcode"], frame["value"])}


def column(frame, name: str) -> list:
    return frame[name].tolist()


def test_regions_by_level_circle_and_prefecture(small):
    assert list(small.regions_at("prefecture")["adcode"]) == ["370100", "370200"]
    assert list(small.regions_at("prefecture", "jiaodong")["adcode"]) == ["370200"]
    assert small.regions_at("prefecture", "lunan").empty
    assert list(small.regions_at("county", "capital")["adcode"]) == ["370102", "370103", "370104"]
    assert list(small.regions_at("county", parent="370200")["adcode"]) == ["370202", "370203", "370211"]
    assert small.circle_of("370203") == "jiaodong" and small.circle_of("370000") is None


def test_every_region_is_joined_even_without_data(small):
    assert values(observed(small, "urban_rail_km", "prefecture", "2022-12")) == {"370100": None, "370200": 300.0}
    frame = region_values(small, "urban_rail_km", "prefecture", "2022-12")
    assert column(frame, "n_with_data") == [0, 1] and column(frame, "n_units") == [1, 1]


def test_sum_rolls_counties_up_to_their_prefecture_with_coverage(small):
    frame = region_values(small, "sewer_retrofit_km", "prefecture", "2022")
    assert values(frame) == {"370100": 15.0, "370200": 20.0}  # 10.5 + 4.5; 20
    assert column(frame, "n_with_data") == [2, 1] and column(frame, "n_units") == [3, 3]
    assert column(frame, "provenance") == ["sample", "sample"]


def test_count_at_least_counts_the_completed_counties(small):
    assert values(region_values(small, "sewer_retrofit_status", "prefecture", "2022")) == {"370100": 2.0, "370200": 1.0}


def test_share_of_counties_with_four_stars_or_more(small):
    frame = region_values(small, "smart_city_stars", "prefecture", "2022", from_counties=True)
    assert values(frame) == {"370100": pytest.approx(200 / 3), "370200": 50.0}  # 2 of 3; 1 of 2 rated
    assert column(frame, "n_with_data") == [3, 2] and column(frame, "n_units") == [3, 3]
    assert column(frame, "provenance") == ["sample", "mixed"]
    assert frame["source_title"].iloc[1] == "Qingdao data bureau notice"
    own = region_values(small, "smart_city_stars", "prefecture", "2022")
    assert values(own) == {"370100": 5.0, "370200": 4.0} and column(own, "provenance") == ["sourced", "sourced"]


def test_weighted_mean_uses_the_latest_population_up_to_the_period(small):
    rate = CATALOG.indicator("urbanization_rate")
    assert weights_for(small, rate, "2020").to_dict() == {"370100": 1000.0, "370200": 3000.0}
    assert weights_for(small, rate, "2022").to_dict() == {"370100": 2000.0, "370200": 3000.0}
    result = aggregate(observed(small, "urbanization_rate", "prefecture", "2020"), rate,
                       weights=weights_for(small, rate, "2020"))
    assert result.value == pytest.approx(77.5)  # (70 * 1000 + 80 * 3000) / 4000
    assert (result.n_units, result.n_with_data, result.sample, result.sources) == (2, 2, False, ("City bulletins 2020",))
    later = aggregate(observed(small, "urbanization_rate", "prefecture", "2022"), rate,
                      weights=weights_for(small, rate, "2022"))
    assert later.value == pytest.approx(77.4)  # (72 * 2000 + 81 * 3000) / 5000


def test_other_rules_and_thresholds_on_the_same_counties(small):
    stars = CATALOG.indicator("smart_city_stars")
    counties = observed(small, "smart_city_stars", "county", "2022")  # 5, 3, 4, 4, 2 and one unrated
    assert aggregate(counties, stars).value == 60.0  # 3 of 5 have >= 4
    assert aggregate(counties, stars, threshold=3).value == 80.0
    count = aggregate(counties, stars, how="count_at_least", threshold=3)
    assert (count.value, count.unit, count.n_units, count.n_with_data, count.sample) == (4.0, "count", 6, 5, True)
    assert aggregate(counties, stars, how="sum").value == 18.0
    with pytest.raises(UnknownKeyError, match="unknown aggregation 'median'"):
        aggregate(counties, stars, how="median")


def test_aggregate_of_nothing_is_nan_not_zero(small):
    rate = CATALOG.indicator("urbanization_rate")
    blank = aggregate(observed(small, "urbanization_rate", "prefecture", "2020").assign(value=math.nan), rate)
    assert math.isnan(blank.value) and (blank.n_units, blank.n_with_data) == (2, 0)
    empty = aggregate(observed(small, "urbanization_rate", "prefecture", "2020").iloc[:0], rate)
    assert math.isnan(empty.value) and empty.n_units == 0


def test_periods_count_only_the_regions_feeding_the_level(small):
    assert periods(small, "smart_city_stars", "county") == ["2022", "2023"]  # Lixia alone in 2023
    assert periods(small, "smart_city_stars", "prefecture") == ["2022"]  # prefectures have their own values
    assert periods(small, "sewer_retrofit_km", "prefecture") == ["2022"]  # rolled up from counties
    assert periods(small, "urbanization_rate", "prefecture") == ["2020", "2022"]  # the province row does not count
    assert periods(small, "sponge_city_new_km2", "prefecture") == []


@pytest.mark.parametrize("indicator, map_levels, default", [
    ("smart_city_stars", ("prefecture", "county"), "prefecture"),  # both its own: prefecture first
    ("sewer_retrofit_status", ("prefecture", "county"), "county"),  # county values roll up to prefectures
    ("urban_rail_km", ("prefecture",), "prefecture"),
    ("urban_roads_km", (), None),  # province only: not on the map
])
def test_map_levels_and_default_level(indicator, map_levels, default):
    ind = CATALOG.indicator(indicator)
    assert (ind.map_levels, ind.default_level, ind.on_map) == (map_levels, default, bool(map_levels))


def test_source_level_unit_at_and_level_for():
    stars, status, km = (CATALOG.indicator(i) for i in ("smart_city_stars", "sewer_retrofit_status", "sewer_retrofit_km"))
    rail, households = CATALOG.indicator("urban_rail_km"), CATALOG.indicator("urban_roads_km")
    assert (stars.source_level("prefecture"), status.source_level("prefecture")) == ("prefecture", "county")
    assert (stars.unit_at("prefecture"), status.unit_at("prefecture"), status.unit_at("county")) == ("stars", "count",
                                                                                                     "status")
    assert km.unit_at("prefecture") == "km"  # a sum keeps the unit
    assert (status.level_for("prefecture"), stars.level_for("county"), rail.level_for("county")) == (
        "county", "county", "prefecture")
    assert (rail.level_for("province"), households.level_for("county")) == ("prefecture", "province")
    with pytest.raises(ValueError, match="has values at prefecture, not at 'county'"):
        rail.source_level("county")
    both = replace(status, levels=("province", "county"))  # no such indicator yet: the rule still holds
    assert (both.level_for("prefecture"), both.level_for("province")) == ("county", "province")


def test_bad_level_circle_prefecture_or_indicator_is_named(small):
    with pytest.raises(UnknownKeyError, match="unknown level 'city'"):
        small.regions_at("city")
    with pytest.raises(UnknownKeyError, match="unknown circle 'jiaodon'"):
        small.regions_at("prefecture", "jiaodon")
    with pytest.raises(UnknownKeyError, match="unknown prefecture '370600'"):
        small.regions_at("county", parent="370600")
    with pytest.raises(UnknownKeyError, match="unknown indicator 'rail'"):
        small.observations("rail")
    with pytest.raises(ValueError, match="has values at prefecture, not at 'county'"):
        region_values(small, "urban_rail_km", "county", "2022-10")
