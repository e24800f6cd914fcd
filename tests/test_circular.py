"""The circular (通报): red and yellow targets with their lead departments and the cities behind, the
cities ranked; Word and PDF in the briefing's layout, printed by LibreOffice."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import pytest
from docx import Document
from judged_fixture import CIRCULAR, judged_dataset
from pypdf import PdfReader

from sdplan.briefing.circular import build_circular, circular_bytes, filename, item_table
from sdplan.briefing.masthead import Masthead

AS_OF = datetime(2026, 11, 29, 1, 0, tzinfo=UTC)
HEAD = Masthead(name="新型城镇化建设进度通报", issue="3", issuer="省新型城镇化工作领导小组办公室",
                send_to="省委、省政府领导同志", copy_to="各设区的市人民政府")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("thresholds", sorted(CIRCULAR))
def test_the_items_and_the_cities_behind_are_the_hand_computed_ones(thresholds):
    c = build_circular(judged_dataset(), as_of=AS_OF, head=HEAD, thresholds=thresholds)
    found = {light: [(i.row.target.id, [(b.names[0], b.light, b.sample) for b in i.behind])
                     for i in c.items if i.row.schedule.light == light] for light in ("red", "yellow")}
    assert found == CIRCULAR[thresholds]


def test_the_red_table_names_the_lead_department_the_cities_and_the_sample():
    c = build_circular(judged_dataset(), as_of=AS_OF, head=HEAD, thresholds=(10.0, 30.0))
    head, rows = item_table(c, "red")
    assert head == ["目标", "完成情况", "序时进度", "牵头部门", "落后的市"]
    assert rows == [["完成建成区雨污合流管网改造的县(市、区)", "3个(2022),完成目标的10.0%,序时进度100.0%",
                     "红灯 · 落后序时进度 90.0 个百分点(示例数据)", "省住房城乡建设厅", "青岛市(红灯)(示例数据)"]]
    english = build_circular(judged_dataset(), "en", as_of=AS_OF, head=HEAD, thresholds=(10.0, 30.0))
    assert item_table(english, "red")[1][0][4] == "Qingdao (Red) (sample data)"


def test_both_files_carry_the_masthead_the_items_and_the_ranks():
    c = build_circular(judged_dataset(), as_of=AS_OF, head=HEAD, thresholds=(0.5, 30.0))
    document = Document(io.BytesIO(circular_bytes(c, "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for part in ("新型城镇化建设进度通报", "第3期", "关于新型城镇化建设目标序时进度情况的通报", "二、红灯事项", "三、黄灯事项",
                 "四、各市排名", "报送：省委、省政府领导同志"):
        assert part in text, part
    assert "济南市(黄灯)" in cells and "第1名" in cells and "完成本地目标的101.3%" in cells  # Qingdao 81 / 80
    pdf = squeeze("".join(page.extract_text() for page in PdfReader(io.BytesIO(circular_bytes(c, "pdf"))).pages))
    for part in ("新型城镇化建设进度通报", "第3期", "红灯事项", "黄灯事项", "各市排名", "省住房城乡建设厅", "示例数据"):
        assert part in pdf, part
    assert filename(c, "pdf") == "circular_20261129-0900.pdf"


@pytest.mark.office
def test_libreoffice_opens_and_prints_the_word_circular(tmp_path):
    from office import find_office

    office = find_office(tmp_path / "profiles")
    c = build_circular(judged_dataset(), as_of=AS_OF, head=HEAD, thresholds=(0.5, 30.0))
    source = tmp_path / "circular.docx"
    source.write_bytes(circular_bytes(c, "docx"))
    (pdf,) = office.convert([source], "pdf", tmp_path / "printed")
    reader = PdfReader(pdf)
    text = squeeze("".join(page.extract_text() for page in reader.pages))
    for part in ("新型城镇化建设进度通报", "第3期", "一、总体情况", "二、红灯事项", "青岛市(红灯)(示例数据)",
                 "济南市(黄灯)", "四、各市排名", "报送：省委、省政府领导同志", "—1—"):
        assert part in text, part
    width, height = (float(x) for x in reader.pages[0].mediabox[2:])
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)


def test_the_ledgers_links_and_the_command_line_give_the_circular(store, tmp_path):
    from click.testing import CliRunner
    from flask import Flask

    from routes.circular import blueprint
    from routes.exports import blueprint as exports
    from sdplan.cli import main

    app = Flask("test")
    app.register_blueprint(blueprint)
    app.register_blueprint(exports)
    client = app.test_client()
    r = client.get("/circular.pdf?lang=en")  # made in the export process, then sent on to its file
    assert r.status_code == 303 and r.headers["Location"].startswith("/exports/")
    r = client.get(r.headers["Location"])
    assert r.status_code == 200 and r.data[:4] == b"%PDF"
    assert r.headers["Content-Disposition"].startswith("attachment; filename=circular_")
    assert client.get("/circular.docx", follow_redirects=True).data[:2] == b"PK"
    assert client.get("/circular.exe").status_code == 404
    out = tmp_path / "c.docx"
    result = CliRunner().invoke(main, ["circular", "--format", "docx", "--out", str(out), "--issue", "5"])
    assert result.exit_code == 0, result.output
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "新型城镇化建设进度通报" in text and "第5期" in text
