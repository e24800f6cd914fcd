"""Every target of the plan can be fed: one figure for each, from its own import template, through the
admin upload and confirmation, shows in the ledger; a catalog folder with one more indicator and target
(no code change) is importable and in the ledger."""

import csv
import io
import math
import re
import shutil

import pytest
from admin_fixtures import signed_in, token

from sdplan.catalog import load_catalog, read_catalog
from sdplan.intake.template import example_value
from sdplan.intake.template_files import template_bytes
from sdplan.ledger.filters import Filters
from sdplan.ledger.rows import ledger_rows
from sdplan.paths import DATA
from sdplan.store.current import current_dataset, forget_datasets

PROVINCE = "370000"


def _template_rows(indicator_id: str) -> tuple[list[str], list[dict]]:
    text = template_bytes(indicator_id, "csv").decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    return reader.fieldnames, list(reader)


def filled_rows(catalog, period: str = "2022") -> tuple[list[str], list[dict], dict[str, tuple[str, float]]]:
    """One filled template row per target: the province's figure for a figure of the province, else the first
    region at the target's level; (header, rows, target id -> (adcode, value))."""
    header, rows, chosen = None, [], {}
    regions = {}
    for target in catalog.targets.values():
        indicator = catalog.indicator(target.indicator)
        header, template = _template_rows(indicator.id)
        regions = {r["行政区划代码"]: r for r in template}
        if target.measure == "value" and PROVINCE in regions:
            row = regions[PROVINCE]
        else:
            level = indicator.level_for(target.level)
            row = next(r for r in template if r["行政区划代码"] != PROVINCE and _level(r["行政区划代码"]) == level)
        low, high, _ = indicator.range_at("province" if row["行政区划代码"] == PROVINCE else _level(row["行政区划代码"]))
        value = example_value(indicator)
        if low is not None and high is not None and not low <= value <= high:
            value = float(round((low + high) / 2)) if indicator.integer else (low + high) / 2
        key = (indicator.id, row["行政区划代码"])
        if key not in {(r["指标代码"], r["行政区划代码"]) for r in rows}:
            rows.append({**row, "统计期": period, "数值": f"{value:g}", "数据来源": f"{target.id} 报送表"})
        chosen[target.id] = (row["行政区划代码"], value)
    return header, rows, chosen


def _level(adcode: str) -> str:
    return "province" if adcode == PROVINCE else ("prefecture" if adcode.endswith("00") else "county")


def _csv(header, rows) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def upload_and_confirm(client, content: bytes, indicator: str = "") -> None:
    r = client.post("/admin/upload", data={"file": (io.BytesIO(content), "figures.csv"), "indicator": indicator, "note": "",
                                           "csrf_token": token(client)}, content_type="multipart/form-data")
    assert r.status_code == 302, r.get_data(as_text=True)[-3000:]
    page = client.get(r.location).get_data(as_text=True)
    confirm_url = re.search(r'action="(/admin/confirm/[^"]+)"', page).group(1)
    r = client.post(confirm_url, data={"csrf_token": token(client)})
    assert r.status_code == 302 and r.location.endswith("/admin/history")


def test_every_target_has_an_indicator_and_a_template(data):
    catalog = data.catalog
    assert len(catalog.targets) == 56
    assert all(t.indicator and t.measure for t in catalog.targets.values())
    kinds = {catalog.indicator(t.indicator).kind for t in catalog.targets.values()}
    assert {"numeric", "checklist", "rating", "category"} <= kinds
    for target in catalog.targets.values():
        assert template_bytes(target.indicator, "xlsx")[:2] == b"PK"


def test_one_figure_for_every_target_through_the_admin_upload_shows_in_the_ledger(server):
    catalog = load_catalog()
    before = {r.target.id: r for r in ledger_rows(current_dataset())}
    empty = {tid for tid, r in before.items() if math.isnan(r.value)}
    assert len(empty) >= 40  # most targets had no figure before
    header, rows, chosen = filled_rows(catalog)
    upload_and_confirm(signed_in(server, "root"), _csv(header, rows))
    after = {r.target.id: r for r in ledger_rows(current_dataset())}
    assert set(after) == set(catalog.targets)
    for target_id, row in after.items():
        assert not math.isnan(row.value), target_id
        assert row.progress.period and row.progress.period.startswith("2022"), target_id
    for target_id in empty:  # what was imported is what the ledger shows, from the imported source
        row, (_, value) = after[target_id], chosen[target_id]
        assert row.provenance == "sourced" and f"{target_id} 报送表" in row.progress.sources, target_id
        if catalog.target(target_id).measure == "value":
            assert row.value == pytest.approx(value) and row.progress.published, target_id
        else:  # a checklist: one region of N reported, a partial figure with no status
            assert row.status == "partial" and row.progress.n_with_data == 1 < row.progress.n_units, target_id


def test_a_city_row_for_old_community_renovation_is_accepted(server):
    client = signed_in(server, "ann")  # 省住房城乡建设厅 leads it
    upload_and_confirm(client, "region,period,value,source_title\n济南市,2022,5.1,济南市住建局\n".encode(),
                       "old_community_households")
    frame = current_dataset().observations("old_community_households")
    assert frame.query("adcode == '370100' and period == '2022'")["value"].tolist() == [5.1]


EXTRA_INDICATOR = ("new_infra_pilot,新型城市基础设施建设试点完成,New urban infrastructure pilot done,status,list,prefecture,"
                   "count_at_least,1,,0,1,true,,,false,0,,0..1,0..1,,370100;370200;370600;370800\n")
EXTRA_TARGET = ("t01_new_infra_pilots,1,smart,全国新型城市基础设施建设试点城市,National new urban infrastructure pilot cities,"
                "4,count,at_least,prefecture,new_infra_pilot,count_at_least,1,省住房城乡建设厅,,\n")


@pytest.fixture
def extra_catalog(tmp_path, monkeypatch):
    """A catalog folder with one more indicator (a named list of the plan's 4 pilot cities) and its target."""
    folder = tmp_path / "data"
    shutil.copytree(DATA / "indicators", folder / "indicators", ignore=shutil.ignore_patterns("observations", "samples"))
    shutil.copytree(DATA / "plans", folder / "plans")
    with open(folder / "indicators" / "indicators.csv", "a", encoding="utf-8") as f:
        f.write(EXTRA_INDICATOR)
    with open(folder / "plans" / "2022" / "targets.csv", "a", encoding="utf-8") as f:
        f.write(EXTRA_TARGET)
    monkeypatch.setenv("SDPLAN_DATA_DIR", str(folder))
    forget_datasets()
    yield read_catalog(folder)
    monkeypatch.delenv("SDPLAN_DATA_DIR")
    forget_datasets()


def test_an_indicator_and_target_added_in_data_are_importable_and_in_the_ledger(server, extra_catalog):
    assert load_catalog() is extra_catalog and "new_infra_pilot" in extra_catalog.indicators
    client = signed_in(server, "ann")
    r = client.post("/admin/upload", data={"file": (io.BytesIO("region,period,value\n淄博市,2022,1\n".encode()), "x.csv"),
                                           "indicator": "new_infra_pilot", "csrf_token": token(client)},
                    content_type="multipart/form-data")
    assert r.status_code == 400 and "名单所列地区" in r.get_data(as_text=True)  # 淄博 is not on the plan's list
    upload_and_confirm(client, "region,period,value,source_title\n济南市,2022,1,试点报送\n青岛市,2022,0,试点报送\n"
                       "烟台市,2022,1,试点报送\n".encode(), "new_infra_pilot")
    row = next(r for r in ledger_rows(current_dataset(), Filters()) if r.target.id == "t01_new_infra_pilots")
    # a named list: 2 of the listed regions done, 3 of 4 reported: a partial figure, never a status
    assert (row.value, row.progress.n_with_data, row.progress.n_units, row.status) == (2, 3, 4, "partial")
