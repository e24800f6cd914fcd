"""Backup and restore: a consistent copy of a store in use, refused restores, rotation; SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import text
from store_users import ADMIN

from sdplan.cli import main
from sdplan.intake.figure_files import parse_import
from sdplan.store.backup import BackupError, backup, backup_into, restore
from sdplan.store.current import dump
from sdplan.store.db import make_engine, prepare
from sdplan.store.imports import apply_import, preview_import


def import_batch(engine, n: int) -> int:
    content = f"adcode,period,value\n370100,2024,{n}\n370200,2024,{n + 0.5}\n".encode()
    return apply_import(engine, preview_import(engine, parse_import(content, f"b{n}.csv", "urban_rail_km"), ADMIN), ADMIN)


def batches_in(path) -> dict[int, tuple[int, int]]:
    """Each batch in a SQLite backup: (rows it says it has, observation rows it holds)."""
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {i: (n, held) for i, n, held in conn.execute(
            "SELECT b.id, b.n_rows, (SELECT count(*) FROM observations o WHERE o.batch_id = b.id) FROM batches b")}


@pytest.mark.parametrize("store", ["sqlite"], indirect=True)
def test_a_backup_taken_while_a_writer_imports_has_every_committed_batch_whole(store, tmp_path):
    committed: list[int] = []
    started, done = threading.Event(), threading.Event()

    def writer():
        try:
            for n in range(40):
                committed.append(import_batch(store, n))
                started.set()
        finally:
            started.set()
            done.set()

    thread = threading.Thread(target=writer)
    thread.start()
    started.wait()
    copies = []
    while not done.is_set() or len(copies) < 2:
        before = list(committed)
        path = backup(store, tmp_path / f"copy-{len(copies)}.sqlite")
        copies.append((before, batches_in(path)))
    thread.join()
    assert len(committed) == 40
    for before, found in copies:
        assert set(before) <= set(found)  # every batch committed before the backup began
        assert all(n == held for n, held in found.values())  # and no batch in part
    assert set(committed) <= set(batches_in(backup(store, tmp_path / "after.sqlite")))


def test_the_copy_of_a_live_file_misses_what_the_backup_has(tmp_path):
    """Why a backup command at all: with the server holding the store open, the file alone lacks the WAL."""
    engine = make_engine(f"sqlite:///{tmp_path / 'live.sqlite'}")
    prepare(engine)
    with engine.connect() as held:  # a server's open connection: the WAL is not checkpointed into the file
        held.execute(text("SELECT 1"))
        batch = import_batch(engine, 1)
        (tmp_path / "naive.sqlite").write_bytes((tmp_path / "live.sqlite").read_bytes())
        with sqlite3.connect(tmp_path / "naive.sqlite") as naive:  # (often not even the tables: all in the WAL)
            tables = {name for (name,) in naive.execute("SELECT name FROM sqlite_master")}
        assert "batches" not in tables or batch not in batches_in(tmp_path / "naive.sqlite")
        assert batch in batches_in(backup(engine, tmp_path / "real.sqlite"))
    engine.dispose()


def test_restore_refuses_a_store_with_data_unless_forced_and_then_puts_back_the_backup(store, tmp_path):
    runner = CliRunner()
    out = tmp_path / "backups" / f"store.{'sqlite' if store.dialect.name == 'sqlite' else 'pgdump'}"
    result = runner.invoke(main, ["backup", "--out", str(out)])
    assert result.exit_code == 0, result.output
    at_backup = dump(store)
    import_batch(store, 7)
    assert dump(store) != at_backup
    refused = runner.invoke(main, ["restore", str(out)])
    assert refused.exit_code == 1 and "--force" in refused.output and dump(store) != at_backup
    store.dispose()  # the servers are stopped for a restore
    result = runner.invoke(main, ["restore", str(out), "--force"])
    assert result.exit_code == 0, result.output
    assert dump(store) == at_backup


def test_restore_into_an_empty_store_needs_no_force_and_refuses_what_is_not_a_backup(tmp_path):
    source = make_engine(f"sqlite:///{tmp_path / 'a.sqlite'}")
    prepare(source)
    import_batch(source, 3)
    copy = backup(source, tmp_path / "a.backup")
    empty = make_engine(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    restore(empty, copy)
    assert dump(empty) == dump(source)
    (tmp_path / "dump.pgdump").write_bytes(b"PGDMP\x01\x0e\x00" + b"\0" * 64)
    with pytest.raises(BackupError, match="PostgreSQL backup but the store is sqlite"):
        restore(make_engine(f"sqlite:///{tmp_path / 'other.sqlite'}"), tmp_path / "dump.pgdump")
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(BackupError, match="not an sdplan backup"):
        restore(empty, tmp_path / "notes.txt", force=True)
    for engine in (source, empty):
        engine.dispose()


def test_backups_into_a_folder_keep_the_newest_n(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 's.sqlite'}")
    prepare(engine)
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "README").write_text("not ours")
    start = datetime(2026, 12, 1, 2, 30, tzinfo=UTC)
    made = [backup_into(engine, folder, keep=2, now=start + timedelta(days=d)) for d in range(3)]
    assert made[2][1] == [made[0][0]]  # the oldest removed
    assert sorted(p.name for p in folder.iterdir()) == ["README", "sdplan-20261202-023000.sqlite",
                                                        "sdplan-20261203-023000.sqlite"]
    with pytest.raises(BackupError, match="is the store itself"):
        backup(engine, tmp_path / "s.sqlite")
    with pytest.raises(BackupError, match="at least 1"):
        backup_into(engine, folder, keep=0)
    engine.dispose()


def test_the_nightly_unit_runs_a_backup_command_that_works(tmp_path, monkeypatch):
    import configparser
    import shlex
    from pathlib import Path

    from sdplan.store.db import forget_engines

    units = Path(__file__).resolve().parent.parent / "deploy" / "systemd"
    service, timer = configparser.ConfigParser(strict=False), configparser.ConfigParser(strict=False)
    service.read(units / "sdplan-backup.service")
    timer.read(units / "sdplan-backup.timer")
    assert timer["Timer"]["OnCalendar"] and timer["Timer"]["Persistent"] == "true"
    command = shlex.split(service["Service"]["ExecStart"])
    assert command[0].endswith("/.venv/bin/sdplan") and command[1] == "backup"
    arguments = [str(tmp_path / "backups") if a == "/var/backups/sdplan" else a for a in command[2:]]
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'live.sqlite'}")
    prepare(make_engine(f"sqlite:///{tmp_path / 'live.sqlite'}"))
    forget_engines()
    try:
        result = CliRunner().invoke(main, ["backup", *arguments])
    finally:
        forget_engines()
    assert result.exit_code == 0, result.output
    assert [p.suffix for p in (tmp_path / "backups").iterdir()] == [".sqlite"]
