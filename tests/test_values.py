"""Joins, roll-ups and circle filters on the bundled data, checked against hand computation."""

import math

import pandas as pd
import pytest

from sdplan.errors import UnknownKeyError
from sdplan.values import aggregate, default_period, observed, region_values, weights_for


def test_circles_hold_seven_five_and_four_prefectures(data):
    assert [len(data.regions_at("prefecture", c)) for c in ("capital", "jiaodong", "lunan")] == [7, 5, 4]
    assert len(data.regions_at("county", "jiaodong")) == len(
        data.regions_at("county")[data.regions_at("county")["parent"].isin(data.regions_at("prefecture", "jiaodong")["adcode"])])


def test_region_values_cover_every_region_even_without_data(data):
    frame = region_values(data, "urbanization_rate", "prefecture", "2022")
    assert len(frame) == 16
    assert frame["value"].notna().sum() == 6  # only six cities published a 2022 rate in the sources found
    assert frame.set_index("adcode").loc["370200", "value"] == 77.32


def test_county_status_rolls_up_to_a_count_per_prefecture(data):
    status = data.observations("sewer_retrofit_status")
    status = status[status["period"] == "2022"]
    by_hand = status.assign(parent=status["adcode"].str[:4] + "00").groupby("parent")["value"].apply(
        lambda v: float((v >= 2).sum()))
    rolled = region_values(data, "sewer_retrofit_status", "prefecture", "2022").set_index("adcode")["value"]
    pd.testing.assert_series_equal(rolled.loc[by_hand.index], by_hand, check_names=False)
    assert data.catalog.indicator("sewer_retrofit_status").unit_at("prefecture") == "count"
    assert rolled.sum() == 27


def test_star_ratings_roll_up_as_the_share_of_counties_with_four_stars_or_more(data):
    stars = data.observations("smart_city_stars")
    jinan = stars[(stars["period"] == "2022") & stars["adcode"].str.startswith("3701") & (stars["adcode"] != "370100")]
    expected = 100 * (jinan["value"] >= 4).sum() / len(jinan)
    rolled = region_values(data, "smart_city_stars", "prefecture", "2022", from_counties=True).set_index("adcode")
    assert rolled.loc["370100", "value"] == pytest.approx(expected)
    assert rolled.loc["370100", "provenance"] == "sample" and rolled.loc["370100", "n_units"] == len(jinan)


def test_weighted_mean_uses_population_weights(data):
    indicator = data.catalog.indicator("urbanization_rate")
    frame = observed(data, "urbanization_rate", "prefecture", "2020")
    weights = weights_for(data, indicator, "2020")
    result = aggregate(frame, indicator, weights=weights)
    by_hand = (frame.set_index("adcode")["value"] * weights).sum() / weights.sum()
    assert result.value == pytest.approx(by_hand)
    assert 60 < result.value < 65 and result.n_with_data == 16 and not result.sample


def test_aggregate_of_nothing_is_nan_not_zero(data):
    frame = observed(data, "urbanization_rate", "prefecture", "2022").assign(value=math.nan)
    assert math.isnan(aggregate(frame, data.catalog.indicator("urbanization_rate")).value)


def test_levels_and_default_periods(data):
    assert data.catalog.indicator("sewer_retrofit_status").map_levels == ("prefecture", "county")
    assert data.catalog.indicator("urban_rail_km").map_levels == ("prefecture",)
    assert default_period(data, "urban_rail_km", "prefecture") == "2022-10"  # the period covering all 16 cities
    assert default_period(data, "urbanization_rate", "prefecture") == "2020"


def test_bad_level_or_circle_is_named(data):
    with pytest.raises(UnknownKeyError, match="unknown level 'city'"):
        data.regions_at("city")
    with pytest.raises(UnknownKeyError, match="unknown circle 'jiaodon'"):
        data.regions_at("prefecture", "jiaodon")
    with pytest.raises(ValueError, match="has values at prefecture, not at 'county'"):
        region_values(data, "urban_rail_km", "county", "2022-10")
