"""The map's answers are sent again as they went out for the same request at the same data, never across an
import, a rollback or an outage (routes/answer_cache.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import brotli
import pytest
from flask import Flask
from store_users import ADMIN
from test_backup import import_batch

import callbacks.view
from components import ids
from routes import answer_cache
from routes.answer_cache import Answers
from sdplan.store.batches import rollback_batch
from sdplan.store.db import get_engine
from sdplan.store.outage import StoreUnavailable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from dash_requests import ENDPOINT, Session, decoded, map_spec  # noqa: E402

UNAVAILABLE = "数据服务暂时不可用"
QUERY = "?indicator=urban_rail_km&level=prefecture&period=2024"


@pytest.fixture(scope="module")
def client():
    from app import server

    return server.test_client()


@pytest.fixture
def drawn(monkeypatch):
    """The views the map callback drew (its ``render``), in order."""
    views = []
    real = callbacks.view.render

    def render(data, view, *args, **kwargs):
        views.append(view)
        return real(data, view, *args, **kwargs)

    monkeypatch.setattr(callbacks.view, "render", render)
    return views


def first_body(client) -> bytes:
    session = Session(map_spec(client.get("/_dash-dependencies").get_json()))
    return json.dumps(session.body(ids.MAP_QUERY, QUERY)).encode()


def post(client, body: bytes, encoding: str = "gzip, deflate, br, zstd"):
    response = client.post(ENDPOINT, data=body, headers={"Content-Type": "application/json",
                                                         "Accept-Encoding": encoding})
    assert response.status_code == 200, response.get_data()[:300]
    return response


def text_of(response) -> str:
    return json.dumps(json.loads(decoded(response.data, response.headers.get("Content-Encoding"))), ensure_ascii=False)


def values_of(response) -> dict[str, object]:
    hideout = json.loads(decoded(response.data, response.headers.get("Content-Encoding")))["response"][
        ids.MAP_HIDEOUT]["data"]
    return dict(zip(hideout["codes"], hideout["val"], strict=True))


def test_the_same_request_at_the_same_data_gets_the_bytes_sent_before_without_drawing_again(store, client, drawn):
    import_batch(store, 5)
    body = first_body(client)
    first, again = post(client, body), post(client, body)
    assert len(drawn) == 1
    assert again.data == first.data and again.headers["Content-Encoding"] == first.headers["Content-Encoding"] == "br"
    assert again.headers["Content-Type"] == first.headers["Content-Type"]
    assert "Accept-Encoding" in again.headers["Vary"]
    assert values_of(again)["370100"] == "5.0公里"
    # another encoding asked: drawn for it, the same answer
    plain = post(client, body, encoding="gzip")
    assert len(drawn) == 2 and plain.headers["Content-Encoding"] == "gzip"
    assert json.loads(decoded(plain.data, "gzip")) == json.loads(brotli.decompress(first.data))
    # another request (a circle chosen): drawn
    session = Session(map_spec(client.get("/_dash-dependencies").get_json()))
    session.receive(first.data, "br")
    post(client, json.dumps(session.body(ids.CIRCLE, "jiaodong")).encode())
    assert len(drawn) == 3


def test_an_import_and_a_rollback_are_drawn_at_the_next_request(store, client, drawn):
    import_batch(store, 5)
    body = first_body(client)
    assert values_of(post(client, body))["370100"] == "5.0公里"
    batch = import_batch(store, 7)
    assert values_of(post(client, body))["370100"] == "7.0公里" and len(drawn) == 2
    rollback_batch(get_engine(), batch, ADMIN)
    assert values_of(post(client, body))["370100"] == "5.0公里" and len(drawn) == 3


@pytest.mark.parametrize("store", ["sqlite"], indirect=True)
@pytest.mark.parametrize("away", ["the last data read served", "nothing read"])
def test_an_answer_drawn_while_the_database_is_away_is_never_sent_again(away, store, client, monkeypatch):
    """The database goes away between the lookup and the drawing (the callback's own read finds it away, as
    ``served_dataset`` says then): the answer says so, and the same request later is drawn afresh."""
    import_batch(store, 5)
    body = first_body(client)
    real = callbacks.view.dataset_for

    def read_while_away(day):
        if away == "nothing read":
            raise StoreUnavailable("the database cannot be reached")
        data, _, notes = real(day)
        return data, False, notes

    with monkeypatch.context() as patched:
        patched.setattr(callbacks.view, "dataset_for", read_while_away)
        assert UNAVAILABLE in text_of(post(client, body))
    answered = post(client, body)
    assert UNAVAILABLE not in text_of(answered) and values_of(answered)["370100"] == "5.0公里"


def test_kept_answers_are_bounded_least_recently_used_first():
    answers = Answers(entries=2)
    answers.put("a", b"A", ())
    answers.put("b", b"B", ())
    assert answers.get("a") == (b"A", ())  # "a" used: "b" is now the least recent
    answers.put("c", b"C", ())
    assert answers.get("b") is None and answers.get("a") == (b"A", ()) and answers.get("c") == (b"C", ())
    assert len(answers) == 2


def test_none_are_kept_when_the_setting_says_zero(monkeypatch):
    monkeypatch.setenv("SDPLAN_ANSWER_CACHE", "0")
    server = Flask(__name__)
    assert answer_cache.init_app(server, "map-hideout.data") is None
    assert server.before_request_funcs == {} and server.after_request_funcs == {}
    monkeypatch.setenv("SDPLAN_ANSWER_CACHE", "many")
    with pytest.raises(ValueError, match="SDPLAN_ANSWER_CACHE='many'"):
        answer_cache.init_app(Flask(__name__), "map-hideout.data")


def test_a_refused_request_is_never_kept(client, drawn):
    body = json.dumps({"output": "..map-hideout.data..", "outputs": [], "inputs": [], "changedPropIds": []}).encode()
    for _ in range(2):
        response = client.post(ENDPOINT, data=body, headers={"Content-Type": "application/json"})
        assert response.status_code == 400
    assert drawn == []
