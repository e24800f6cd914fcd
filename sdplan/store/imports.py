"""Import a file of observations: :func:`parse_import` -> :func:`preview_import` -> :func:`apply_import`.

A file holds one indicator (given by the caller or an ``indicator`` column) or several. Regions
are given by ``adcode`` or by name (``region``, optionally with ``prefecture``). Values are checked
by the same pandera schema as the bundled tables (:func:`sdplan.observations.observation_schema`).
Every problem is reported at once and a file with any problem changes nothing. The preview and
the confirmation both refuse a user who does not lead every indicator of the file, so an
official learns it before confirming. The admin pages and ``sdplan import`` both go through here.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date

import pandas as pd
from sqlalchemy import Engine

from ..boundaries import load_regions
from ..catalog import load_catalog
from ..errors import DataError, Problem
from ..observations import COLUMNS, observation_schema
from ..tables import validate
from .auth import User, require
from .batches import apply_batch
from .current import current_rows, indicator_revisions
from .files import read_table
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
}
LOOKUP = {normalise(alias).replace(" ", "_"): column for column, names in ALIASES.items() for alias in names}
TEMPLATE_COLUMNS = ("indicator", "adcode", "region", "prefecture", "period", "value", "unit",
                    "source_title", "source_url", "source_date", "note")


@dataclass
class ParsedImport:
    """A validated file: its rows (``indicator`` plus the observation columns), name and hash."""

    file_name: str
    file_hash: str
    frame: pd.DataFrame

    @property
    def indicators(self) -> list[str]:
        return sorted(self.frame["indicator"].unique())


@dataclass
class Preview:
    """What an import would change, per region and period, and the revisions it was computed on."""

    parsed: ParsedImport
    changes: pd.DataFrame  # indicator, adcode, name_zh, name_en, period, old, new, change
    revisions: dict[str, int] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        """How many rows are new, changed and unchanged."""
        counts = self.changes["change"].value_counts()
        return {k: int(counts.get(k, 0)) for k in ("new", "changed", "same")}

    def revisions_json(self) -> str:
        return json.dumps(self.revisions, sort_keys=True)


def _rename(frame: pd.DataFrame, file: str) -> pd.DataFrame:
    problems, names = [], []
    for column in frame.columns:
        key = normalise(column).replace(" ", "_")
        name = LOOKUP.get(key)
        if name is None or name in names:
            problems.append(Problem(file, 1, column or "(空)", None,
                                    "已知的列名:" + "、".join(TEMPLATE_COLUMNS) if name is None else "不重复的列名",
                                    "a known column: " + ", ".join(TEMPLATE_COLUMNS) if name is None else "a column named once"))
        names.append(name)
    if not ({"adcode", "region"} & set(names)):
        problems.append(Problem(file, 1, "adcode", None, "adcode(行政区划代码)或 region(地区名称)列",
                                "an adcode or a region column"))
    for needed in ("period", "value"):
        if needed not in names:
            problems.append(Problem(file, 1, needed, None, "存在该列", "this column to be present"))
    if problems:
        raise DataError(problems)
    return frame.set_axis(names, axis=1)


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


def _regions(frame: pd.DataFrame, file: str) -> tuple[pd.Series, list[Problem], set[int]]:
    names = load_regions().set_index("adcode")["name_zh"]
    adcodes, problems, flagged = [], [], set()
    for i, row in frame.to_dict("index").items():
        code, name, prefecture = (_text(row.get(c)) for c in ("adcode", "region", "prefecture"))
        found = None
        if name:
            match = match_region(name, prefecture)
            if match.adcode is None:
                flagged.add(i)
                if match.ambiguous:
                    options = "、".join(f"{names[c]}({c})" for c in match.candidates)
                    problems.append(Problem(
                        file, i + 2, "region", name,
                        f"唯一的地区名称:该名称可指 {options},请填写 prefecture 列或写作“枣庄市市中区”",
                        f"an unambiguous region: the name may mean {', '.join(match.candidates)}; "
                        "add a prefecture column or write it as 枣庄市市中区"))
                else:
                    bad_prefecture = bool(prefecture) and match_region(prefecture).adcode is None
                    problems.append(Problem(
                        file, i + 2, "prefecture" if bad_prefecture else "region", prefecture if bad_prefecture else name,
                        "山东省的地区名称(如 济南、济南市、Jinan、历下区)",
                        "a Shandong region name (e.g. 济南, 济南市, Jinan, 历下区)"))
            found = match.adcode
        if code and found and code != found:
            flagged.add(i)
            problems.append(Problem(file, i + 2, "adcode", code, f"与地区名称一致的代码 {found}",
                                    f"the code {found} of the region named in this row"))
        adcodes.append(code or found or name)
    return pd.Series(adcodes, index=frame.index, dtype=object), problems, flagged


def _observation_frame(frame: pd.DataFrame, today: str) -> pd.DataFrame:
    out = pd.DataFrame(index=frame.index)
    for column in COLUMNS:
        out[column] = frame.get(column)
    return out.astype(object)


def parse_import(content: bytes, file_name: str, indicator: str | None = None, today: str | None = None,
                 isolated: bool = True) -> ParsedImport:
    """Read and validate an import file; every problem at once.

    Parameters
    ----------
    content : bytes
        The file (CSV in UTF-8, UTF-8 with BOM or GBK/GB18030, or XLSX).
    file_name : str
        Its name, shown in problems.
    indicator : str, optional
        The indicator of every row when the file has no ``indicator`` column.
    today : str, optional
        The date filled in where ``source_date`` is empty (default: today).
    isolated : bool
        Read the bytes in a child process with memory and time limits (the default); False
        reads them in this process, bounded by counts only (fuzz tests).

    Returns
    -------
    ParsedImport
        Rows with ``indicator`` and the observation columns (value still text, validated).

    Raises
    ------
    DataError
        Listing every problem, each with row, column, bad value and what is expected.
    """
    today = today or date.today().isoformat()
    file_hash = hashlib.sha256(content).hexdigest()
    frame = _rename(read_table(content, file_name, isolated), file_name)
    blank = frame[[c for c in ("period", "value") if c in frame]].isna().all(axis=1)
    frame = frame[~blank]
    if frame.empty:
        raise DataError([Problem(file_name, None, None, None, "至少一行填写了期别和数值的数据",
                                 "at least one row with a period and a value")])
    problems: list[Problem] = []
    known = load_catalog().indicators
    if "indicator" not in frame:
        if indicator is None:
            raise DataError([Problem(file_name, 1, "indicator", None, "indicator 列(或在导入时选定指标)",
                                     "an indicator column (or an indicator chosen for the import)")])
        frame = frame.assign(indicator=indicator)
    frame["indicator"] = frame["indicator"].fillna(indicator) if indicator else frame["indicator"]
    unknown = ~frame["indicator"].isin(list(known))
    problems += [Problem(file_name, i + 2, "indicator", v, "已知的指标代码:" + "、".join(known),
                         "a known indicator: " + ", ".join(known))
                 for i, v in frame.loc[unknown, "indicator"].items()]
    adcodes, region_problems, flagged = _regions(frame, file_name)
    problems += region_problems
    frame["adcode"] = adcodes
    frame["provenance"] = frame["provenance"].fillna("sourced") if "provenance" in frame else "sourced"
    frame["source_title"] = frame["source_title"].fillna(file_name) if "source_title" in frame else file_name
    frame["source_date"] = frame["source_date"].fillna(today) if "source_date" in frame else today
    parts = []
    for indicator_id, group in frame[~unknown].groupby("indicator", sort=True):
        ind = known[indicator_id]
        part = _observation_frame(group, today)
        if "unit" not in group:
            part["unit"] = ind.unit
        part["unit"] = part["unit"].fillna(ind.unit)
        try:
            validate(part, observation_schema(ind, "sourced"), file_name)
        except DataError as exc:
            problems += [p for p in exc.problems if not (p.column == "adcode" and p.row and p.row - 2 in flagged)]
        parts.append(part.assign(indicator=indicator_id))
    if problems:
        raise DataError(sorted(set(problems), key=lambda p: (p.row or 0, p.column or "", str(p.value))))
    rows = pd.concat(parts).sort_index()
    rows["value"] = rows["value"].astype(float)
    return ParsedImport(file_name, file_hash, rows.reset_index(drop=True))


def preview_import(engine: Engine, parsed: ParsedImport, user: User | None) -> Preview:
    """Compare a parsed file with the store's current figures (old -> new per region and period).

    Raises
    ------
    PermissionDenied
        If ``user`` may not import one of the file's indicators.
    """
    require(user, parsed.indicators)
    with engine.connect() as conn:
        revisions = indicator_revisions(conn, parsed.indicators)
        current = current_rows(conn, parsed.indicators)
    old = current.set_index(["indicator", "adcode", "period"])["value"]
    regions = load_regions().set_index("adcode")
    changes = parsed.frame[["indicator", "adcode", "period", "value"]].rename(columns={"value": "new"})
    keys = pd.MultiIndex.from_frame(changes[["indicator", "adcode", "period"]])
    changes["old"] = old.reindex(keys).to_numpy()
    changes["name_zh"] = regions["name_zh"].reindex(changes["adcode"]).to_numpy()
    changes["name_en"] = regions["name_en"].reindex(changes["adcode"]).to_numpy()
    changes["change"] = "changed"
    changes.loc[changes["old"].isna(), "change"] = "new"
    changes.loc[changes["old"] == changes["new"], "change"] = "same"
    columns = ["indicator", "adcode", "name_zh", "name_en", "period", "old", "new", "change"]
    return Preview(parsed, changes[columns], revisions)


def apply_import(engine: Engine, preview: Preview, user: User | None, note: str | None = None) -> int:
    """Accept a previewed import as a new batch by ``user``; the batch id.

    Raises
    ------
    PermissionDenied
        If ``user`` may not import one of the file's indicators (nothing is written).
    ConflictError
        If a batch of the same indicators was accepted or rolled back since the preview.
    """
    parsed = preview.parsed
    return apply_batch(engine, parsed.frame, user, file_name=parsed.file_name, file_hash=parsed.file_hash,
                       note=note, expected=preview.revisions)
