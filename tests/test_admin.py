"""The /admin blueprint through Flask's test client: sign-in, upload, preview, confirm, history,
rollback, refusals for viewers and other departments, CSRF, escaping."""

import re

from admin_fixtures import PASSWORD, ROWS, signed_in, token, upload

import admin
from sdplan.store.auth import add_user
from sdplan.store.current import current_dataset, dump, history


def test_viewing_needs_no_login(server):
    client = server.test_client()
    assert client.get("/admin/").status_code == 200
    page = client.get("/admin/history").get_data(as_text=True)
    assert "seed from data/indicators" in page and "回滚" not in page
    r = client.get("/admin/template/sewer_retrofit_km.csv")
    assert r.status_code == 200 and "历下区" in r.get_data().decode("utf-8-sig")
    assert client.get("/admin/?lang=en").get_data(as_text=True).count("Import templates") >= 1


def test_upload_preview_confirm_and_rollback(server):
    client = signed_in(server, "ann")
    r = upload(client, ROWS)
    assert r.status_code == 302 and "/admin/preview/" in r.location
    page = client.get(r.location).get_data(as_text=True)
    assert "历下区" in page and "3.5" in page and "新增 1 行" in page
    assert current_dataset().observations("sewer_retrofit_km").query("period == '2024'").empty  # nothing until confirmed
    confirm_url = re.search(r'action="(/admin/confirm/[^"]+)"', page).group(1)
    r = client.post(confirm_url, data={"csrf_token": token(client), "indicator": "sewer_retrofit_km"})
    assert r.status_code == 302 and r.location.endswith("/admin/history")
    assert current_dataset().observations("sewer_retrofit_km").query("period == '2024'")["value"].tolist() == [3.5]
    page = client.get("/admin/history").get_data(as_text=True)
    assert "#2" in page and "&lt;b&gt;q3&lt;/b&gt;" in page and "<b>q3</b>" not in page
    r = client.post("/admin/rollback/2", data={"csrf_token": token(client)})
    assert r.status_code == 302
    assert current_dataset().observations("sewer_retrofit_km").query("period == '2024'").empty


def test_a_bad_file_lists_every_problem_and_changes_nothing(server, store):
    client = signed_in(server, "ann")
    before = dump(store)
    r = upload(client, "region,period,value\n市中区,2024,-1\n<script>alert(1)</script>,2024,1\n".encode())
    page = r.get_data(as_text=True)
    assert r.status_code == 400 and "第 2 行" in page and "第 3 行" in page and "prefecture" in page
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert dump(store) == before


def test_a_viewer_cannot_import_confirm_or_roll_back(server, store):
    client = server.test_client()
    before = dump(store)
    r = upload(client, ROWS)
    assert r.status_code == 302 and "/admin/login" in r.location
    assert client.post("/admin/confirm/whatever", data={"csrf_token": token(client)}).status_code == 302
    assert client.post("/admin/rollback/1", data={"csrf_token": token(client)}).status_code == 302
    assert dump(store) == before


def test_an_editor_of_another_department_is_refused(server, store):
    ann = signed_in(server, "ann")
    staged = upload(ann, ROWS).location
    bob = signed_in(server, "bob")
    before = dump(store)
    r = upload(bob, ROWS)
    assert r.status_code == 403 and "无权导入" in r.get_data(as_text=True)
    assert bob.post("/admin/rollback/1", data={"csrf_token": token(bob)}).status_code == 403
    token_part = staged.split("/admin/preview/")[1].split("?")[0]
    assert bob.post(f"/admin/confirm/{token_part}", data={"csrf_token": token(bob)}).status_code == 404  # not his upload
    assert dump(store) == before


def test_state_changes_without_a_csrf_token_are_refused(server, store):
    client = signed_in(server, "root")
    before = dump(store)
    assert upload(client, ROWS, csrf=False).status_code == 400
    assert client.post("/admin/rollback/1").status_code == 400
    assert dump(store) == before


def test_a_confirmation_after_someone_else_changed_the_indicator_is_a_conflict(server):
    ann, root = signed_in(server, "ann"), signed_in(server, "root")
    first, second = upload(ann, ROWS).location, upload(root, "region,period,value\n历下,2024,9\n".encode()).location
    ann_page, root_page = ann.get(first).get_data(as_text=True), root.get(second).get_data(as_text=True)
    url = re.search(r'action="(/admin/confirm/[^"]+)"', root_page).group(1)
    assert root.post(url, data={"csrf_token": token(root), "indicator": "sewer_retrofit_km"}).status_code == 302
    url = re.search(r'action="(/admin/confirm/[^"]+)"', ann_page).group(1)
    r = ann.post(url, data={"csrf_token": token(ann), "indicator": "sewer_retrofit_km"})
    assert r.status_code == 409 and "冲突" in r.get_data(as_text=True)
    assert current_dataset().observations("sewer_retrofit_km").query("period == '2024'")["value"].tolist() == [9.0]


def test_passwords_are_stored_hashed_with_scrypt(store):
    from sqlalchemy import select

    from sdplan.store import models

    add_user(store, "carol", PASSWORD, "省大数据局")
    with store.connect() as conn:
        stored = conn.execute(select(models.users.c.password_hash)).scalar()
    assert stored.startswith("scrypt:") and PASSWORD not in stored


def test_the_secret_key_is_generated_once_into_instance(tmp_path, monkeypatch):
    monkeypatch.delenv("SDPLAN_SECRET_KEY", raising=False)
    first = admin.secret_key(tmp_path)
    assert len(first) >= 32 and admin.secret_key(tmp_path) == first
    monkeypatch.setenv("SDPLAN_SECRET_KEY", "configured")
    assert admin.secret_key(tmp_path) == "configured"


def test_exported_figures_cannot_run_as_spreadsheet_formulas(server):
    client = signed_in(server, "ann")
    content = "region,period,value,note\n历下,2024,3.5,=HYPERLINK(\"http://evil\")\n长清,2024,1,@SUM(A1)\n".encode()
    page = client.get(upload(client, content).location).get_data(as_text=True)
    url = re.search(r'action="(/admin/confirm/[^"]+)"', page).group(1)
    client.post(url, data={"csrf_token": token(client), "indicator": "sewer_retrofit_km"})
    exported = server.test_client().get("/admin/export/sewer_retrofit_km.csv").get_data().decode("utf-8-sig")
    assert "'=HYPERLINK" in exported and "'@SUM(A1)" in exported
    assert ",=HYPERLINK" not in exported and ",@SUM" not in exported


def test_wrong_password_is_refused(server):
    client = server.test_client()
    r = client.post("/admin/login", data={"username": "ann", "password": "nope", "csrf_token": token(client, "/admin/login")})
    assert r.status_code == 401


def test_the_dashboard_app_mounts_admin_and_dash_posts_need_no_csrf_token(store):
    from app import server as dash_server

    client = dash_server.test_client()
    assert client.get("/admin/").status_code == 200
    r = client.post("/_dash-update-component", json={"output": "x.children", "outputs": {"id": "x", "property": "children"},
                                                      "inputs": [], "changedPropIds": []})
    assert r.status_code != 400 or "CSRF" not in r.get_data(as_text=True)
    assert len(history(store)) == 1


def test_workers_starting_together_agree_on_one_secret_key(tmp_path, monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    from admin import secret_key

    monkeypatch.delenv("SDPLAN_SECRET_KEY", raising=False)
    with ThreadPoolExecutor(8) as pool:
        keys = set(pool.map(lambda _: secret_key(tmp_path), range(16)))
    assert len(keys) == 1 and len(keys.pop()) == 64
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0  # readable by its owner only


def test_an_administrator_may_roll_back_anything_and_unknown_or_repeated_rollbacks_are_refused(server, store):
    root = signed_in(server, "root")
    before = dump(store)
    r = root.post("/admin/rollback/99", data={"csrf_token": token(root)})
    assert r.status_code == 404 and "不存在批次 #99" in r.get_data(as_text=True)
    assert dump(store) == before
    assert root.post("/admin/rollback/1", data={"csrf_token": token(root)}).status_code == 302  # the seed: every department's
    assert current_dataset().observations("sewer_retrofit_km").empty
    r = root.post("/admin/rollback/1?lang=en", data={"csrf_token": token(root)})
    assert r.status_code == 409 and "Batch #1 is already rolled back" in r.get_data(as_text=True)


def test_an_editor_is_told_at_upload_which_indicators_of_the_file_are_not_theirs(server, store):
    ann = signed_in(server, "ann")
    before = dump(store)
    content = b"indicator,adcode,period,value\nsewer_retrofit_km,370102,2024,3.5\nsmart_city_stars,370200,2024,4\n"
    r = upload(ann, content, indicator="")
    page = r.get_data(as_text=True)
    assert r.status_code == 403 and "无权导入或回滚指标 smart_city_stars 的数值" in page
    assert dump(store) == before


def test_english_pages_name_departments_in_english(server):
    from markupsafe import escape

    from sdplan.catalog import load_catalog
    from sdplan.translations import english_names

    catalog = load_catalog()
    departments = {d for i in catalog.indicators for d in catalog.lead_departments(i)}  # the index page lists these
    assert "省住房城乡建设厅" in departments
    client = signed_in(server, "ann")  # of 省住房城乡建设厅, shown beside the account's name
    english = client.get("/admin/?lang=en").get_data(as_text=True)
    chinese = client.get("/admin/?lang=zh").get_data(as_text=True)
    for name in departments:
        assert name not in english and str(escape(english_names()[name])) in english, name
        assert name in chinese, name
    assert "、" not in english
