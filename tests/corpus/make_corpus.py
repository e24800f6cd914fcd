"""Write the hostile-file corpus of ``tests/corpus/files/``: one file per case, byte for byte reproducible.

Each case's expected outcome is a row of ``tests/corpus/expected.csv`` (file, indicator, outcome,
row, column, a fragment of the English expectation — alternatives separated by ``|`` — or, for an
accepted file, the values it must import; and the finding of the tracker it answers). Add a case:
add a function here, run ``python tests/corpus/make_corpus.py``, add its row to expected.csv;
``tests/test_store_hostile.py`` checks that the files on disk are what this script writes.
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Iterable
from pathlib import Path

FILES = Path(__file__).resolve().parent / "files"
WHEN = (2024, 1, 1, 0, 0, 0)
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
# Cell styles of every generated workbook: 0 General, 1 0.00%, 2 yyyy-mm, 3 yyyy-mm-dd, 4 yyyy, 5 built-in 0%,
# 6 yyyy"年"m"月" (as Chinese Excel writes a month).
STYLES = (f'<styleSheet xmlns="{MAIN}"><numFmts count="4"><numFmt numFmtId="164" formatCode="yyyy-mm"/>'
          '<numFmt numFmtId="165" formatCode="yyyy-mm-dd"/><numFmt numFmtId="166" formatCode="yyyy"/>'
          '<numFmt numFmtId="167" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/></numFmts>'
          '<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="7"><xf numFmtId="0"/>'
          '<xf numFmtId="10" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/>'
          '<xf numFmtId="165" applyNumberFormat="1"/><xf numFmtId="166" applyNumberFormat="1"/>'
          '<xf numFmtId="9" applyNumberFormat="1"/><xf numFmtId="167" applyNumberFormat="1"/></cellXfs></styleSheet>')
PERCENT, MONTH, DAY, YEAR, PERCENT0, MONTH_ZH = 1, 2, 3, 4, 5, 6


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _letters(index: int) -> str:
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(ref: str, cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, tuple):
        value, style = cell
        return f'<c r="{ref}" s="{style}"><v>{value!r}</v></c>'
    if isinstance(cell, (int, float)):
        return f'<c r="{ref}"><v>{cell!r}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{_escape(cell)}</t></is></c>'


def sheet(rows: list[list], dimension: str | None = None) -> bytes:
    """A worksheet's XML: rows of cells (text, number, or (number, style)), an optional declared dimension."""
    body = "".join(f'<row r="{r}">' + "".join(_cell(f"{_letters(c)}{r}", v) for c, v in enumerate(row, start=1)) + "</row>"
                   for r, row in enumerate(rows, start=1))
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    xml = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">{dim}<sheetData>{body}</sheetData></worksheet>'
    return xml.encode()


def _stream(head: bytes, piece: bytes, times: int, tail: bytes) -> Iterable[bytes]:
    yield head
    for _ in range(times):
        yield piece
    yield tail


def workbook(sheets: list[tuple[str, str | None, bytes | Iterable[bytes]]], active: int = 0,
             parts: dict[str, bytes] | None = None) -> bytes:
    """An XLSX package: (name, state, sheet XML or pieces of it) per sheet, the active tab, extra parts."""
    entries = "".join(f'<sheet name="{_escape(name)}" sheetId="{i}" r:id="rId{i}"' + (f' state="{state}"' if state else "") + "/>"
                      for i, (name, state, _) in enumerate(sheets, start=1))
    book = (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{RELS}"><bookViews>'
            f'<workbookView activeTab="{active}"/></bookViews><sheets>{entries}</sheets></workbook>')
    links = "".join(f'<Relationship Id="rId{i}" Type="{RELS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                    for i in range(1, len(sheets) + 1))
    links += f'<Relationship Id="rIdS" Type="{RELS}/styles" Target="styles.xml"/>'
    kinds = "application/vnd.openxmlformats-officedocument.spreadsheetml."
    overrides = [("/xl/workbook.xml", "sheet.main+xml"), ("/xl/styles.xml", "styles+xml")]
    overrides += [(f"/xl/worksheets/sheet{i}.xml", "worksheet+xml") for i in range(1, len(sheets) + 1)]
    overrides += [("/" + name, "sharedStrings+xml") for name in (parts or {}) if name.endswith("sharedStrings.xml")]
    types = "".join(f'<Override PartName="{name}" ContentType="{kinds}{kind}"/>' for name, kind in overrides)
    members = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                               'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
                               '<Default Extension="rels" '
                               'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                               f"{types}</Types>",
        "_rels/.rels": f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{RELS}/officeDocument" '
                       'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": book,
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{PKG}">{links}</Relationships>',
        "xl/styles.xml": STYLES,
        **(parts or {}),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, WHEN), data, zipfile.ZIP_DEFLATED)
        for i, (_, _, xml) in enumerate(sheets, start=1):
            info = zipfile.ZipInfo(f"xl/worksheets/sheet{i}.xml", WHEN)
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w", force_zip64=True) as member:
                for piece in [xml] if isinstance(xml, bytes) else xml:
                    member.write(piece)
    return buffer.getvalue()


HEADER = ["adcode", "period", "value"]
HEAD = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>'.encode()
TAIL = b"</sheetData></worksheet>"


def cases() -> dict[str, bytes]:
    """Every case of the corpus by file name."""
    one = [HEADER, ["370100", "2022", 88]]
    return {
        # 1. a sheet that declares the whole grid, two real cells: ignored dimension, refused at its far cell
        "dimension_bomb.xlsx": workbook([("Sheet1", None, HEAD.replace(b"<sheetData>", b'<dimension ref="A1:XFD1048576"/>'
                                                                      b"<sheetData>") + b'<row r="1"><c r="A1" t="inlineStr">'
                                                                      b'<is><t>adcode</t></is></c></row><row r="1048576">'
                                                                      b'<c r="XFD1048576"><v>1</v></c></row>' + TAIL)]),
        "dimension_lie_accepted.xlsx": workbook([("Sheet1", None, sheet(one, "A1:XFD1048576"))]),
        "rows_past_the_limit.xlsx": workbook([("Sheet1", None, sheet([HEADER, ["370100", "2022", 1]])[:-len(TAIL)]
                                               + b'<row r="100002"><c r="A100002"><v>370100</v></c></row>' + TAIL)]),
        # 2. one row of 7 million cells (100 MB unzipped), and 1.5 million empty cells or rows
        "wide_row_bomb.xlsx": workbook([("Sheet1", None, _stream(HEAD + b'<row r="1">', b"<c><v>1</v></c>" * 100_000, 70,
                                                                 b"</row>" + TAIL))]),
        "empty_cells_bomb.xlsx": workbook([("Sheet1", None, _stream(HEAD + b'<row r="1">', b"<c/>" * 100_000, 16,
                                                                    b"</row>" + TAIL))]),
        "empty_rows_bomb.xlsx": workbook([("Sheet1", None, _stream(HEAD, b"<row/>" * 100_000, 16, TAIL))]),
        "entity_expansion.xlsx": workbook([("Sheet1", None, b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa">'
                                                            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><worksheet xmlns="'
                                                            + MAIN.encode() + b'"><sheetData><row><c t="inlineStr"><is><t>&b;'
                                                            b"</t></is></c></row></sheetData></worksheet>")]),
        "shared_string_too_long.xlsx": workbook(
            [("Sheet1", None, sheet([HEADER])[:-len(TAIL)] + b'<row r="2"><c r="A2"><v>370100</v></c><c r="B2"><v>2022</v>'
                                                              b'</c><c r="C2" t="s"><v>0</v></c></row>' + TAIL)],
            parts={"xl/sharedStrings.xml": f'<sst xmlns="{MAIN}"><si><t>{"9" * 5000}</t></si></sst>'}),
        # 3. a hidden first sheet with other figures: the visible one is read; several visible data sheets: refused
        "hidden_first_sheet.xlsx": workbook([("old", "hidden", sheet([HEADER, ["370100", "2022", 999]])),
                                             ("new", None, sheet(one))], active=1),
        "very_hidden_sheet.xlsx": workbook([("new", None, sheet(one)),
                                            ("x", "veryHidden", sheet([HEADER, ["370200", "2022", 5]]))]),
        "two_visible_data_sheets.xlsx": workbook([("2022", None, sheet(one)),
                                                  ("2021", None, sheet([HEADER, ["370100", "2021", 7]]))]),
        "notes_sheet_beside_data.xlsx": workbook([("说明", None, sheet([["填写说明"], ["统计期写作 2022 或 2022-06"]])),
                                                  ("数据", None, sheet(one))]),
        "empty_visible_sheet_beside_data.xlsx": workbook([("说明", None, sheet([])), ("数据", None, sheet(one))]),
        # 4. number formats: percents, months, years and days as Excel shows them
        "percent_cells.xlsx": workbook([("Sheet1", None, sheet([HEADER, ["370100", "2022", (0.7512, PERCENT)],
                                                                ["370200", "2022", (0.65, PERCENT0)]]))]),
        "percent_for_km.xlsx": workbook([("Sheet1", None, sheet([HEADER, ["370100", "2022", (0.5, PERCENT)]]))]),
        "date_formatted_periods.xlsx": workbook([("Sheet1", None, sheet([HEADER, ["370100", (45078, MONTH), 1],
                                                                         ["370200", (44927, YEAR), 2],
                                                                         ["370300", (45078, MONTH_ZH), 3]]))]),
        "full_date_as_period.xlsx": workbook([("Sheet1", None, sheet([HEADER, ["370100", (45078, DAY), 1]]))]),
        "float_noise.xlsx": workbook([("Sheet1", None, sheet([HEADER, ["370100", 2022, 0.30000000000000004]]))]),
        # 5. rows: a mis-delimited row is named, an unfilled template row skipped, a row with a note but no value kept
        "misdelimited_row.csv": b"adcode,period,value\n370100,2022,5\n370200,2022,6\n370300;2022;7\n",
        "template_rows.csv": ("indicator,adcode,region,prefecture,period,value,unit\n"
                              "urban_rail_km,370100,济南市,,2022,5,km\nurban_rail_km,370200,青岛市,,,,km\n").encode(),
        "note_without_value.csv": b"adcode,period,value,note\n370100,2022,5,\n370200,,,to be filled\n",
        # 6. digits: full-width folded, others refused
        "fullwidth_digits.csv": "adcode,period,value\n３７０１００,２０２２,５．５\n".encode(),
        "arabic_indic_period.csv": "adcode,period,value\n370100,٢٠٢٢,5\n".encode(),
        "devanagari_value.csv": "adcode,period,value\n370100,2022,५\n".encode(),
        "superscript_value.csv": "adcode,period,value\n370100,2022,1²\n".encode(),
        # 7. absurd values: outside the catalog's plausible range for the region's level
        "absurd_rail_km.csv": b"adcode,period,value\n370100,2022,1e308\n",
        "absurd_province_rail_km.csv": b"adcode,period,value\n370000,2022,99999\n",
        # 8. the smaller findings
        "underscore_number.csv": b"adcode,period,value\n370100,2022,1_0\n",
        "adcode_against_prefecture.csv": "adcode,prefecture,period,value\n370102,青岛市,2022,1\n".encode(),
        "negative_zero.csv": b"adcode,period,value\n370100,2022,-0\n",
        "cell_over_131072_characters.csv": b"adcode,period,value,note\n370100,2022,1," + b"x" * 140_000 + b"\n",
        "county_in_wrong_prefecture.csv": "region,prefecture,period,value\n历下区,青岛市,2022,1\n".encode(),
        "unclosed_quote.csv": b'adcode,period,value,note\n370100,2022,5,ok\n370200,2022,6,"open\n',
        "not_a_number_one_message.csv": b"adcode,period,value\n370100,2022,abc\n",
        "duplicate_region_period.csv": b"adcode,period,value\n370100,2022,1\n370100,2022,2\n",
    }


def main() -> None:
    """Write every case into ``files/`` (and remove files of cases that no longer exist)."""
    FILES.mkdir(exist_ok=True)
    wanted = cases()
    for path in FILES.iterdir():
        if path.name not in wanted:
            path.unlink()
    for name, content in wanted.items():
        (FILES / name).write_bytes(content)
    print(f"{len(wanted)} files in {FILES}", file=sys.stderr)


if __name__ == "__main__":
    main()
