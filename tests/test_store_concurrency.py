"""Nothing lost: concurrent editors are told of conflicts, a killed import leaves the store intact."""

import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from published import RAIL_JINAN, RAIL_PERIOD
from store_users import ADMIN, ANN

from sdplan.intake.figure_files import parse_import
from sdplan.store.current import current_dataset, dump, history
from sdplan.store.errors import ConflictError
from sdplan.store.imports import apply_import, preview_import

ROOT = Path(__file__).resolve().parent.parent


def preview(engine, text: str, indicator: str = "urban_rail_km"):
    return preview_import(engine, parse_import(text.encode(), "f.csv", indicator), ANN)


def test_the_second_confirmation_of_the_same_indicator_is_told_of_the_conflict(store):
    first = preview(store, "adcode,period,value\n370100,2024,10\n")
    second = preview(store, "adcode,period,value\n370100,2024,20\n")
    apply_import(store, first, ANN)
    before = dump(store)
    with pytest.raises(ConflictError) as info:
        apply_import(store, second, ADMIN)
    assert "urban_rail_km" in info.value.message("zh") and "preview" in info.value.message("en")
    assert dump(store) == before
    assert current_dataset().observations("urban_rail_km").set_index(["adcode", "period"])["value"][("370100", "2024")] == 10


def test_imports_of_different_indicators_both_land(store):
    first = preview(store, "adcode,period,value\n370100,2024,10\n")
    second = preview(store, "adcode,period,value\n370102,2024,3\n", "sewer_retrofit_km")
    apply_import(store, first, ANN)
    apply_import(store, second, ADMIN)
    assert list(history(store)["id"]) == [3, 2, 1]


def test_simultaneous_confirmations_from_threads_lose_nothing(store):
    previews = [preview(store, f"adcode,period,value\n370100,2024,{n}\n") for n in range(6)]
    barrier, outcomes = threading.Barrier(len(previews)), []

    def confirm(p):
        barrier.wait()
        try:
            outcomes.append(("ok", apply_import(store, p, ANN)))
        except ConflictError:
            outcomes.append(("conflict", None))

    threads = [threading.Thread(target=confirm, args=(p,)) for p in previews]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(o for o, _ in outcomes) == ["conflict"] * 5 + ["ok"]
    winner = next(b for o, b in outcomes if o == "ok")
    assert list(history(store)["id"]) == [winner, 1]


KILLER = textwrap.dedent("""
    import os, sys
    sys.path.insert(0, {root!r})
    from sqlalchemy import func, select
    from sdplan.store import batches, models
    from sdplan.store.auth import User
    from sdplan.store.db import get_engine
    from sdplan.intake.figure_files import parse_import
    from sdplan.store.imports import apply_import, preview_import
    engine = get_engine()
    parsed = parse_import(b"adcode,period,value\\n370100,2022-10,999\\n370200,2024,1\\n", "f.csv", "urban_rail_km")
    write = batches.insert_batch

    def write_then_die(conn, frame, **kwargs):  # the rows are written, the transaction is still open
        batch_id = write(conn, frame, **kwargs)
        rows = conn.execute(select(func.count()).where(models.observations.c.batch_id == batch_id)).scalar()
        print("inside", rows, flush=True)
        os._exit(9)

    batches.insert_batch = write_then_die
    ann = User(1, "ann", "省住房城乡建设厅", False)
    apply_import(engine, preview_import(engine, parsed, ann), ann)
    print("committed", flush=True)
""")


def test_a_process_killed_in_the_middle_of_an_import_leaves_the_store_intact(store, monkeypatch):
    before = dump(store)
    result = subprocess.run([sys.executable, "-c", KILLER.format(root=str(ROOT))], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 9, result.stderr
    assert "inside 2" in result.stdout and "committed" not in result.stdout  # died with both rows written
    assert dump(store) == before
    rail = current_dataset().observations("urban_rail_km").set_index(["adcode", "period"])["value"]
    assert rail[("370100", RAIL_PERIOD)] == RAIL_JINAN.value
