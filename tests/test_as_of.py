"""The date a view or the ledger is drawn as of: read from and written to the address (sdplan.as_of)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from sdplan import as_of, beijing
from sdplan.ledger.filters import filters_query, parse_filters
from sdplan.viewstate import Notice, advance, parse_view, view_query


def test_a_day_is_yyyy_mm_dd_and_not_in_the_future(monkeypatch):
    monkeypatch.setattr(beijing, "now", lambda: datetime(2026, 12, 6, 9, 0, tzinfo=beijing.BEIJING))
    assert as_of.parse_day("2023-06-30") == date(2023, 6, 30)
    assert as_of.parse_day("2026-12-06") == date(2026, 12, 6)
    for bad in ("2023-06-31", "2026-12-07", "30/06/2023", "20230630", "2023-6-30", "", None, 20230630, "2023-06-30x"):
        assert as_of.parse_day(bad) is None, bad


def test_the_banner_says_which_version_in_both_languages():
    assert as_of.banner("2023-06-30") == "数据截至 2023-06-30 的版本"
    assert as_of.banner("2023-06-30", "en") == "Data as of the version of 30 June 2023"
    assert as_of.banner(None) is None
    moment = datetime(2023, 6, 30, 17, 0, tzinfo=beijing.BEIJING)  # the command line's --data-as-of with a time
    assert as_of.moment_banner(moment) == "数据截至 2023-06-30 17:00 的版本"
    assert as_of.moment_banner(as_of.end_of_day(date(2023, 6, 30)), "en") == "Data as of the version of 30 June 2023"


def test_the_address_keeps_the_date_and_a_tampered_one_gets_a_notice(small):
    view, notices = parse_view(small, "?indicator=urbanization_rate&asof=2023-06-30&lang=en")
    assert view.asof == "2023-06-30" and notices == []
    assert view_query(small, view) == "?indicator=urbanization_rate&asof=2023-06-30&lang=en"
    for bad in ("2023-02-30", "yesterday", "2999-01-01"):
        view, notices = parse_view(small, f"?asof={bad}")
        assert view.asof is None and notices == [Notice("asof", bad)]
        assert "asof" in notices[0].message() and bad in notices[0].message("en")


@pytest.mark.parametrize(("value", "expected", "notice"), [("2023-06-30", "2023-06-30", False), ("", None, False),
                                                           (None, None, False), ("2023-13-01", "2022-12-31", True)])
def test_the_date_control_changes_the_view(small, value, expected, notice):
    start, _ = parse_view(small, "?asof=2022-12-31")
    view, notices = advance(small, start, [], "asof", value)
    assert view.asof == expected and bool(notices) == notice


def test_the_ledger_keeps_the_date_too(small):
    filters, notices = parse_filters(small.catalog, "?status=met&asof=2023-06-30")
    assert filters.asof == "2023-06-30" and not notices
    assert filters_query(filters) == "?status=met&asof=2023-06-30"
    filters, notices = parse_filters(small.catalog, "?asof=tomorrow")
    assert filters.asof is None and notices == [Notice("asof", "tomorrow")]
