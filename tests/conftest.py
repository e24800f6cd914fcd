"""Shared fixtures: a live dashboard on a free local port and a headless Chromium page."""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path

import pytest

# Every test reads a store of its own, seeded afresh, never the developer's instance/ database.
_STORE_DIR = tempfile.mkdtemp(prefix="sdplan-test-")
atexit.register(shutil.rmtree, _STORE_DIR, True)
os.environ["DATABASE_URL"] = f"sqlite:///{_STORE_DIR}/store.sqlite"

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# `store`: a fresh store per test, on SQLite and PostgreSQL; `server`: the admin blueprint with three users
pytest_plugins = ("store_fixtures", "admin_fixtures")

CHROMIUM = os.environ.get("SDPLAN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def _small_dataset():
    from small_dataset import small_dataset

    return small_dataset()


@pytest.fixture
def small(_small_dataset, monkeypatch):
    """The hand-built dataset of ``tests/small_dataset.py``; the test may not connect to any store."""
    from sqlalchemy.engine import Engine

    def refuse(*args, **kwargs):
        raise AssertionError("a test on the small dataset tried to connect to a store")

    monkeypatch.setattr(Engine, "connect", refuse)
    return _small_dataset


@pytest.fixture(scope="session")
def data():
    """The dataset of the test store (seeded from the bundled tables), as the dashboard reads it.

    Only for acceptance and integration tests: domain tests use ``small``.
    """
    from sdplan.store.current import current_dataset
    from sdplan.store.db import open_store

    return current_dataset(open_store())


@pytest.fixture(scope="session")
def live_server():
    """The real app served by werkzeug in a background thread; yields its base URL."""
    from werkzeug.serving import make_server

    from app import server
    from sdplan.store.db import open_store

    open_store()  # the session's store (another test may have imported the app while pointing elsewhere)

    logging.getLogger("werkzeug").setLevel(logging.WARNING)

    httpd = make_server("127.0.0.1", 0, server, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make system-deps` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright gives each launch a fresh, empty profile of its own.
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def browser_context(browser):
    """One context for the session, so the browser's HTTP cache serves the app's scripts after the first page.

    It bypasses the Content-Security-Policy: Playwright's string predicates (``wait_for_function``)
    are evaluated in the page, which the CSP forbids. tests/test_browser_security.py keeps the CSP.
    """
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN", bypass_csp=True)
    yield context
    context.close()


@pytest.fixture
def page(browser_context, live_server):
    """A fresh page that records console errors and failed requests in ``page.problems``."""
    page = browser_context.new_page()
    page.set_default_timeout(15_000)
    page.problems = []
    page.on("console", lambda msg: msg.type == "error" and page.problems.append(f"console: {msg.text}"))
    page.on("pageerror", lambda exc: page.problems.append(f"pageerror: {exc}"))
    page.on("requestfailed", lambda req: page.problems.append(f"requestfailed: {req.url}"))
    page.base_url = live_server
    yield page
    page.close()
