"""Every date and time written for people, file names included, is Beijing's: a moment late on 5 December
in UTC (20:30Z) is 6 December, 04:30 in Beijing, and nothing may say the 5th."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import update

from sdplan.beijing import BEIJING, local, stamp, stored

MOMENT = datetime(2026, 12, 5, 20, 30, tzinfo=UTC)  # 2026-12-06 04:30 in Beijing


class FrozenClock(datetime):
    """``datetime`` whose ``now`` is :data:`MOMENT` (in the zone asked for; naive asks for the server's)."""

    @classmethod
    def now(cls, tz=None):
        return MOMENT.astimezone(tz) if tz else MOMENT.astimezone().replace(tzinfo=None)


class FrozenDate(type(MOMENT.date())):
    @classmethod
    def today(cls):
        return FrozenClock.now().date()


@pytest.fixture
def frozen(monkeypatch):
    """Stop the clock at :data:`MOMENT` for every module of the project, whichever way it reads the time."""
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] not in ("sdplan", "callbacks", "components", "admin"):
            continue
        if getattr(module, "datetime", None) is datetime:
            monkeypatch.setattr(module, "datetime", FrozenClock)
        if getattr(module, "date", None) is type(MOMENT.date()):
            monkeypatch.setattr(module, "date", FrozenDate)
    return MOMENT


def test_local_reads_aware_times_on_beijings_clock_and_naive_ones_as_told():
    assert local(MOMENT) == MOMENT and local(MOMENT).utcoffset() == timedelta(hours=8)
    assert f"{local(MOMENT):%Y-%m-%d %H:%M}" == "2026-12-06 04:30"
    assert f"{local(datetime(2026, 12, 6, 4, 30)):%H:%M}" == "04:30"  # naive: already Beijing's
    assert f"{stored(MOMENT.replace(tzinfo=None)):%Y-%m-%d %H:%M}" == "2026-12-06 04:30"  # the store's naive UTC
    assert stored(None) is None
    assert stamp(MOMENT, "en") == "2026-12-06 04:30 Beijing time"


def test_a_snapshot_made_now_is_named_by_the_date_in_beijing(data, frozen):
    from sdplan.snapshot import snapshot, view_from_query
    from sdplan.snapshot.naming import snapshot_filename

    view = view_from_query(data, "?indicator=urban_rail_km")
    assert snapshot(data, view, "svg", chart=False).filename.endswith("_20261206.svg")
    from sdplan.mapview import build_map_model

    assert snapshot_filename(build_map_model(data, view), "png", MOMENT).endswith("_20261206.png")


def test_the_ledger_export_is_named_by_the_time_in_beijing(data, frozen):
    from sdplan.exports.files import ledger_file
    from sdplan.ledger.export import export_filename

    assert export_filename("xlsx", MOMENT) == "sdplan-ledger-20261206-0430.xlsx"
    assert ledger_file("", "xlsx", base_url="http://example.test").filename == "sdplan-ledger-20261206-0430.xlsx"


def test_a_briefing_is_named_by_the_time_in_beijing(small, frozen):
    from sdplan.briefing import make_briefing

    made = make_briefing(small, "province", "2022-10", None, ["urban_rail_km"], "docx", "en", issuer="")
    assert made.filename == "briefing_province_2022-10_20261206-0430.docx"
    given = make_briefing(small, "province", "2022-10", None, ["urban_rail_km"], "docx", "en", MOMENT, issuer="")
    assert given.filename == made.filename


def test_an_import_without_a_source_date_is_dated_today_in_beijing(store, frozen):
    from sdplan.intake.figure_files import parse_import

    parsed = parse_import("region,period,value\n历下,2024,3.5\n".encode(), "d.csv", "sewer_retrofit_km")
    assert set(parsed.frame["source_date"]) == {"2026-12-06"}


def _date_the_seed(store) -> None:
    from sdplan.store import models

    with store.begin() as conn:
        conn.execute(update(models.batches).values(created_at=MOMENT))


def test_the_admin_history_shows_beijing_time(server, store):
    _date_the_seed(store)
    for lang in ("zh", "en"):
        page = server.test_client().get(f"/admin/history?lang={lang}").get_data(as_text=True)
        assert "2026-12-06 04:30" in page and "2026-12-05" not in page and "UTC" not in page
        assert ("北京时间" if lang == "zh" else "Beijing") in page


def test_the_history_command_shows_beijing_time(store):
    from sdplan.commands.store import history_command

    _date_the_seed(store)
    result = CliRunner().invoke(history_command, [])
    assert result.exit_code == 0, result.output
    assert "2026-12-06 04:30" in result.output and "2026-12-05" not in result.output


def test_the_frozen_clock_is_beijings_clock_too(frozen):
    from sdplan import beijing

    assert beijing.now() == MOMENT and beijing.now().tzinfo == BEIJING


def test_a_word_briefing_records_the_moment_it_was_made(small):
    import io

    import docx

    from sdplan.briefing import make_briefing

    in_beijing = MOMENT.astimezone(BEIJING)  # 04:30 on the 6th, the same moment
    made = make_briefing(small, "province", "2022-10", None, ["urban_rail_km"], "docx", "zh", in_beijing, issuer="")
    created = docx.Document(io.BytesIO(made.content)).core_properties.created  # W3CDTF, in UTC
    assert created.replace(tzinfo=UTC) == MOMENT
