"""A reporting round walked in real Chromium, each account in its own browser, in Chinese and English:
the office opens a round; 青岛 cannot submit 济南's figures (through the page, and by a forged request); 济南
submits its city and a county, answering a soft check with an explanation; the reviewer returns one figure
with a reason and accepts the other; 济南 resubmits; it is accepted; the map shows it; the board counts each step."""

import re
import secrets

import pytest

from sdplan.mapview import build_map_model
from sdplan.store.auth import add_user, get_user
from sdplan.store.batches import rollback_batch
from sdplan.store.current import current_dataset, history
from sdplan.store.db import open_store
from sdplan.store.rounds import close_round
from sdplan.viewstate import parse_view

pytestmark = pytest.mark.browser
PASSWORD = "round-password-1"
PERIOD = "2031"  # a period no other test reads


@pytest.fixture
def accounts():
    """Fresh accounts in the live server's store (names made unique, so the session's store can hold several runs)."""
    engine = open_store()
    suffix = secrets.token_hex(3)
    names = {}
    for role, department, region, is_admin in (("office", None, None, True), ("jinan", "省大数据局", "370100", False),
                                              ("qingdao", "省大数据局", "370200", False),
                                              ("reviewer", "省大数据局", None, False)):
        names[role] = f"{role}_{suffix}"
        add_user(engine, names[role], PASSWORD, department, is_admin, region)
    yield names
    office = get_user(engine, names["office"])
    for batch in history(engine).itertuples():  # leave the session's store as it was: the accepted figures go
        if batch.status == "accepted" and batch.username == names["reviewer"]:
            rollback_batch(engine, batch.id, office)


def browser_of(browser, base_url: str, username: str, lang: str):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", bypass_csp=True)  # a phone
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{base_url}/admin/login?lang={lang}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.keyboard.press("Enter")  # by keyboard
    page.wait_for_url(re.compile(r"/admin/?(\?.*)?$"))
    return page


def upload(page, base_url: str, rows: str, tmp_path, name: str):
    file = tmp_path / name
    file.write_text("adcode,period,value\n" + rows, encoding="utf-8")
    page.goto(base_url + "/admin/")
    page.set_input_files("input[name=file]", str(file))
    page.select_option("select[name=indicator]", "smart_city_stars")
    page.locator("form[action$='/admin/upload'] button[type=submit]").click()
    page.wait_for_load_state()


def counts(page, key: str) -> dict[str, int]:
    row = page.locator(f"#board-city tr[data-key='{key}'] td[data-status]")
    return {cell.get_attribute("data-status"): int(cell.inner_text()) for cell in row.all()}


def test_a_round_walked_by_the_office_two_cities_and_a_reviewer(browser, live_server, accounts, tmp_path):
    office = browser_of(browser, live_server, accounts["office"], "zh")
    office.goto(live_server + "/admin/rounds")
    office.fill("input[name=title]", "智慧城市星级年度报送")
    office.fill("input[name=period]", PERIOD)
    office.fill("input[name=deadline]", "2032-01-31")
    office.check("input[name=indicator][value=smart_city_stars]")
    office.fill("input[name=regions]", "370100,370200")
    office.get_by_role("button", name="开启报送轮次").click()
    office.wait_for_url(re.compile(r"/admin/rounds/\d+$"))
    round_url = office.url
    assert counts(office, "370100") == {"not_submitted": 13, "submitted": 0, "accepted": 0, "returned": 0, "overdue": 0}

    qingdao = browser_of(browser, live_server, accounts["qingdao"], "en")
    upload(qingdao, live_server, f"370100,{PERIOD},5\n", tmp_path, "foreign.csv")
    alert = qingdao.get_by_role("alert").inner_text()
    assert "reports for Qingdao" in alert and "Jinan 370100" in alert and "Nothing was changed" in alert
    token = qingdao.locator("input[name=csrf_token]").first.get_attribute("value")
    forged = qingdao.request.post(live_server + "/admin/upload", multipart={
        "csrf_token": token, "indicator": "smart_city_stars",
        "file": {"name": "f.csv", "mimeType": "text/csv", "buffer": f"adcode,period,value\n370102,{PERIOD},5\n".encode()}})
    assert forged.status == 403 and "370102" in forged.text()

    jinan = browser_of(browser, live_server, accounts["jinan"], "zh")
    upload(jinan, live_server, f"370100,{PERIOD},5\n370102,{PERIOD},4\n", tmp_path, "jinan.csv")
    assert "较上期变化超过30%" in jinan.locator("table").inner_text()  # 历下 was at 2 stars
    jinan.fill("input[name^=explain-]", "2031年通过四星级评估")
    jinan.get_by_role("button", name="确认报送").click()
    jinan.wait_for_url(re.compile(r"/admin/history"))
    assert "已报送,待审核" in jinan.get_by_role("status").inner_text()
    office.goto(round_url)
    assert counts(office, "370100")["submitted"] == 2 and counts(office, "370200")["submitted"] == 0

    reviewer = browser_of(browser, live_server, accounts["reviewer"], "en")
    reviewer.goto(round_url)
    waiting = reviewer.locator("form[action$='/review'] tbody tr")
    assert waiting.count() == 2 and "2031年通过四星级评估" in waiting.all_inner_texts()[1]
    reviewer.get_by_label("Lixia District").check()
    reviewer.fill("input[name=reason]", "请附评估文件")
    reviewer.get_by_role("button", name="Return the chosen").click()
    reviewer.get_by_label("Jinan", exact=False).check()
    reviewer.get_by_role("button", name="Accept the chosen").click()
    reviewer.wait_for_selector("text=1 accepted; the figures now count.")
    assert counts(reviewer, "370100") == {"not_submitted": 11, "submitted": 0, "accepted": 1, "returned": 1, "overdue": 0}

    jinan.goto(round_url)
    assert "请附评估文件" in jinan.locator("tr.cell-returned").inner_text()
    upload(jinan, live_server, f"370102,{PERIOD},4\n", tmp_path, "again.csv")
    jinan.get_by_role("button", name="确认报送").click()
    jinan.wait_for_url(re.compile(r"/admin/history"))
    reviewer.goto(round_url)
    reviewer.get_by_label("Lixia District").check()
    reviewer.get_by_role("button", name="Accept the chosen").click()
    reviewer.wait_for_selector("text=1 accepted; the figures now count.")
    assert counts(reviewer, "370100") == {"not_submitted": 11, "submitted": 0, "accepted": 2, "returned": 0, "overdue": 0}

    query = f"?indicator=smart_city_stars&level=county&period={PERIOD}"
    model = build_map_model(current_dataset(), parse_view(current_dataset(), query)[0])
    expected = model.hideout()["val"][model.hideout()["codes"].index("370102")]
    assert expected is not None  # the accepted figure, written as the map writes it
    office.goto(live_server + "/" + query)
    office.wait_for_function("window.sdplan && window.sdplan.map && window.sdplan.map.hideout "
                             "&& window.sdplan.map.hideout.codes && window.sdplan.map.hideout.codes.length === 136")
    shown = office.evaluate("(() => { const h = window.sdplan.map.hideout; return h.val[h.codes.indexOf('370102')]; })()")
    assert shown == expected
    close_round(open_store(), get_user(open_store(), accounts["office"]), int(round_url.rsplit("/", 1)[1]))
    for page in (office, qingdao, jinan, reviewer):
        page.context.close()
