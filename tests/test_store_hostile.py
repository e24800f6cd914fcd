"""The hostile-file corpus of tests/corpus/: each file has its expected outcome, read as uploads are
(in the bounded child process); the child's memory and time limits hold; crafted sheets never crash."""

import csv
from pathlib import Path

import pytest
from corpus.make_corpus import FILES, HEADER, cases, sheet, workbook
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_users import ADMIN

from sdplan.errors import DataError
from sdplan.intake.figure_files import parse_import
from sdplan.intake.sandbox import read_rows_isolated, run_child
from sdplan.store.current import current_dataset, dump
from sdplan.store.imports import apply_import, preview_import

EXPECTED = list(csv.DictReader((Path(__file__).parent / "corpus" / "expected.csv").open(encoding="utf-8")))


def test_the_corpus_on_disk_is_what_the_script_writes():
    made = cases()
    assert sorted(p.name for p in FILES.iterdir()) == sorted(made)
    for name, content in made.items():
        assert (FILES / name).read_bytes() == content, f"{name}: run python tests/corpus/make_corpus.py"


def test_every_file_has_one_expected_outcome_and_every_finding_a_case():
    assert sorted(row["file"] for row in EXPECTED) == sorted(cases())
    assert {row["finding"] for row in EXPECTED} >= {str(n) for n in range(1, 9)}


def _values(text: str) -> dict[tuple[str, str], float]:
    pairs = (item.split("=") for item in text.split(";"))
    return {tuple(key.split("@")): float(value) for key, value in pairs}


@pytest.mark.parametrize("case", EXPECTED, ids=[row["file"] for row in EXPECTED])
def test_each_file_has_its_expected_outcome(case, store):
    content = (FILES / case["file"]).read_bytes()
    before = dump(store)
    if case["outcome"] == "accepted":
        parsed = parse_import(content, case["file"], case["indicator"])
        apply_import(store, preview_import(store, parsed, ADMIN), ADMIN)
        stored = current_dataset().observations(case["indicator"]).set_index(["adcode", "period"])["value"]
        for key, value in _values(case["expected"]).items():
            assert stored[key] == pytest.approx(value) and str(stored[key]) != "-0.0", key
        return
    with pytest.raises(DataError) as info:
        parse_import(content, case["file"], case["indicator"])
    problems = info.value.problems
    row = int(case["row"]) if case["row"] else None
    column = case["column"] or None
    assert any(p.row == row and (column is None or p.column == column)
               and any(part in p.expected_en for part in case["expected"].split("|")) for p in problems), problems
    cells = [(p.row, p.column) for p in problems if p.row and p.column]
    assert len(cells) == len(set(cells)), "one bad cell, one message"
    for lang in ("zh", "en"):
        assert case["file"] in info.value.message(lang)
    assert dump(store) == before


def test_a_cell_that_is_not_a_number_gets_one_message_with_its_range_in_words():
    with pytest.raises(DataError) as info:
        parse_import((FILES / "not_a_number_one_message.csv").read_bytes(), "x.csv", "smart_city_stars", isolated=False)
    assert [p.expected_en for p in info.value.problems] == ["a number"]
    with pytest.raises(DataError) as info:
        parse_import(b"adcode,period,value\n370102,2022,-1\n", "x.csv", "sewer_retrofit_km", isolated=False)
    [problem] = info.value.problems
    assert "from 0 to 500" in problem.expected_en and "介于 0 与 500 之间" in problem.expected_zh
    assert "inf" not in problem.message("zh") + problem.message("en")


@pytest.mark.parametrize("name", ["dimension_bomb.xlsx", "wide_row_bomb.xlsx"])
def test_the_dimension_and_zip_bombs_are_refused_within_the_child_s_limits(name):
    content = (FILES / name).read_bytes()
    answer = run_child(content, "xlsx")  # None if the child ran out of time or memory
    assert answer is not None and "at most 50 columns" in answer["problems"][0][4]
    assert answer["maxrss_kb"] < 300 * 1024, f"{name}: peak {answer['maxrss_kb'] // 1024} MB"


def test_the_child_cannot_take_more_memory_or_time_than_its_limits():
    big = b"adcode,period,value,note\n" + b"370100,2024,5,some words of a note\n" * 500_000  # 18 MB, fine by the counts
    with pytest.raises(DataError, match="48 MB") as info:
        read_rows_isolated(big, "big.csv", memory_mb=48)
    assert "48 MB" in info.value.message("zh")
    with pytest.raises(DataError, match="0.01 s"):
        read_rows_isolated(b"adcode,period,value\n370100,2024,5\n", "slow.csv", seconds=0.01)


def test_a_good_file_comes_back_from_the_child_as_plain_rows():
    rows = read_rows_isolated("adcode,period,value,note\n370100,2024,5,济南\n".encode("gbk"), "f.csv")
    assert rows == [["adcode", "period", "value", "note"], ["370100", "2024", "5", "济南"]]


ref = st.one_of(st.none(), st.text("ABCXYZ", min_size=1, max_size=4).map(lambda s: s + "1"), st.just("XFD1"), st.just("A0"))
kind = st.sampled_from([None, "s", "n", "b", "e", "str", "inlineStr", "d", "bogus"])
value = st.one_of(st.text(max_size=8), st.sampled_from(["0", "-1", "1e308", "nan", "45078", "2022", "99999999"]))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(ref, kind, st.integers(0, 8), value), max_size=12))
def test_fuzz_crafted_sheet_cells_are_read_or_refused_never_crash(cells):
    def escape(text):
        return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")

    xml = sheet([HEADER, ["370100", "2022", 1]])[: -len(b"</sheetData></worksheet>")] + b'<row r="3">'
    for r, t, s, v in cells:
        attrs = (f' r="{r}"' if r else "") + (f' t="{t}"' if t else "") + f' s="{s}"'
        xml += f"<c{attrs}><v>{escape(v)}</v></c>".encode()
    content = workbook([("Sheet1", None, xml + b"</row></sheetData></worksheet>")])
    try:
        parsed = parse_import(content, "fuzz.xlsx", "urban_rail_km", isolated=False)
    except DataError as exc:
        assert exc.problems and exc.message("zh") and exc.message("en")
    else:
        assert len(parsed.frame) >= 1 and parsed.frame["value"].dtype == float


def test_a_one_sided_range_is_said_in_words_never_with_inf():
    import pandas as pd

    from sdplan.catalog import load_catalog
    from sdplan.observations import value_problems

    frame = pd.DataFrame({"adcode": ["379999"], "value": ["-1"]})  # an unknown region: the unit's range, 0 and up
    [problem] = value_problems(frame, load_catalog().indicator("urban_rail_km"), "f.csv")
    assert problem.expected_en == "a number of at least 0" and problem.expected_zh == "不小于 0 的数"


@pytest.mark.parametrize("format_id, code, raw, shown_as", [
    (10, None, "0.7512", "75.12%"), (9, None, "1", "100%"), (0, "0.0%", "0.05", "5%"), (14, None, "45078", "2023-06-01"),
    (0, "yyyy-mm", "45078.5", "2023-06"), (0, 'yyyy"年"m"月"', "44927", "2023-01"), (0, "yyyy", "44927", "2023"),
    (0, "[h]:mm:ss", "1.5", "1.5"), (0, "#,##0.00", "1234.5", "1234.5"), (0, "General", "0.30000000000000004", "0.3"),
    (14, None, "60", "60"), (14, None, "-3", "-3"), (0, None, "abc", "abc"), (0, None, "nan", "nan"),
])
def test_excel_number_formats_are_shown_as_excel_shows_them(format_id, code, raw, shown_as):
    from sdplan.intake.numfmt import kind_of, shown

    assert shown(raw, kind_of(format_id, code)) == shown_as
