"""Plans as data: the 2022 plan is the default; the URL chooses another (the ledger and the map's targets
follow it); an unknown plan falls back to the default with a notice; a target's year is its plan's."""

from ledger_golden import _component_lines

from components.ledger import create_page
from sdplan.catalog import load_catalog
from sdplan.ledger.filters import Filters, filters_query, parse_filters
from sdplan.ledger.rows import ledger_rows, task_rows
from sdplan.mapview import build_map_model
from sdplan.meaning import target_year
from sdplan.viewstate import parse_view, view_query


def test_the_plans_come_from_data_with_their_years_tasks_and_targets():
    catalog = load_catalog()
    assert catalog.default_plan == "2022" and catalog.plan.year == "2022" and len(catalog.tasks) == 31
    later = catalog.for_plan("2025")
    assert later.plan.year == "2025" and not later.tasks
    assert {target_year(t) for t in catalog.targets.values()} == {"2022"}
    assert {target_year(t) for t in later.targets.values()} == {"2025"}
    assert all(t.source_title for t in later.targets.values())  # stated outside a plan text: each says where


def test_the_url_chooses_the_plan_and_an_unknown_one_is_named(data):
    filters, notices = parse_filters(data.catalog, "?plan=2025&lang=en")
    assert (filters.plan, notices) == ("2025", []) and filters_query(filters) == "?lang=en&plan=2025"
    plan_data = data.for_plan(filters.plan)
    rows, tasks = ledger_rows(plan_data, filters), task_rows(plan_data, filters)
    assert [r.target.id for r in rows] == ["t25_cities_4star", "t25_counties_4star", "t25_sewer_cleared"] and not tasks
    # the 2022 sample star ratings are not of the plan's year: shown, never judged against a 2025 target
    assert all(r.status in ("other_year", "no_data", "partial") for r in rows)
    text = "\n".join(_component_lines(create_page(filters, plan_data.catalog.departments(), rows, [], tasks,
                                                  plan_data.catalog.plan)))
    assert "Plan: 2025 targets (as public sources state them)" in text and "Target stated by:" in text
    assert all(r.map_href.endswith("plan=2025&lang=en") for r in rows if r.map_href)

    filters, notices = parse_filters(data.catalog, "?plan=2030")
    assert filters == Filters() and [(n.param, n.value) for n in notices] == [("plan", "2030")]
    assert "2030" in notices[0].message("zh") and "2030" in notices[0].message("en")


def test_the_map_s_targets_follow_the_plan(data):
    view, notices = parse_view(data, "?indicator=smart_city_stars&plan=2025")
    assert view.plan == "2025" and not notices and "plan=2025" in view_query(data, view)
    assert [p.target.id for p in build_map_model(data, view).progress] == ["t25_cities_4star", "t25_counties_4star"]
    default, _ = parse_view(data, "?indicator=smart_city_stars&plan=2022")
    assert default.plan is None and "plan" not in view_query(data, default)
    assert "t04_cities_4star" in [p.target.id for p in build_map_model(data, default).progress]
    assert parse_view(data, "?plan=nope")[1][0].param == "plan"
