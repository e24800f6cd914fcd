"""The map model: values and styles only, scope and muting, drill-down, breakdown and legend."""

import json

import pytest

from sdplan.mapview import build_map_model
from sdplan.viewstate import parse_view


def model(data, query: str):
    view, notices = parse_view(data, query)
    assert notices == []
    return build_map_model(data, view)


def test_hideout_carries_values_and_styles_never_geometry(data):
    m = model(data, "indicator=sewer_retrofit_km&level=county")
    text = json.dumps(m.hideout(), ensure_ascii=False)
    assert "coordinates" not in text and "geometry" not in text
    assert len(m.hideout()["d"]) == 136
    assert len(text.encode()) < 5 * 1024


def test_jiaodong_mutes_exactly_the_eleven_other_prefectures(data):
    m = model(data, "indicator=urban_rail_km&circle=jiaodong")
    assert len(m.hideout()["out"]) == 11
    assert set(m.scope_codes) == {"370200", "370600", "370700", "371000", "371100"}
    assert list(m.breakdown["adcode"])[0] == "370200"  # sorted by value: Qingdao first
    assert len(m.breakdown) == 5


def test_county_level_in_a_circle_mutes_the_counties_outside_and_rolls_up_the_breakdown(data):
    m = model(data, "indicator=sewer_retrofit_status&level=county&circle=lunan")
    counties_in = {c for c in m.values["adcode"] if c[:4] in ("3704", "3708", "3713", "3717")}
    assert set(m.scope_codes) == counties_in
    assert len(m.hideout()["out"]) == 136 - len(counties_in)
    assert len(m.breakdown) == 4 and m.breakdown_unit == "count"


def test_drilling_into_a_prefecture_shows_its_counties(data):
    m = model(data, "indicator=sewer_retrofit_km&prefecture=370200")
    assert m.layer == "county"
    assert m.scope_codes == frozenset(m.values.loc[m.values["parent"] == "370200", "adcode"])
    assert set(m.breakdown["adcode"]) <= m.scope_codes
    (south, west), (north, east) = m.bounds
    assert 35.3 < south < north < 37.2 and 119.3 < west < east < 121.2  # Qingdao, not the province


def test_colours_follow_the_classes_and_no_data_is_grey(data):
    m = model(data, "indicator=urbanization_rate&period=2022")
    no_data = m.values[m.values["value"].isna()]
    assert len(no_data) == 10 and (no_data["color"] == "#d9d9d9").all()
    assert (m.values.loc[m.values["value"].notna(), "cls"] >= 0).all()


def test_sample_and_sources_are_reported(data):
    stars = model(data, "")
    assert stars.has_sample and stars.title() == "山东省 新型智慧城市星级"
    rail = model(data, "indicator=urban_rail_km")
    assert not rail.has_sample
    assert any("山东这十年" in s for s in rail.sources)


def test_reference_line_is_the_target_for_shares_and_the_average_otherwise(data):
    shares = model(data, "indicator=smart_city_stars&level=county")
    assert shares.breakdown_unit == "percent" and shares.reference[0] == 30
    rail = model(data, "indicator=urban_rail_km")
    assert rail.reference[0] == pytest.approx(rail.breakdown["value"].mean())


def test_english_titles_and_legend(data):
    m = model(data, "indicator=sewer_retrofit_status&circle=jiaodong&lang=en")
    assert m.title() == "Jiaodong Economic Circle Combined-sewer separation retrofit status"
    assert m.legend()[-1][1] == "No data" and m.legend()[0][1] == "Not on the 2022 list"
