"""/multiples (routes/multiples.py) and the region sheet's path (callbacks/region_path.py), on the bundled data."""

from __future__ import annotations

from routes.multiples import page_context


def test_sixteen_cities_in_code_order_on_one_scale_with_the_reference_target(data):
    page = page_context("indicator=urbanization_rate")
    assert len(page["paths"]) == 16 and page["paths"][0]["name"] == "济南市" and page["paths"][1]["name"] == "青岛市"
    assert page["target"] == "2022年全省目标 ≥ 65%(参考)" and page["unit"] == "%"
    assert not page["notices"] and page["banner"] is None
    assert page["map_href"] == "/?indicator=urbanization_rate"
    assert page["other_href"] == "/multiples?indicator=urbanization_rate&lang=en"
    ends = {str(p["svg"]).count('text-anchor="end"') for p in page["paths"]}
    assert ends == {2}


def test_a_circle_keeps_its_cities_and_a_tampered_link_falls_back_with_notices(data):
    page = page_context("indicator=nope&circle=jiaodong&lang=en&asof=2023-02-30")
    assert len(page["paths"]) == len(data.regions_at("prefecture", "jiaodong")) < 16
    assert page["indicator"] == "smart_city_stars" and page["scope"]
    assert any("nope" in n for n in page["notices"]) and any("2023-02-30" in n for n in page["notices"])
    assert page["map_href"] == "/?indicator=smart_city_stars&circle=jiaodong&lang=en"
    assert page["sample"]  # sample star ratings are named in the key


def test_the_sheets_path_request_draws_the_region_and_refuses_forged_ones(data):
    from callbacks.region_path import path_children

    drawn = str(path_children({"adcode": "370200", "query": "?indicator=urbanization_rate&lang=en"}))
    assert "Over the years" in drawn and "2024: 78.87%" in drawn
    for forged in (None, "370200", {"adcode": 370200}, {"adcode": "999999"}):
        assert path_children(forged) == []
    assert "历年数值" in str(path_children({"adcode": "370200", "query": 5}))  # a forged query: the default view
