"""The app on more than one machine: two gunicorn masters (each with its own workers) sharing one PostgreSQL
database, behind Debian's nginx running the committed ``deploy/nginx/sdplan.conf`` (ports substituted,
``deploy/local.py``).

A figure imported through one server's admin pages shows in the other's map callback at its next
request; a sign-in made on one is good on the other; nginx serves the page and the content-addressed
boundary layer compressed and cached for a year, spreading requests over both servers.
Skips without nginx or ``SDPLAN_TEST_POSTGRES_URL``, except under CI, where it fails.
"""

from __future__ import annotations

import gzip
import http.client
import json
import os
import re
import secrets
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import brotli
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from dash_requests import ENDPOINT, Session, map_spec  # noqa: E402

from components import ids  # noqa: E402
from deploy import local  # noqa: E402

pytestmark = pytest.mark.deployment

PASSWORD = "correct horse battery"
LEAD = "省住房城乡建设厅"  # leads sewer_retrofit_km
IMMUTABLE = "public, max-age=31536000, immutable"
INDICATOR, COUNTY, VALUE = "sewer_retrofit_km", "370102", 77.7  # 历下区 has no 2022 figure in the seed
WRITTEN = "77.7公里"  # the figure as the map's tooltip writes it
UPLOAD = f"region,period,value\n历下,2022,{VALUE}\n".encode()


def missing(what: str) -> None:
    """Fail under CI, skip elsewhere."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"CI=true but {what}")
    pytest.skip(what)


@dataclass
class Deployment:
    a: int  # the two app servers' ports
    b: int
    proxy: int  # nginx
    prefix: Path  # nginx's folder (its access log)
    masters: list[subprocess.Popen]  # A's and B's gunicorn masters


@pytest.fixture(scope="module")
def deployment():
    postgres = os.environ.get("SDPLAN_TEST_POSTGRES_URL")
    if not postgres:
        missing("SDPLAN_TEST_POSTGRES_URL is not set (.ci/run starts PostgreSQL and sets it)")
    if local.find_nginx() is None:
        missing("nginx is not installed (deploy/install-nginx, as root)")
    from sdplan.store.auth import add_user
    from sdplan.store.db import make_engine, prepare

    a, b, proxy = local.free_port(), local.free_port(), local.free_port()
    with local.fresh_schema(postgres) as url:
        engine = make_engine(url)
        prepare(engine)  # migrated and seeded once, as the first server to start would
        add_user(engine, "ann", PASSWORD, LEAD)
        engine.dispose()
        env = local.server_env(url, secrets.token_hex(32), SDPLAN_WORKERS="2", SDPLAN_THREADS="2")
        with local.app_servers([a, b], env) as masters, \
                local.nginx([f"127.0.0.1:{a}", f"127.0.0.1:{b}"], proxy) as prefix:
            yield Deployment(a, b, proxy, prefix, masters)


class Browser:
    """One browser's session cookie, sent to whichever server is asked (as behind nginx, where any may answer)."""

    def __init__(self) -> None:
        self.cookie: str | None = None

    def request(self, port: int, method: str, path: str, body: bytes | None = None,
                headers: dict | None = None) -> tuple[int, http.client.HTTPMessage, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request(method, path, body=body, headers={**(headers or {}), **({"Cookie": self.cookie} if self.cookie else {})})
        response = conn.getresponse()
        data = response.read()
        conn.close()
        for value in response.headers.get_all("Set-Cookie") or []:
            if value.startswith("session="):
                self.cookie = value.split(";", 1)[0]
        return response.status, response.headers, data

    def token(self, port: int, path: str = "/admin/") -> str:
        page = self.request(port, "GET", path)[2].decode()
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def form(self, port: int, path: str, fields: dict) -> tuple[int, http.client.HTTPMessage, bytes]:
        return self.request(port, "POST", path, urlencode(fields).encode(),
                            {"Content-Type": "application/x-www-form-urlencoded"})

    def sign_in(self, port: int) -> None:
        status, headers, _ = self.form(port, "/admin/login", {"username": "ann", "password": PASSWORD,
                                                              "csrf_token": self.token(port, "/admin/login")})
        assert status == 302 and "/admin/login" not in headers["Location"], status

    def upload(self, port: int, content: bytes, token: str) -> tuple[int, http.client.HTTPMessage, bytes]:
        boundary = secrets.token_hex(12)
        fields = {"indicator": INDICATOR, "note": "deployment test", "csrf_token": token}
        body = b"".join(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
                        for k, v in fields.items())
        body += (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="figures.csv"\r\n'
                 "Content-Type: text/csv\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
        return self.request(port, "POST", "/admin/upload", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})


def decoded(headers: http.client.HTTPMessage, data: bytes) -> bytes:
    encoding = headers.get("Content-Encoding")
    return brotli.decompress(data) if encoding == "br" else gzip.decompress(data) if encoding == "gzip" else data


def county_figure(port: int) -> tuple[str | None, int]:
    """What server ``port``'s map callback draws for 历下区 (a fresh page: everything travels), and which worker
    drew it: the process holding the other end of the connection (iproute2's ss; Debian's nginx depends on it)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/_dash-dependencies")
    page = Session(map_spec(json.loads(conn.getresponse().read())))
    body = json.dumps(page.body(ids.MAP_QUERY, f"?indicator={INDICATOR}&level=county")).encode()
    conn.request("POST", ENDPOINT, body=body, headers={"Content-Type": "application/json", "Accept-Encoding": "gzip"})
    response = conn.getresponse()
    payload = response.read()
    # the server's end of this connection: from the server's port to ours (our port alone is also the far end of
    # other connections, e.g. a worker's own to PostgreSQL on the same ephemeral number)
    sockets = subprocess.run(["ss", "-Htnp", "state", "established",
                              f"( sport = :{port} and dport = :{conn.sock.getsockname()[1]} )"],
                             capture_output=True, text=True, check=True).stdout
    conn.close()
    assert response.status == 200, payload[:300]
    hideout = page.receive(payload, response.getheader("Content-Encoding"))[ids.MAP_HIDEOUT]["data"]
    shown = dict(zip(hideout["codes"], hideout["val"]))[COUNTY]  # None: no figure
    return shown, int(re.search(r"pid=(\d+)", sockets).group(1))


def warm(deployment: Deployment) -> set[int]:
    """The workers of server B that have drawn the map (and kept its answer for the seeded data): requests go 16 at
    a time until every worker took some, or 50 rounds (an answer takes milliseconds: one worker may take them all)."""
    master = deployment.masters[1].pid
    workers = {int(pid) for pid in Path(f"/proc/{master}/task/{master}/children").read_text().split()}
    seen: set[int] = set()
    with ThreadPoolExecutor(16) as pool:
        for _ in range(50):
            for figure, worker in pool.map(lambda _: county_figure(deployment.b), range(16)):
                assert figure is None  # the seeded dataset: no figure for 历下区
                seen.add(worker)
            if workers <= seen:
                break
    assert seen <= workers and seen
    return seen


def test_nginx_serves_the_page_and_the_boundaries_compressed_and_cached_from_both_servers(deployment):
    browser = Browser()
    status, headers, page = browser.request(deployment.proxy, "GET", "/", headers={"Accept-Encoding": "gzip, br"})
    html = decoded(headers, page).decode()
    assert status == 200 and "dash-renderer" in html
    assert "immutable" not in (headers.get("Cache-Control") or "")  # the page is never cached for long
    layer = re.search(r'href="(/geo/prefecture\.[0-9a-f]+\.geojson)"', html).group(1)
    for accept in ("gzip, br", "gzip"):
        status, headers, data = browser.request(deployment.proxy, "GET", layer, headers={"Accept-Encoding": accept})
        assert status == 200 and headers.get_all("Cache-Control") == [IMMUTABLE]
        assert headers["Content-Encoding"] in accept.split(", ") and len(data) < 100_000
        assert len(json.loads(decoded(headers, data))["features"]) == 16
    script = re.search(r'src="(/_dash-component-suites/[^"]+\.v[\w-]+m[0-9a-f]+\.[^"]+)"', html).group(1)
    status, headers, _ = browser.request(deployment.proxy, "GET", script, headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get_all("Cache-Control") == [IMMUTABLE]
    stale = layer.replace(layer.split(".")[1], "0" * 12)
    status, headers, _ = browser.request(deployment.proxy, "GET", stale)
    assert status == 404 and "immutable" not in (headers.get("Cache-Control") or "")
    for _ in range(4):
        browser.request(deployment.proxy, "GET", "/_dash-layout")
    log = (deployment.prefix / "access.log").read_text()
    assert {f"127.0.0.1:{deployment.a}", f"127.0.0.1:{deployment.b}"} <= set(re.findall(r"127\.0\.0\.1:\d+", log))


def test_a_figure_imported_through_one_server_shows_on_the_other_at_its_next_request(deployment):
    workers = warm(deployment)  # server B's workers that hold the seeded dataset and its answer
    ann = Browser()
    ann.sign_in(deployment.a)
    status, headers, _ = ann.upload(deployment.a, UPLOAD, ann.token(deployment.a))
    assert status == 302 and "/admin/preview/" in headers["Location"], status
    preview = ann.request(deployment.a, "GET", headers["Location"])[2].decode()
    confirm = re.search(r'action="(/admin/confirm/[^"]+)"', preview).group(1)
    status, headers, _ = ann.form(deployment.a, confirm, {"csrf_token": ann.token(deployment.a), "indicator": INDICATOR})
    assert status == 302 and headers["Location"].endswith("/admin/history")
    imported = time.perf_counter()
    shown, _ = county_figure(deployment.b)
    seconds = time.perf_counter() - imported
    print(f"\nimported on server A, drawn by server B's map callback {seconds * 1000:.0f} ms later")
    assert shown == WRITTEN  # at B's very next request
    # Every worker of B reads the new revision once (one thread; its other threads answer from the previous
    # dataset meanwhile, so an import costs readers little) and from then on draws the new figure only.
    drawn: list[tuple[str | None, int]] = []
    with ThreadPoolExecutor(4) as pool:
        while len(drawn) < 80 and not workers <= {worker for figure, worker in drawn if figure == WRITTEN}:
            drawn += pool.map(lambda _: county_figure(deployment.b), range(4))
        assert workers <= {worker for figure, worker in drawn if figure == WRITTEN}
        after = list(pool.map(lambda _: county_figure(deployment.b), range(16)))
    assert {figure for figure, _ in after} == {WRITTEN}


def test_a_sign_in_on_one_server_is_good_on_the_other(deployment):
    ann = Browser()
    ann.sign_in(deployment.a)
    page = ann.request(deployment.b, "GET", "/admin/")[2].decode()
    assert re.search(r'class="who">[^<]*ann', page)
    # the CSRF token is in the signed session too: one from server A is accepted by server B
    status, headers, _ = ann.upload(deployment.b, UPLOAD, ann.token(deployment.a))
    assert status == 302 and "/admin/preview/" in headers["Location"], status
    staged = headers["Location"]  # staged in the database: server A previews what B received
    status, _, preview = ann.request(deployment.a, "GET", staged)
    assert status == 200 and "历下区" in preview.decode()
    cancel = staged.replace("/admin/preview/", "/admin/cancel/").split("?")[0]
    assert ann.form(deployment.a, cancel, {"csrf_token": ann.token(deployment.b)})[0] == 302
