"""Progress against the plan's targets for the province and each circle."""

import math

import pytest

from sdplan.progress import elapsed_share, progress


def test_province_rail_uses_the_published_total_and_is_on_track_in_october(data):
    p = progress(data, "t07_urban_rail", "2022-10")
    assert p.value == 377.2 and p.target_value == 400
    assert p.status == "on_track"  # 377.2 >= 400 * 10/12
    assert not p.sample and p.sources


def test_a_circle_has_no_share_of_a_province_total(data):
    p = progress(data, "t07_urban_rail", "2022-10", "jiaodong")
    assert p.value == pytest.approx(293.1) and p.target_value is None


def test_county_four_star_share_in_jiaodong_is_computed_from_its_counties(data):
    stars = data.observations("smart_city_stars")
    jiaodong = ("3702", "3706", "3707", "3710", "3711")
    counties = stars[(stars["period"] == "2022") & stars["adcode"].str[:4].isin(jiaodong)
                     & ~stars["adcode"].str.endswith("00")]
    p = progress(data, "t04_counties_4star", "2022", "jiaodong")
    assert p.value == pytest.approx(100 * (counties["value"] >= 4).mean())
    assert p.target_value == 30 and p.sample and p.n_units == len(counties)
    assert p.status == ("met" if p.value >= 30 else "behind")


def test_urbanization_rate_2022_is_behind_the_65_percent_goal(data):
    p = progress(data, "urbanization_rate", "2022")
    assert (p.value, p.status) == (64.54, "behind")


def test_old_community_renovation_met_its_target(data):
    p = progress(data, "t22_old_communities", "2022")
    assert p.value == 68.03 and p.status == "met" and p.ratio == 1.0


def test_targets_without_data_say_so(data):
    p = progress(data, "t09_incineration_rate", "2022")
    assert p.status == "no_data" and math.isnan(p.value) and p.ratio is None


@pytest.mark.parametrize("period, share", [("2022", 1.0), ("2022-06", 0.5), ("2022-Q3", 0.75), ("2021", 1.0)])
def test_elapsed_share_of_the_plan_year(period, share):
    assert elapsed_share(period) == share
