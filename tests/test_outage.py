"""A lost database is said, not hidden: the map and ledger keep what they drew and say so in the page's language,
admin pages answer 503 in the person's language, one log line per outage, and timeouts make a frozen one fail fast.

SQLite is made unreachable for real: its file moved away and a folder put where it was, so no new connection
opens (the engine's pool is emptied first, as a restart of the database would). PostgreSQL: a port that accepts
connections and never answers (a frozen server), and the statement timeout on the CI's server.
"""

from __future__ import annotations

import json
import logging
import socket
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from components import ids
from sdplan.store import outage
from sdplan.store.current import forget_datasets
from sdplan.store.db import forget_engines, get_engine, make_engine, open_store

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from dash_requests import ENDPOINT, Session, map_spec  # noqa: E402


def notice_text(response: dict) -> list[str]:
    """The lines of the map's notice, each its own paragraph as every notice is (components.notices)."""
    return [line["props"]["children"] for line in response[ids.NOTICE]["children"]]


UNAVAILABLE = {"zh": "数据服务暂时不可用，正在重试", "en": "The data service is temporarily unavailable; retrying"}
LEDGER = {"output": "ledger-page.children", "outputs": {"id": "ledger-page", "property": "children"},
          "changedPropIds": ["ledger-query.data"]}


class Database:
    """A SQLite store that can be lost and found again."""

    def __init__(self, path: Path):
        self.path, self.away = path, path.with_name("away")

    def lose(self) -> None:
        get_engine().dispose()  # the pool's open connections would still read the moved file
        self.away.mkdir()
        for file in self.path.parent.glob(self.path.name + "*"):
            file.rename(self.away / file.name)
        self.path.mkdir()  # a folder where the file was: "unable to open database file"

    def find(self) -> None:
        self.path.rmdir()
        for file in self.away.iterdir():
            file.rename(self.path.parent / file.name)
        self.away.rmdir()


@pytest.fixture(autouse=True)
def retry_at_once(monkeypatch):
    """Every request asks the database again (the test below sets the pause it checks): no pause between
    retries, and no trusting the revision read a moment ago (SDPLAN_REVISION_CHECK_MS)."""
    monkeypatch.setenv("SDPLAN_REVISION_CHECK_MS", "0")
    monkeypatch.setattr(outage, "RETRY_SECONDS", 0)
    monkeypatch.setattr(outage, "_tried", [])


@pytest.fixture
def database(tmp_path, monkeypatch):
    path = tmp_path / "store.sqlite"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    forget_engines()
    forget_datasets()
    outage._since.clear()
    open_store()
    yield Database(path)
    forget_engines()
    forget_datasets()
    outage._since.clear()


@pytest.fixture(scope="module")
def client():
    from app import server

    return server.test_client()


def _map(client, session: Session, trigger: str, value) -> dict:
    response = client.post(ENDPOINT, json=session.body(trigger, value))
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return session.receive(response.data, None)


def _text(response) -> str:
    return json.dumps(response.get_json(), ensure_ascii=False)


def _messages(caplog, level=logging.WARNING) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= level]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_map_keeps_drawing_the_last_data_and_says_why_then_recovers(lang, database, client, caplog):
    session = Session(map_spec(client.get("/_dash-dependencies").get_json()))
    drawn = _map(client, session, ids.MAP_QUERY, f"?indicator=urban_rail_km&lang={lang}")
    assert drawn[ids.NOTICE]["children"] is None and "370200" in drawn[ids.MAP_HIDEOUT]["data"]["codes"]
    database.lose()
    caplog.set_level(logging.INFO)
    for indicator in ("sewer_retrofit_km", "smart_city_stars", "urban_rail_km"):  # the controls keep working
        response = _map(client, session, ids.INDICATOR, indicator)
        assert notice_text(response) == [UNAVAILABLE[lang]]
        assert response[ids.INDICATOR]["value"] == indicator if ids.INDICATOR in response else True
        assert len(json.dumps(response[ids.MAP_HIDEOUT]["data"])) > 100  # styles for the regions, not a blank map
    assert [m for m in _messages(caplog) if "database" in m] == [_messages(caplog)[0]]  # one line for the outage
    assert "database unavailable" in _messages(caplog)[0] and not _messages(caplog, logging.ERROR)
    database.find()
    response = _map(client, session, ids.INDICATOR, "sewer_retrofit_km")
    assert response[ids.NOTICE]["children"] is None
    assert [m for m in _messages(caplog) if "available again" in m] != [] and len(_messages(caplog)) == 2


def test_during_an_outage_one_request_asks_the_database_and_the_others_are_answered_at_once(database, client,
                                                                                             monkeypatch):
    from sqlalchemy.engine import Engine

    from sdplan.store.current import served_dataset

    data, _ = served_dataset()
    database.lose()
    monkeypatch.setattr(outage, "RETRY_SECONDS", 3600)  # no second attempt within this test
    asked = []
    real = Engine.connect
    monkeypatch.setattr(Engine, "connect", lambda self: asked.append(1) or real(self))
    answers = [served_dataset() for _ in range(5)]
    assert len(asked) == 1 and all(d is data and not fresh for d, fresh in answers)
    database.find()
    assert served_dataset() == (data, False)  # still waiting for the next attempt
    monkeypatch.setattr(outage, "RETRY_SECONDS", 0)
    assert served_dataset()[1] and len(asked) == 2


def test_a_worker_that_has_read_nothing_yet_leaves_the_page_as_it_is_and_says_why(database, client):
    session = Session(map_spec(client.get("/_dash-dependencies").get_json()))
    database.lose()
    forget_datasets()
    response = _map(client, session, ids.MAP_QUERY, "?indicator=urban_rail_km&lang=en")
    assert list(response) == [ids.NOTICE] and notice_text(response) == [UNAVAILABLE["en"]]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_ledger_keeps_its_table_and_says_why(lang, database, client):
    body = {**LEDGER, "inputs": [{"id": "ledger-query", "property": "data", "value": f"?lang={lang}"}]}
    assert UNAVAILABLE[lang] not in _text(client.post(ENDPOINT, json=body))
    database.lose()
    page = _text(client.post(ENDPOINT, json=body))
    assert UNAVAILABLE[lang] in page and f'"{ids.LEDGER_TABLE}"' in page
    outputs = (("ledger-export-job", "data"), ("ledger-export-poll", "disabled"), (ids.LEDGER_EXPORT_NOTICE, "children"),
               ("ledger-export-file", "hidden"), (ids.LEDGER_XLSX_BUTTON, "disabled"), (ids.LEDGER_PDF_BUTTON, "disabled"))
    export = client.post(ENDPOINT, json={
        "output": ".." + "...".join(f"{i}.{p}" for i, p in outputs) + "..",
        "outputs": [{"id": i, "property": p} for i, p in outputs],
        "inputs": [{"id": ids.LEDGER_XLSX_BUTTON, "property": "n_clicks", "value": 1},
                   {"id": ids.LEDGER_PDF_BUTTON, "property": "n_clicks", "value": None}],
        "state": [{"id": ids.LEDGER_QUERY, "property": "data", "value": f"?lang={lang}"}],
        "changedPropIds": [f"{ids.LEDGER_XLSX_BUTTON}.n_clicks"]})
    assert export.status_code == 200 and UNAVAILABLE[lang] in _text(export)  # no file from old data


@pytest.mark.parametrize("store", ["sqlite"], indirect=True)
def test_admin_pages_answer_503_in_the_person_s_language_and_log_once(store, server, caplog):
    from admin_fixtures import signed_in, token

    client, stranger = signed_in(server, "ann"), server.test_client()
    assert client.get("/admin/history").status_code == 200
    csrf = token(stranger)
    lost = Database(Path(store.url.database))
    outage._since.clear()
    lost.lose()
    try:
        caplog.set_level(logging.INFO)
        zh = client.get("/admin/history")
        en = client.get("/admin/history?lang=en")
        anonymous = stranger.post("/admin/login", data={"username": "ann", "password": "x", "csrf_token": csrf})
    finally:
        lost.find()
        outage._since.clear()
    assert zh.status_code == en.status_code == anonymous.status_code == 503
    assert "数据库暂时无法连接" in zh.get_data(as_text=True) and zh.headers["Retry-After"]
    assert "cannot be reached" in en.get_data(as_text=True) and 'lang="en"' in en.get_data(as_text=True)
    assert len(_messages(caplog)) == 1 and not _messages(caplog, logging.ERROR)


def test_a_frozen_postgresql_fails_at_the_connect_timeout_instead_of_hanging(monkeypatch):
    frozen = socket.socket()
    frozen.bind(("127.0.0.1", 0))
    frozen.listen(8)  # the kernel accepts connections; nothing ever answers them
    monkeypatch.setenv("SDPLAN_DB_CONNECT_TIMEOUT", "2")
    engine = make_engine(f"postgresql+psycopg://u:p@127.0.0.1:{frozen.getsockname()[1]}/db")
    errors = []

    def connect():
        try:
            engine.connect().close()
        except Exception as error:  # noqa: BLE001  (what it raised is the test's subject)
            errors.append(error)

    worker = threading.Thread(target=connect, daemon=True)
    worker.start()
    worker.join(120)  # a hang detector, not a measurement: without a connect timeout it never returns
    frozen.close()
    assert not worker.is_alive(), "the connection attempt hangs: no connect timeout"
    assert isinstance(errors[0], OperationalError) and outage.is_outage(errors[0])
    assert "timeout" in str(errors[0]).lower()


def test_sqlite_waits_for_a_lock_as_long_as_the_statement_timeout(tmp_path, monkeypatch):
    monkeypatch.setenv("SDPLAN_DB_STATEMENT_TIMEOUT", "0.5")
    with make_engine(f"sqlite:///{tmp_path / 's.sqlite'}").connect() as conn:
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 500


def test_postgresql_cancels_a_statement_past_the_statement_timeout(monkeypatch):
    from store_fixtures import postgres_url

    monkeypatch.setenv("SDPLAN_DB_STATEMENT_TIMEOUT", "0.5")
    engine = make_engine(postgres_url())
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SHOW statement_timeout")).scalar() == "500ms"
            with pytest.raises(OperationalError, match="statement timeout") as caught:
                conn.execute(text("SELECT pg_sleep(30)"))
        assert outage.is_outage(caught.value)
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def throwaway_postgres():
    """A PostgreSQL cluster of its own on a free port (Debian's pg_createcluster, as root), removed afterwards:
    stopping it disturbs nobody else's database."""
    import os
    import shutil
    import subprocess

    if os.geteuid() != 0 or not shutil.which("pg_createcluster"):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true but no pg_createcluster as root: .ci/run installs PostgreSQL")
        pytest.skip("needs root and Debian's postgresql-common (pg_createcluster)")
    version = sorted(os.listdir("/usr/lib/postgresql"), key=lambda v: [int(x) for x in v.split(".")])[-1]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    name = f"sdplan-outage-{os.getpid()}"

    def run(*command):
        subprocess.run(command, check=True, capture_output=True, cwd="/")

    def as_postgres(command):
        run("su", "postgres", "-c", command)

    run("pg_createcluster", version, name, "-p", str(port))
    try:
        run("pg_ctlcluster", version, name, "start")
        as_postgres(f"psql -p {port} -qc \"CREATE ROLE sdplan LOGIN PASSWORD 'sdplan'\"")
        as_postgres(f"createdb -p {port} -O sdplan sdplan")
        yield (f"postgresql+psycopg://sdplan:sdplan@127.0.0.1:{port}/sdplan",
               lambda: run("pg_ctlcluster", version, name, "stop", "-m", "fast"),
               lambda: run("pg_ctlcluster", version, name, "start"),
               Path(f"/var/lib/postgresql/{version}/{name}/postmaster.pid"))
    finally:
        subprocess.run(["pg_dropcluster", "--stop", version, name], check=False, capture_output=True, cwd="/")


def test_the_statement_timeout_keeps_the_url_s_own_options(monkeypatch):
    """A DATABASE_URL naming a search path (``?options=-csearch_path=...``, as the deployment test's schema does)
    keeps it beside the timeout: before, the timeout's options replaced the URL's and every table went to public."""
    from store_fixtures import postgres_url

    from deploy import local

    monkeypatch.setenv("SDPLAN_DB_STATEMENT_TIMEOUT", "0.5")
    with local.fresh_schema(postgres_url(), "options") as url:
        engine = make_engine(url)
        try:
            with engine.connect() as conn:
                assert conn.execute(text("SHOW statement_timeout")).scalar() == "500ms"
                assert conn.execute(text("SELECT current_schemas(false)")).scalar() == [url.split("search_path%3D")[1]]
        finally:
            engine.dispose()


def test_a_stopped_postgresql_is_said_once_and_served_from_the_last_read_until_it_is_back(throwaway_postgres,
                                                                                            monkeypatch, caplog):
    from sdplan.store.current import served_dataset

    url, stop, start, _ = throwaway_postgres
    monkeypatch.setenv("DATABASE_URL", url)
    forget_engines()
    forget_datasets()
    outage._since.clear()
    try:
        engine = open_store()
        data, fresh = served_dataset(engine)
        assert fresh
        caplog.set_level(logging.INFO)
        stop()
        answers = [served_dataset(engine) for _ in range(20)]
        assert all(d is data and not f for d, f in answers)
        start()
        assert served_dataset(engine)[1]
        said = _messages(caplog)
        assert len(said) == 2 and "database unavailable" in said[0] and "available again" in said[1]
    finally:
        forget_engines()
        forget_datasets()
        outage._since.clear()


def test_a_frozen_postgresql_costs_a_pooled_request_the_timeouts_not_the_freeze(throwaway_postgres, monkeypatch):
    """Every process of the server stopped (SIGSTOP): the kernel still accepts and acknowledges, nothing answers.
    The statement timeout cannot fire (it is the server's); the bounded ping on checkout and the connect timeout do."""
    import os
    import signal
    import subprocess

    from sdplan.store.current import served_dataset

    url, _, _, pidfile = throwaway_postgres
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("SDPLAN_DB_CONNECT_TIMEOUT", "2")
    forget_engines()
    forget_datasets()
    outage._since.clear()
    engine = open_store()
    data, _ = served_dataset(engine)  # a pooled connection now exists
    postmaster = int(pidfile.read_text().split()[0])
    children = subprocess.run(["pgrep", "-P", str(postmaster)], capture_output=True, text=True).stdout.split()
    frozen = [postmaster, *map(int, children)]
    answers = []
    try:
        for pid in frozen:
            os.kill(pid, signal.SIGSTOP)
        reader = threading.Thread(target=lambda: answers.append(served_dataset(engine)), daemon=True)
        reader.start()
        reader.join(120)  # a hang detector: without the bounded ping it waits until the server resumes
        assert not reader.is_alive(), "a pooled request waits for as long as the server is frozen"
    finally:
        for pid in frozen:
            os.kill(pid, signal.SIGCONT)
        forget_engines()
        forget_datasets()
        outage._since.clear()
    assert answers == [(data, False)]
