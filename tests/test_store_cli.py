"""The command line: users, templates, import with preview, history and rollback, permissions."""

from click.testing import CliRunner

from sdplan.cli import main
from sdplan.store.current import current_dataset, dump, history


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_users_templates_import_history_and_rollback(store, tmp_path):
    assert run("user", "add", "ann", "--department", "省住房城乡建设厅", "--password", "longpassword").exit_code == 0
    assert run("user", "add", "ann", "--password", "longpassword").exit_code != 0
    assert run("user", "add", "root", "--admin", "--password", "longpassword").exit_code == 0
    assert "ann\teditor\t省住房城乡建设厅" in run("user", "list").output
    template = tmp_path / "t.xlsx"
    assert run("template", "sewer_retrofit_km", "--out", str(template)).exit_code == 0 and template.stat().st_size > 0
    data = tmp_path / "d.csv"
    data.write_text("region,period,value\n历下,2024,3.5\n", encoding="gbk")
    declined = run("import", str(data), "--user", "ann", "--indicator", "sewer_retrofit_km", input="n\n")
    assert declined.exit_code != 0 and "— -> 3.5" in declined.output and "new=1" in declined.output
    done = run("import", str(data), "--user", "ann", "--indicator", "sewer_retrofit_km", "--yes", "--note", "q3")
    assert done.exit_code == 0 and "batch 2" in done.output
    assert (current_dataset().observations("sewer_retrofit_km")["period"] == "2024").sum() == 1
    assert "#2" in run("history").output and "q3" in run("history").output
    assert run("rollback", "1", "--user", "ann").exit_code != 0  # the seed spans other departments' indicators
    assert run("rollback", "2", "--user", "ann").exit_code == 0
    assert (current_dataset().observations("sewer_retrofit_km")["period"] == "2024").sum() == 0
    assert run("user", "remove", "ann").exit_code == 0 and "ann" not in run("user", "list").output


def test_an_editor_of_another_department_and_a_bad_file_are_refused(store, tmp_path):
    run("user", "add", "bob", "--department", "省大数据局", "--password", "longpassword")
    data = tmp_path / "d.csv"
    data.write_text("region,period,value\n历下,2024,3.5\n", encoding="utf-8")
    refused = run("import", str(data), "--user", "bob", "--indicator", "sewer_retrofit_km", "--yes")
    assert refused.exit_code != 0 and "may not import" in refused.output
    data.write_text("region,period,value\n历下,2024,-3.5\n", encoding="utf-8")
    bad = run("import", str(data), "--user", "bob", "--indicator", "sewer_retrofit_km", "--yes", "--lang", "en")
    assert bad.exit_code != 0 and "row 2" in bad.output and "value" in bad.output
    assert run("import", str(data), "--user", "nobody", "--yes").exit_code != 0


def test_rollback_is_refused_to_other_departments_and_allowed_to_an_administrator(store, tmp_path):
    for args in (("ann", "--department", "省住房城乡建设厅"), ("bob", "--department", "省大数据局"), ("root", "--admin")):
        assert run("user", "add", *args, "--password", "longpassword").exit_code == 0
    data = tmp_path / "d.csv"
    data.write_text("region,period,value\n历下,2024,3.5\n", encoding="utf-8")
    assert run("import", str(data), "--user", "ann", "--indicator", "sewer_retrofit_km", "--yes").exit_code == 0
    before = dump(store)
    refused = run("rollback", "2", "--user", "bob")
    assert refused.exit_code == 1 and "bob may not roll back batch 2" in refused.output
    assert run("rollback", "2", "--user", "nobody").exit_code == 1
    unknown = run("rollback", "99", "--user", "root")
    assert unknown.exit_code == 1 and "no batch 99" in unknown.output
    assert dump(store) == before
    assert run("rollback", "1", "--user", "root").exit_code == 0  # an administrator may roll back anything
    assert run("rollback", "2", "--user", "root").exit_code == 0
    again = run("rollback", "2", "--user", "ann")
    assert again.exit_code == 1 and "batch 2 is already rolled back" in again.output
    assert history(store).set_index("id")["rolled_back_by"].to_dict() == {2: "root", 1: "root"}


def test_an_import_holding_an_indicator_the_editor_does_not_lead_changes_nothing(store, tmp_path):
    run("user", "add", "ann", "--department", "省住房城乡建设厅", "--password", "longpassword")
    data = tmp_path / "d.csv"
    data.write_text("indicator,adcode,period,value\nsewer_retrofit_km,370102,2024,3.5\nsmart_city_stars,370200,2024,4\n",
                    encoding="utf-8")
    before = dump(store)
    refused = run("import", str(data), "--user", "ann", "--yes")
    assert refused.exit_code == 1 and "ann may not import smart_city_stars" in refused.output
    assert "sewer_retrofit_km" not in refused.output  # refused before any preview is shown
    assert dump(store) == before
