"""Malformed, truncated, oversized, wrongly encoded and hostile files: each is rejected clearly
and leaves the store exactly as it was; the parser is fuzzed with hypothesis."""

import functools
import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_users import ANN

from sdplan.errors import DataError
from sdplan.intake.figure_files import parse_import
from sdplan.intake.files import MAX_BYTES, MAX_ROWS
from sdplan.store.current import dump
from sdplan.store.imports import apply_import, preview_import

GOOD = "adcode,period,value\n370100,2024,5\n"


def _xlsx_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


CORPUS = {
    "empty": b"",
    "only_whitespace": b"   \n\n  \n",
    "header_only": b"adcode,period,value\n",
    "no_header": b"370100,2024,5\n",
    "truncated_quote": b'adcode,period,value,note\n370100,2024,5,"unfinished\n',
    "truncated_mid_row": b"adcode,period,value\n370100,20",
    "ragged_row": b"adcode,period,value\n370100,2024,5,extra,cells\n",
    "missing_value_column": b"adcode,period\n370100,2024\n",
    "missing_region_columns": b"period,value\n2024,5\n",
    "unknown_column": b"adcode,period,value,colour\n370100,2024,5,red\n",
    "duplicate_column": b"adcode,period,value,value\n370100,2024,5,6\n",
    "latin1_bytes": "adcode,period,value,note\n370100,2024,5,caf\xe9 \xff\xfe\n".encode("latin-1"),
    "utf16_without_bom": GOOD.encode("utf-16-le"),
    "binary_png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "nul_bytes": b"adcode,period,value\n370100\x00,2024,5\n",
    "control_chars": b"adcode,period,value\n370100,2024,5\x1b[31m\n",
    "old_xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512,
    "zip_not_xlsx": _xlsx_of({"hello.txt": b"hi"}),
    "corrupt_xlsx": b"PK\x03\x04" + b"\x00" * 100,
    "xlsx_bomb": None,  # built on first use: 200 MB of zeros deflated to a few hundred kB
    "oversized": b"adcode,period,value\n" + b"370100,2024,5\n" * (MAX_BYTES // 14 + 10),
    "too_many_rows": b"adcode,period,value\n" + b"370100,2024,5\n" * (MAX_ROWS + 1),
    "too_many_columns": (",".join(f"c{i}" for i in range(60)) + "\n").encode(),
    "huge_cell": b"adcode,period,value,note\n370100,2024,5," + b"x" * 5000 + b"\n",
    "formula_value": b"adcode,period,value\n370100,2024,=1+1\n",
    "script_region": b"region,period,value\n<script>alert(1)</script>,2024,5\n",
    "sql_injection_region": b"region,period,value\n'; DROP TABLE observations; --,2024,5\n",
    "nan_value": b"adcode,period,value\n370100,2024,nan\n",
    "inf_value": b"adcode,period,value\n370100,2024,inf\n",
    "negative_length": b"adcode,period,value\n370100,2024,-3\n",
    "percent_sign": b"adcode,period,value\n370100,2024,5%\n",
    "bad_period": b"adcode,period,value\n370100,2024-00,5\n",
    "out_of_province_adcode": b"adcode,period,value\n110000,2024,5\n",
    "county_for_prefecture_indicator": b"adcode,period,value\n370102,2024,5\n",
    "duplicate_rows": b"adcode,period,value\n370100,2024,5\n370100,2024,6\n",
    "unknown_indicator": b"indicator,adcode,period,value\nrm_rf,370100,2024,5\n",
    "wrong_unit": b"adcode,period,value,unit\n370100,2024,5,miles\n",
    "ambiguous_county": "indicator,region,period,value\nsewer_retrofit_km,市中区,2024,5\n".encode(),
    "bad_url": b"adcode,period,value,source_url\n370100,2024,5,javascript:alert(1)\n",
    "bad_source_date": b"adcode,period,value,source_date\n370100,2024,5,yesterday\n",
    "sample_provenance": b"adcode,period,value,provenance\n370100,2024,5,sample\n",
    "one_good_one_bad": b"adcode,period,value\n370100,2024,5\n370200,2024,-5\n",
}


@functools.cache
def _bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<a/>")
        with archive.open("xl/big.xml", "w", force_zip64=True) as member:
            chunk = b"0" * (1024 * 1024)
            for _ in range(205):
                member.write(chunk)
    return buffer.getvalue()


def test_the_corpus_is_large_enough():
    assert len(CORPUS) >= 30


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_each_bad_file_is_rejected_with_a_clear_message_and_changes_nothing(name, store):
    before = dump(store)
    content = CORPUS[name] if CORPUS[name] is not None else _bomb()
    with pytest.raises(DataError) as info:
        parsed = parse_import(content, f"{name}.csv", "urban_rail_km")
        apply_import(store, preview_import(store, parsed, ANN), ANN)
    assert info.value.problems
    for lang in ("zh", "en"):
        message = info.value.message(lang)
        assert message and f"{name}.csv" in message
    assert dump(store) == before


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _parse_or_reject(content: bytes, name: str = "fuzz.csv") -> None:
    try:
        parsed = parse_import(content, name, "urban_rail_km", isolated=False)
    except DataError as exc:
        assert exc.problems and exc.message("zh") and exc.message("en")
    else:
        assert len(parsed.frame) > 0 and parsed.frame["value"].dtype == float


@FUZZ
@given(st.binary(max_size=2000))
def test_fuzz_arbitrary_bytes_are_parsed_or_rejected_never_crash(content):
    _parse_or_reject(content)


cell = st.one_of(st.text(max_size=12), st.sampled_from(["370100", "370200", "济南", "市中区", "2024", "2024-Q3", "5", "-1", ""]))


@FUZZ
@given(st.lists(st.lists(cell, min_size=1, max_size=6), min_size=1, max_size=8),
       st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
def test_fuzz_csv_like_tables_are_parsed_or_rejected_never_crash(rows, encoding):
    header = [["adcode", "period", "value"], ["region", "period", "value", "note"]][len(rows) % 2]
    text = "\n".join(",".join(r) for r in [header, *rows])
    try:
        content = text.encode(encoding)
    except UnicodeEncodeError:
        return
    _parse_or_reject(content)


@FUZZ
@given(st.binary(min_size=1, max_size=500))
def test_fuzz_bytes_named_xlsx_are_rejected_cleanly(content):
    _parse_or_reject(b"PK\x03\x04" + content, "fuzz.xlsx")
