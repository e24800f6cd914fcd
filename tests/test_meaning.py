"""The rules of meaning (sdplan/meaning.py) on the hand-built dataset, and the trial's findings as they read now."""

import math

import pytest
from small_dataset import BREAK, small_dataset

from components.panel import create_cards, create_table
from sdplan.mapview import build_map_model, with_change
from sdplan.meaning import (
    BREAK as DEFINITION_BREAK,
)
from sdplan.meaning import (
    SAMPLE_VS_PUBLISHED,
    later_updates,
    meaning_at,
    representative_period,
    verdict_counts,
)
from sdplan.progress import progress
from sdplan.values import region_values
from sdplan.viewstate import compare_choices, parse_view


def model(data, query):
    view, notices = parse_view(data, query)
    assert notices == [], notices
    return build_map_model(data, view)


def test_a_category_rolled_up_to_cities_is_a_count_of_counties(small):
    stars, status = small.catalog.indicator("smart_city_stars"), small.catalog.indicator("sewer_retrofit_status")
    assert (meaning_at(status, "county").kind, meaning_at(status, "prefecture").kind) == ("category", "count")
    assert meaning_at(stars, "prefecture").kind == "rating" and meaning_at(stars, "county").categorical
    m = model(small, "indicator=sewer_retrofit_status&level=prefecture")
    assert m.classes.scheme != "categories" and m.unit == "count"
    texts = dict(zip(m.hideout()["codes"], m.hideout()["val"]))
    assert texts == {"370100": "已完成 2 个县(市、区)", "370200": "已完成 1 个县(市、区)"}  # never "已完成"


def test_the_representative_period_is_the_latest_whole_one(small):
    assert representative_period(small, "urban_rail_km", "prefecture") == "2022-10"  # published; 2022-12 is Qingdao's
    assert later_updates(small, "urban_rail_km", "prefecture", "2022-10") == [("2022-12", 1, 2)]
    assert representative_period(small, "urbanization_rate", "prefecture") == "2022"  # both cities, and the province
    assert representative_period(small, "smart_city_stars", "county", within="2022") == "2022"
    assert representative_period(small, "sponge_city_new_km2", "prefecture") is None


def test_changes_are_refused_across_a_definition_break_and_between_sample_and_published():
    data = small_dataset(definitions=BREAK)  # Qingdao's 2022-12 rail figure is metro only
    assert compare_choices(data, "urban_rail_km", "prefecture", "2022-12") == []  # no region comparable
    assert "2022-10" in compare_choices(small_dataset(), "urban_rail_km", "prefecture", "2022-12")
    # Lixia: a sample 2022 rating, a published 2023 one: no change of 0, a refusal said as such; the only
    # region of 2023, so 2022 is not offered at all (a forged link is refused)
    view, notices = parse_view(data, "indicator=smart_city_stars&level=county&period=2023&compare=2022")
    assert view.compare is None and [n.param for n in notices] == ["compare"]
    now, before = (region_values(data, "smart_city_stars", "county", p) for p in ("2023", "2022"))
    changed = with_change(now, before).set_index("adcode")
    assert math.isnan(changed.loc["370102", "value"]) and changed.loc["370102", "refusal"] == SAMPLE_VS_PUBLISHED
    now, before = (region_values(data, "urban_rail_km", "prefecture", p) for p in ("2022-12", "2022-10"))
    assert with_change(now, before).set_index("adcode").loc["370200", "refusal"] == DEFINITION_BREAK


def test_only_the_province_is_judged_and_a_city_reads_its_own_rating(small):
    qingdao = model(small, "indicator=smart_city_stars&level=prefecture&prefecture=370200")
    cards = str(create_cards(qingdao))
    assert "已达标" not in cards and "100.0%" not in cards and "四星级" in cards
    assert "全省目标 ≥ 80%" in cards  # the province's target, with its value, never a bare label
    rate = progress(small, "urbanization_rate", "2022", prefecture="370200")
    assert rate.status == "province_only" and rate.value == 81.0


def test_sample_verdicts_are_marked_and_counted_apart(small):
    rows = [progress(small, t, "2022") for t in ("t04_cities_4star", "t04_counties_3star", "t08_sewer_counties",
                                                  "t22_old_communities")]
    counts = verdict_counts(rows)
    # cities' own ratings are published (met), sewer counties rest on samples (behind), old communities met
    assert counts["met"] == (2, 0) and counts["behind"] == (0, 1)
    cards = str(create_cards(model(small, "indicator=sewer_retrofit_status&level=county")))
    assert "滞后(示例数据)" in cards


def test_the_county_layer_names_the_county_targets(small):
    h = model(small, "indicator=smart_city_stars&level=county").hideout()
    assert h["target"] == ("全省目标:四星级以上新型智慧城市(县) ≥ 30%; 全省目标:三星级以上新型智慧城市(县) ≥ 90%")


def test_one_formatter_writes_the_table_and_the_tooltip_alike(small):
    m = model(small, "indicator=urban_rail_km")
    texts = dict(zip(m.hideout()["codes"], m.hideout()["val"]))
    table = str(create_table(m))
    assert texts["370100"] == "80.0公里" and "80.0" in table
    from components.panel import breakdown_figure

    bars = breakdown_figure(m)["data"][0]  # the chart's hover says it as the tooltip does, not in plotly's format
    assert dict(zip(bars["customdata"], bars["text"]))["370100"] == texts["370100"]
    english = model(small, "indicator=resident_population&lang=en&period=2020")
    assert dict(zip(english.hideout()["codes"], english.hideout()["val"]))["370100"] == "10 million persons"


@pytest.mark.parametrize("value, decimals, text", [(0.15, 1, "0.2"), (0.25, 1, "0.3"), (941.465, 2, "941.47"),
                                                   (2.675, 2, "2.68"), (-0.05, 1, "-0.1"), (0.0, 1, "0")])
def test_numbers_round_half_up_from_their_decimal_form(value, decimals, text):
    from sdplan.units import format_number

    assert format_number(value, decimals) == text


def test_a_drilled_city_chosen_while_its_counties_are_drawn_reads_its_own_figure(small):
    h = model(small, "indicator=smart_city_stars&prefecture=370200").hideout()
    assert "370200" not in h["codes"] and h["scope"] == {"code": "370200", "val": "四星级", "lines": None}
    rolled = model(small, "indicator=sewer_retrofit_km&level=county&prefecture=370200").hideout()["scope"]
    assert rolled["val"] == "20.0公里" and rolled["lines"] == ["基于 1 / 3 个县(市、区),仅为已报地区之和,不是合计"]


def test_the_definition_travels_to_the_ledger_workbook_and_the_cards(small):
    from sdplan.ledger.rows import ledger_rows
    from sdplan.ledger.xlsx import COLUMNS, row_record

    rail = next(r for r in ledger_rows(small) if r.target.id == "t07_urban_rail")
    assert "统计口径:地铁及有轨电车" in row_record(rail)[COLUMNS.index("sources")]
    assert "380.0公里（地铁及有轨电车）" in str(create_cards(model(small, "indicator=urban_rail_km&period=2022-10")))


def test_no_export_of_a_circle_or_a_city_judges_it(small):
    from sdplan.briefing.model import Scope, build_briefing
    from sdplan.briefing.summary import summary
    from sdplan.ledger.filters import Filters
    from sdplan.ledger.rows import ledger_rows
    from sdplan.ledger.xlsx import COLUMNS, row_record

    verdicts = ("已达标", "进度正常", "滞后")
    for circle in ("capital", "jiaodong"):
        cells = [row_record(r)[COLUMNS.index("status")] for r in ledger_rows(small, Filters(circle=circle))]
        assert not any(word in cell for cell in cells for word in verdicts), circle
    for scope in (Scope(circle="jiaodong"), Scope(prefecture="370100")):
        text = "".join(summary(build_briefing(small, scope, "2022")))
        assert not any(word in text for word in ("已达到目标", "未达到目标", "按序时进度推进正常", "慢于序时进度")), scope


def test_a_sum_of_regions_counted_differently_says_so(data):
    from sdplan.progress import MIXED
    from sdplan.progress_text import value_text

    p = progress(data, "t07_urban_rail", "2022-12")  # 济南 with any tram it had, 青岛 metro only: no one definition
    assert p.partial and p.definition is MIXED and value_text(p).endswith("（各地统计口径不一）")
    assert progress(data, "t07_urban_rail", "2022-10").definition.key == "metro_tram"  # one definition: named
