"""An indicator's import template as an XLSX workbook that catches mistakes while it is filled in.

Sheet 1 (the one the import reads): a row per region, drop-downs of the valid region and prefecture
names, the period format, the value's range and type, the unit and indicator fixed, text-formatted
period and code columns. Sheet 2: instructions in Chinese and English with an example row. Sheet 3
(hidden): the drop-downs' lists.
"""

from __future__ import annotations

import pandas as pd
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..catalog import Indicator, load_catalog
from ..formulas import safe_cell
from ..i18n import LANGS, t
from ..sheets import (
    HEADER_FONT,
    TEXT_FORMAT,
    TITLE_FONT,
    fit_words,
    header_row,
    print_setup,
    set_columns,
    workbook_bytes,
)
from ..units import unit_label
from .template import TEMPLATE_ORDER, example_value, period_formula, region_choices, url_formula, value_rule

WIDTHS = {"region": 16, "prefecture": 10, "period": 10, "value": 11, "unit": 10, "source_title": 32,
          "source_url": 30, "source_date": 12, "note": 20, "adcode": 13, "indicator": 24}
# Typed 2024-06 or 370102 must stay text; a typed date must stay a date (not a bare serial number).
COLUMN_FORMATS = {"period": TEXT_FORMAT, "adcode": TEXT_FORMAT, "source_date": "yyyy-mm-dd"}
EXTRA_ROWS = 500  # rows below the prefilled ones that carry the same rules, for further periods


def letter(column: str) -> str:
    """The spreadsheet column letter of a template column."""
    return get_column_letter(TEMPLATE_ORDER.index(column) + 1)


def _rule(kind: str, prompt: str, lang: str, **options) -> DataValidation:
    return DataValidation(type=kind, allow_blank=True, showErrorMessage=True, showInputMessage=True, errorStyle="stop",
                          errorTitle=t("template_dv_error_title", lang), error=prompt[:225], prompt=prompt[:255],
                          **options)


def _value_rule(indicator: Indicator, lang: str) -> DataValidation:
    prompt = t("template_dv_value", lang, rule=value_rule(indicator, lang), unit=unit_label(indicator.unit, lang) or
               indicator.unit)
    if indicator.categories:
        return _rule("list", prompt, lang, formula1='"' + ",".join(str(c.code) for c in indicator.categories) + '"')
    kind = "whole" if indicator.integer else "decimal"
    lo, hi = indicator.min, indicator.max
    if lo is not None and hi is not None:
        return _rule(kind, prompt, lang, operator="between", formula1=f"{lo:g}", formula2=f"{hi:g}")
    if lo is not None:
        return _rule(kind, prompt, lang, operator="greaterThanOrEqual", formula1=f"{lo:g}")
    if hi is not None:
        return _rule(kind, prompt, lang, operator="lessThanOrEqual", formula1=f"{hi:g}")
    return _rule(kind, prompt, lang, operator="between", formula1="-1E+15", formula2="1E+15")


def validations(indicator: Indicator, lists: str, n_regions: int, n_prefectures: int,
                lang: str) -> dict[str, DataValidation]:
    """The data-validation rule of each template column that has one, by column id."""
    fixed = lambda value: _rule("list", t("template_dv_fixed", lang, value=value), lang, formula1=f'"{value}"')
    return {
        "region": _rule("list", t("template_dv_region", lang), lang, formula1=f"{lists}!$A$2:$A${n_regions + 1}"),
        "prefecture": _rule("list", t("template_dv_prefecture", lang), lang,
                            formula1=f"{lists}!$C$2:$C${max(n_prefectures, 1) + 1}"),
        "adcode": _rule("list", t("template_dv_adcode", lang), lang, formula1=f"{lists}!$B$2:$B${n_regions + 1}"),
        "period": _rule("custom", t("template_dv_period", lang, rule=t("template_period_rule", lang)), lang,
                        formula1=period_formula(f"{letter('period')}2")),
        "value": _value_rule(indicator, lang),
        "unit": fixed(indicator.unit),
        "indicator": fixed(indicator.id),
        "source_url": _rule("custom", t("template_dv_url", lang), lang, formula1=url_formula(f"{letter('source_url')}2")),
    }


def _data_sheet(sheet: Worksheet, frame: pd.DataFrame, indicator: Indicator, lists: str, lang: str) -> None:
    sheet.title = t("template_data_sheet", lang)
    headings = [t(f"template_column.{c}", lang) for c in TEMPLATE_ORDER]
    header_row(sheet, 1, headings)
    for i, row in enumerate(frame.itertuples(index=False), start=2):
        for j, value in enumerate(row, start=1):
            sheet.cell(i, j, None if value is None or pd.isna(value) else safe_cell(value))
    last = len(frame) + 1 + EXTRA_ROWS
    for column, fmt in COLUMN_FORMATS.items():
        # on the column and on each cell: suites differ in which one they apply to a typed entry
        sheet.column_dimensions[letter(column)].number_format = fmt
        index = TEMPLATE_ORDER.index(column) + 1
        for (cell,) in sheet.iter_rows(min_row=2, max_row=last, min_col=index, max_col=index):
            cell.number_format = fmt
    prefectures = frame["prefecture"].dropna().unique()
    for column, rule in validations(indicator, lists, len(frame), len(prefectures), lang).items():
        rule.add(f"{letter(column)}2:{letter(column)}{last}")
        sheet.add_data_validation(rule)
    set_columns(sheet, fit_words([WIDTHS[c] for c in TEMPLATE_ORDER], headings), last_row=len(frame) + 1)
    print_setup(sheet, t("template_title", lang, name=indicator.name(lang)), t("page_footer", lang), header_row=1,
                freeze="B2")


def _lists_sheet(sheet: Worksheet, frame: pd.DataFrame, lang: str) -> None:
    sheet.append([t(f"template_column.{c}", lang) for c in ("region", "adcode", "prefecture")])
    prefectures = list(dict.fromkeys(p for p in frame["prefecture"] if p))
    for i, (region, adcode) in enumerate(zip(frame["region"], frame["adcode"]), start=2):
        sheet.cell(i, 1, region)
        sheet.cell(i, 2, adcode).number_format = TEXT_FORMAT
    for i, name in enumerate(prefectures, start=2):
        sheet.cell(i, 3, name)
    sheet.sheet_state = "hidden"


def _help_sheet(sheet: Worksheet, frame: pd.DataFrame, indicator: Indicator, lang: str, prefilled: bool) -> None:
    sheet.title = t("template_help_sheet", lang)
    sheet.append([t("template_title", lang, name=f"{indicator.name_zh} · {indicator.name_en}")])
    sheet["A1"].font = TITLE_FONT
    levels = [lvl for lvl in ("province", "prefecture", "county") if lvl in indicator.levels]
    for words in LANGS:
        sheet.append([])
        rows = [
            ("template_help_indicator", f"{indicator.name(words)} ({indicator.id})"),
            ("template_help_unit", t("template_unit_text", words, label=unit_label(indicator.unit, words) or
                                     indicator.unit, code=indicator.unit)),
            ("template_help_regions", t("template_regions_text", words, n=len(frame),
                                        levels=t("enum_sep", words).join(t(f"level.{lvl}", words) for lvl in levels))),
            ("template_help_value", value_rule(indicator, words)),
            ("template_help_period", t("template_period_rule", words)),
        ]
        for key, text in rows:
            sheet.append([t(key, words), text])
            sheet.cell(sheet.max_row, 1).font = HEADER_FONT
        if prefilled:
            sheet.append([None, t("template_prefilled", words)])
        sheet.append([t("template_help_steps", words)])
        sheet.cell(sheet.max_row, 1).font = HEADER_FONT
        for n in range(1, 6):
            sheet.append([f"{n}.", t(f"template_step{n}", words)])
    sheet.append([])
    sheet.append([" / ".join(t("template_help_example", words) for words in LANGS)])
    sheet.cell(sheet.max_row, 1).font = HEADER_FONT
    county = frame[frame["prefecture"].notna()].head(1)
    example = (county if len(county) else frame.tail(1)).iloc[0].to_dict()
    example.update(period="2024", value=example_value(indicator), source_date="2025-03-01", unit=indicator.unit,
                   indicator=indicator.id)
    for column in TEMPLATE_ORDER:
        sheet.append([t(f"template_column.{column}", lang), safe_cell(example.get(column))])
    set_columns(sheet, (16, 78), (2,), first_row=2)


def template_workbook_bytes(frame: pd.DataFrame, indicator_id: str, lang: str = "zh", prefilled: bool = False) -> bytes:
    """The template ``frame`` (:func:`sdplan.intake.template.template_frame`) as an XLSX workbook.

    Parameters
    ----------
    frame : pandas.DataFrame
        The template's rows, in :data:`sdplan.intake.template.TEMPLATE_ORDER`.
    indicator_id : str
    lang : {"zh", "en"}
        Language of the headers and the rules' messages (the instructions are in both).
    prefilled : bool
        Whether the rows carry current figures (the instructions say so).

    Returns
    -------
    bytes
    """
    indicator = load_catalog().indicator(indicator_id)
    choices = region_choices(indicator)
    book = Workbook()
    lists = book.create_sheet(t("template_lists_sheet", lang))
    _lists_sheet(lists, choices, lang)
    _data_sheet(book.active, frame, indicator, f"'{lists.title}'", lang)
    help_sheet = book.create_sheet(t("template_help_sheet", lang), 1)
    _help_sheet(help_sheet, choices, indicator, lang, prefilled)
    print_setup(help_sheet, help_sheet.title, t("page_footer", lang), landscape=False)
    return workbook_bytes(book)
