"""Sub-targets through the store and the admin pages: template, upload, preview with the sum warning,
confirm, the city judged against its own target, rollback; bad files change nothing (SQLite and PostgreSQL)."""

from __future__ import annotations

import io

import pytest
from admin_fixtures import signed_in, token

from sdplan.boundaries import load_regions
from sdplan.errors import DataError
from sdplan.intake.subtarget_files import parse_subtargets, subtarget_template
from sdplan.progress import progress
from sdplan.store.auth import add_user
from sdplan.store.batches import rollback_batch
from sdplan.store.current import current_dataset, dump
from sdplan.store.errors import ConflictError, PermissionDenied
from sdplan.store.subtarget_imports import apply_subtargets, preview_subtargets

CITIES = load_regions().query("level == 'prefecture'").sort_values("adcode")


def city_file(values: list[float], target: str | None = "t08_sewer_km", provenance: str | None = None) -> bytes:
    """A CSV of the 16 cities by name (济南, 青岛, …) with ``values`` in adcode order."""
    head = "target,region,value" + (",provenance" if provenance else "")
    rows = [f"{target},{name},{v:g}" + (f",{provenance}" if provenance else "")
            for name, v in zip(CITIES["name_zh"], values)]
    return ("\n".join([head, *rows]) + "\n").encode()


# 16 cities x 60 km = 960 km < 1,000 km: short by 40 km (worked by hand).
SHORT = city_file([60.0] * 16)
# 15 x 60 + 100 = 1,000 km: equal, no warning.
EQUAL = city_file([60.0] * 15 + [100.0])


def test_a_short_split_is_previewed_with_a_warning_and_accepted(store):
    ann = add_user(store, "ann", "correct horse", "省住房城乡建设厅")
    preview = preview_subtargets(store, SHORT, "split.csv", ann, isolated=False)
    assert preview.counts() == {"new": 16, "changed": 0, "same": 0}
    [warning] = preview.warnings
    assert warning.message("zh") == ("“改造雨污合流管网”:山东省所辖 16 个地区的分解目标合计 960公里,"
                                     "低于山东省目标 1,000公里,差 40公里。")
    assert "less than Shandong's target of 1,000 km by 40 km" in warning.message("en")
    batch = apply_subtargets(store, preview, ann)
    data = current_dataset(store)
    jinan = progress(data, "t08_sewer_km", "2022", prefecture="370100")
    assert (jinan.target_value, jinan.subtarget) == (60.0, True)
    assert data.subtargets_of("t08_sewer_km")["source_title"].eq("split.csv").all()  # provenance: the file
    rollback_batch(store, batch, ann)
    assert current_dataset(store).subtargets_of("t08_sewer_km").empty
    assert progress(current_dataset(store), "t08_sewer_km", "2022", prefecture="370100").target_value is None


def test_an_equal_split_has_no_warning_and_a_sample_split_stays_sample(store):
    root = add_user(store, "root", "correct horse", is_admin=True)
    assert preview_subtargets(store, EQUAL, "equal.csv", root, isolated=False).warnings == []
    preview = preview_subtargets(store, city_file([60.0] * 16, provenance="sample"), "s.csv", root, isolated=False)
    apply_subtargets(store, preview, root)
    assert set(current_dataset(store).subtargets_of("t08_sewer_km")["provenance"]) == {"sample"}


@pytest.mark.parametrize(("content", "column", "words"), [
    (b"target,region,value\nt08_sewer_km,\xe5\xb1\xb1\xe4\xb8\x9c\xe7\x9c\x81,900\n", "adcode", "分解目标不设在全省"),
    (b"target,region,value\nt08_sewer_km,\xe6\xb5\x8e\xe5\x8d\x97,-1\n", "value", "不小于 0"),
    (b"target,region,value\nno_such_target,\xe6\xb5\x8e\xe5\x8d\x97,1\n", "target", "目标代码"),
    (b"target,region,value\nt08_sewer_km,\xe6\xb5\x8e\xe5\x8d\x97,1\nt08_sewer_km,370100,2\n", "adcode", "重复"),
    (b"target,region,value\nt08_sewer_km,\xe6\xb5\x8e\xe5\x8d\x97,abc\n", "value", "数字"),
    (b"target,region,value\nurbanization_rate,\xe6\xb5\x8e\xe5\x8d\x97,120\n", "value", "100"),
    (b"region,value\n\xe6\xb5\x8e\xe5\x8d\x97,1\n", "target", "target 列"),
])
def test_a_bad_file_names_the_cell_and_changes_nothing(store, content, column, words):
    before = dump(store)
    with pytest.raises(DataError) as caught:
        parse_subtargets(content, "bad.csv", isolated=False)
    messages = [p.message("zh") for p in caught.value.problems]
    assert any(p.column == column for p in caught.value.problems), messages
    assert any(words in m for m in messages), messages
    assert dump(store) == before


def test_only_a_lead_department_may_split_its_target(store):
    bob = add_user(store, "bob", "correct horse", "省大数据局")
    with pytest.raises(PermissionDenied):
        preview_subtargets(store, SHORT, "split.csv", bob, isolated=False)


def test_a_second_confirmation_after_another_import_conflicts(store):
    root = add_user(store, "root", "correct horse", is_admin=True)
    first = preview_subtargets(store, SHORT, "a.csv", root, isolated=False)
    second = preview_subtargets(store, EQUAL, "b.csv", root, isolated=False)
    apply_subtargets(store, first, root)
    before = dump(store)
    with pytest.raises(ConflictError):
        apply_subtargets(store, second, root)
    assert dump(store) == before


def test_the_template_lists_every_city_and_imports_back(store):
    csv = subtarget_template("t08_sewer_km", "prefecture", "csv").decode("utf-8-sig")
    lines = csv.strip().splitlines()
    assert lines[0].startswith("地区名称,所属市,数值") and len(lines) == 17
    filled = "\n".join([lines[0]] + [line.replace(",,,,,,", ",,50,,,,", 1) for line in lines[1:]]) + "\n"
    rows, _, skipped = parse_subtargets(filled.encode(), "t.csv", isolated=False)
    assert len(rows) == 16 and skipped == 0 and set(rows["value"]) == {50.0}
    counties = subtarget_template("t08_sewer_km", "county", "xlsx")
    assert counties[:2] == b"PK"


def test_the_admin_pages_preview_warn_confirm_and_roll_back(server, store):
    client = signed_in(server, "ann")
    r = client.post("/admin/subtargets/upload", data={"file": (io.BytesIO(SHORT), "split.csv"), "target": "",
                                                      "csrf_token": token(client, "/admin/subtargets")},
                    content_type="multipart/form-data")
    assert r.status_code == 302, r.get_data(as_text=True)
    page = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "低于山东省目标 1,000公里,差 40公里" in page and 'role="alert"' in page
    english = client.get(r.headers["Location"] + "?lang=en").get_data(as_text=True)
    assert "less than Shandong&#39;s target of 1,000 km by 40 km" in english
    client.get("/admin/subtargets?lang=zh")
    confirm = r.headers["Location"].replace("/preview/", "/confirm/")
    done = client.post(confirm, data={"csrf_token": token(client, "/admin/subtargets")})
    assert done.status_code == 302
    history = client.get("/admin/history").get_data(as_text=True)
    assert "分解目标:改造雨污合流管网" in history
    assert current_dataset(store).subtargets_of("t08_sewer_km")["value"].sum() == 960.0
    batch = int(history.split('action="/admin/rollback/')[1].split('"')[0])
    client.post(f"/admin/rollback/{batch}", data={"csrf_token": token(client, "/admin/history")})
    assert current_dataset(store).subtargets_of("t08_sewer_km").empty


def test_the_admin_page_lists_problems_and_a_figures_preview_never_reads_a_subtargets_file(server, store):
    client = signed_in(server, "ann")
    bad = b"target,region,value\nt08_sewer_km,\xe5\xb1\xb1\xe4\xb8\x9c\xe7\x9c\x81,900\n"
    r = client.post("/admin/subtargets/upload", data={"file": (io.BytesIO(bad), "bad.csv"), "target": "",
                                                      "csrf_token": token(client, "/admin/subtargets")},
                    content_type="multipart/form-data")
    assert r.status_code == 400 and "分解目标不设在全省" in r.get_data(as_text=True)
    r = client.post("/admin/subtargets/upload", data={"file": (io.BytesIO(SHORT), "split.csv"), "target": "",
                                                      "csrf_token": token(client, "/admin/subtargets")},
                    content_type="multipart/form-data")
    figures_preview = r.headers["Location"].replace("/subtargets/preview/", "/preview/")
    assert client.get(figures_preview).status_code == 404


def test_the_command_line_previews_warns_and_imports(store, tmp_path):
    from click.testing import CliRunner

    from sdplan.cli import main

    add_user(store, "ann", "correct horse", "省住房城乡建设厅")
    path = tmp_path / "split.csv"
    path.write_bytes(SHORT)
    result = CliRunner().invoke(main, ["import-subtargets", str(path), "--user", "ann", "--yes"])
    assert result.exit_code == 0, result.output
    assert "WARNING “改造雨污合流管网”:山东省所辖 16 个地区的分解目标合计 960公里" in result.output
    assert len(current_dataset(store).subtargets_of("t08_sewer_km")) == 16
    refused = CliRunner().invoke(main, ["import-subtargets", str(path), "--user", "nobody", "--yes"])
    assert refused.exit_code != 0
