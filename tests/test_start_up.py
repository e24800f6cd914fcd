"""Importing the app has no side effects; start-up is the explicit step that opens the store."""

import os
import subprocess
import sys
import textwrap

from sqlalchemy import inspect

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_fresh(code: str, tmp_path) -> subprocess.CompletedProcess:
    """``code`` run by a fresh Python in the project, on a new SQLite store and cache under ``tmp_path``; it must
    succeed."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/sdplan.sqlite", "SDPLAN_CACHE_DIR": str(tmp_path / "c"),
           "MPLCONFIGDIR": str(tmp_path / "matplotlib")}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def test_importing_the_app_touches_no_database_and_compresses_nothing(tmp_path):
    store, cache = tmp_path / "store", tmp_path / "cache"
    code = textwrap.dedent("""
        import sys
        import app
        assert callable(app.create_server)
        print(sorted(name for name in ("psycopg", "sklearn", "scipy", "geopandas", "mapclassify", "pyogrio")
                     if name in sys.modules))
    """)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{store}/sdplan.sqlite", "SDPLAN_CACHE_DIR": str(cache),
           "MPLCONFIGDIR": str(tmp_path / "matplotlib")}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert not store.exists() and not cache.exists()  # no database file, no lock file, no compressed file
    assert done.stdout.strip() == "[]"  # and none of the heavy libraries the app no longer needs


def test_asking_for_the_server_starts_the_app_once(data):
    import app
    from sdplan.store.db import get_engine

    assert app.server is app.create_server() is app.app.server
    assert "batches" in inspect(get_engine()).get_table_names()  # the start-up migrated the store


def test_start_up_draws_the_page_opened_without_a_query_in_each_language(store, monkeypatch):
    """The first visitor of a new worker is answered from what start-up drew (the master's, under preload)."""
    import app
    import callbacks.view
    from sdplan.store.current import current_dataset
    from sdplan.viewstate import parse_view

    app.start_up()
    drawn = []
    monkeypatch.setattr(callbacks.view, "_panel", lambda data, view: drawn.append(view))
    data = current_dataset()
    for lang in ("zh", "en"):
        view = parse_view(data, f"?lang={lang}")[0]
        assert callbacks.view.panel(data, view).model.view == view
    assert drawn == []  # both were drawn already
    callbacks.view.panel(data, parse_view(data, "?level=county")[0])
    assert len(drawn) == 1  # (a view start-up did not draw is drawn when asked)


def test_a_started_worker_serving_pages_loads_no_export_library(tmp_path):
    """The export stack (matplotlib, python-docx, openpyxl, fontTools, pypinyin) is loaded by the export process
    only (sdplan/exports/), never by a worker that starts and serves the pages."""
    code = textwrap.dedent("""
        import sys
        import app
        client = app.create_server().test_client()
        for path in ("/", "/_dash-layout", "/_dash-dependencies", "/ledger", "/multiples", "/admin/login"):
            assert client.get(path, headers={"Referer": "http://x/"}).status_code == 200, path
        print(sorted(name for name in ("matplotlib", "docx", "openpyxl", "fontTools", "pypinyin") if name in sys.modules))
    """)
    done = run_fresh(code, tmp_path)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_requests_racing_to_be_a_workers_first_are_all_given_every_callback(tmp_path):
    """Dash sets itself up at its first request behind an unlocked flag; a second request during that set-up was
    answered with no callbacks (a page that never draws: the deployment test saw it under load). The set-up is done
    by create_app now. The race is made certain: Dash's layout validation, part of that set-up, waits until another
    request has been answered, so an app still setting up at its first request fails here every time."""
    code = textwrap.dedent("""
        import json, threading
        import dash._validate
        import app
        server = app.create_server()
        other_answered = threading.Event()
        def slow_validation(*args, **kwargs):
            other_answered.wait(30)
        dash._validate.validate_layout = slow_validation
        counts = {}
        def ask(name):
            counts[name] = len(json.loads(server.test_client().get("/_dash-dependencies").data))
            other_answered.set()
        first = threading.Thread(target=ask, args=("first",))
        first.start()
        ask("second")
        first.join()
        print(counts["first"], counts["second"])
    """)
    done = run_fresh(code, tmp_path)
    first, second = map(int, done.stdout.split()[-2:])
    assert first == second > 10
