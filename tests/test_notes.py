"""Progress notes (进展情况): recorded by a lead department on any task or target, on SQLite and PostgreSQL;
refused (nothing stored) for another department, a bad date or an empty text; entered on the web and from a
table; shown in the ledger (latest with its date, history folded), its XLSX and PDF."""

import io
import re

import pandas as pd
import pytest
from admin_fixtures import signed_in, token
from ledger_golden import NOW, _component_lines
from openpyxl import load_workbook
from pypdf import PdfReader

from components.ledger import create_page
from sdplan.catalog import load_catalog
from sdplan.errors import DataError
from sdplan.ledger.export import export_bytes
from sdplan.ledger.filters import Filters
from sdplan.ledger.rows import ledger_rows, task_rows
from sdplan.store.auth import add_user, get_user
from sdplan.store.current import current_dataset, dump
from sdplan.store.errors import NoteRefused
from sdplan.store.notes import add_note, parse_note_rows, read_notes


def test_a_lead_department_records_notes_and_the_latest_comes_first(store):
    catalog = load_catalog()
    ann = add_user(store, "ann", "correct horse", "省住房城乡建设厅")
    add_note(store, catalog, ann, target="t08_sewer_km", noted_on="2022-03-31", text="已完成摸底调查")
    add_note(store, catalog, ann, target="t08_sewer_km", noted_on="2022-06-30", text="改造 420 公里")
    add_note(store, catalog, ann, task=30, noted_on="2022-06-30", text="建立重点任务台账,按月调度")
    notes = read_notes(store, "2022")
    assert [(n.target, n.task, n.noted_on, n.department) for n in notes] == [
        ("t08_sewer_km", 8, "2022-03-31", "省住房城乡建设厅"), ("t08_sewer_km", 8, "2022-06-30", "省住房城乡建设厅"),
        (None, 30, "2022-06-30", "省住房城乡建设厅")]
    rows = {r.target.id: r for r in ledger_rows(current_dataset(), Filters(), notes)}
    assert [n.text for n in rows["t08_sewer_km"].notes] == ["改造 420 公里", "已完成摸底调查"]  # newest first
    task30 = next(r for r in task_rows(current_dataset(), Filters(), notes) if r.task == 30)
    assert [n.text for n in task30.notes] == ["建立重点任务台账,按月调度"]


@pytest.mark.parametrize("kwargs, key", [
    ({"target": "t01_5g_base_stations", "noted_on": "2022-06-30", "text": "x"}, "note_not_lead"),  # not ann's
    ({"task": 2, "noted_on": "2022-06-30", "text": "x"}, "note_not_lead"),
    ({"target": "t08_sewer_km", "noted_on": "2022-13-01", "text": "x"}, "note_bad_date"),
    ({"target": "t08_sewer_km", "noted_on": "30/06/2022", "text": "x"}, "note_bad_date"),
    ({"target": "t08_sewer_km", "noted_on": "2022-06-30", "text": " \x00 "}, "note_bad_text"),
    ({"target": "t08_sewer_km", "noted_on": "2022-06-30", "text": "x" * 2001}, "note_bad_text"),
    ({"target": "no_such_target", "noted_on": "2022-06-30", "text": "x"}, "note_unknown_target"),
    ({"task": 31, "noted_on": "2022-06-30", "text": "x"}, "note_unknown_task"),
])
def test_a_refused_note_says_why_and_stores_nothing(store, kwargs, key):
    ann = add_user(store, "ann", "correct horse", "省住房城乡建设厅")
    before = dump(store)
    with pytest.raises(NoteRefused) as refused:
        add_note(store, load_catalog(), ann, **kwargs)
    assert refused.value.key == key and refused.value.message("en") and refused.value.message("zh")
    assert dump(store) == before


def test_a_table_of_notes_is_checked_row_by_row():
    catalog = load_catalog()
    from sdplan.store.auth import User

    ann = User(1, "ann", "省住房城乡建设厅", False)
    good = pd.DataFrame({"任务": ["22", ""], "目标": ["", "t22_shanty_towns"], "日期": ["2022-06-30", "2022-06-30"],
                         "进展情况": ["开工 40 万户", "开工 3.1 万套"]}, dtype=object)
    assert [(r["task"], r["target"]) for r in parse_note_rows(catalog, ann, good, "n.csv")] == [
        (22, None), (22, "t22_shanty_towns")]
    bad = pd.DataFrame({"任务": ["x", "2"], "日期": ["2022-06-30", "2022-06-30"], "进展情况": ["a", "b"]}, dtype=object)
    with pytest.raises(DataError) as exc:
        parse_note_rows(catalog, ann, bad, "n.csv")
    assert [p.row for p in exc.value.problems] == [2, 3]  # not a number; task 2 is not ann's


def test_notes_on_the_web_and_from_a_table_show_in_the_ledger_and_its_exports(server, store):
    client = signed_in(server, "ann")
    page = client.get("/admin/notes").get_data(as_text=True)
    assert 'value="target:t08_sewer_km"' in page and 'value="task:30"' in page
    assert 'value="target:t01_5g_base_stations"' not in page  # offered only what ann's department leads
    r = client.post("/admin/notes", data={"csrf_token": token(client), "plan": "2022", "subject": "target:t08_sewer_km",
                                          "noted_on": "2022-06-30", "text": "<b>改造</b> 420 公里"})
    assert r.status_code == 302
    r = client.post("/admin/notes", data={"csrf_token": token(client), "subject": "target:t01_5g_base_stations",
                                          "noted_on": "2022-06-30", "text": "x"})
    assert r.status_code == 403 and "牵头部门" in r.get_data(as_text=True)
    table = "任务,目标,日期,进展情况\n30,,2022-06-30,建立重点任务台账\n".encode()
    r = client.post("/admin/notes/upload", data={"csrf_token": token(client), "file": (io.BytesIO(table), "notes.csv")},
                    content_type="multipart/form-data")
    assert r.status_code == 302
    page = client.get("/admin/notes?lang=en").get_data(as_text=True)
    assert "&lt;b&gt;改造&lt;/b&gt; 420 公里" in page and "<b>改造</b>" not in page and "建立重点任务台账" in page

    notes, data = read_notes(store, "2022"), current_dataset()
    rows, tasks = ledger_rows(data, Filters(), notes), task_rows(data, Filters(), notes)
    text = "\n".join(_component_lines(create_page(Filters(), data.catalog.departments(), rows, [], tasks)))
    assert "2022-06-30:<b>改造</b> 420 公里" in text and "2022-06-30:建立重点任务台账" in text
    book = load_workbook(io.BytesIO(export_bytes(rows, Filters(), "xlsx", NOW, "http://x", tasks)))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert "2022-06-30:<b>改造</b> 420 公里" in cells and "建立重点任务台账" in cells  # the notes sheet keeps the text
    pdf = "".join(p.extract_text() for p in PdfReader(io.BytesIO(export_bytes(rows, Filters(), "pdf", NOW,
                                                                              tasks=tasks))).pages)
    assert "420" in pdf and re.search("建立重点任务台账", pdf.replace("\n", ""))


def test_the_ledger_lists_all_30_tasks_and_56_targets(data):
    rows, tasks = ledger_rows(data), task_rows(data)
    assert len(rows) == 56 and {t.task for t in tasks} == {2, 3, 14, 15, 17, 25, 27, 28, 29, 30}
    assert {r.target.task for r in rows} | {t.task for t in tasks} == set(range(0, 31))
    roads = next(r for r in rows if r.target.id == "t06_urban_roads")
    text = "\n".join(_component_lines(create_page(Filters(), data.catalog.departments(), [roads], [], [])))
    assert "'未报送'" in text and "'待省住房城乡建设厅报送'" in text
    english = "\n".join(_component_lines(create_page(Filters(lang="en"), [], [roads], [], [])))
    assert "'Not reported'" in english and "Awaiting Shandong Department of Housing" in english


def test_an_account_of_another_department_is_offered_nothing_of_ann_s(server, store):
    add_user(store, "cat", "correct horse", "省教育厅")
    assert get_user(store, "cat").department == "省教育厅"
    page = signed_in(server, "cat").get("/admin/notes").get_data(as_text=True)
    assert 'value="target:t19_schools"' in page and 'value="target:t08_sewer_km"' not in page


def test_notes_from_the_command_line(store, tmp_path):
    from click.testing import CliRunner

    from sdplan.cli import main

    def run(*args):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    assert run("user", "add", "ann", "--department", "省住房城乡建设厅", "--password", "longpassword").exit_code == 0
    assert run("note", "add", "--user", "ann", "--target", "t08_sewer_km", "--date", "2022-06-30",
               "--text", "改造 420 公里").exit_code == 0
    refused = run("note", "add", "--user", "ann", "--task", "2", "--date", "2022-06-30", "--text", "x", "--lang", "en")
    assert refused.exit_code != 0 and "lead departments" in refused.output
    table = tmp_path / "notes.csv"
    table.write_text("任务,日期,进展情况\n30,2022-06-30,按月调度\n2,2022-06-30,不是本部门的\n", encoding="gbk")
    bad = run("note", "import", str(table), "--user", "ann")
    assert bad.exit_code != 0 and "第 3 行" in bad.output
    table.write_text("任务,日期,进展情况\n30,2022-06-30,按月调度\n", encoding="gbk")
    assert run("note", "import", str(table), "--user", "ann").output.strip() == "1"
    assert [(n.target, n.task) for n in read_notes(store, "2022")] == [("t08_sewer_km", 8), (None, 30)]


def test_the_briefing_has_a_progress_line_for_each_task_noted_in_its_period(small):
    from briefing_rules import broken
    from docx import Document

    from sdplan.briefing import make_briefing
    from sdplan.briefing.model import Scope, build_briefing
    from sdplan.briefing.summary import notes_lines
    from sdplan.notes import Note

    notes = [Note("2022", 8, "t08_sewer_km", "2022-03-31", "已完成摸底调查。", "ann", "省住房城乡建设厅", id=1),
             Note("2022", 8, "t08_sewer_km", "2022-06-30", "已改造420公里。", "ann", "省住房城乡建设厅", id=2),
             Note("2022", 30, None, "2022-06-30", "建立重点任务台账，按月调度。", "ann", "省发展改革委", id=3),
             Note("2022", 2, None, "2023-01-15", "下一年度的进展。", "bob", "省大数据局", id=4)]
    b = build_briefing(small, Scope(), "2022", notes=notes)
    lines = notes_lines(b)
    assert lines == ["改造雨污合流管网：已改造420公里。（2022年6月30日）",
                     "任务30“强化统筹协调”：建立重点任务台账，按月调度。（2022年6月30日）"]  # latest per subject, in 2022
    assert not broken(lines, "zh")
    assert notes_lines(build_briefing(small, Scope(), "2022-Q1", notes=notes)) == [
        "改造雨污合流管网：已完成摸底调查。（2022年3月31日）"]
    english = notes_lines(build_briefing(small, Scope(), "2022", lang="en", notes=notes))
    assert english[1] == "Task 30, Strengthen overall coordination: 建立重点任务台账，按月调度。 (30 June 2022)"
    made = make_briefing(small, "province", "2022", fmt="docx", notes=notes)
    text = [p.text for p in Document(io.BytesIO(made.content)).paragraphs]
    assert "（三）进展情况" in text and lines[0] in text
    assert "（三）进展情况" not in " ".join(p.text for p in Document(io.BytesIO(
        make_briefing(small, "province", "2022", fmt="docx").content)).paragraphs)  # none noted: no section


def test_a_citys_account_of_the_lead_department_records_no_progress_note(store):
    jinan = add_user(store, "jinan", "correct horse", "省住房城乡建设厅", region="370100")  # reports figures, not progress
    before = dump(store)
    with pytest.raises(NoteRefused) as refused:
        add_note(store, load_catalog(), jinan, target="t08_sewer_km", noted_on="2022-06-30", text="x")
    assert refused.value.key == "note_not_lead" and dump(store) == before
