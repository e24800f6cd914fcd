"""Imports: encodings, XLSX, region names, catalog validation, every problem at once, templates."""

import io

import pytest
from openpyxl import Workbook, load_workbook
from published import RAIL_JINAN
from store_users import ANN

from sdplan.errors import DataError
from sdplan.formulas import safe_cell, to_csv_bytes
from sdplan.intake.figure_files import parse_import
from sdplan.intake.region_names import match_region
from sdplan.intake.template_files import template_bytes
from sdplan.store.current import dump
from sdplan.store.imports import apply_import, preview_import

ROWS = "region,period,value\n历下区,2024,3.5\n枣庄市市中区,2024,2\n"


def problems(content: bytes, indicator: str | None = "sewer_retrofit_km", name: str = "f.csv"):
    with pytest.raises(DataError) as info:
        parse_import(content, name, indicator)
    return info.value.problems


def xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_the_encodings_excel_writes(encoding):
    parsed = parse_import(ROWS.encode(encoding), "f.csv", "sewer_retrofit_km")
    assert list(parsed.frame["adcode"]) == ["370102", "370402"] and list(parsed.frame["value"]) == [3.5, 2.0]


def test_xlsx_with_numbers_and_several_indicators():
    content = xlsx([["indicator", "行政区划代码", "期别", "数值"], ["sewer_retrofit_km", 370102, 2024, 3.5],
                    ["smart_city_stars", "370200", "2024", 4]])
    parsed = parse_import(content, "f.xlsx")
    assert parsed.indicators == ["sewer_retrofit_km", "smart_city_stars"]
    assert list(parsed.frame["period"]) == ["2024", "2024"] and list(parsed.frame["adcode"]) == ["370102", "370200"]


@pytest.mark.parametrize("name, adcode", [
    ("济南", "370100"), ("济南市", "370100"), ("Jinan", "370100"), ("历下区", "370102"), ("历下", "370102"),
    ("Lixia", "370102"), ("lixia district", "370102"), ("枣庄市市中区", "370402"), ("370402", "370402"), ("山东省", "370000"),
])
def test_region_names_in_every_usual_form(name, adcode):
    assert match_region(name).adcode == adcode


def test_a_name_shared_by_two_counties_needs_its_prefecture():
    assert match_region("市中区").ambiguous and match_region("Lanshan District").ambiguous
    assert match_region("市中区", "枣庄").adcode == "370402" and match_region("市中区", "济南市").adcode == "370103"
    [problem] = problems("region,period,value\n市中区,2024,1\n".encode())
    assert problem.row == 2 and problem.column == "region" and "prefecture" in problem.expected_en
    parsed = parse_import("region,prefecture,period,value\n市中区,济南,2024,1\n".encode(), "f.csv", "sewer_retrofit_km")
    assert list(parsed.frame["adcode"]) == ["370103"]


@pytest.mark.parametrize("indicator, row, column, fragment", [
    ("smart_city_stars", "370200,2024,6", "value", "0 to 5"),
    ("smart_city_stars", "370200,2024,3.5", "value", "whole number"),
    ("sewer_retrofit_km", "370102,2024,-1", "value", "from 0"),
    ("urbanization_rate", "370100,2024,101", "value", "0 to 100"),
    ("urban_rail_km", "370100,24,5", "period", "period like"),
    ("urban_rail_km", "370100,2024-13,5", "period", "period like"),
    ("urban_rail_km", "370102,2024,5", "adcode", "level"),
    ("urban_rail_km", "370100,2024,abc", "value", "a number"),
])
def test_values_are_checked_against_the_catalog(indicator, row, column, fragment):
    found = problems(f"adcode,period,value\n{row}\n".encode(), indicator)
    assert any(p.column == column and fragment in p.expected_en and p.row == 2 for p in found), found


def test_unit_unknown_indicator_duplicates_and_every_problem_at_once():
    content = (b"indicator,adcode,period,value,unit\nurban_rail_km,370100,2024,5,m\nnope,370100,2024,5,km\n"
               b"urban_rail_km,370200,2024,5,km\nurban_rail_km,370200,2024,6,km\n")
    found = problems(content, None)
    assert {(p.row, p.column) for p in found} >= {(2, "unit"), (3, "indicator"), (4, "adcode"), (5, "adcode")}
    for p in found:
        assert p.message("zh") and p.message("en") and p.file == "f.csv"


def test_a_valid_file_previews_old_and_new_values_then_applies(store):
    parsed = parse_import(b"adcode,period,value\n370100,2022-10,90\n370100,2030,1\n", "f.csv", "urban_rail_km")
    preview = preview_import(store, parsed, ANN)
    rows = preview.changes.set_index("period")
    assert rows.loc["2022-10", "old"] == RAIL_JINAN.value
    assert rows.loc["2022-10", "new"] == 90 and rows.loc["2022-10", "change"] == "changed"
    assert rows.loc["2030", "change"] == "new" and rows.loc["2030", "name_zh"] == "济南市"
    assert preview.counts() == {"new": 1, "changed": 1, "same": 0}
    assert apply_import(store, preview, ANN) == 2


def test_a_filled_template_imports_and_untouched_rows_are_skipped(store):
    for fmt in ("csv", "xlsx"):
        content = template_bytes("sewer_retrofit_km", fmt)
        if fmt == "csv":
            text = content.decode("utf-8-sig")
            assert text.startswith("地区名称,所属市,统计期,数值,单位代码,")  # Chinese headers the import accepts
            text = text.replace("历下区,济南市,,,km,", "历下区,济南市,2024,7.5,km,")
            content = text.encode("utf-8-sig")
        else:
            workbook = load_workbook(io.BytesIO(content))
            sheet = workbook.worksheets[0]
            assert [c.value for c in sheet[1]][:4] == ["地区名称", "所属市", "统计期", "数值"]
            assert sheet["A3"].value == "历下区"
            sheet["C3"], sheet["D3"] = "2024", 7.5
            buffer = io.BytesIO()
            workbook.save(buffer)
            content = buffer.getvalue()
        parsed = parse_import(content, f"t.{fmt}")
        assert len(parsed.frame) == 1 and parsed.frame.iloc[0]["value"] == 7.5
        assert parsed.frame.iloc[0]["adcode"] == "370102"


def test_exports_cannot_run_as_formulas():
    assert safe_cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")" and safe_cell("+1") == "'+1"
    assert safe_cell("-1") == "'-1" and safe_cell("@SUM(A1)") == "'@SUM(A1)" and safe_cell(5) == 5 and safe_cell("济南") == "济南"
    import pandas as pd
    assert b"'=cmd" in to_csv_bytes(pd.DataFrame({"note": ["=cmd"]}))


def test_a_rejected_file_leaves_the_store_exactly_as_it_was(store):
    before = dump(store)
    problems(b"adcode,period,value\n370100,2024,-1\n", "urban_rail_km")
    assert dump(store) == before
