"""The plan's ledger: filters from the URL, rows for known data, and the map links."""

import math

from sdplan.ledger.filters import Filters, filters_query, parse_filters
from sdplan.ledger.rows import ledger_rows, trend

FULL = "?thrust=green&dept=省住房城乡建设厅&status=behind&circle=jiaodong&q=污水&lang=en"


def row(data, target_id, filters=Filters()):
    return next(r for r in ledger_rows(data, filters) if r.target.id == target_id)


def test_filters_round_trip_through_the_url(data):
    filters, notices = parse_filters(data.catalog, FULL)
    assert notices == []
    assert filters == Filters("green", "省住房城乡建设厅", "behind", "jiaodong", "污水", "en")
    assert parse_filters(data.catalog, filters_query(filters)) == (filters, [])
    assert filters_query(Filters()) == ""


def test_invalid_filters_fall_back_to_all_with_a_notice(data):
    filters, notices = parse_filters(data.catalog, "thrust=blue&dept=nobody&status=won&circle=mars&lang=fr")
    assert filters == Filters()
    assert [n.param for n in notices] == ["thrust", "dept", "status", "circle", "lang"]
    assert parse_filters(data.catalog, "q=" + "x" * 100)[0].q == ""
    assert parse_filters(data.catalog, "x" * 3000)[0] == Filters()


def test_every_target_is_in_the_unfiltered_ledger_grouped_by_thrust_and_task(data):
    rows = ledger_rows(data)
    assert {r.target.id for r in rows} == set(data.catalog.targets)
    keys = [(["goal", "smart", "green", "balanced", "two_way"].index(r.target.thrust), r.target.task) for r in rows]
    assert keys == sorted(keys)
    assert "省住房城乡建设厅" in data.catalog.departments()


def test_known_values_and_statuses(data):
    rail = row(data, "t07_urban_rail")
    assert (rail.progress.period, rail.value, rail.progress.target_value, rail.status) == ("2022-10", 377.2, 400, "on_track")
    assert rail.provenance == "sourced" and rail.progress.sources
    rate = row(data, "urbanization_rate")
    assert (rate.progress.period, rate.value, rate.status) == ("2022", 64.54, "behind")
    assert row(data, "t22_old_communities").status == "met"
    empty = row(data, "t06_urban_roads")
    assert empty.status == "no_data" and empty.provenance == "no_data" and math.isnan(empty.value)
    assert row(data, "t08_sewer_km").provenance == "sample"


def test_circle_filter_uses_the_circles_own_regions(data):
    province = row(data, "t04_counties_4star")
    circle = row(data, "t04_counties_4star", Filters(circle="jiaodong"))
    assert circle.progress.circle == "jiaodong"
    assert circle.progress.n_units < province.progress.n_units
    assert circle.map_href == "/?indicator=smart_city_stars&level=county&circle=jiaodong"


def test_status_department_thrust_and_search_filters(data):
    assert {r.status for r in ledger_rows(data, Filters(status="behind"))} == {"behind"}
    assert all("省教育厅" in r.target.lead_departments for r in ledger_rows(data, Filters(dept="省教育厅")))
    assert {r.target.thrust for r in ledger_rows(data, Filters(thrust="green"))} == {"green"}
    sewage = [r.target.id for r in ledger_rows(data, Filters(q="污水"))]
    assert sewage == ["t08_sewage_plants"]
    assert [r.target.id for r in ledger_rows(data, Filters(q="Urban rail"))] == ["t07_urban_rail"]


def test_map_links_only_for_targets_with_regional_values(data):
    assert row(data, "t07_urban_rail").map_href == "/?indicator=urban_rail_km"
    assert row(data, "t22_old_communities").map_href is None  # province figure only
    assert row(data, "t06_urban_roads").map_href is None
    assert row(data, "t07_urban_rail", Filters(lang="en")).map_href.endswith("lang=en")


def test_trend_has_one_point_per_period(data):
    assert [p.period for p in trend(data, "t07_urban_rail")] == ["2022-10", "2022-12"]
    assert trend(data, "t06_urban_roads") == []


def test_controls_make_the_ledger_query_and_keep_the_language(data):
    from callbacks.ledger import ledger_download, query_from_controls

    values = {"thrust": "all", "dept": "省教育厅", "status": None, "circle": "lunan", "q": " 学校 "}
    query = query_from_controls(parse_filters(data.catalog, "?lang=en&status=met")[0], values)
    assert parse_filters(data.catalog, query)[0] == Filters(None, "省教育厅", None, "lunan", "学校", "en")
    download = ledger_download("?thrust=goal", "xlsx")
    assert download["filename"].endswith(".xlsx") and download["base64"]
