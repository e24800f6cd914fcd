"""Import templates catch mistakes while they are filled in: drop-downs, rules, text formats, instructions."""

import io

import pytest
from openpyxl import load_workbook
from published import RAIL_JINAN_LATEST, RAIL_LATEST

from sdplan.catalog import load_catalog
from sdplan.i18n import LANGS, t
from sdplan.intake.figure_files import parse_import
from sdplan.intake.import_rows import LOOKUP, TEMPLATE_COLUMNS
from sdplan.intake.region_names import normalise
from sdplan.intake.template import TEMPLATE_ORDER, period_formula, region_choices, template_frame, value_rule
from sdplan.intake.template_files import template_bytes


def book(indicator, **kwargs):
    return load_workbook(io.BytesIO(template_bytes(indicator, "xlsx", **kwargs)))


def rules(sheet) -> dict[str, object]:
    """The data-validation rule of each column, by its heading."""
    headings = [c.value for c in sheet[1]]
    filled = sum(1 for c in sheet["A"] if c.value)
    found = {}
    for rule in sheet.data_validations.dataValidation:
        for cells in rule.sqref.ranges:
            assert cells.min_row == 2 and cells.max_row >= filled + 100  # rows added below are checked too
            found[headings[cells.min_col - 1]] = rule
    return found


def listed(workbook, formula: str) -> list:
    """The cells a list rule's range formula ('下拉选项'!$A$2:$A$18) points to."""
    sheet_name, cells = formula.split("!")
    sheet = workbook[sheet_name.strip("'")]
    return [c.value for row in sheet[cells.replace("$", "")] for c in row]


def test_headers_are_names_the_import_accepts_in_both_languages():
    assert set(TEMPLATE_ORDER) == set(TEMPLATE_COLUMNS)
    for column in TEMPLATE_ORDER:
        for lang in LANGS:
            assert LOOKUP[normalise(t(f"template_column.{column}", lang)).replace(" ", "_")] == column
    assert TEMPLATE_ORDER[0] == "region" and TEMPLATE_ORDER[-2:] == ("adcode", "indicator")


def test_region_drop_down_lists_the_regions_of_the_level_with_prefectures_for_shared_names():
    workbook = book("sewer_retrofit_km")
    sheet = workbook.worksheets[0]
    found = rules(sheet)
    names = listed(workbook, found["地区名称"].formula1)
    assert len(names) == 137 and names[0] == "山东省"  # the province and the 136 counties
    assert {"济南市市中区", "枣庄市市中区", "历下区"} <= set(names) and "市中区" not in names
    assert "济南市" not in names  # a county indicator: prefectures are not offered
    assert listed(workbook, found["行政区划代码"].formula1)[:2] == ["370000", "370102"]
    assert len(listed(workbook, found["所属市"].formula1)) == 16
    assert workbook.worksheets[2].sheet_state == "hidden"
    prefecture_names = listed(book("urban_rail_km"), rules(book("urban_rail_km").worksheets[0])["地区名称"].formula1)
    assert len(prefecture_names) == 17 and "济南市" in prefecture_names
    assert [c.value for c in sheet["A"][1:4]] == ["山东省", "历下区", "济南市市中区"]  # the rows use the same names


@pytest.mark.parametrize("indicator, kind, operator, bounds", [
    ("sewer_retrofit_km", "decimal", "greaterThanOrEqual", ("0", None)),
    ("urbanization_rate", "decimal", "between", ("0", "100")),
    ("smart_city_stars", "list", None, ('"0,1,2,3,4,5"', None)),
    ("sewer_retrofit_status", "list", None, ('"0,1,2"', None)),
])
def test_value_rule_follows_the_catalog(indicator, kind, operator, bounds):
    rule = rules(book(indicator).worksheets[0])["数值"]
    assert (rule.type, rule.operator, (rule.formula1, rule.formula2)) == (kind, operator, bounds)
    assert rule.showErrorMessage and rule.errorStyle == "stop" and rule.prompt


def test_unit_and_indicator_are_fixed_and_period_and_url_have_formulas():
    found = rules(book("urban_rail_km").worksheets[0])
    assert found["单位代码"].formula1 == '"km"' and found["指标代码"].formula1 == '"urban_rail_km"'
    assert found["统计期"].type == "custom" and found["统计期"].formula1 == period_formula("C2")
    assert found["来源网址"].type == "custom" and "https://" in found["来源网址"].formula1
    assert "公里" in found["数值"].prompt


def test_period_and_code_cells_are_text_so_typed_entries_stay_as_typed():
    sheet = book("sewer_retrofit_km").worksheets[0]
    headings = [c.value for c in sheet[1]]
    for heading, fmt in (("统计期", "@"), ("行政区划代码", "@"), ("来源日期", "yyyy-mm-dd")):
        column = headings.index(heading) + 1
        assert sheet.cell(2, column).number_format == fmt and sheet.cell(600, column).number_format == fmt


def test_prints_on_a4_with_the_header_row_repeated():
    workbook = book("sewer_retrofit_km")
    sheet = workbook.worksheets[0]
    assert (sheet.page_setup.paperSize, sheet.page_setup.orientation, sheet.page_setup.fitToWidth) == (9, "landscape", 1)
    assert sheet.print_title_rows == "$1:$1" and sheet.freeze_panes == "B2"
    assert "雨污合流管网改造长度" in sheet.oddHeader.center.text
    assert workbook.worksheets[1].page_setup.orientation == "portrait"


def test_instructions_in_chinese_and_english_with_an_example_row():
    workbook = book("urbanization_rate")
    assert workbook.sheetnames[:2] == ["数据", "填写说明"]
    rows = [r for r in workbook["填写说明"].iter_rows(values_only=True, max_col=2) if any(r)]
    text = "\n".join(str(c) for r in rows for c in r if c is not None)
    assert "0 至 100 之间的数" in text and "a number from 0 to 100" in text
    assert "2022-Q3" in text and "枣庄市市中区" in text and "单位代码 percent" in text
    example = dict(rows[[i for i, r in enumerate(rows) if r[0] and str(r[0]).startswith("示例")][0] + 1:])
    assert example["地区名称"] == "菏泽市" and example["统计期"] == "2024" and example["数值"] == 50
    assert example["指标代码"] == "urbanization_rate" and example["单位代码"] == "percent"
    stars = load_catalog().indicator("smart_city_stars")
    assert value_rule(stars, "en").startswith("one of the category codes: 0 = Not rated, 1 = 1 star")


def test_english_template_has_english_headers_and_imports():
    workbook = book("urban_rail_km", lang="en")
    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[1]][:4] == ["region", "prefecture", "period", "value"]
    assert workbook.sheetnames[1] == "Instructions"
    sheet["C3"], sheet["D3"] = "2024", 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    parsed = parse_import(buffer.getvalue(), "t.xlsx")
    assert list(parsed.frame["adcode"]) == ["370100"] and list(parsed.frame["value"]) == [90.0]


def test_prefilled_template_carries_current_sourced_figures_but_not_samples(data):
    frame = template_frame("urban_rail_km", data).set_index("adcode")
    assert frame.loc["370100", "value"] == RAIL_JINAN_LATEST.value and frame.loc["370100", "period"] == RAIL_LATEST
    assert frame.loc["370200", "period"] == RAIL_LATEST and frame.loc["370200", "source_title"]
    samples = template_frame("sewer_retrofit_km", data)
    assert samples["value"].isna().all()  # its figures are sample values: they must not come back as sourced
    text = "\n".join(str(c) for row in book("urban_rail_km", data=data)["填写说明"].iter_rows(values_only=True)
                     for c in row if c)
    assert "已预填" in text
    parsed = parse_import(template_bytes("urban_rail_km", "csv", data), "t.csv")  # an unchanged upload is valid
    rows = set(zip(parsed.frame["adcode"], parsed.frame["period"], parsed.frame["value"]))
    assert ("370100", RAIL_LATEST, RAIL_JINAN_LATEST.value) in rows


def test_region_choices_name_each_region_once():
    from sdplan.intake.region_names import match_region

    for indicator in load_catalog().indicators.values():
        choices = region_choices(indicator)
        assert choices["region"].is_unique
        assert all(match_region(name).adcode == code for name, code in zip(choices["region"], choices["adcode"]))
