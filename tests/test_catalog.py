"""The catalog must say what the plan says: every figure and lead department is in the plan text."""

import re
from pathlib import Path

import pytest

from sdplan.catalog import load_catalog
from sdplan.errors import UnknownKeyError

CATALOG = load_catalog()

PLAN = Path(__file__).resolve().parents[1] / "data" / "plan" / "plan-2022.zh.txt"


def plan_paragraphs() -> dict[int, str]:
    """Task number -> its paragraph; 0 is the overall goal (section 一)."""
    text = PLAN.read_text(encoding="utf-8")
    tasks = {int(m.group(1)): m.group(2) for m in re.finditer(r"^(\d+)\. (.+)$", text, flags=re.M)}
    tasks[0] = text[text.index("一、工作目标"):text.index("二、主要任务")]
    return tasks


@pytest.fixture(scope="module")
def paragraphs():
    if not PLAN.exists():
        pytest.fail(f"the plan text is missing at {PLAN}")
    return plan_paragraphs()


def test_plan_text_has_thirty_tasks(paragraphs):
    assert sorted(paragraphs) == list(range(31))


@pytest.mark.parametrize("target", [t for t in CATALOG.targets.values() if t.sense not in ("all", "zero")], ids=lambda t: t.id)
def test_every_target_figure_is_in_its_task_text(target, paragraphs):
    figure = f"{target.target:g}"
    assert re.search(rf"(?<![\d.]){re.escape(figure)}(?![\d.])", paragraphs[target.task]), (
        f"{target.id}: {figure} does not appear in task {target.task} of the plan")


@pytest.mark.parametrize("target", list(CATALOG.targets.values()), ids=lambda t: t.id)
def test_every_lead_department_is_named_in_its_task(target, paragraphs):
    for department in target.lead_departments:
        assert department in paragraphs[target.task], f"{target.id}: {department} is not in task {target.task}"
    if target.task:
        assert target.lead_departments, f"{target.id} has no lead department"


def test_thrusts_follow_the_plan_sections():
    section = {**dict.fromkeys(range(1, 6), "smart"), **dict.fromkeys(range(6, 14), "green"),
               **dict.fromkeys(range(14, 24), "balanced"), **dict.fromkeys(range(24, 31), "two_way"), 0: "goal"}
    wrong = {t.id: t.thrust for t in CATALOG.targets.values() if section[t.task] != t.thrust}
    assert not wrong


def test_catalog_covers_every_task_with_a_quantitative_target():
    # Tasks 2, 3, 14, 15, 17, 25, 27-30 set no number; every other task does.
    assert {t.task for t in CATALOG.targets.values()} == {0, 1, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 16, 18, 19, 20, 21, 22,
                                                    23, 24, 26}
    assert len(CATALOG.targets) >= 50


def test_key_targets_read_as_the_plan_states():
    assert CATALOG.target("t07_urban_rail").target == 400 and CATALOG.target("t07_urban_rail").sense == "at_least"
    assert CATALOG.target("t18_unemployment").sense == "at_most"
    assert CATALOG.target("t08_black_odorous").sense == "zero"
    four_star = CATALOG.target("t04_counties_4star")
    assert (four_star.target, four_star.unit, four_star.measure, four_star.threshold) == (30, "percent",
                                                                                        "share_at_least", 4)
    assert CATALOG.target("t08_sewer_counties").level == "county"


def test_map_indicators_track_their_targets():
    assert [t.id for t in CATALOG.targets_of("smart_city_stars")] == [
        "t04_cities_4star", "t04_counties_4star", "t04_cities_3star", "t04_counties_3star"]
    assert [t.id for t in CATALOG.targets_of("sewer_retrofit_status")] == ["t08_sewer_counties"]
    assert CATALOG.indicator("urbanization_rate").weight == "resident_population"
    assert set(CATALOG.indicators) >= {"smart_city_stars", "sewer_retrofit_status", "sewer_retrofit_km", "urban_rail_km",
                                 "sponge_city_new_km2", "urbanization_rate", "resident_population"}


def test_unknown_ids_name_the_bad_key_and_the_known_ones():
    with pytest.raises(UnknownKeyError, match="unknown indicator 'rail_km'.*urban_rail_km"):
        CATALOG.indicator("rail_km")
    with pytest.raises(UnknownKeyError, match="unknown target 'nope'"):
        CATALOG.target("nope")
