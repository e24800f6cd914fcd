"""The round pages through the real admin blueprint: a city's account submits through the upload, with an
explanation for a soft check; another city's account is refused by the store whatever the request says
(forged uploads, forged confirmations, forged review posts); a reviewer returns and accepts; the board
follows; the files download."""

import io
import re

from admin_fixtures import PASSWORD, signed_in, token, upload
from openpyxl import load_workbook

from sdplan.store.auth import add_user, get_user
from sdplan.store.current import current_dataset, dump
from sdplan.store.rounds import cells


def rate(adcode: str, period: str = "2030") -> list[float]:
    obs = current_dataset().observations("urbanization_rate")
    return obs[(obs["adcode"] == adcode) & (obs["period"] == period)]["value"].tolist()


def board_cell(html: str, key: str, status: str) -> int:
    row = re.search(rf'<tr data-key="{key}">(.*?)</tr>', html, re.S).group(1)
    return int(re.search(rf'data-status="{status}">(\d+)<', row).group(1))


def test_the_round_loop_through_the_admin_pages(server, store):
    add_user(store, "jinan", PASSWORD, "省发展改革委", region="370100")
    add_user(store, "qingdao", PASSWORD, "省发展改革委", region="370200")
    add_user(store, "dev", PASSWORD, "省发展改革委")  # a province reviewer of urbanization_rate
    office = signed_in(server, "root")
    form = {"title": "2030年城镇化率", "period": "2030", "deadline": "2031-01-31", "indicator": ["urbanization_rate"]}
    opened = office.post("/admin/rounds", data={**form, "csrf_token": token(office, "/admin/rounds")})
    assert opened.status_code == 302
    round_id = int(opened.headers["Location"].rsplit("/", 1)[1])
    assert board_cell(office.get(f"/admin/rounds/{round_id}").get_data(as_text=True), "370100", "not_submitted") == 1

    qingdao = signed_in(server, "qingdao")
    before = dump(store)
    forged = upload(qingdao, b"adcode,period,value\n370100,2030,99\n", indicator="urbanization_rate")
    assert forged.status_code == 403 and "济南市 370100" in forged.get_data(as_text=True)
    assert dump(store) == before

    jinan = signed_in(server, "jinan")
    staged = upload(jinan, b"adcode,period,value\n370100,2030,20\n", indicator="urbanization_rate")
    preview_url = staged.headers["Location"]
    preview = jinan.get(preview_url).get_data(as_text=True)
    assert "较上期变化超过30%" in preview and 'name="explain-0"' in preview and "确认报送" in preview
    confirm_url = preview_url.replace("/preview/", "/confirm/")
    before = dump(store)
    stolen = qingdao.post(confirm_url, data={"csrf_token": token(qingdao)})  # another account's staged upload
    assert stolen.status_code == 404 and dump(store) == before
    done = jinan.post(confirm_url, data={"csrf_token": token(jinan), "explain-0": "按新城区范围统计"})
    assert done.status_code == 302 and rate("370100") == []
    jinan_page = jinan.get(f"/admin/rounds/{round_id}").get_data(as_text=True)
    assert "已报送(待审核)" in jinan_page and "20" in jinan_page
    assert "按新城区范围统计" not in qingdao.get(f"/admin/rounds/{round_id}").get_data(as_text=True)

    cell = cells(store, round_id).set_index("adcode").loc["370100"]
    assert cell["explanation"] == "按新城区范围统计" and cell["warnings"] == "jump"
    review_page = signed_in(server, "dev").get(f"/admin/rounds/{round_id}").get_data(as_text=True)
    assert f'value="{cell["id"]}"' in review_page and "按新城区范围统计" in review_page
    before = dump(store)
    for forger in (jinan, qingdao):  # the submitter, and a region's account, post a review anyway
        r = forger.post(f"/admin/rounds/{round_id}/review", data={"cell": str(cell["id"]), "action": "accept",
                                                                  "csrf_token": token(forger)})
        assert r.status_code == 403
    assert dump(store) == before
    dev = signed_in(server, "dev")
    returned = dev.post(f"/admin/rounds/{round_id}/review", data={"cell": str(cell["id"]), "action": "return",
                                                                   "reason": "请附统计口径说明", "csrf_token": token(dev)})
    assert returned.status_code == 302 and "请附统计口径说明" in jinan.get(f"/admin/rounds/{round_id}").get_data(as_text=True)
    staged = upload(jinan, b"adcode,period,value,note\n370100,2030,20,\xe6\x96\xb0\xe5\x8f\xa3\xe5\xbe\x84\n",
                    indicator="urbanization_rate")
    jinan.post(staged.headers["Location"].replace("/preview/", "/confirm/"), data={"csrf_token": token(jinan)})
    dev.post(f"/admin/rounds/{round_id}/review", data={"cell": str(cell["id"]), "action": "accept", "csrf_token": token(dev)})
    assert rate("370100") == [20.0]
    page = office.get(f"/admin/rounds/{round_id}?lang=en").get_data(as_text=True)
    assert board_cell(page, "370100", "accepted") == 1 and board_cell(page, "370200", "not_submitted") == 1
    assert board_cell(page, "省发展改革委", "accepted") == 1 and board_cell(page, "省发展改革委", "not_submitted") == 15

    audit = office.get(f"/admin/rounds/{round_id}/audit.xlsx")
    steps = list(load_workbook(io.BytesIO(audit.data)).active.iter_rows(values_only=True))
    assert [s[1:3] for s in steps[1:]] == [("root", "Opened the round"), ("jinan", "Submitted"), ("dev", "Returned"),
                                          ("jinan", "Submitted"), ("dev", "Accepted")]
    chase = office.get(f"/admin/rounds/{round_id}/chase.xlsx")
    assert len(list(load_workbook(io.BytesIO(chase.data)).active.iter_rows(values_only=True))) == 1 + 15
    assert office.get(f"/admin/rounds/{round_id}/other.xlsx").status_code == 404
    assert office.get("/admin/rounds/99999").status_code == 404
    assert get_user(store, "jinan").region == "370100"


def test_only_the_office_opens_a_round_from_the_page(server, store):
    bob = signed_in(server, "bob")
    before = dump(store)
    r = bob.post("/admin/rounds", data={"title": "t", "period": "2030", "deadline": "2031-01-31",
                                        "indicator": ["smart_city_stars"], "csrf_token": token(bob, "/admin/rounds")})
    assert r.status_code == 400 and "只有管理员" in r.get_data(as_text=True) and dump(store) == before
