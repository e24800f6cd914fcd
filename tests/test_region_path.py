"""Each region's path over the periods (sdplan.region_path) and how it is drawn (components.region_path)."""

from __future__ import annotations

from urllib.parse import unquote

from small_dataset import BREAK, JINAN, PROVINCE, QINGDAO, small_dataset

from components.panel import create_table
from components.region_path import path_figure, sparkline
from sdplan.mapview import build_map_model
from sdplan.region_path import city_paths, paths_of, region_path, shared_range
from sdplan.viewstate import View


def test_a_path_lists_the_regions_values_oldest_first_as_the_formatter_writes_them(small):
    path = region_path(small, "urbanization_rate", JINAN)
    assert [(p.period, p.value, p.text) for p in path.points] == [("2020", 70.0, "70.00%"), ("2022", 72.0, "72.00%")]
    assert path.periods == ("2020", "2022") and not path.step and path.axis == "%"
    assert path.summary == "2020:70.00% → 2022:72.00%"
    english = region_path(small, "urbanization_rate", JINAN, "en")
    assert english.name == "Jinan" and english.summary == "2020: 70.00% → 2022: 72.00%"


def test_a_region_shows_the_province_rate_target_for_reference_and_the_province_its_own(small):
    city = region_path(small, "urbanization_rate", QINGDAO)
    assert city.target.value == 65.0 and not city.target.own and "参考" in city.target.text
    assert "2022年全省目标" in city.target.text
    province = region_path(small, "urbanization_rate", PROVINCE)
    assert province.target.own and "参考" not in province.target.text
    assert [(p.period, p.value) for p in province.points] == [("2022", 64.5)]
    # a province-wide total is no line for one city (400 km of rail is the whole province's)
    assert region_path(small, "urban_rail_km", QINGDAO).target is None
    assert region_path(small, "urban_rail_km", PROVINCE).target.value == 400.0
    # a share of cities rated four stars is no line on one city's rating
    assert region_path(small, "smart_city_stars", JINAN).target is None


def test_no_line_is_drawn_across_a_definition_break_and_the_break_is_named():
    same = region_path(small_dataset(), "urban_rail_km", QINGDAO)
    assert [p.segment for p in same.points] == [0, 0] and same.breaks == ()
    broken = region_path(small_dataset(definitions=BREAK), "urban_rail_km", QINGDAO)
    assert [p.segment for p in broken.points] == [0, 1]
    assert [(b.before, b.after) for b in broken.breaks] == [("2022-10", "2022-12")]
    assert "地铁及有轨电车" in broken.breaks[0].text and "仅地铁" in broken.breaks[0].text
    assert "（仅地铁）" in broken.points[1].text  # how it was counted travels with the value
    figure = path_figure(broken)
    lines = [trace for trace in figure["data"] if trace.get("mode") == "lines+markers"]
    assert [trace["x"] for trace in lines] == [["2022-10"], ["2022-12"]]  # two traces: nothing joins them
    assert figure["layout"]["shapes"][0]["line"]["dash"] == "dot"
    assert broken.breaks[0].text in [a["text"] for a in figure["layout"]["annotations"]]


def test_sample_values_are_hollow_and_named_and_never_joined_to_published_ones(small):
    extra = (("urbanization_rate", "370100", "2023", 73.0, "sample", None),)
    path = region_path(small_dataset(extra=extra), "urbanization_rate", JINAN)
    assert [(p.period, p.sample, p.segment) for p in path.points] == [("2020", False, 0), ("2022", False, 0),
                                                                       ("2023", True, 1)]
    assert path.points[-1].text == "73.00%(示例数据)"
    figure = path_figure(path)
    symbols = [s for trace in figure["data"] if trace.get("mode") == "lines+markers" for s in trace["marker"]["symbol"]]
    assert symbols == ["circle", "circle", "circle-open"]
    assert "示例数据(空心点)" in [trace.get("name") for trace in figure["data"]]
    image = unquote(sparkline(path, shared_range([path])).src)
    assert image.count("fill='#fff'") == 1 and image.count("<polyline") == 1  # one hollow point, one joined segment


def test_a_sum_over_part_of_a_citys_counties_is_a_point_of_its_own(small):
    path = region_path(small, "sewer_retrofit_km", JINAN)
    assert [(p.value, p.partial) for p in path.points] == [(15.0, True)]
    assert "基于 2 / 3 个地区" in path.points[0].text and "示例数据" in path.points[0].text


def test_ratings_step_and_name_their_levels(small):
    path = region_path(small, "smart_city_stars", "370102")
    assert path.step and [p.text for p in path.points] == ["五星级(示例数据)", "五星级"]
    assert [p.segment for p in path.points] == [0, 1]  # sample then published: no line between them
    figure = path_figure(path)
    assert figure["data"][0]["line"]["shape"] == "hv"
    assert "五星级" in figure["layout"]["yaxis"]["ticktext"]


def test_a_region_at_a_level_the_indicator_is_not_shown_at_has_an_empty_path_that_says_so(small):
    path = region_path(small, "urban_rail_km", "370102")
    assert path.points == () and path.summary == "该层级无此指标的数据"


def test_the_cities_share_one_scale_and_come_in_code_order(small):
    paths = city_paths(small, "urbanization_rate")
    assert [p.adcode for p in paths] == [JINAN, QINGDAO]
    low, high = shared_range(paths)
    assert low < 65.0 and high > 81.0  # every value and the target inside


def test_the_breakdown_table_has_a_sparkline_per_region_on_one_scale(small):
    model = build_map_model(small, View(indicator="urbanization_rate", period="2022"))
    codes = list(model.breakdown["adcode"])
    table = str(create_table(model, paths_of(small, "urbanization_rate", codes)))
    assert table.count("data:image/svg+xml") == 2 and "2020:70.00% → 2022:72.00%" in table
    assert "历年" in table
    assert "data:image" not in str(create_table(model))  # without paths, the table as before
