"""Bad requests get 400 (or a plain refusal), never a 500: callback bodies, a hostile next=, an unknown migration."""

from __future__ import annotations

import json
import logging

import pytest
from admin_fixtures import PASSWORD, token
from sqlalchemy import text

GOOD = {"output": "ledger-page.children", "outputs": {"id": "ledger-page", "property": "children"},
        "inputs": [{"id": "ledger-query", "property": "data", "value": ""}], "changedPropIds": ["ledger-query.data"]}


def _with(**changes):
    body = {**GOOD, **changes}
    return {k: v for k, v in body.items() if v is not ...}


BAD = {
    "null": "null",
    "a list": "[]",
    "a string": '"x"',
    "not JSON": "{",
    "inputs as a string": json.dumps(_with(inputs="abc")),
    "no outputs": json.dumps(_with(outputs=...)),
    "no output": json.dumps(_with(output=...)),
    "an unknown output": json.dumps(_with(output="nope.children", outputs={"id": "nope", "property": "children"})),
    "a browser-only callback's output": json.dumps(_with(output="controls-drawer.className")),
    "inputs of another component": json.dumps(_with(inputs=[{"id": "map-query", "property": "data", "value": ""}])),
    "one input too many": json.dumps(_with(inputs=GOOD["inputs"] * 2)),
    "inputs that are not references": json.dumps(_with(inputs=[1])),
    "state as an object": json.dumps(_with(state={"id": "x"})),
    "changedPropIds as a number": json.dumps(_with(changedPropIds=3)),
    "deeply nested": '{"output": "ledger-page.children", "inputs": ' + "[" * 100_000 + "]" * 100_000 + "}",
}


@pytest.fixture(scope="module")
def client():
    from app import server

    return server.test_client()


def test_a_well_formed_callback_body_is_answered(client):
    response = client.post("/_dash-update-component", json=GOOD)
    assert response.status_code == 200 and "ledger-page" in response.get_data(as_text=True)


def test_a_pattern_matching_callback_body_is_answered(client):
    trend = {"type": "ledger-trend", "target": "t1"}
    response = client.post("/_dash-update-component", json={
        "output": '..ledger-detail.children...{"target":["ALL"],"type":"ledger-trend"}.className..',
        "outputs": [{"id": "ledger-detail", "property": "children"},
                    [{"id": trend, "property": "className"}]],
        "inputs": [[{"id": trend, "property": "n_clicks", "value": None}]],
        "state": [{"id": "ledger-query", "property": "data", "value": ""}],
        "changedPropIds": []})
    assert response.status_code == 204  # dispatched: the callback itself declines (no click yet)


@pytest.mark.parametrize("name", BAD)
def test_a_malformed_callback_body_is_refused_with_400_and_no_traceback(name, client, caplog):
    caplog.set_level(logging.ERROR)
    response = client.post("/_dash-update-component", data=BAD[name], content_type="application/json")
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    assert "请求无效" in response.get_data(as_text=True)
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


HOSTILE = ["/admin\n", "/admin\r\nSet-Cookie: sid=x", "/admin/\x00", "/admin\t"]


@pytest.mark.parametrize("target", HOSTILE)
def test_a_hostile_next_is_refused_with_400_before_signing_in(target, server):
    client = server.test_client()
    assert client.get("/admin/login", query_string={"next": target}).status_code == 400
    csrf = token(client)
    response = client.post("/admin/login", query_string={"next": target},
                           data={"username": "ann", "password": PASSWORD, "csrf_token": csrf})
    assert response.status_code == 400 and "跳转地址无效" in response.get_data(as_text=True)
    assert client.get("/admin/password").status_code == 302  # not signed in: sent to sign in


@pytest.mark.parametrize(("target", "lands"), [("//evil.example", "/admin/"), ("/admin/history", "/admin/history"),
                                              ("https://evil.example/admin", "/admin/")])
def test_an_outside_next_goes_to_the_index_and_our_own_is_followed(target, lands, server):
    client = server.test_client()
    response = client.post("/admin/login", query_string={"next": target},
                           data={"username": "ann", "password": PASSWORD, "csrf_token": token(client)})
    assert response.status_code == 302 and response.headers["Location"] == lands


def test_a_next_with_chinese_words_is_followed(server):
    client = server.test_client()
    response = client.post("/admin/login", query_string={"next": "/admin/history?q=济南 城区"},
                           data={"username": "ann", "password": PASSWORD, "csrf_token": token(client)})
    assert response.status_code == 302 and response.headers["Location"].startswith("/admin/history?q=")


def test_a_store_migrated_by_a_newer_version_is_refused_in_one_sentence(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from sdplan.cli import main
    from sdplan.store.db import UnknownRevision, forget_engines, make_engine, migrate, prepare

    url = f"sqlite:///{tmp_path / 'newer.sqlite'}"
    engine = make_engine(url)
    prepare(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099_from_the_future'"))
    with pytest.raises(UnknownRevision) as caught:
        migrate(engine)
    message = str(caught.value)
    assert "0099_from_the_future" in message and "sdplan restore" in message and message.count(". ") == 0
    assert caught.value.__cause__ is None and caught.value.__context__ is None
    monkeypatch.setenv("DATABASE_URL", url)
    forget_engines()
    try:
        result = CliRunner().invoke(main, ["history"])
    finally:
        forget_engines()
    assert result.exit_code == 1 and "0099_from_the_future" in result.output and "Traceback" not in result.output
