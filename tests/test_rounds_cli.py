"""The reporting loop from a terminal: the office opens a round, a city's account submits with
``sdplan import``, a reviewer lists, returns and accepts, the board and the files follow each step."""

import io

from click.testing import CliRunner
from openpyxl import load_workbook

from sdplan.cli import main
from sdplan.store.current import current_dataset


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def stars_2030(adcode: str) -> list[float]:
    obs = current_dataset().observations("smart_city_stars")
    return obs[(obs["adcode"] == adcode) & (obs["period"] == "2030")]["value"].tolist()


def board_row(output: str, key: str) -> list[str]:
    return next(line.split("\t") for line in output.splitlines() if line.startswith(key + "\t"))


def test_the_round_loop_runs_from_the_command_line(store, tmp_path):
    for args in (("office", "--admin"), ("jinan", "--department", "省大数据局", "--region", "370100"),
                 ("qingdao", "--department", "省大数据局", "--region", "370200"),
                 ("reviewer", "--department", "省大数据局")):
        assert run("user", "add", args[0], *args[1:], "--password", "longpassword").exit_code == 0
    assert "jinan\teditor\t省大数据局\t370100" in run("user", "list").output
    assert run("user", "add", "bad", "--region", "999999", "--password", "longpassword").exit_code != 0
    assert run("round", "open", "--user", "jinan", "--title", "t", "--period", "2030", "--deadline", "2031-01-31",
               "--indicator", "smart_city_stars").exit_code != 0  # only the office opens rounds
    opened = run("round", "open", "--user", "office", "--title", "2030年星级", "--period", "2030",
                 "--deadline", "2031-01-31", "--indicator", "smart_city_stars")
    assert opened.exit_code == 0 and "round 1: 152 cells" in opened.output
    assert board_row(run("round", "status", "1").output, "370100")[1:5] == ["13", "0", "0", "0"]

    figures = tmp_path / "jinan.csv"
    figures.write_text("adcode,period,value\n370100,2030,4\n370102,2030,3\n", encoding="utf-8")
    foreign = tmp_path / "foreign.csv"
    foreign.write_text("adcode,period,value\n370100,2030,1\n", encoding="utf-8")
    refused = run("import", str(foreign), "--user", "qingdao", "--indicator", "smart_city_stars", "--yes", "--lang", "en")
    assert refused.exit_code != 0 and "Qingdao" in refused.output and "Jinan 370100" in refused.output
    submitted = run("import", str(figures), "--user", "jinan", "--indicator", "smart_city_stars", "--yes")
    assert submitted.exit_code == 0 and "submitted for review" in submitted.output
    assert stars_2030("370100") == []
    assert board_row(run("round", "status", "1").output, "370100")[1:5] == ["11", "2", "0", "0"]

    assert run("review", "list", "1", "--user", "jinan").output == ""  # not the submitter's to review
    waiting = [line.split("\t") for line in run("review", "list", "1", "--user", "reviewer").output.splitlines()]
    ids = {row[2]: row[0] for row in waiting}
    assert set(ids) == {"370100", "370102"}
    assert run("review", "return", ids["370102"], "--user", "reviewer", "--reason", "请核实").exit_code == 0
    assert run("review", "accept", ids["370100"], "--user", "jinan").exit_code != 0
    assert run("review", "accept", ids["370100"], "--user", "reviewer").exit_code == 0
    assert stars_2030("370100") == [4.0] and stars_2030("370102") == []
    assert board_row(run("round", "status", "1").output, "370100")[1:5] == ["11", "0", "1", "1"]
    assert board_row(run("round", "status", "1", "--by", "department").output, "省大数据局")[1:5] == ["150", "0", "1", "1"]

    chase, audit = tmp_path / "chase.xlsx", tmp_path / "audit.xlsx"
    assert run("round", "chase", "1", "--out", str(chase)).exit_code == 0
    rows = list(load_workbook(io.BytesIO(chase.read_bytes())).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("设区的市", "地区", "区划代码") and len(rows) == 1 + 151
    assert ("济南市", "历下区", "370102", "新型智慧城市星级", "省大数据局", "已退回", "请核实", "2031-01-31") in rows
    assert run("round", "audit", "1", "--out", str(audit), "--lang", "en").exit_code == 0
    steps = list(load_workbook(io.BytesIO(audit.read_bytes())).active.iter_rows(values_only=True))
    assert [s[1:3] for s in steps[1:]] == [("office", "Opened the round"), ("jinan", "Submitted"), ("jinan", "Submitted"),
                                          ("reviewer", "Returned"), ("reviewer", "Accepted")]
    assert steps[4][7] == "请核实" and steps[5][4:7] == ("Jinan", "370100", 4.0)
    assert run("round", "close", "1", "--user", "office").exit_code == 0
    again = run("import", str(figures), "--user", "jinan", "--indicator", "smart_city_stars", "--yes", "--lang", "en")
    assert again.exit_code != 0 and "No open reporting round" in again.output
