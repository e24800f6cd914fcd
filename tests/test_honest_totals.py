"""Every view the dashboard can show, walked: no status is judged on partial coverage, no partial sum
reads as a total, the province's target is never shown bare beside one region, categories are counted.

Runs over the bundled data (every map indicator x level x circle x period, and every drill-down), so a
figure added later cannot slip a dishonest total past it.
"""

import itertools
import json
import math

import pytest
from plotly.utils import PlotlyJSONEncoder
from published import RAIL_PERIOD, RAIL_QINGDAO, RAIL_TARGET_KM, percent

from components.panel import breakdown_figure, create_cards
from sdplan.circles import CIRCLE_IDS
from sdplan.ledger.filters import Filters
from sdplan.ledger.rows import ledger_rows, trend
from sdplan.mapview import build_map_model
from sdplan.progress import JUDGED
from sdplan.values import periods
from sdplan.viewstate import View, with_changes


def all_views(data):
    for indicator in data.catalog.map_indicators():
        levels = data.catalog.indicator(indicator).map_levels
        for level, circle in itertools.product(levels, (None, *CIRCLE_IDS)):
            for period in periods(data, indicator, level):
                yield View(indicator=indicator, level=level, circle=circle, period=period)
        if "county" in levels:
            for prefecture in sorted(data.prefecture_codes):
                for period in periods(data, indicator, "county"):
                    yield with_changes(data, View(indicator=indicator, level="county", period=period),
                                       prefecture=prefecture)


def check_progress(p, where):
    if p.status in JUDGED:
        assert p.complete, f"{where}: {p.target.id} judged {p.status} on {p.n_with_data}/{p.n_units}"
    if p.partial:
        assert p.status in ("partial", "province_only"), f"{where}: {p.target.id} partial but {p.status}"
        assert p.ratio is None, f"{where}: a progress bar drawn for a partial figure"


def test_no_view_judges_partial_data_or_shows_a_partial_sum_as_a_total(data):
    walked = 0
    for view in all_views(data):
        model = build_map_model(data, view)
        where = f"{view.indicator} {view.level} {view.circle} {view.prefecture} {view.period}"
        for p in model.progress:
            check_progress(p, where)
            assert (p.prefecture, p.circle) == (view.prefecture, view.circle), f"{where}: card of another scope"
        cards = json.dumps(create_cards(model), cls=PlotlyJSONEncoder, ensure_ascii=False)
        for p in model.progress:
            if p.partial:
                assert f"{p.n_with_data}/{p.n_units}" in cards or "全省目标" in cards, f"{where}: coverage not shown"
                assert "仅为已报地区之和" in cards or "仅据已报地区计算" in cards, f"{where}: partial not labelled"
        hideout = model.hideout()
        assert hideout["target"] is None or hideout["target"].startswith("全省目标"), f"{where}: bare target"
        if model.meaning.kind == "category":
            assert model.reference is None and model.categories is not None, f"{where}: codes averaged"
            assert all(d.get("type") == "bar" for d in breakdown_figure(model)["data"])
        walked += 1
    assert walked >= 200  # the walk really covers the views (208 with the bundled data)


@pytest.mark.parametrize("circle", [None, *CIRCLE_IDS])
def test_ledger_rows_and_trends_never_judge_partial_data(data, circle):
    for row in ledger_rows(data, Filters(circle=circle)):
        check_progress(row.progress, f"ledger {circle}")
        for point in trend(data, row.target.id, circle):
            check_progress(point, f"trend {circle} {point.period}")


def test_the_findings_of_the_trial(data):
    """The views the independent trial quoted, as they read now."""
    from sdplan.viewstate import parse_view

    def model(query):
        return build_map_model(data, parse_view(data, query)[0])

    stars = model("?indicator=smart_city_stars&period=2023")
    assert {p.status for p in stars.progress} == {"partial"}  # not "100% met, based on 1/16"
    rail = next(p for p in trend(data, "t07_urban_rail") if p.period == "2022-12")
    assert rail.status == "partial" and (rail.n_with_data, rail.n_units) == (2, 16)  # Qingdao's metro and Jinan's year-end
    jiaodong = model("?indicator=urbanization_rate&circle=jiaodong&period=2022").progress[0]
    assert jiaodong.status in ("partial", "no_data") or jiaodong.complete
    rail_tip = model(f"?indicator=urban_rail_km&period={RAIL_PERIOD}").hideout()
    qingdao = dict(zip(rail_tip["codes"], rail_tip["lines"]))["370200"]
    assert rail_tip["target"] == f"全省目标:城市轨道交通运营里程 ≥ {RAIL_TARGET_KM:g}公里"
    assert f"占全省目标的 {percent(RAIL_QINGDAO.value, RAIL_TARGET_KM)}%" in qingdao
    pilots = model("?indicator=smart_city_pilot&level=county")
    assert pilots.view.period == "2021" and pilots.reference is None
    assert int(pilots.categories.to_numpy().sum()) == 136  # every county counted once, cohorts kept
    assert not math.isnan(pilots.values.set_index("adcode").loc["370114", "value"])  # a 2019 pilot, still shown
