"""The store as it stood at a past moment: batches created by then and not rolled back by then."""

from __future__ import annotations

import io
import unicodedata
from datetime import UTC, datetime, timedelta

import docx
import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import update

from sdplan.beijing import BEIJING
from sdplan.cli import main
from sdplan.commands.as_of import parse_data_as_of
from sdplan.observations import bundled_observations
from sdplan.store import models
from sdplan.store.batches import apply_batch, insert_batch, rollback_batch
from sdplan.store.current import current_dataset, dataset_as_of, reading_as_of, store_revision
from tests.store_users import ADMIN

SEEDED = datetime(2023, 1, 10, 9, 0, tzinfo=BEIJING)
A_AT = datetime(2023, 3, 1, 10, 0, tzinfo=BEIJING)
B_AT = datetime(2023, 6, 1, 10, 0, tzinfo=BEIJING)
A_UNDONE = datetime(2023, 7, 1, 10, 0, tzinfo=BEIJING)
RAIL, POP = "urban_rail_km", "resident_population"
CHECKED = (RAIL, POP, "urbanization_rate")  # the indicators the batches touch, and one they leave alone


def _frame(rows: list[tuple[str, str, str, float, str]]) -> pd.DataFrame:
    """Sourced observation rows (indicator, adcode, period, value, unit) as a batch frame."""
    return pd.DataFrame([{"indicator": i, "adcode": a, "period": p, "value": v, "unit": u, "provenance": "sourced",
                          "source_title": "test", "source_url": None, "source_date": "2023", "note": None,
                          "source_strength": "official", "definition": "metro_tram" if i == RAIL else None}
                         for i, a, p, v, u in rows])


def _set_times(engine, column: str, batch_id: int, moment: datetime) -> None:
    """Move a batch's time, written in UTC as the store writes it (SQLite keeps no zone)."""
    with engine.begin() as conn:
        conn.execute(update(models.batches).where(models.batches.c.id == batch_id).values({column: moment.astimezone(UTC)}))


def _values(data) -> dict[tuple[str, str, str], float]:
    return {(i, a, p): v for i in data.tables for a, p, v in
            data.tables[i][["adcode", "period", "value"]].itertuples(index=False)}


def _expected(changes: dict[tuple[str, str, str], float]) -> dict[tuple[str, str, str], float]:
    """The bundled figures with ``changes`` laid over them, by hand."""
    seeded = {(i, a, p): v for i in CHECKED for a, p, v in
              bundled_observations(i)[["adcode", "period", "value"]].itertuples(index=False)}
    return {**seeded, **changes}


def _same_tables(one, other) -> None:
    assert sorted(one.tables) == sorted(other.tables)
    for indicator in one.tables:
        pd.testing.assert_frame_equal(one.tables[indicator], other.tables[indicator], obj=indicator)


def test_the_dataset_as_of_each_moment_is_what_was_current_then(store):
    _set_times(store, "created_at", 1, SEEDED)
    then = {"seed": current_dataset(store)}
    with store.begin() as conn:  # A: two rail figures; B: one of them again and a population
        a = insert_batch(conn, _frame([(RAIL, "370000", "2022-10", 390.0, "km"), (RAIL, "370100", "2024-12", 100.0, "km")]),
                         username="root", file_name="a.csv", file_hash="a", note=None, now=A_AT.astimezone(UTC))
    then["a"] = current_dataset(store)
    with store.begin() as conn:
        b = insert_batch(conn, _frame([(RAIL, "370000", "2022-10", 400.0, "km"), (POP, "370000", "2024", 10100.0,
                                                                                  "10k_persons")]),
                         username="root", file_name="b.csv", file_hash="b", note=None, now=B_AT.astimezone(UTC))
    then["b"] = current_dataset(store)
    rollback_batch(store, a, ADMIN)
    _set_times(store, "rolled_back_at", a, A_UNDONE)
    then["undone"] = current_dataset(store)
    assert b == a + 1

    hour = timedelta(hours=1)
    seed_only = _expected({})
    with_a = _expected({(RAIL, "370000", "2022-10"): 390.0, (RAIL, "370100", "2024-12"): 100.0})
    with_both = {**with_a, (RAIL, "370000", "2022-10"): 400.0, (POP, "370000", "2024"): 10100.0}
    without_a = _expected({(RAIL, "370000", "2022-10"): 400.0, (POP, "370000", "2024"): 10100.0})
    cases = [(SEEDED - hour, None, 0), (SEEDED, "seed", 1), (A_AT - hour, "seed", 1), (A_AT, "a", 2),
             (B_AT + hour, "b", 3), (A_UNDONE - timedelta(microseconds=1), "b", 3), (A_UNDONE, "undone", 4),
             (A_UNDONE + timedelta(days=400), "undone", 4)]
    expected = {"seed": seed_only, "a": with_a, "b": with_both, "undone": without_a}
    for moment, state, revision in cases:
        past = dataset_as_of(store, moment)
        assert past.revision == revision, moment
        if state is None:
            assert past.tables == {}, moment
            continue
        got = _values(past)
        assert {k: v for k, v in got.items() if k[0] in CHECKED} == expected[state], moment
        _same_tables(past, then[state])
        assert then[state].revision == revision
    assert store_revision(store) == 4
    naive = A_AT.replace(tzinfo=None)  # a time without a zone is Beijing's
    assert [dataset_as_of(store, naive - timedelta(microseconds=d)).revision for d in (1, 0)] == [1, 2]


def test_reading_as_of_turns_the_current_dataset_back(store):
    _set_times(store, "created_at", 1, SEEDED)
    apply_batch(store, _frame([(RAIL, "370000", "2022-10", 390.0, "km")]), ADMIN, file_name="a.csv", file_hash="a")
    now = current_dataset(store)
    with reading_as_of(SEEDED + timedelta(days=1)):
        past = current_dataset(store)
    assert (past.revision, now.revision) == (1, 2)
    rail = past.tables[RAIL].set_index(["adcode", "period"])["value"]
    assert rail[("370000", "2022-10")] == 377.2
    assert current_dataset(store) is now  # outside the block: the current dataset again


def test_a_date_means_the_end_of_that_day_in_beijing():
    assert parse_data_as_of("2023-06-30") == datetime(2023, 6, 30, 23, 59, 59, 999999, tzinfo=BEIJING)
    assert parse_data_as_of("2023-06-30T17:00") == datetime(2023, 6, 30, 17, 0, tzinfo=BEIJING)
    assert parse_data_as_of("2023-06-30T09:00+00:00").astimezone(BEIJING).hour == 17
    with pytest.raises(Exception, match="2023-06-31"):
        parse_data_as_of("2023-06-31")


def _docx_text(path) -> str:
    return _docx_text_of(path.read_bytes())


def _docx_text_of(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_a_briefing_drawn_as_of_an_earlier_date_equals_the_one_generated_then(store, tmp_path):
    """Generated in mid-2023 (the seed then the only batch); a later import; drawn again as of 2023-06-30."""
    _set_times(store, "created_at", 1, datetime(2023, 6, 1, 9, 0, tzinfo=BEIJING))
    args = ["briefing", "--format", "docx", "--period", "2022-10", "--indicators", RAIL, "--as-of", "2023-06-30T18:00"]
    run = CliRunner()
    assert run.invoke(main, [*args, "--out", str(tmp_path / "then.docx")], catch_exceptions=False).exit_code == 0
    apply_batch(store, _frame([(RAIL, "370000", "2022-10", 390.0, "km"), (RAIL, "370200", "2022-10", 306.0, "km")]),
                ADMIN, file_name="later.csv", file_hash="later")
    assert run.invoke(main, [*args, "--out", str(tmp_path / "now.docx")], catch_exceptions=False).exit_code == 0
    again = run.invoke(main, [*args, "--data-as-of", "2023-06-30", "--out", str(tmp_path / "again.docx")],
                       catch_exceptions=False)
    assert again.exit_code == 0, again.output
    then, now = _docx_text(tmp_path / "then.docx"), _docx_text(tmp_path / "now.docx")
    assert then != now and "390" in now and "390" not in then  # the import shows in a briefing drawn now
    assert _docx_text(tmp_path / "again.docx") == then
    assert "数据截至 2023-06-30 的版本" in _docx_header((tmp_path / "again.docx").read_bytes())  # said on every page
    early = run.invoke(main, [*args, "--data-as-of", "2023-05-31", "--out", str(tmp_path / "none.docx")])
    assert early.exit_code != 0 and "no data as of" in early.output


def _docx_header(content: bytes) -> str:
    return "\n".join(p.text for s in docx.Document(io.BytesIO(content)).sections for p in s.header.paragraphs)


def test_the_map_pages_briefing_as_of_a_date_equals_the_one_generated_then(store, monkeypatch):
    """The UI path (callbacks.briefing, as the 生成简报 button calls it): generated in mid-2023 from the map's
    view, the same view drawn again after a later import with ``asof=2023-06-30`` in its address."""
    from sdplan.briefing import model
    from sdplan.exports import Refused
    from sdplan.exports.files import map_briefing_file

    _set_times(store, "created_at", 1, datetime(2023, 6, 1, 9, 0, tzinfo=BEIJING))
    monkeypatch.setattr(model, "now", lambda: datetime(2023, 6, 30, 18, 0, tzinfo=BEIJING))  # the date printed
    view = "?indicator=urban_rail_km&period=2022-10"

    def generate(query: str) -> bytes:  # what the export process makes for the 生成简报 button
        return map_briefing_file(query, "docx").content

    then = generate(view)
    apply_batch(store, _frame([(RAIL, "370000", "2022-10", 390.0, "km"), (RAIL, "370200", "2022-10", 306.0, "km")]),
                ADMIN, file_name="later.csv", file_hash="later")
    now = generate(view)
    again = generate(view + "&asof=2023-06-30")
    text = {name: _docx_text_of(content) for name, content in (("then", then), ("now", now), ("again", again))}
    assert text["then"] != text["now"] and "390" in text["now"] and "390" not in text["then"]
    assert text["again"] == text["then"]  # the body, byte for byte
    assert "数据截至 2023-06-30 的版本" in _docx_header(again)  # and every page says which version it is
    assert "的版本" not in _docx_header(then) + _docx_header(now)
    with pytest.raises(Refused) as refused:
        map_briefing_file(view + "&asof=2023-05-31", "docx")
    assert str(refused.value) == "2023-05-31 时库中尚未存有数据,显示的是当前数据。"


def test_the_ledger_workbook_as_of_a_date_shows_the_figures_then_and_says_so(store):
    from sdplan.exports.files import ledger_file

    _set_times(store, "created_at", 1, datetime(2023, 6, 1, 9, 0, tzinfo=BEIJING))
    apply_batch(store, _frame([(RAIL, "370000", "2022-10", 390.0, "km")]), ADMIN, file_name="l.csv", file_hash="l")

    def workbook(query: str) -> str:
        made = ledger_file(query, "xlsx", base_url="http://x", now=datetime(2026, 1, 1, tzinfo=BEIJING))
        sheet = openpyxl.load_workbook(io.BytesIO(made.content)).active
        return "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)

    now, then = workbook("?q=轨道"), workbook("?q=轨道&asof=2023-06-30")
    assert "390" in now and "390" not in then and "377.2" in then
    assert "数据截至 2023-06-30 的版本" in then and "的版本" not in now


def test_a_snapshot_drawn_as_of_an_earlier_date_equals_the_one_drawn_then(store, tmp_path):
    """Pixel for pixel above its footer, whose export line alone adds "数据截至 2023-06-30 的版本"."""
    _set_times(store, "created_at", 1, datetime(2023, 6, 1, 9, 0, tzinfo=BEIJING))
    args = ["snapshot", "--query", "?indicator=urban_rail_km&period=2022-10", "--no-chart", "--as-of", "2023-06-30"]
    run = CliRunner()

    def draw(name: str, *extra: str) -> bytes:
        result = run.invoke(main, [*args, *extra, "--out", str(tmp_path / name)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return (tmp_path / name).read_bytes()

    def above_the_last_line(png: bytes) -> bytes:
        image = Image.open(io.BytesIO(png)).convert("RGB")
        return image.crop((0, 0, image.width, int(image.height * 0.9))).tobytes()

    def text(pdf: bytes) -> str:
        return "".join(unicodedata.normalize("NFKC", page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages)

    before, before_pdf = draw("before.png"), draw("before.pdf")
    apply_batch(store, _frame([(RAIL, "370200", "2022-10", 306.0, "km")]), ADMIN, file_name="l.csv", file_hash="l")
    assert above_the_last_line(draw("now.png")) != above_the_last_line(before)
    assert above_the_last_line(draw("then.png", "--data-as-of", "2023-06-30")) == above_the_last_line(before)
    banner = "数据截至 2023-06-30 的版本"
    then_text = text(draw("then.pdf", "--data-as-of", "2023-06-30"))
    assert banner in then_text and banner not in text(before_pdf)
    assert "".join(then_text.replace(banner, "").split()) == "".join(text(before_pdf).split())


@pytest.mark.parametrize("command", ["briefing", "snapshot", "snapshot-pack", "ledger-export"])
def test_each_export_command_takes_a_data_date_and_refuses_a_bad_one(command):
    run = CliRunner()
    assert "--data-as-of" in run.invoke(main, [command, "--help"]).output
    bad = run.invoke(main, [command, "--data-as-of", "30/06/2023", "--out", "x", "--format", "pdf"])
    assert bad.exit_code == 2 and "30/06/2023" in bad.output
