"""Progress against the plan's targets for the province and each circle, on the small dataset."""

import math

import pytest

from sdplan.catalog import load_catalog
from sdplan.meaning import elapsed_share
from sdplan.progress import progress, status_of

CATALOG = load_catalog()


def summary(p) -> tuple:
    return p.value, p.target_value, p.status


def test_the_province_figure_wins_over_the_sum_of_its_cities(small):
    p = progress(small, "t07_urban_rail", "2022-10")
    assert summary(p) == (380.0, 400.0, "on_track")  # not 80 + 290; 380 >= 400 * 10/12
    assert (p.n_units, p.n_with_data, p.sample, p.sources) == (1, 1, False, ("Province press release",))
    assert p.ratio == 0.95


def test_without_a_province_figure_the_cities_are_summed(small):
    p = progress(small, "t07_urban_rail", "2022-12")
    assert summary(p) == (300.0, 400.0, "partial")  # Jinan has no figure: Qingdao's 300 is no province total
    assert p.partial and p.ratio is None and not p.complete
    assert (p.n_units, p.n_with_data, p.sources) == (2, 1, ("Qingdao metro report",))


def test_a_circle_only_contributes_to_a_province_total_or_count(small):
    assert summary(progress(small, "t07_urban_rail", "2022-10", "jiaodong")) == (290.0, None, "province_only")
    assert summary(progress(small, "t07_urban_rail", "2022-10", "capital")) == (80.0, None, "province_only")
    assert summary(progress(small, "t08_sewer_counties", "2022", "jiaodong")) == (1.0, None, "province_only")


def test_shares_of_counties_for_the_province_and_each_circle(small):
    province = progress(small, "t04_counties_4star", "2022")
    assert summary(province) == (60.0, 30.0, "partial")  # 3 of the 5 rated counties; one county unrated
    assert (province.n_units, province.n_with_data, province.sample) == (6, 5, True)
    jiaodong = progress(small, "t04_counties_4star", "2022", "jiaodong")
    assert summary(jiaodong) == (50.0, None, "partial") and (jiaodong.n_units, jiaodong.n_with_data) == (3, 2)
    capital = progress(small, "t04_counties_4star", "2022", "capital")  # all three of Jinan's counties rated
    # the province's target is not the circle's: its share is shown, not judged
    assert capital.value == pytest.approx(200 / 3) and capital.complete and capital.status == "province_only"
    assert summary(progress(small, "t04_counties_3star", "2022")) == (80.0, 90.0, "partial")  # 4 of 5 rated


def test_shares_of_cities_use_the_cities_own_ratings(small):
    assert summary(progress(small, "t04_cities_4star", "2022")) == (100.0, 80.0, "met")
    assert summary(progress(small, "t04_cities_3star", "2022")) == (100.0, 100.0, "met")
    assert not progress(small, "t04_cities_4star", "2022").sample


def test_the_urbanization_rate_is_weighted_and_only_the_province_is_judged(small):
    assert summary(progress(small, "urbanization_rate", "2022")) == (64.5, 65.0, "behind")  # published figure
    assert progress(small, "urbanization_rate", "2020").value == pytest.approx(77.5)  # weighted by population
    assert summary(progress(small, "urbanization_rate", "2022", "capital")) == (72.0, None, "province_only")
    assert summary(progress(small, "urbanization_rate", "2022", None, "370200")) == (81.0, None, "province_only")


def test_a_figure_of_another_year_is_not_judged_against_the_plan_years_target(small):
    p = progress(small, "urbanization_rate", "2020")  # 77.5 would "meet" 65, but the target is for 2022
    assert (p.status, p.target_value) == ("other_year", 65.0) and p.complete


def test_one_city_is_no_share_its_own_rating_stands(small):
    p = progress(small, "t04_cities_4star", "2022", None, "370200")  # a share of one city would read 100 %
    assert (p.value, p.unit, p.status, p.how) == (4.0, "stars", "province_only", "value")


def test_county_totals_and_counts_fall_short_in_the_plan_year(small):
    counties = progress(small, "t08_sewer_counties", "2022")
    assert summary(counties) == (3.0, 30.0, "behind") and counties.unit == "count"  # every county reported
    km = progress(small, "t08_sewer_km", "2022")
    assert summary(km) == (35.0, 1000.0, "partial") and km.sample and km.sources == ()  # 3 of 6 counties


def test_a_met_target_fills_the_bar(small):
    p = progress(small, "t22_old_communities", "2022")
    assert summary(p) == (70.0, 67.1, "met") and p.ratio == 1.0


def test_targets_without_data_say_so(small):
    untracked = progress(small, "t09_incineration_rate", "2022")  # no indicator in the catalog
    assert untracked.status == "no_data" and math.isnan(untracked.value) and untracked.ratio is None
    assert progress(small, "t11_sponge_city", "2022").status == "no_data"  # an indicator without figures
    assert progress(small, "t07_urban_rail", None).status == "no_data"  # no period
    assert progress(small, "t22_old_communities", "2022", "jiaodong").status == "no_data"  # a province-only figure
    lunan = progress(small, "t04_counties_4star", "2022", "lunan")  # no region of the circle
    assert (lunan.status, lunan.n_units) == ("no_data", 0)


@pytest.mark.parametrize("target, value, period, status", [
    ("t07_urban_rail", 340.0, "2022-10", "on_track"),  # 400 * 10/12 = 333.3
    ("t07_urban_rail", 330.0, "2022-10", "behind"),
    ("t07_urban_rail", 340.0, "2022-Q4", "behind"),
    ("t07_urban_rail", 400.0, "2022-06", "met"),
    ("t04_counties_3star", 50.0, "2022-06", "behind"),  # a share is never "on track"
    ("t18_unemployment", 5.5, "2022", "met"),  # at most 5.5 %
    ("t18_unemployment", 5.6, "2022", "behind"),
    ("t08_black_odorous", 0.0, "2022", "met"),  # zero
    ("t08_black_odorous", 1.0, "2022", "behind"),
])
def test_status_of_a_value(target, value, period, status):
    t = CATALOG.target(target)
    assert status_of(t, value, t.target, period) == status


@pytest.mark.parametrize("period, share", [("2022", 1.0), ("2022-06", 0.5), ("2022-Q3", 0.75), ("2021", 1.0)])
def test_elapsed_share_of_the_plan_year(period, share):
    assert elapsed_share(period) == share


def test_a_province_row_is_the_indicators_value_not_a_share_of_its_regions():
    from small_dataset import small_dataset

    rated = small_dataset(extra=(("smart_city_stars", "370000", "2022", 4.0, "sample", None),))
    share = progress(rated, "t04_counties_4star", "2022")  # a share of counties, whatever the province's rating
    assert share.value == 60.0 and not share.published and (share.n_units, share.n_with_data) == (6, 5)


def test_periods_of_different_lengths_are_ordered_by_when_they_end():
    from small_dataset import small_dataset

    from sdplan.tables import period_end
    from sdplan.values import weights_for

    assert sorted(["2022-Q3", "2022-10", "2022", "2022-06"], key=period_end) == ["2022-06", "2022-Q3", "2022-10", "2022"]
    data = small_dataset(extra=(("resident_population", "370100", "2022-10", 9999.0, "sample", None),))
    indicator = data.catalog.indicator("urbanization_rate")
    assert weights_for(data, indicator, "2022-Q3")["370100"] == 1000.0  # October has not come by the third quarter
    assert weights_for(data, indicator, "2022")["370100"] == 2000.0  # the annual figure ends the year
