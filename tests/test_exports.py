"""Exports off the request threads: made in a separate process, stored under a random token, fetched from
/exports/<token> by any worker; a refusal or a dead process is said, an unknown or expired token is a 404."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from sqlalchemy import update

from sdplan import exports
from sdplan.store import models

JIAODONG_RAIL = "?indicator=urban_rail_km&circle=jiaodong"


@pytest.fixture
def runner(store, monkeypatch):
    """A fresh export process for the test's store, closed after it."""
    fresh = exports.Runner(idle_seconds=0.2)
    monkeypatch.setattr(exports, "RUNNER", fresh)
    yield fresh
    fresh.close_if_idle()


@pytest.fixture
def client():
    from routes.exports import blueprint

    server = Flask(__name__)
    server.register_blueprint(blueprint)
    return server.test_client()


def settled(token: str) -> dict:
    """The export's state once it is no longer running (a safety deadline only, never a timing claim)."""
    deadline = time.monotonic() + 300
    while (found := exports.state(token)) is not None and found["status"] == "running":
        assert time.monotonic() < deadline, "the export never finished"
        time.sleep(0.1)
    return found


def test_a_snapshot_is_made_in_another_process_and_fetched_by_its_token(runner, client):
    token = exports.start("snapshot", {"query": JIAODONG_RAIL, "fmt": "png", "orientation": "landscape"}, "failed")
    assert len(token) >= 40 and exports.state(token)["status"] in ("running", "done")
    assert client.get(f"/exports/{token}").status_code in (404, 200)  # 404 while it runs
    found = settled(token)
    assert found["status"] == "done" and found["file_name"].endswith(".png")
    answer = client.get(f"/exports/{token}")
    assert answer.status_code == 200 and answer.data[:8] == b"\x89PNG\r\n\x1a\n"
    assert answer.headers["Content-Disposition"].startswith("attachment") and found["file_name"] in \
        answer.headers["Content-Disposition"]
    assert "no-store" in answer.headers["Cache-Control"]
    assert client.get(f"/exports/{token[:-1]}x").status_code == 404  # a guessed token finds nothing


def test_a_refused_export_says_why_in_the_page_s_language(runner):
    token = exports.start("snapshot", {"query": JIAODONG_RAIL + "&lang=en", "fmt": "tiff", "orientation": ""}, "failed")
    found = settled(token)
    assert found["status"] == "failed" and "tiff" in found["message"] and "snapshot" in found["message"]


def test_an_export_whose_process_fails_is_marked_failed_with_the_given_message(runner):
    token = exports.start("no_such_kind", {}, "文件生成失败")
    found = settled(token)
    assert (found["status"], found["message"]) == ("failed", "文件生成失败")
    later = exports.start("ledger", {"query": "", "fmt": "xlsx"}, "failed")  # the next one still works
    assert settled(later)["status"] == "done"


def test_an_expired_export_is_gone(runner, client, store):
    token = exports.start("ledger", {"query": "", "fmt": "xlsx"}, "failed")
    assert settled(token)["status"] == "done" and client.get(f"/exports/{token}").status_code == 200
    with store.begin() as conn:
        conn.execute(update(models.exports).values(created_at=datetime.now(UTC) - timedelta(hours=2)))
    assert exports.state(token) is None and client.get(f"/exports/{token}").status_code == 404
    exports.start("ledger", {"query": "", "fmt": "xlsx"}, "failed")  # a new export drops the expired rows
    with store.connect() as conn:
        assert conn.execute(models.exports.select().where(models.exports.c.token == token)).first() is None


def test_the_export_process_ends_when_idle(runner):
    token = exports.start("ledger", {"query": "", "fmt": "xlsx"}, "failed")
    assert settled(token)["status"] == "done"
    deadline = time.monotonic() + 60
    while runner.running:
        assert time.monotonic() < deadline, "the idle export process was never ended"
        time.sleep(0.05)
