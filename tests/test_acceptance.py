"""Acceptance tests on the real bundled data (read from a seeded store): the published figures as the dashboard shows them.

These change when the bundled figures do; the rules themselves are tested on the small
hand-built dataset (tests/small_dataset.py) in the domain test modules.
"""

import gzip
import json

import pytest
from published import (
    RAIL_LATEST,
    RAIL_PERIOD,
    RAIL_PERIODS,
    RAIL_PROVINCE,
    RAIL_QINGDAO,
    URBANIZATION_PROVINCE,
    URBANIZATION_QINGDAO,
)

from callbacks.view import render
from sdplan.ledger.rows import ledger_rows, trend
from sdplan.mapview import build_map_model
from sdplan.meaning import representative_period
from sdplan.progress import progress
from sdplan.values import aggregate, observed, region_values, weights_for
from sdplan.viewstate import parse_view, view_query

JIAODONG = {"370200", "370600", "370700", "371000", "371100"}


def model(data, query: str):
    view, notices = parse_view(data, query)
    assert notices == []
    return build_map_model(data, view)


def test_sixteen_prefectures_in_three_circles_and_136_counties(data):
    assert [len(data.regions_at("prefecture", c)) for c in ("capital", "jiaodong", "lunan")] == [7, 5, 4]
    assert len(data.regions_at("county")) == 136
    assert set(data.regions_at("county", "jiaodong")["parent"]) == JIAODONG


def test_the_province_rail_total_equals_the_sum_of_cities_in_october_2022(data):
    cities = region_values(data, "urban_rail_km", "prefecture", RAIL_PERIOD)
    p = progress(data, "t07_urban_rail", RAIL_PERIOD)
    assert p.value == RAIL_PROVINCE.value == pytest.approx(cities["value"].sum())  # Jinan + Qingdao
    assert p.status == "on_track" and not p.sample and any("山东这十年" in s for s in p.sources)
    assert any("山东这十年" in s for s in model(data, f"indicator=urban_rail_km&period={RAIL_PERIOD}").sources)
    assert progress(data, "t07_urban_rail", RAIL_PERIOD, "jiaodong").value == pytest.approx(RAIL_QINGDAO.value)
    assert representative_period(data, "urban_rail_km", "prefecture") == RAIL_LATEST  # the province's latest
    assert representative_period(data, "urban_rail_km", "prefecture", within="2022") == RAIL_PERIOD  # all 16 cities
    assert [p.period for p in trend(data, "t07_urban_rail")] == RAIL_PERIODS


def test_published_urbanization_rates(data):
    assert (progress(data, "urbanization_rate", "2022").value, progress(data, "urbanization_rate", "2022").status) == (
        URBANIZATION_PROVINCE.value, "behind")
    rates = region_values(data, "urbanization_rate", "prefecture", "2022").set_index("adcode")["value"]
    assert rates.notna().sum() == 9  # six cities published a 2022 rate, three derived
    assert rates["370200"] == URBANIZATION_QINGDAO.value
    assert representative_period(data, "urbanization_rate", "prefecture") == "2023"  # the province published 2023
    assert representative_period(data, "urbanization_rate", "prefecture", within="2022") == "2022"
    rate = data.catalog.indicator("urbanization_rate")
    mean = aggregate(observed(data, "urbanization_rate", "prefecture", "2020"), rate,
                     weights=weights_for(data, rate, "2020"))
    assert 60 < mean.value < 65 and mean.n_with_data == 16
    no_data = model(data, "indicator=urbanization_rate&period=2022").values.query("value.isna()")
    assert len(no_data) == 7 and (no_data["color"] == "#d9d9d9").all()


def test_old_community_renovation_met_its_target(data):
    p = progress(data, "t22_old_communities", "2022")
    assert (p.value, p.status, p.ratio) == (68.03, "met", 1.0)


def test_jiaodong_has_five_prefectures_and_mutes_the_other_eleven(data):
    m = model(data, "indicator=urban_rail_km&circle=jiaodong")
    assert m.scope_codes == JIAODONG and len(m.hideout()["out"]) == 11
    assert list(m.breakdown["adcode"])[0] == "370200" and len(m.breakdown) == 5  # Qingdao first
    view, _ = parse_view(data, "?indicator=sewer_retrofit_status&level=county&circle=jiaodong")
    outputs = render(data, view, [], parse_view(data, "")[0], "", None, initial=True)
    assert outputs["page"]["fit"]["viewport"]["bounds"][0][1] > 118  # fitted to Jiaodong, in the east


def test_a_county_view_of_136_regions_fits_in_a_small_hideout(data):
    hideout = model(data, "indicator=sewer_retrofit_km&level=county").hideout()
    raw = json.dumps(hideout, ensure_ascii=False).encode()
    assert len(hideout["val"]) == 136 and len(raw) < 8 * 1024 and len(gzip.compress(raw)) < 1.5 * 1024
    lunan = model(data, "indicator=sewer_retrofit_status&level=county&circle=lunan")
    assert len(lunan.scope_codes) + len(lunan.hideout()["out"]) == 136 and len(lunan.breakdown) == 4
    # 27 completed in the sample list, and 寒亭区, cleared by August 2022 (半岛网)
    assert region_values(data, "sewer_retrofit_status", "prefecture", "2022")["value"].sum() == 28


def test_drilling_into_qingdao_fits_the_map_to_qingdao(data):
    (south, west), (north, east) = model(data, "indicator=sewer_retrofit_km&prefecture=370200").bounds
    assert 35.3 < south < north < 37.2 and 119.3 < west < east < 121.2


def test_the_default_view_has_a_short_link_and_every_target_a_row(data):
    view, _ = parse_view(data, "")
    assert view_query(data, view) == "?indicator=smart_city_stars"
    assert {r.target.id for r in ledger_rows(data)} == set(data.catalog.targets)


def test_county_classes_are_mapclassify_fisher_jenks_and_computed_once_per_map(data):
    import numpy as np

    from sdplan.breaks import EXACT_LIMIT

    mapclassify = pytest.importorskip("mapclassify")

    assert len(data.regions_at("county")) <= EXACT_LIMIT  # 136 counties: mapclassify's exact Fisher-Jenks
    for indicator in ("sewer_retrofit_km", "smart_city_stars"):
        m = model(data, f"indicator={indicator}&level=county")
        if m.classes.scheme == "categories":
            continue
        present = m.values["value"].dropna().to_numpy(dtype=float)
        bins = np.unique(mapclassify.FisherJenks(present, k=min(5, len(np.unique(present)))).bins)
        expected = [-1 if np.isnan(v) else int(np.searchsorted(bins, v)) for v in m.values["value"]]
        assert list(m.classes.index) == expected
    # one classification for every circle, language and drilled prefecture of the same map
    base = model(data, "indicator=sewer_retrofit_km&level=county")
    for query in ("circle=jiaodong", "lang=en", "prefecture=370200", "circle=lunan&lang=en"):
        assert model(data, f"indicator=sewer_retrofit_km&level=county&{query}").classes is base.classes
