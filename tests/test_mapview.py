"""The map model on the small dataset: scope and muting, drill-down, breakdown, reference line, hideout."""

import json

import pytest

from sdplan.classify import NO_DATA_COLOR, YLGNBU
from sdplan.mapview import NEUTRAL_BAR, build_map_model
from sdplan.viewstate import parse_view

JINAN_COUNTIES = ["370102", "370103", "370104"]
QINGDAO_COUNTIES = ["370202", "370203", "370211"]


def model(data, query: str):
    view, notices = parse_view(data, query)
    assert notices == []
    return build_map_model(data, view)


def test_hideout_carries_values_and_styles_never_geometry(small):
    hideout = model(small, "indicator=sewer_retrofit_km&level=county").hideout()
    assert "coordinates" not in json.dumps(hideout) and "geometry" not in json.dumps(hideout)
    # three distinct values, three classes; each value written as everywhere (one decimal for this indicator),
    # with its share of the province's 1,000 km; no data: class -1 and no text
    regions = {code: (cls, val, lines, smp) for code, cls, val, lines, smp in
               zip(hideout["codes"], hideout["cls"], hideout["val"], hideout["lines"], hideout["smp"])}
    assert regions == {"370102": (1, "10.5公里", ["占全省目标的 1.1%"], 1), "370103": (0, "4.5公里", ["占全省目标的 0.5%"], 1),
                       "370104": (-1, None, None, 0), "370202": (2, "20.0公里", ["占全省目标的 2.0%"], 1),
                       "370203": (-1, None, None, 0), "370211": (-1, None, None, 0)}
    assert hideout["palette"] == list(YLGNBU[3]) + [NO_DATA_COLOR]
    assert hideout["out"] == [] and hideout["sel"] is None
    # the province's target, said so beside a county
    assert hideout["target"] == "全省目标:改造雨污合流管网 ≥ 1,000公里"
    assert hideout["srcs"] == [] and set(hideout["src"]) == {None}  # sample values name no source


def test_a_circle_mutes_the_prefectures_outside_it(small):
    m = model(small, "indicator=urban_rail_km&circle=jiaodong")
    assert m.scope_codes == {"370200"} and m.hideout()["out"] == ["370100"]
    assert list(m.breakdown["adcode"]) == ["370200"] and list(m.breakdown["value"]) == [290.0]
    assert m.bounds == ((35.5, 119.5), (37.0, 121.0))  # Qingdao's box
    assert m.scope_names == ("胶东经济圈", "Jiaodong Economic Circle")


def test_the_province_scope_fits_every_prefecture(small):
    m = model(small, "indicator=urban_rail_km")
    assert m.scope_codes == {"370100", "370200"} and m.hideout()["out"] == []
    assert m.bounds == ((35.5, 116.0), (37.5, 121.0))
    assert list(m.breakdown["adcode"]) == ["370200", "370100"]  # by value: 290, 80


def test_county_level_in_a_circle_mutes_the_counties_outside_and_rolls_up_the_breakdown(small):
    m = model(small, "indicator=sewer_retrofit_status&level=county&circle=capital")
    assert m.scope_codes == set(JINAN_COUNTIES) and m.hideout()["out"] == QINGDAO_COUNTIES
    assert (m.unit, m.breakdown_unit) == ("status", "count")
    assert list(m.breakdown["adcode"]) == ["370100"] and list(m.breakdown["value"]) == [2.0]


def test_the_breakdown_of_a_county_map_rolls_counties_up_to_prefectures(small):
    m = model(small, "indicator=smart_city_stars&level=county")
    assert m.breakdown_unit == "percent" and list(m.breakdown["adcode"]) == ["370100", "370200"]
    assert list(m.breakdown["value"]) == [pytest.approx(200 / 3), 50.0]
    assert list(m.breakdown["bar_color"]) == [NEUTRAL_BAR, NEUTRAL_BAR]  # not the map's regions: no class colour


def test_drilling_into_a_prefecture_shows_its_counties(small):
    m = model(small, "indicator=sewer_retrofit_km&prefecture=370200")
    assert m.layer == "county" and m.scope_codes == set(QINGDAO_COUNTIES)
    assert m.hideout()["out"] == JINAN_COUNTIES and m.hideout()["sel"] == "370200"
    assert list(m.breakdown["adcode"]) == QINGDAO_COUNTIES  # 20, then no data in adcode order
    assert m.bounds == ((35.5, 119.5), (36.2, 120.5))  # Qingdao's counties, not the province
    assert m.scope_names == ("青岛市", "Qingdao")


def test_colours_follow_the_classes_and_no_data_is_grey(small):
    m = model(small, "indicator=urban_rail_km&period=2022-12")
    # classed among both periods' three values (so colours compare across periods): Qingdao's 2022-12 is the top
    assert list(m.values["cls"]) == [-1, 2] and list(m.values["color"]) == [NO_DATA_COLOR, YLGNBU[3][2]]


def test_sample_and_sources_are_reported(small):
    stars = model(small, "")
    assert stars.has_sample  # the prefectures are sourced, the county shares in the progress are samples
    assert stars.title() == "山东省 新型智慧城市星级"
    assert stars.sources == ["Big data bureau list"]  # the prefectures' own ratings
    assert model(small, "indicator=smart_city_stars&level=county").sources == ["Qingdao data bureau notice"]
    rail = model(small, "indicator=urban_rail_km")
    assert not rail.has_sample and rail.sources == ["Jinan metro report", "Qingdao metro report"]


def test_reference_line_is_the_target_for_shares_and_the_average_otherwise(small):
    assert model(small, "indicator=smart_city_stars&level=county").reference == (30.0, "全省目标 ≥ 30%")
    assert model(small, "indicator=smart_city_stars").reference is None  # ratings: an average star is no figure
    assert model(small, "indicator=urban_rail_km").reference == (185.0, "平均 185.0")  # (290 + 80) / 2, one decimal
    # counties summed to cities, one with part of its counties only: no average of partial sums
    assert model(small, "indicator=sewer_retrofit_km&level=county").reference is None
    assert model(small, "indicator=sponge_city_new_km2").reference is None


def test_english_titles_and_legend(small):
    m = model(small, "indicator=sewer_retrofit_status&circle=jiaodong&lang=en")
    assert m.title() == "Jiaodong Economic Circle Combined-sewer separation retrofit status"
    assert m.legend()[-1][1] == "No data" and m.legend()[0][1] == "Not on the 2022 list"


def test_a_prefecture_summed_from_part_of_its_counties_says_so_in_its_tooltip(small):
    hideout = model(small, "indicator=sewer_retrofit_km&level=prefecture").hideout()
    lines = dict(zip(hideout["codes"], hideout["lines"]))  # Jinan: 2 of 3 counties report, Qingdao 1 of 3
    assert "基于 2 / 3 个县(市、区),仅为已报地区之和,不是合计" in lines["370100"]
    assert "基于 1 / 3 个县(市、区),仅为已报地区之和,不是合计" in lines["370200"]
    county = model(small, "indicator=sewer_retrofit_km&level=county").hideout()  # a county is whole
    assert not any("基于" in line for lines in county["lines"] if lines for line in lines)


def test_a_region_code_from_a_request_is_checked_whatever_its_type(small):
    assert small.has_region("370102") and small.has_region("370100")
    assert not any(small.has_region(forged) for forged in ("999999", "", None, 370102, ["370102"], {"a": 1}))
