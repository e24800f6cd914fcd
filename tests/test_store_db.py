"""The store: seeded on first start, append-only batches, current figures, rollback, caching."""

import pandas as pd
import pytest
from sqlalchemy import func, select
from store_users import ANN

from sdplan.catalog import load_catalog
from sdplan.intake.figure_files import parse_import
from sdplan.observations import bundled_observations
from sdplan.store import models
from sdplan.store.batches import rollback_batch
from sdplan.store.current import current_dataset, dump, history, store_revision
from sdplan.store.db import prepare
from sdplan.store.imports import apply_import, preview_import
from sdplan.values import region_values


def import_csv(engine, text: str, indicator: str = "urban_rail_km", user=ANN) -> int:
    parsed = parse_import(text.encode("utf-8"), "t.csv", indicator)
    return apply_import(engine, preview_import(engine, parsed, user), user, "test")


def test_first_start_seeds_batch_one_from_the_bundled_tables(store):
    batches = history(store)
    assert list(batches["id"]) == [1]
    assert batches.iloc[0]["note"] == "seed from data/indicators" and batches.iloc[0]["username"] == "system"
    for indicator_id in load_catalog().indicators:
        pd.testing.assert_frame_equal(current_dataset().observations(indicator_id), bundled_observations(indicator_id))


def test_preparing_again_neither_migrates_twice_nor_reseeds(store):
    before = dump(store)
    prepare(store)
    assert dump(store) == before


def test_an_accepted_import_shows_at_once_and_a_rollback_restores_the_old_figure(store):
    old = current_dataset().observations("urban_rail_km").set_index(["adcode", "period"])["value"][("370100", "2022-10")]
    revision = store_revision(store)
    batch = import_csv(store, "adcode,period,value\n370100,2022-10,99.5\n")
    assert store_revision(store) > revision
    assert current_dataset().observations("urban_rail_km").set_index(["adcode", "period"])["value"][("370100", "2022-10")] == 99.5
    values = region_values(current_dataset(), "urban_rail_km", "prefecture", "2022-10").set_index("adcode")["value"]
    assert values["370100"] == 99.5
    rollback_batch(store, batch, ANN)
    assert current_dataset().observations("urban_rail_km").set_index(["adcode", "period"])["value"][("370100", "2022-10")] == old


def test_values_are_never_overwritten_in_place(store):
    with store.connect() as conn:
        n_before = conn.execute(select(func.count()).select_from(models.observations)).scalar()
    first = import_csv(store, "adcode,period,value\n370100,2022-10,90\n")
    import_csv(store, "adcode,period,value\n370100,2022-10,91\n")
    with store.connect() as conn:
        assert conn.execute(select(func.count()).select_from(models.observations)).scalar() == n_before + 2
    rollback_batch(store, first, ANN)  # an earlier batch rolled back: the later figure stays current
    assert current_dataset().observations("urban_rail_km").set_index(["adcode", "period"])["value"][("370100", "2022-10")] == 91
    with pytest.raises(LookupError):
        rollback_batch(store, first, ANN)


def test_the_batch_records_who_when_file_hash_and_note(store):
    batch_id = import_csv(store, "adcode,period,value\n370200,2023,300\n")
    row = history(store).set_index("id").loc[batch_id]
    assert row["username"] == "ann" and row["file_name"] == "t.csv" and row["note"] == "test"
    assert len(row["file_hash"]) == 64 and row["n_rows"] == 1 and row["status"] == "accepted"
    assert row["created_at"] is not None


def test_current_observations_keep_the_columns_and_types(data):
    frame = data.observations("smart_city_stars")
    assert tuple(frame.columns) == ("adcode", "period", "value", "unit", "provenance", "source_title", "source_url",
                                    "source_date", "note", "source_strength", "definition")
    sourced = frame[frame["provenance"] == "sourced"]
    assert set(sourced["source_strength"]) <= {"official", "reprint", "aggregator"} and len(sourced)
    assert frame["value"].dtype == float and frame["adcode"].map(type).eq(str).all()


def test_database_url_defaults_to_sqlite_under_instance_and_reads_postgres_urls():
    from sdplan.settings import load_settings

    default = load_settings({}).database_url
    assert default.endswith("instance/sdplan.sqlite") and default.startswith("sqlite:///")
    assert load_settings({"DATABASE_URL": "postgres://u:p@h/db"}).database_url == "postgresql+psycopg://u:p@h/db"


def test_under_ci_a_missing_postgres_server_fails_instead_of_skipping(monkeypatch):
    from store_fixtures import postgres_url

    monkeypatch.delenv("SDPLAN_TEST_POSTGRES_URL", raising=False)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        postgres_url()
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception):
        postgres_url()


def test_several_processes_starting_together_seed_once(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    url = f"sqlite:///{tmp_path / 'together.sqlite'}"
    script = f"import sys; sys.path.insert(0, {str(root)!r}); from sdplan.store.db import open_store; open_store({url!r})"
    procs = [subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE, text=True) for _ in range(3)]
    assert all(p.wait(timeout=120) == 0 for p in procs), [p.stderr.read() for p in procs]
    from sdplan.store.db import make_engine

    engine = make_engine(url)
    assert list(history(engine)["id"]) == [1]
    engine.dispose()
