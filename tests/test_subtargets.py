"""Targets split by region (issue 21): sub-targets judge their own region, sums are checked, lights follow
the schedule. Every expected value comes from the hand-computed fixture (``judged_fixture.py``)."""

from __future__ import annotations

import math

import pytest
from judged_fixture import LIGHTS, PERCENTS, RANKS, SUMS, judged_dataset
from small_dataset import JINAN, QINGDAO, small_dataset

from sdplan.ledger.rows import ledger_period
from sdplan.meaning import schedule_share, verdict_counts
from sdplan.progress import progress
from sdplan.progress_text import status_line
from sdplan.schedule import light_text, schedule_of
from sdplan.settings import load_settings, schedule_thresholds
from sdplan.subtargets import sum_checks

THRESHOLDS = (10.0, 30.0)


def _progress(data, target_id, scope):
    return progress(data, target_id, ledger_period(data, data.catalog.target(target_id)), prefecture=scope)


@pytest.mark.parametrize("key", sorted(LIGHTS, key=str))
def test_every_status_and_light_of_the_fixture(key):
    data = judged_dataset()
    status, light, sample = LIGHTS[key]
    p = _progress(data, *key)
    schedule = schedule_of(p, THRESHOLDS)
    assert (p.status, schedule.light, schedule.sample) == (status, light, sample)
    if key in PERCENTS:
        expected, done = PERCENTS[key]
        assert schedule.expected == pytest.approx(expected) and schedule.completion == pytest.approx(done)


def test_a_city_is_judged_against_its_own_target_and_says_so():
    data = judged_dataset()
    p = _progress(data, "t07_urban_rail", JINAN)
    assert (p.target_value, p.subtarget, p.target_sample) == (150.0, True, False)
    q = _progress(data, "t07_urban_rail", QINGDAO)
    assert q.target_sample and not q.sample and status_line(q) == "进度正常(示例数据)"
    assert verdict_counts([p, q])["on_track"] == (0, 1)  # a verdict against a sample target is counted apart


def test_without_its_own_target_a_city_or_a_circle_stays_unjudged():
    data = small_dataset()  # no sub-targets at all
    assert _progress(data, "t07_urban_rail", JINAN).status == "province_only"
    judged = judged_dataset()
    assert progress(judged, "t07_urban_rail", "2022-10", circle="capital").status == "province_only"
    # a target with sub-targets for other cities only: Jinan has none for t04_counties_4star
    assert _progress(judged, "t04_counties_4star", JINAN).target_value is None


def test_the_province_keeps_the_plans_target():
    p = _progress(judged_dataset(), "t07_urban_rail", None)
    assert (p.target_value, p.subtarget) == (400.0, False)


@pytest.mark.parametrize("key", sorted(SUMS))
def test_every_sum_check_of_the_fixture(key):
    data = judged_dataset()
    target_id, scope = key
    checks = {c.scope: c for c in sum_checks(data.catalog.target(target_id), data.subtargets_of(target_id), data.regions)}
    c = checks[scope]
    assert (c.parts, c.whole, c.n, c.total, c.warning) == SUMS[key]


def test_a_short_split_says_both_numbers_and_the_difference_in_both_languages():
    data = judged_dataset()
    check = next(c for c in sum_checks(data.catalog.target("t08_sewer_km"), data.subtargets_of("t08_sewer_km"),
                                       data.regions) if c.scope == "370000")
    assert check.message("zh") == ("“改造雨污合流管网”:山东省所辖 2 个地区的分解目标合计 900公里,"
                                   "低于山东省目标 1,000公里,差 100公里。")
    assert check.message("en") == ("Combined sewers retrofitted: the sub-targets of the 2 regions of Shandong add up to "
                                   "900 km, less than Shandong's target of 1,000 km by 100 km.")


def test_rates_are_not_added_up():
    data = judged_dataset()
    assert sum_checks(data.catalog.target("urbanization_rate"), data.subtargets_of("urbanization_rate"), data.regions) == []


def test_an_at_most_split_warns_when_it_exceeds_the_cap_even_partly():
    import pandas as pd

    from sdplan.subtargets import sum_checks as checks_of

    data = small_dataset()
    target = data.catalog.target("t08_black_odorous")  # zero: parts must add up to it exactly
    frame = pd.DataFrame({"adcode": [JINAN, QINGDAO], "value": [0.0, 1.0]})
    assert [c.warning for c in checks_of(target, frame, data.regions)] == [True]
    cap = next(t for t in data.catalog.targets.values() if t.sense == "at_most")
    partial = pd.DataFrame({"adcode": [JINAN], "value": [cap.target + 1]})
    if cap.unit in ("percent", "stars"):
        assert checks_of(cap, partial, data.regions) == []  # a rate cap is not added up
    else:
        assert checks_of(cap, partial, data.regions)[0].warning


def test_the_schedule_share_counts_days():
    target = small_dataset().catalog.target("t07_urban_rail")
    assert schedule_share(target, "2022-10") == pytest.approx(304 / 365)
    assert schedule_share(target, "2022") == 1.0 and schedule_share(target, "2022-01") == pytest.approx(31 / 365)


def test_thresholds_are_settings(monkeypatch):
    assert schedule_thresholds({}) == (10.0, 30.0)
    assert schedule_thresholds({"SDPLAN_SCHEDULE_YELLOW": "5", "SDPLAN_SCHEDULE_RED": "20"}) == (5.0, 20.0)
    with pytest.raises(ValueError, match="SDPLAN_SCHEDULE_RED"):
        load_settings({"SDPLAN_SCHEDULE_YELLOW": "40", "SDPLAN_SCHEDULE_RED": "20"})
    # Jinan's rail lags by 29.95 points: yellow with 10/30, red with 10/25, from the environment
    p = _progress(judged_dataset(), "t07_urban_rail", JINAN)
    monkeypatch.setenv("SDPLAN_SCHEDULE_RED", "25")
    assert schedule_of(p).light == "red"
    monkeypatch.setenv("SDPLAN_SCHEDULE_RED", "30")
    assert schedule_of(p).light == "yellow"


def test_the_light_is_written_in_words_and_marks_sample():
    data = judged_dataset()
    jinan = schedule_of(_progress(data, "t07_urban_rail", JINAN), THRESHOLDS)
    assert light_text(jinan) == "黄灯 · 落后序时进度 30.0 个百分点"  # 29.9543 written with one decimal
    assert light_text(jinan, "en") == "Yellow · 30.0 points behind schedule"
    red = schedule_of(_progress(data, "t08_sewer_counties", QINGDAO), THRESHOLDS)
    assert light_text(red) == "红灯 · 落后序时进度 66.7 个百分点(示例数据)"
    partial = schedule_of(_progress(data, "t08_sewer_km", None), THRESHOLDS)
    assert light_text(partial) == "未评判(部分数据)" and partial.lag is None
    assert not math.isnan(_progress(data, "t08_sewer_km", None).value)


def test_the_ledger_and_its_exports_write_the_light_in_words():
    import io
    from datetime import datetime

    from openpyxl import load_workbook
    from pypdf import PdfReader

    from sdplan.ledger.export import export_bytes
    from sdplan.ledger.filters import Filters
    from sdplan.ledger.rows import ledger_rows
    from sdplan.ledger.xlsx import COLUMNS

    data = judged_dataset()
    rows = {r.target.id: r for r in ledger_rows(data)}
    assert rows["t08_sewer_counties"].schedule.light == "red"  # 3 / 30 by the end of 2022: 90 points behind
    assert rows["t07_urban_rail"].schedule.light == "green"
    now = datetime(2026, 11, 29, 9, 0)
    book = load_workbook(io.BytesIO(export_bytes(list(rows.values()), Filters(), "xlsx", now, "http://x")))
    sheet = book.active
    column = COLUMNS.index("schedule") + 1
    assert sheet.cell(5, column).value == "序时进度"
    lights = {sheet.cell(i, 1).value: sheet.cell(i, column).value for i in range(6, sheet.max_row + 1)}
    assert lights["完成建成区雨污合流管网改造的县(市、区)"] == "红灯 · 落后序时进度 90.0 个百分点(示例数据)"
    assert lights["改造雨污合流管网"] == "未评判(部分数据)"
    pdf = PdfReader(io.BytesIO(export_bytes(list(rows.values()), Filters(), "pdf", now)))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "红灯" in text and "绿灯" in text


@pytest.mark.parametrize("target_id", sorted(RANKS))
def test_every_rank_of_the_fixture(target_id):
    from sdplan.ranking import city_ranking

    ranking = city_ranking(judged_dataset(), target_id)
    assert ranking.measure == "completion"
    assert [(r.adcode, r.rank) for r in ranking.ranked] == RANKS[target_id]


def test_rates_rank_without_sub_targets_ties_share_and_missing_cities_say_why():
    from sdplan.ranking import city_ranking, measure_text, rank_text

    # Counties rated 4 stars or more, per city (no sub-targets: the rate ranks). Jinan 2 of 3 = 66.7 %;
    # Qingdao 1 of 2 reporting (Huangdao has none): partial, not ranked.
    ranking = city_ranking(small_dataset(), "t04_counties_4star")
    assert ranking.measure == "rate"
    assert [(r.adcode, r.rank, r.reason) for r in ranking.rows] == [(JINAN, 1, None), (QINGDAO, None, "partial")]
    assert rank_text(ranking.rows[1]) == "未排名(部分数据)" and ranking.coverage_text() == "2个设区的市中1个参与排名"
    assert measure_text(ranking.rows[0], ranking) == "66.7%"
    # With Huangdao rated 4: Qingdao 2 of 3 = 66.7 %, tied with Jinan: both first, said so.
    tied = city_ranking(small_dataset(extra=(("smart_city_stars", "370211", "2022", 4.0, "sample", None),)),
                        "t04_counties_4star")
    assert [(r.rank, r.tied) for r in tied.rows] == [(1, True), (1, True)]
    assert rank_text(tied.rows[0]) == "并列第1名(示例数据)"  # Lixia's and Huaiyin's ratings are sample values


def test_a_quantity_without_sub_targets_is_not_ranked_and_a_city_without_its_own_target_says_so():
    from sdplan.ranking import city_ranking, rank_text

    assert city_ranking(small_dataset(), "t07_urban_rail") is None  # kilometres: cities are not comparable
    ranking = city_ranking(judged_dataset(), "t07_urban_rail")
    assert ranking.coverage_text("en") == "2 of the 2 cities ranked"
    from judged_fixture import subtarget_frame
    one = small_dataset(subtargets=subtarget_frame([("t07_urban_rail", JINAN, 150.0, "sourced")]))
    rows = city_ranking(one, "t07_urban_rail").rows
    assert [(r.adcode, r.rank, r.reason) for r in rows] == [(JINAN, 1, None), (QINGDAO, None, "no_subtarget")]
    assert rank_text(rows[1], "en") == "not ranked (no sub-target)"


def test_the_completion_map_of_the_fixture():
    from datetime import datetime

    from sdplan.completion import NO_SUBTARGET
    from sdplan.mapview import build_map_model
    from sdplan.snapshot.naming import snapshot_filename
    from sdplan.viewstate import parse_view, view_query

    data = judged_dataset()
    view, notices = parse_view(data, "?indicator=urban_rail_km&measure=completion&compare=2022-12")
    assert view.measure == "completion" and view.compare is None and [n.param for n in notices] == ["compare"]
    assert view_query(data, view) == "?indicator=urban_rail_km&measure=completion"
    model = build_map_model(data, view)
    # Jinan 80 / 150 = 53.3 % (class 50-80 %), Qingdao 290 / 300 = 96.7 % (80-100 %, its target a sample)
    assert list(model.values["value"].round(4)) == [53.3333, 96.6667] and list(model.values["cls"]) == [1, 2]
    hideout = model.hideout()
    assert hideout["val"] == ["完成本地目标的53.3%", "完成本地目标的96.7%"] and hideout["smp"] == [0, 1]
    assert hideout["lines"][0] == ["实际 80.0公里,本地目标 ≥ 150公里"]
    # sewers by county: Huangdao has no target of its own; Huaiyin and Shibei have no figure
    county = build_map_model(data, parse_view(data, "?indicator=sewer_retrofit_km&level=county&measure=completion")[0])
    by_code = dict(zip(county.values["adcode"], county.values["cls"]))
    assert by_code["370211"] == NO_SUBTARGET and by_code["370104"] == -1 and by_code["370102"] == 0  # 10.5 / 300
    name = snapshot_filename(model, "png", datetime(2026, 11, 29, 9))
    assert "_completion_" in name
