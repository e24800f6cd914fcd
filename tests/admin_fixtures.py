"""The admin area's test set-up, shared by tests/test_admin.py and tests/test_admin_security.py: the admin
blueprint on a bare Flask app with three users, and the steps a person takes (sign in, upload)."""

import io
import re

import pytest
from flask import Flask

import admin
from sdplan.store.auth import add_user

PASSWORD = "correct horse"


@pytest.fixture
def server(store, monkeypatch):
    """The admin blueprint on a bare Flask app, with ann (an editor), bob (another department) and root."""
    monkeypatch.setenv("SDPLAN_SECRET_KEY", "test-secret-" + "x" * 32)
    monkeypatch.setattr("sdplan.store.auth.PASSWORD_METHOD", "pbkdf2:sha256:1000")  # fast; production uses scrypt
    app = Flask("test")
    admin.init_app(app)
    add_user(store, "ann", PASSWORD, "省住房城乡建设厅")
    add_user(store, "bob", PASSWORD, "省大数据局")
    add_user(store, "root", PASSWORD, is_admin=True)
    return app


def token(client, path="/admin/login") -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).get_data(as_text=True)).group(1)


def signed_in(server, username):
    client = server.test_client()
    r = client.post("/admin/login",
                    data={"username": username, "password": PASSWORD, "csrf_token": token(client, "/admin/login")})
    assert r.status_code == 302
    return client


def upload(client, content: bytes, name="d.csv", indicator="sewer_retrofit_km", csrf=True):
    data = {"file": (io.BytesIO(content), name), "indicator": indicator, "note": "<b>q3</b>"}
    if csrf:
        data["csrf_token"] = token(client)
    return client.post("/admin/upload", data=data, content_type="multipart/form-data")


ROWS = "region,period,value\n历下,2024,3.5\n".encode("gbk")
