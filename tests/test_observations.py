"""Observation tables: every value has provenance; bad files are rejected with exact problems."""

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from published import RAIL_JINAN, RAIL_PERIOD, RAIL_PROVINCE, RAIL_QINGDAO

from sdplan.catalog import load_catalog
from sdplan.errors import DataError
from sdplan.observations import COLUMNS, SAMPLE_DIR, SOURCED_DIR, bundled_observations, read_observations

ROOT = Path(__file__).resolve().parent.parent
GOOD_ROW = {"adcode": "370100", "period": "2022-10", "value": "84.1", "unit": "km", "provenance": "sourced",
            "source_title": "press conference", "source_url": "", "source_date": "2022-10-13", "note": ""}


def write_table(tmp_path, rows, columns=COLUMNS) -> Path:
    path = tmp_path / "urban_rail_km.csv"
    pd.DataFrame(rows, columns=list(columns)).to_csv(path, index=False)
    return path


def test_every_bundled_table_validates_and_every_value_has_provenance():
    tables = {i: bundled_observations(i) for i in load_catalog().indicators}
    assert set(tables) >= {"smart_city_stars", "urban_rail_km", "sewer_retrofit_status"}
    for name, frame in tables.items():
        assert frame["provenance"].isin(["sourced", "sample"]).all(), name
        sourced = frame[frame["provenance"] == "sourced"]
        assert sourced["source_title"].notna().all() and sourced["source_date"].notna().all(), name
        assert frame["source_title"].notna().all(), name


def test_sourced_and_sample_values_live_in_separate_files():
    for path in SOURCED_DIR.glob("*.csv"):
        assert set(pd.read_csv(path)["provenance"]) == {"sourced"}, path.name
    for path in SAMPLE_DIR.glob("*.csv"):
        assert set(pd.read_csv(path)["provenance"]) == {"sample"}, path.name


def test_real_rail_figures_add_up_to_the_province_total():
    rail = bundled_observations("urban_rail_km").set_index(["adcode", "period"])["value"]
    assert rail[("370100", RAIL_PERIOD)] == RAIL_JINAN.value and rail[("370200", RAIL_PERIOD)] == RAIL_QINGDAO.value
    cities = rail.xs(RAIL_PERIOD, level="period").drop("370000")
    assert cities.sum() == pytest.approx(rail[("370000", RAIL_PERIOD)]) == RAIL_PROVINCE.value


def test_pilot_cohorts_match_the_published_lists():
    pilots = bundled_observations("smart_city_pilot")
    counts = pilots.assign(kind=pilots["adcode"].str.endswith("00")).groupby(["value", "kind"]).size()
    assert counts[(2020.0, True)] == 8 and counts[(2020.0, False)] == 24
    assert counts[(2021.0, True)] == 3 and counts[(2021.0, False)] == 41


def test_sample_values_are_consistent_with_the_plan_totals():
    km = bundled_observations("sewer_retrofit_km")
    status = bundled_observations("sewer_retrofit_status")
    assert km["value"].sum() == pytest.approx(1040, abs=2)
    sample = status[status["provenance"] == "sample"]
    assert (sample["value"] == 2).sum() == 27 and (sample["value"] >= 1).sum() == 32
    assert set(km["adcode"]) == set(sample.loc[sample["value"] >= 1, "adcode"])
    sourced = status[status["provenance"] == "sourced"]  # 寒亭区 (半岛网, 2022-08): no sample beside it
    assert list(sourced["adcode"]) == ["370703"] and "370703" not in set(sample["adcode"])
    sponge = bundled_observations("sponge_city_new_km2")
    assert sponge.loc[sponge["period"] == "2022", "value"].sum() == pytest.approx(126, abs=1)


def test_sample_generator_is_reproducible(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_sample_data.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    for path in SAMPLE_DIR.glob("*.csv"):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


@pytest.mark.parametrize(
    "change, column, expected_en",
    [
        ({"unit": "m"}, "unit", "the unit code 'km'"),
        ({"adcode": "379999"}, "adcode", "a known adcode at level"),
        ({"adcode": "370102"}, "adcode", "a known adcode at level prefecture, province"),
        ({"adcode": "3701"}, "adcode", "a 6-digit Shandong adcode"),
        ({"value": "-3"}, "value", "a number from 0"),
        ({"value": "abc"}, "value", "a number"),
        ({"value": ""}, "value", "a value"),
        ({"period": "2022/10"}, "period", "a period like 2022"),
        ({"provenance": "official"}, "provenance", "sourced or sample"),
        ({"source_url": "ftp://x"}, "source_url", "http://"),
        ({"source_date": ""}, "source_date", "the source's date"),
    ],
)
def test_a_bad_cell_is_named_with_row_column_value_and_expectation(tmp_path, change, column, expected_en):
    rows = [GOOD_ROW, {**GOOD_ROW, "adcode": "370200", **change}]
    with pytest.raises(DataError) as info:
        read_observations(write_table(tmp_path, rows), load_catalog().indicator("urban_rail_km"))
    problems = [p for p in info.value.problems if p.column == column]
    assert problems, info.value.message("en")
    assert any(p.row == 3 and expected_en in p.expected_en for p in problems), problems
    assert "第 3 行" in info.value.message("zh") and "row 3" in info.value.message("en")


def test_every_problem_is_reported_at_once(tmp_path):
    rows = [{**GOOD_ROW, "unit": "m"}, {**GOOD_ROW, "adcode": "370200", "value": "x", "period": "22"}]
    with pytest.raises(DataError) as info:
        read_observations(write_table(tmp_path, rows), load_catalog().indicator("urban_rail_km"))
    assert {(p.row, p.column) for p in info.value.problems} >= {(2, "unit"), (3, "value"), (3, "period")}


def test_ratings_must_be_whole_stars_from_0_to_5(tmp_path):
    rows = [{**GOOD_ROW, "value": "4.5", "unit": "stars"}, {**GOOD_ROW, "adcode": "370200", "value": "6",
                                                             "unit": "stars"}]
    with pytest.raises(DataError) as info:
        read_observations(write_table(tmp_path, rows), load_catalog().indicator("smart_city_stars"))
    expected = {(p.row, p.expected_en) for p in info.value.problems}
    assert (2, "a whole number") in expected and (3, "a number from 0 to 5") in expected


def test_duplicates_missing_and_extra_columns_are_rejected(tmp_path):
    with pytest.raises(DataError) as info:
        read_observations(write_table(tmp_path, [GOOD_ROW, GOOD_ROW]), load_catalog().indicator("urban_rail_km"))
    assert any("unique" in p.expected_en for p in info.value.problems)
    columns = [c for c in COLUMNS if c != "unit"] + ["extra"]
    row = {**{k: v for k, v in GOOD_ROW.items() if k != "unit"}, "extra": "1"}
    with pytest.raises(DataError) as info:
        read_observations(write_table(tmp_path, [row], columns), load_catalog().indicator("urban_rail_km"))
    named = {p.column for p in info.value.problems}
    assert {"unit", "extra"} <= named


def test_a_file_that_is_not_utf8_csv_is_rejected(tmp_path):
    path = tmp_path / "urban_rail_km.csv"
    path.write_bytes("adcode,period\n济南,2022\n".encode("gbk"))
    with pytest.raises(DataError, match="UTF-8"):
        read_observations(path, load_catalog().indicator("urban_rail_km"))
