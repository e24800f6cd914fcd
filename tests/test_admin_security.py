"""The admin area fails closed: no 5xx for any request a browser can send, sessions that end on
sign-out and password change, sign-in limits, the upload cap before the body is read, cookie
settings and security headers, short secret keys refused, usernames only for signed-in users."""

import io
import re
from itertools import product

import pytest
from admin_fixtures import PASSWORD, ROWS, signed_in, token, upload
from flask import Flask

import admin
from sdplan.store.auth import add_user, get_user, remove_user
from sdplan.store.current import current_dataset, dump

NASTY = ["x", "0", "1", "99999999999999999999", "%00", "..%2f..%2fapp.py", "a" * 300, "名字", "%ff%fe", "csv"]
QUERIES = ["", "?lang=en&next=//evil.example&indicator=nope", "?lang=%00&indicator=sewer_retrofit_km"]


class Unreadable(io.RawIOBase):
    """A request body of ``size`` bytes (as the client announces it) that fails the test if anything reads it."""

    def __init__(self, size: int):
        self.size, self.position = size, 0

    def readable(self):
        return True

    def seekable(self):
        return True

    def seek(self, offset, whence=0):
        self.position = {0: offset, 1: self.position + offset, 2: self.size + offset}[whence]
        return self.position

    def tell(self):
        return self.position

    def readinto(self, _buffer):
        raise AssertionError("the body was read")


def admin_urls(server: Flask) -> list[str]:
    """Every /admin route with each nasty value in each of its parts, and their query strings."""
    urls = []
    for rule in server.url_map.iter_rules():
        if not rule.rule.startswith("/admin") or rule.endpoint == "admin.logout":
            continue
        parts = re.findall(r"<[^>]+>", rule.rule)
        for values in ([v] * len(parts) for v in NASTY) if parts else [[]]:
            path = rule.rule
            for part, value in zip(parts, values):
                path = path.replace(part, value, 1)
            urls += [path + q for q in QUERIES]
    return sorted(set(urls))


def bodies(client) -> list[dict]:
    good = token(client)
    return [
        {},
        {"csrf_token": "forged"},
        {"csrf_token": good},
        {"csrf_token": good, "indicator": "../../etc/passwd", "note": "\x00" * 10, "username": "\x00", "password": "x",
         "current": "", "new": "short", "repeat": "other"},
        {"csrf_token": good, "indicator": "sewer_retrofit_km", "file": (io.BytesIO(b"\x00\xff garbage"), "a\x00b.xlsx")},
        {"csrf_token": good, "file": (io.BytesIO(ROWS), "")},
    ]


def test_no_admin_route_answers_5xx_to_missing_forged_or_out_of_order_input(server):
    clients = {"anonymous": server.test_client(), "editor": signed_in(server, "ann"), "admin": signed_in(server, "root")}
    staged = upload(clients["editor"], ROWS).location.split("/admin/preview/")[1]
    failures = []
    for (who, client), url in product(clients.items(), admin_urls(server)):
        for method in ("GET", "HEAD", "PUT", "DELETE"):
            status = client.open(url, method=method).status_code
            if status >= 500:
                failures.append((who, method, url, status))
        for body in bodies(client):
            status = client.post(url, data=body, content_type="multipart/form-data").status_code
            if status >= 500:
                failures.append((who, "POST", url, status, sorted(body)))
    editor = clients["editor"]  # out of order: confirm after cancel, twice, and another person's upload
    for path in (f"/admin/cancel/{staged}", f"/admin/confirm/{staged}", f"/admin/confirm/{staged}", "/admin/rollback/2"):
        status = editor.post(path, data={"csrf_token": token(editor)}).status_code
        if status >= 500:
            failures.append(("editor", "POST", path, status))
    assert failures == []


def test_a_session_captured_before_sign_out_is_refused_after_it(server):
    client = signed_in(server, "ann")
    captured = client.get_cookie("session").value
    assert "ann" in client.get("/admin/").get_data(as_text=True)
    client.post("/admin/logout", data={"csrf_token": token(client)})
    thief = server.test_client()
    thief.set_cookie("session", captured)
    page = thief.get("/admin/")
    assert "ann" not in page.get_data(as_text=True) and "上传数据文件" not in page.get_data(as_text=True)
    assert thief.post("/admin/upload", data={"csrf_token": "x"}).status_code == 302  # to the sign-in page
    assert signed_in(server, "ann").get("/admin/").status_code == 200  # signing in again works


def test_a_removed_accounts_session_opens_nothing_for_the_account_made_after_it(server, store):
    """On SQLite the next account is given a removed account's id: the session must not follow the id."""
    newest = add_user(store, "zed", PASSWORD, "省住房城乡建设厅")
    client = signed_in(server, "zed")
    captured = client.get_cookie("session").value
    assert remove_user(store, "zed")
    admin_after = add_user(store, "eve", PASSWORD, is_admin=True)
    if store.dialect.name == "sqlite":
        assert admin_after.id == newest.id  # the trap this guards against: the id is given again
    thief = server.test_client()
    thief.set_cookie("session", captured)
    page = thief.get("/admin/history").get_data(as_text=True)
    assert "eve" not in page and "zed" not in page
    assert thief.get("/admin/").status_code in (200, 302) and "eve" not in thief.get("/admin/").get_data(as_text=True)
    assert "eve" in signed_in(server, "eve").get("/admin/").get_data(as_text=True)  # the new account itself works


def test_session_keys_are_random_and_replaced_on_sign_out(server, store):
    keys = {get_user(store, name).session_key for name in ("ann", "bob", "root")}
    assert len(keys) == 3 and all(len(k) >= 40 for k in keys)
    client = signed_in(server, "ann")
    before = get_user(store, "ann").session_key
    client.post("/admin/logout", data={"csrf_token": token(client)})
    assert get_user(store, "ann").session_key not in keys | {before, ""}


def test_changing_the_password_ends_every_other_session(server, store):
    key_before = get_user(store, "ann").session_key
    here, elsewhere = signed_in(server, "ann"), signed_in(server, "ann")
    r = here.post("/admin/password", data={"csrf_token": token(here), "current": "wrong", "new": "a new secret",
                                           "repeat": "a new secret"})
    assert r.status_code == 400 and "当前密码不正确" in r.get_data(as_text=True)
    r = here.post("/admin/password?lang=en", data={"csrf_token": token(here), "current": PASSWORD, "new": "a new secret",
                                                   "repeat": "another"})
    assert r.status_code == 400 and "differ" in r.get_data(as_text=True)
    r = here.post("/admin/password", data={"csrf_token": token(here), "current": PASSWORD, "new": "a new secret",
                                           "repeat": "a new secret"})
    assert r.status_code == 302
    assert "ann" in here.get("/admin/").get_data(as_text=True)  # this session goes on
    assert "ann" not in elsewhere.get("/admin/").get_data(as_text=True)  # the other one ended
    r = _sign_in(server.test_client(), "ann", "a new secret")
    assert r.status_code == 302 and get_user(store, "ann").session_key != key_before


def _sign_in(client, username, password, address="127.0.0.1"):
    return client.post("/admin/login", data={"username": username, "password": password,
                                             "csrf_token": token(client, "/admin/login")},
                       environ_base={"REMOTE_ADDR": address})


def test_failed_sign_ins_are_limited_per_account_and_per_address(server):
    client = server.test_client()
    for i in range(10):
        assert _sign_in(client, "ann", f"wrong {i}").status_code == 401
    r = _sign_in(client, "ann", PASSWORD)
    assert r.status_code == 429 and "登录失败次数过多" in r.get_data(as_text=True)  # even the right password, for now
    assert _sign_in(client, "bob", PASSWORD).status_code == 302  # another account is not locked
    other = server.test_client()
    for i in range(30):
        assert _sign_in(other, f"nobody{i}", "wrong", "10.1.2.3").status_code == 401
    r = _sign_in(other, "root", PASSWORD, "10.1.2.3")
    assert r.status_code == 429
    assert _sign_in(server.test_client(), "root", PASSWORD, "10.9.9.9").status_code == 302


def test_cookies_are_http_only_and_same_site_and_secure_when_asked(server, monkeypatch):
    client = signed_in(server, "ann")
    cookie = client.get_cookie("session")
    assert cookie.http_only and cookie.same_site == "Lax" and not cookie.secure
    monkeypatch.setenv("SDPLAN_SECURE_COOKIES", "1")
    app = Flask("secure")
    admin.init_app(app)
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_an_upload_over_the_cap_is_refused_before_its_body_is_read(server):
    client = signed_in(server, "ann")
    csrf = token(client)
    r = client.post(f"/admin/upload?lang=en&csrf_token={csrf}", input_stream=Unreadable(60 * 2**20),
                    content_type="multipart/form-data; boundary=x")  # the body fails the test if it is read
    assert r.status_code == 413 and "at most 25 MB" in r.get_data(as_text=True)
    anonymous = server.test_client()
    r = anonymous.post("/admin/upload", input_stream=Unreadable(1536 * 2**20), content_type="multipart/form-data; boundary=x")
    assert r.status_code == 302 and "/admin/login" in r.location  # sent to sign in, nothing read


def test_security_headers_on_every_admin_page(server):
    r = server.test_client().get("/admin/")
    assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
    assert r.headers["X-Frame-Options"] == "DENY" and r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "onsubmit" not in signed_in(server, "root").get("/admin/history").get_data(as_text=True)  # no inline script


def test_a_short_secret_key_is_refused_outside_development(monkeypatch, store):
    monkeypatch.setenv("SDPLAN_SECRET_KEY", "short-key11")
    monkeypatch.delenv("SDPLAN_DEBUG", raising=False)
    with pytest.raises(RuntimeError, match="secrets.token_hex"):
        admin.init_app(Flask("short"))
    monkeypatch.setenv("SDPLAN_DEBUG", "1")
    admin.init_app(Flask("development"))


def test_usernames_are_shown_only_to_signed_in_people(server):
    root = signed_in(server, "root")
    upload(root, ROWS)
    page = root.get(re.search(r"/admin/preview/\S+", upload(root, ROWS).location).group(0)).get_data(as_text=True)
    url = re.search(r'action="(/admin/confirm/[^"]+)"', page).group(1)
    root.post(url, data={"csrf_token": token(root)})
    assert "root" in root.get("/admin/history").get_data(as_text=True)
    public = server.test_client().get("/admin/history").get_data(as_text=True)
    assert ">root<" not in public and ">system<" not in public and "#2" in public


def test_the_preview_in_english_and_a_confirmation_without_the_indicator_field_work(server, store):
    client = signed_in(server, "ann")
    location = upload(client, "region,period,value\n历下,2024,-0\n".encode()).location
    page = client.get(location + "?lang=en")
    assert page.status_code == 200 and "1 new" in page.get_data(as_text=True)
    assert ">0<" in page.get_data(as_text=True) and ">-0<" not in page.get_data(as_text=True)
    url = re.search(r'action="(/admin/confirm/[^"]+)"', page.get_data(as_text=True)).group(1)
    assert client.post(url, data={"csrf_token": token(client), "indicator": "smart_city_stars"}).status_code == 302
    assert current_dataset().observations("sewer_retrofit_km").query("period == '2024'")["value"].tolist() == [0.0]


def test_a_crafted_component_suite_path_is_not_found(store):
    from app import server as dash_server

    client = dash_server.test_client()
    for path in ("/_dash-component-suites/dash/..%2f..%2fapp.py", "/_dash-component-suites/nope/x.js"):
        assert client.get(path).status_code == 404
    assert dump(store)
