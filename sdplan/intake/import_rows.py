"""What the rows of an import file mean before their values are checked: columns, widths, regions.

- Column names as officials write them (``行政区划代码``, ``期别``, ``数值`` ...) become the
  import's columns (:func:`rename`).
- Full-width forms typed by Chinese input methods (``２０２３``, ``３．５``, ``－１``, ``％``) are
  folded to ASCII in the code-like columns (:func:`fold_widths`); every other non-ASCII digit
  (``٢٠٢٣``, ``²``) is left as is and refused by the checks, which read ASCII digits only. The
  fold is deliberate and narrow (Unicode's Fullwidth Forms block and the ideographic space), not
  NFKC, which would also turn ``1²`` into ``12``.
- A row with no period and no value is skipped only when it is an unfilled template row: its
  region is known and nothing but the template's own columns is filled. Any other row that holds
  anything is kept and checked, so it is never silently lost; a row whose cells hold another
  delimiter is named as such (:func:`unfilled_rows`).
- Regions are found by adcode or name (and prefecture); an adcode or a name that contradicts the
  prefecture column is an error that names the right prefecture (:func:`resolve_regions`).
"""

from __future__ import annotations

import pandas as pd

from ..boundaries import load_regions
from ..errors import DataError, Problem, problem
from ..tables import ADCODE_RE
from .region_names import match_region, normalise

# Column names as officials write them -> the import's column.
ALIASES = {
    "indicator": ("indicator", "indicator_id", "指标", "指标代码", "指标id"),
    "adcode": ("adcode", "code", "行政区划代码", "区划代码", "代码"),
    "region": ("region", "name", "region_name", "name_zh", "地区", "地区名称", "行政区", "行政区划", "名称"),
    "prefecture": ("prefecture", "city", "所属市", "设区的市", "市"),
    "period": ("period", "year", "期别", "时期", "年份", "年度", "统计期"),
    "value": ("value", "数值", "值", "指标值"),
    "unit": ("unit", "单位", "单位代码"),
    "provenance": ("provenance", "来源类型"),
    "source_title": ("source_title", "source", "来源", "数据来源", "来源名称"),
    "source_url": ("source_url", "url", "来源网址", "网址", "链接"),
    "source_date": ("source_date", "来源日期", "发布日期"),
    "note": ("note", "notes", "备注", "说明"),
    "source_strength": ("source_strength", "strength", "来源类别"),
    "definition": ("definition", "统计口径", "口径"),
}
LOOKUP = {normalise(alias).replace(" ", "_"): column for column, names in ALIASES.items() for alias in names}
TEMPLATE_COLUMNS = ("indicator", "adcode", "region", "prefecture", "period", "value", "unit",
                    "source_title", "source_url", "source_date", "note")
TEMPLATE_FILLED = frozenset({"indicator", "adcode", "region", "prefecture", "unit"})  # what a template row comes with
FOLDED = ("indicator", "adcode", "period", "value", "unit", "provenance", "source_date", "source_strength",
          "definition")
FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
DELIMITERS = (",", ";", "\t")


def rename(frame: pd.DataFrame, file: str, lookup: dict[str, str] = LOOKUP,
           needed: tuple[str, ...] = ("period", "value"), known: tuple[str, ...] = TEMPLATE_COLUMNS) -> pd.DataFrame:
    """The frame with the import's column names; every unknown, repeated or missing column at once.

    ``lookup`` maps the names people write to the import's columns, ``needed`` are the columns a file
    must have besides a region, ``known`` the columns a message lists (a figures file by default; a
    sub-targets file passes its own).

    Raises
    ------
    DataError
        If a column is unknown or named twice, or the region, period or value column is missing.
    """
    problems, names = [], []
    for column in frame.columns:
        key = normalise(column).replace(" ", "_")
        name = lookup.get(key)
        if name is None or name in names:
            problems.append(Problem(file, 1, column or "(空)", None,
                                    "已知的列名:" + "、".join(known) if name is None else "不重复的列名",
                                    "a known column: " + ", ".join(known) if name is None else "a column named once"))
        names.append(name)
    if not ({"adcode", "region"} & set(names)):
        problems.append(Problem(file, 1, "adcode", None, "adcode(行政区划代码)或 region(地区名称)列",
                                "an adcode or a region column"))
    for column in needed:
        if column not in names:
            problems.append(Problem(file, 1, column, None, "存在该列", "this column to be present"))
    if problems:
        raise DataError(problems)
    return frame.set_axis(names, axis=1)


def fold_width(text: object) -> object:
    """``text`` with full-width forms (２０２３, －１．５, ％) and the ideographic space folded to ASCII."""
    return text.translate(FULLWIDTH).strip() or None if isinstance(text, str) else text


def fold_widths(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with the code-like columns (:data:`FOLDED`) folded by :func:`fold_width`."""
    frame = frame.copy()
    for column in FOLDED:
        if column in frame:
            frame[column] = frame[column].map(fold_width).astype(object)
    return frame


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _known_region(row: dict) -> bool:
    code, name, prefecture = (_text(row.get(c)) for c in ("adcode", "region", "prefecture"))
    if code and ADCODE_RE.match(code):
        return match_region(code).adcode is not None
    return bool(name) and match_region(name, prefecture).adcode is not None


def unfilled_rows(frame: pd.DataFrame, file: str, keys: tuple[str, ...] = ("period", "value"),
                  filled: frozenset[str] = TEMPLATE_FILLED) -> tuple[pd.DataFrame, int, list[Problem]]:
    """Split off the rows without ``keys`` (period and value): (rows to check, unfilled template rows
    skipped, problems). ``filled`` are the columns a template row comes with.

    Empty rows are dropped; unfilled template rows are skipped and counted; a row whose cells
    hold another delimiter gets one problem saying so (and no other); any other row is kept,
    so its empty period and value are reported.
    """
    empty = frame[list(keys)].isna().all(axis=1)
    drop, skipped, problems = [], 0, []
    for index, row in frame[empty].to_dict("index").items():
        present = [c for c, v in row.items() if _text(v)]
        if not present:
            drop.append(index)
        elif set(present) <= filled and _known_region(row):
            drop.append(index)
            skipped += 1
        else:
            split = next((c for c in present if any(d in row[c] for d in DELIMITERS)), None)
            if split:
                drop.append(index)
                problems.append(problem(file, int(index) + 2, split, row[split], "row_other_delimiter"))
    return frame.drop(index=drop), skipped, problems


def _name_problem(file: str, row: int, name: str, prefecture: str | None) -> Problem:
    names = load_regions().set_index("adcode")["name_zh"]
    match = match_region(name, prefecture)
    if match.ambiguous:
        options = "、".join(f"{names[c]}({c})" for c in match.candidates)
        return Problem(file, row, "region", name,
                       f"唯一的地区名称:该名称可指 {options},请填写 prefecture 列或写作“枣庄市市中区”",
                       f"an unambiguous region: the name may mean {', '.join(match.candidates)}; "
                       "add a prefecture column or write it as 枣庄市市中区")
    if prefecture and match_region(prefecture).adcode is None:
        return problem(file, row, "prefecture", prefecture, "region_unknown")
    elsewhere = match_region(name)
    found = (elsewhere.adcode,) if elsewhere.adcode else elsewhere.candidates
    if prefecture and found:
        parents = "、".join(names.get(_parent(c), c) for c in found)
        return problem(file, row, "prefecture", prefecture, "region_not_in_prefecture", name=name, parents=parents,
                       prefecture=prefecture)
    return problem(file, row, "region", name, "region_unknown")


def _parent(adcode: str) -> str:
    parents = load_regions().set_index("adcode")["parent"]
    parent = parents.get(adcode)
    return parent if isinstance(parent, str) else adcode


def _prefecture_problem(file: str, row: int, code: str, prefecture: str) -> Problem | None:
    """The adcode's region is not in the named prefecture (nor that prefecture itself)."""
    wanted = match_region(prefecture).adcode
    if wanted is None:
        return problem(file, row, "prefecture", prefecture, "region_unknown")
    if code == wanted or _parent(code) == wanted:
        return None
    names = load_regions().set_index("adcode")["name_zh"]
    return problem(file, row, "prefecture", prefecture, "region_prefecture_of", code=code, name=names.get(code, code),
                   parent=names.get(_parent(code), _parent(code)))


def resolve_regions(frame: pd.DataFrame, file: str) -> tuple[pd.Series, list[Problem], set[int]]:
    """Each row's adcode (from the adcode, or the name and prefecture), the problems, and the rows they flag.

    A flagged row's own adcode check is left out, so a region gets one message.
    """
    adcodes, problems, flagged = [], [], set()
    for i, row in frame.to_dict("index").items():
        code, name, prefecture = (_text(row.get(c)) for c in ("adcode", "region", "prefecture"))
        found = None
        if name:
            found = match_region(name, prefecture).adcode
            if found is None:
                flagged.add(i)
                problems.append(_name_problem(file, i + 2, name, prefecture))
        if code and found and code != found:
            flagged.add(i)
            problems.append(problem(file, i + 2, "adcode", code, "region_code_of_name", code=found))
        elif code and not name and prefecture and ADCODE_RE.match(code) and match_region(code).adcode:
            wrong = _prefecture_problem(file, i + 2, code, prefecture)
            if wrong:
                flagged.add(i)
                problems.append(wrong)
        adcodes.append(code or found or name)
    return pd.Series(adcodes, index=frame.index, dtype=object), problems, flagged
