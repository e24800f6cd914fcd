"""The store's schema on SQLite and PostgreSQL: migrations go down and up again, and every string
column is bounded on the way in (cut to fit, or refused), so PostgreSQL never meets a value too long."""

import pytest
from sqlalchemy import String, inspect, select
from store_users import ADMIN

from sdplan.errors import DataError
from sdplan.intake.figure_files import parse_import
from sdplan.store import models
from sdplan.store.auth import add_user, end_sessions, get_user
from sdplan.store.current import dump, history
from sdplan.store.db import migrate, prepare
from sdplan.store.imports import apply_import, preview_import
from sdplan.store.uploads import get_upload, stage_upload

# How each string column is kept within its length on the way in. A new column must say how here.
BOUNDED = {
    "users.username": "add_user refuses more than 80 characters",
    "users.password_hash": "werkzeug's scrypt hash, about 160 characters",
    "users.department": "add_user refuses more than 120 characters",
    "users.session_key": "secrets.token_urlsafe(32): 43 characters",
    "batches.username": "a username (users.username)",
    "exports.token": "secrets.token_urlsafe(32): 43 characters",
    "exports.status": "running, done or failed",
    "exports.file_name": "made by sdplan.exports.files from ids and dates: under 100 characters",
    "exports.media_type": "one of the makers' fixed media types, under 80 characters",
    "batches.file_name": "fit_file_name cuts it to 255, keeping the extension",
    "batches.file_hash": "a SHA-256 in hex: 64 characters",
    "batches.rolled_back_by": "a username (users.username)",
    "observations.indicator": "a catalog id, checked before any write",
    "observations.adcode": "six digits (ADCODE_RE)",
    "observations.period": "at most 7 characters (PERIOD_RE)",
    "observations.unit": "the indicator's unit code",
    "observations.provenance": "sourced or sample",
    "observations.source_date": "at most 10 characters (DATE_RE)",
    "observations.source_strength": "one of STRENGTHS (sdplan.observations)",
    "observations.definition": "a key of the indicator's definitions (at most 32 characters, DEFINITION_KEY_RE)",
    "revisions.key": "a catalog id, target:<target id> (ids of targets.csv are short) or *",
    "uploads.token": "secrets.token_urlsafe(24): 32 characters",
    "uploads.username": "a username (users.username)",
    "uploads.file_name": "fit_file_name cuts it to 255, keeping the extension",
    "uploads.indicator": "a catalog id (an indicator, or a sub-targets file's target) or nothing",
    "uploads.kind": "None or subtargets (sdplan.store.subtarget_imports.KIND)",
    "subtargets.target": "a target id of the catalog, checked before any write (row_problems)",
    "subtargets.adcode": "a known prefecture or county (row_problems)",
    "subtargets.provenance": "sourced or sample (row_problems)",
    "subtargets.source_date": "at most 10 characters (DATE_RE, row_problems)",
    "progress_notes.plan": "a plan id of the catalog (at most 32 characters, PLAN_SCHEMA), checked before any write",
    "progress_notes.target": "a target id of the plan, checked before any write",
    "progress_notes.noted_on": "YYYY-MM-DD (DATE_RE in sdplan.store.notes)",
    "progress_notes.username": "a username (users.username)",
    "progress_notes.department": "a department (users.department)",
    "progress_notes.file_name": "fit_file_name cuts it to 255, keeping the extension",
    "users.region": "six digits of a city or county (reporting_region), or nothing",
    "batches.status": "accepted, rolled_back or submitted",
    "rounds.period": "at most 7 characters (PERIOD_RE, checked by open_round)",
    "rounds.deadline": "an ISO date written by date.isoformat: 10 characters",
    "rounds.status": "open or closed",
    "rounds.opened_by": "a username (users.username)",
    "round_cells.indicator": "a catalog id, checked by open_round",
    "round_cells.adcode": "six digits of a region (expected_regions)",
    "round_cells.status": "one of rounds.STATUSES",
    "round_cells.submitted_by": "a username (users.username)",
    "round_cells.reviewed_by": "a username (users.username)",
    "round_events.username": "a username (users.username)",
    "round_events.action": "open, submit, import, accept, return or close",
    "round_events.indicator": "a catalog id of the round, or nothing",
    "round_events.adcode": "six digits of a cell's region, or nothing",
}


def test_every_string_column_says_how_it_is_bounded():
    columns = {f"{t.name}.{c.name}" for t in models.metadata.tables.values() for c in t.columns if isinstance(c.type, String)
               and c.type.length}
    assert columns == set(BOUNDED)


def test_migrations_go_down_to_nothing_and_up_again(store):
    before = dump(store)
    migrate(store, "0001", down=True)
    assert "session_key" not in {c["name"] for c in inspect(store).get_columns("users")}
    migrate(store)
    assert "indicator" in {c["name"] for c in inspect(store).get_columns("uploads")}
    after = dump(store)
    columns = [c.name for c in models.observations.columns]
    later = [columns.index(name) for name in ("source_strength", "definition")]  # added after 0001 (0003, 0005)
    assert {k: v for k, v in after.items() if k != "observations"} == {k: v for k, v in before.items()
                                                                       if k != "observations"}

    def without_later(row):
        return tuple(v for i, v in enumerate(row) if i not in later)

    # the data survived the step down and up, but for what the later migrations added and 0001 lacks
    assert [without_later(r) for r in after["observations"]] == [without_later(r) for r in before["observations"]]
    assert {r[i] for r in after["observations"] for i in later} == {"None"}
    migrate(store, "base", down=True)
    assert set(inspect(store).get_table_names()) <= {"alembic_version"}
    prepare(store)  # migrated and seeded afresh
    assert dump(store)["observations"] == before["observations"] and len(history(store)) == 1


def test_long_file_names_are_cut_to_fit_keeping_their_extension(store):
    name = "山东省城镇化" * 60 + ".csv"  # 364 characters (1,092 bytes in UTF-8)
    parsed = parse_import(b"adcode,period,value\n370100,2030,1\n", name, "urban_rail_km")
    token = stage_upload(store, "root", name, b"x", None, {}, "urban_rail_km")
    staged = get_upload(store, token, "root")
    assert len(staged["file_name"]) == 255 and staged["file_name"].endswith("….csv")
    assert staged["indicator"] == "urban_rail_km"
    apply_import(store, preview_import(store, parsed, ADMIN), ADMIN)
    stored = history(store).iloc[0]["file_name"]
    assert len(stored) == 255 and stored.endswith(".csv") and stored.startswith("山东省城镇化")
    assert models.fit_file_name("a" * 300) == "a" * 254 + "…"


def test_user_names_and_departments_fit_or_are_refused(store):
    user = add_user(store, "名" * 80, "correct horse", "部" * 120)
    assert get_user(store, user_id=user.id).username == "名" * 80
    with pytest.raises(ValueError, match="80"):
        add_user(store, "名" * 81, "correct horse")
    with pytest.raises(ValueError, match="120"):
        add_user(store, "short", "correct horse", "部" * 121)
    key = end_sessions(store, user.id)
    assert key != user.session_key and get_user(store, user_id=user.id).session_key == key


@pytest.mark.parametrize("row", [
    "3701000,2030,1", "370100,2030-010,1", "370100,2030,1,,2030-10-133", "370100,2030,1,sample-and-more",
])
def test_observation_strings_longer_than_their_columns_are_refused_before_any_write(store, row):
    before = dump(store)
    with pytest.raises(DataError):
        parse_import(f"adcode,period,value,provenance,source_date\n{row}\n".encode(), "f.csv", "urban_rail_km")
    assert dump(store) == before


def test_the_longest_values_every_column_takes_are_stored_whole(store):
    with store.begin() as conn:
        lengths = {}
        for table in models.metadata.sorted_tables:
            for column in table.columns:
                if isinstance(column.type, String) and column.type.length:
                    lengths[f"{table.name}.{column.name}"] = column.type.length
        conn.execute(models.batches.insert().values(
            id=99, username="名" * lengths["batches.username"], created_at=history(store).iloc[0]["created_at"],
            file_name="名" * lengths["batches.file_name"], file_hash="f" * 64, indicators="x", n_rows=0,
            status="s" * lengths["batches.status"], rolled_back_by="名" * lengths["batches.rolled_back_by"]))
        stored = conn.execute(select(models.batches.c.file_name).where(models.batches.c.id == 99)).scalar()
    assert stored == "名" * 255
