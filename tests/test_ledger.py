"""The plan's ledger on the small dataset: filters from the URL, rows and statuses, map links, trends."""

import math

import pytest

from sdplan.ledger.filters import Filters, filters_query, parse_filters
from sdplan.ledger.rows import ledger_rows, trend

FULL = "?thrust=green&dept=省住房城乡建设厅&status=behind&circle=jiaodong&q=污水&lang=en"


def row(data, target_id, filters=Filters()):
    return next(r for r in ledger_rows(data, filters) if r.target.id == target_id)


def ids(data, filters) -> list[str]:
    return [r.target.id for r in ledger_rows(data, filters)]


def test_filters_round_trip_through_the_url(small):
    filters, notices = parse_filters(small.catalog, FULL)
    assert notices == []
    assert filters == Filters("green", "省住房城乡建设厅", "behind", "jiaodong", "污水", "en")
    assert parse_filters(small.catalog, filters_query(filters)) == (filters, [])
    assert filters_query(Filters()) == ""


def test_invalid_filters_fall_back_to_all_with_a_notice(small):
    filters, notices = parse_filters(small.catalog, "thrust=blue&dept=nobody&status=won&circle=mars&lang=fr")
    assert filters == Filters()
    assert [n.param for n in notices] == ["thrust", "dept", "status", "circle", "lang"]
    assert parse_filters(small.catalog, "q=" + "x" * 100)[0].q == ""
    assert parse_filters(small.catalog, "x" * 3000)[0] == Filters()


def test_every_target_is_in_the_unfiltered_ledger_grouped_by_thrust_and_task(small):
    rows = ledger_rows(small)
    assert {r.target.id for r in rows} == set(small.catalog.targets)
    keys = [(["goal", "smart", "green", "balanced", "two_way"].index(r.target.thrust), r.target.task) for r in rows]
    assert keys == sorted(keys)
    assert "省住房城乡建设厅" in small.catalog.departments()


def test_each_row_shows_the_latest_province_figure_or_the_best_covered_period(small):
    rail = row(small, "t07_urban_rail")  # the province published at 2022-10 only
    assert (rail.progress.period, rail.value, rail.progress.target_value, rail.status) == ("2022-10", 380, 400, "on_track")
    assert rail.provenance == "sourced" and rail.progress.sources == ("Province press release",)
    rate = row(small, "urbanization_rate")
    assert (rate.progress.period, rate.value, rate.status) == ("2022", 64.5, "behind")
    stars = row(small, "t04_counties_4star")  # no province figure: the best-covered period
    assert (stars.progress.period, stars.value, stars.status, stars.provenance) == ("2022", 60.0, "partial", "sample")
    old = row(small, "t22_old_communities")  # province figures in 2021 and 2022: the latest
    assert (old.progress.period, old.value, old.status) == ("2022", 70.0, "met")
    empty = row(small, "t06_urban_roads")
    assert empty.status == "no_data" and empty.provenance == "no_data" and math.isnan(empty.value)
    assert row(small, "t11_sponge_city").progress.period is None


def test_status_filter_lists_exactly_the_targets_in_that_state(small):
    assert ids(small, Filters(status="behind")) == ["urbanization_rate", "t08_sewer_counties"]
    assert ids(small, Filters(status="met")) == ["t04_cities_4star", "t04_cities_3star", "t22_old_communities"]
    assert ids(small, Filters(status="on_track")) == ["t07_urban_rail"]
    assert ids(small, Filters(status="partial")) == ["t04_counties_4star", "t04_counties_3star", "t08_sewer_km"]


def test_circle_filter_uses_the_circles_own_regions(small):
    province = row(small, "t04_counties_4star")
    circle = row(small, "t04_counties_4star", Filters(circle="jiaodong"))
    assert circle.progress.circle == "jiaodong" and circle.value == 50.0  # 1 of Qingdao's 2 rated counties
    assert (circle.progress.n_units, province.progress.n_units) == (3, 6)
    assert circle.map_href == "/?indicator=smart_city_stars&level=county&circle=jiaodong"
    # the plan's targets are the province's: a circle's complete figures are shown, not judged (Qingdao's own
    # rating stands for the cities' shares: a share of one city is no figure); a partial one says so
    assert ids(small, Filters(circle="jiaodong", status="province_only")) == [
        "urbanization_rate", "t04_cities_4star", "t04_cities_3star", "t07_urban_rail", "t08_sewer_counties"]
    assert "t08_sewer_km" in ids(small, Filters(circle="jiaodong", status="partial"))  # 1 of Qingdao's 3 counties


def test_department_thrust_and_search_filters(small):
    assert all("省教育厅" in r.target.lead_departments for r in ledger_rows(small, Filters(dept="省教育厅")))
    assert ids(small, Filters(dept="省教育厅")) == ["t19_schools", "t19_school_places", "t19_kindergartens"]
    assert {r.target.thrust for r in ledger_rows(small, Filters(thrust="green"))} == {"green"}
    assert ids(small, Filters(q="污水")) == ["t08_sewage_plants"]
    assert ids(small, Filters(q="Urban rail")) == ["t07_urban_rail"]
    assert ids(small, Filters(thrust="goal", status="met")) == []


def test_map_links_only_for_targets_with_regional_values(small):
    assert row(small, "t07_urban_rail").map_href == "/?indicator=urban_rail_km"
    assert row(small, "t08_sewer_counties").map_href == "/?indicator=sewer_retrofit_status"  # county by default
    assert row(small, "t22_old_communities").map_href == "/?indicator=old_community_households"  # split by city
    assert row(small, "t06_urban_roads").map_href is None  # a province figure only
    assert row(small, "t06_urban_roads").map_href is None
    assert row(small, "t07_urban_rail", Filters(lang="en")).map_href == "/?indicator=urban_rail_km&lang=en"


def test_trend_has_one_point_per_period(small):
    points = trend(small, "t07_urban_rail")
    # Qingdao alone at 2022-12: no province total, so no status (it would read as the province falling behind)
    assert [(p.period, p.value, p.status) for p in points] == [("2022-10", 380, "on_track"), ("2022-12", 300, "partial")]
    assert [p.value for p in trend(small, "t07_urban_rail", "jiaodong")] == [290, 300]
    # 2021 is before the plan year: shown, not judged against the 2022 target
    assert [(p.period, p.status) for p in trend(small, "t22_old_communities")] == [("2021", "other_year"), ("2022", "met")]
    assert trend(small, "t06_urban_roads") == []


def test_controls_make_the_ledger_query_and_keep_the_language(small, monkeypatch):
    import sdplan.data_as_of
    import sdplan.exports.files
    from callbacks.ledger import query_from_controls
    from sdplan.exports.files import ledger_file

    values = {"thrust": "all", "dept": "省教育厅", "status": None, "circle": "lunan", "q": " 学校 "}
    query = query_from_controls(parse_filters(small.catalog, "?lang=en&status=met")[0], values)
    assert parse_filters(small.catalog, query)[0] == Filters(None, "省教育厅", None, "lunan", "学校", "en")
    monkeypatch.setattr(sdplan.data_as_of, "current_dataset", lambda: small)  # the files read through it
    monkeypatch.setattr(sdplan.exports.files, "current_notes", lambda plan: [])  # the notes live in the store
    made = ledger_file("?thrust=goal", "xlsx")
    assert made.filename.endswith(".xlsx") and made.content[:2] == b"PK" and "spreadsheetml" in made.media_type


def test_a_failed_ledger_export_says_so_in_the_page_s_language(small, monkeypatch):
    import sdplan.data_as_of
    import sdplan.exports.files
    from sdplan.exports import Refused

    def broken(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(sdplan.data_as_of, "current_dataset", lambda: small)  # the files read through it
    monkeypatch.setattr(sdplan.exports.files, "current_notes", lambda plan: [])  # the notes live in the store
    monkeypatch.setattr(sdplan.exports.files, "export_bytes", broken)
    with pytest.raises(Refused) as refused:
        sdplan.exports.files.ledger_file("?thrust=goal", "pdf")
    assert str(refused.value) == "台账导出失败:MemoryError"
    with pytest.raises(Refused) as refused:
        sdplan.exports.files.ledger_file("?lang=en", "xlsx")
    assert str(refused.value) == "The ledger could not be exported: MemoryError"


def test_the_workbook_links_to_the_address_the_person_reached_the_dashboard_at(small, monkeypatch):
    import io

    from flask import Flask
    from openpyxl import load_workbook

    import sdplan.data_as_of
    import sdplan.exports.files
    from callbacks.ledger import ledger_request
    from components import ids

    monkeypatch.setattr(sdplan.data_as_of, "current_dataset", lambda: small)  # the files read through it
    monkeypatch.setattr(sdplan.exports.files, "current_notes", lambda plan: [])  # the notes live in the store
    with Flask(__name__).test_request_context(base_url="https://sdplan.example.gov.cn"):
        kind, params, lang = ledger_request(ids.LEDGER_XLSX_BUTTON, "?thrust=green")
    assert (kind, params["fmt"], lang) == ("ledger", "xlsx", "zh")
    book = load_workbook(io.BytesIO(sdplan.exports.files.ledger_file(**params).content))
    links = [c for row in book.worksheets[1].iter_rows(values_only=True) for c in row
             if isinstance(c, str) and "indicator=" in c]
    assert links and all(link.startswith("https://sdplan.example.gov.cn/?indicator=") for link in links)


def test_the_search_matches_partial_words_and_common_synonyms(data):
    from sdplan.ledger.search import matches_query

    rail = next(r.target for r in ledger_rows(data, Filters()) if r.target.id == "t07_urban_rail")
    for query in ("地铁", "轨道", "城市 交通", "Metro", "urban rail", "URBAN"):
        assert matches_query(rail, query), query
    assert not matches_query(rail, "污水")
    assert matches_query(rail, "")
