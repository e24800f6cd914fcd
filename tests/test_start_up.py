"""Importing the app has no side effects; start-up is the explicit step that opens the store."""

import os
import subprocess
import sys
import textwrap

from sqlalchemy import inspect

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


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
