"""The ledger's tasks and progress notes on a phone (390 px), in Chinese and English, by keyboard."""

import pytest

from sdplan.catalog import load_catalog
from sdplan.store.auth import User
from sdplan.store.db import open_store
from sdplan.store.notes import add_note

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def noted():
    """Two notes on task 2 (a task that sets no number) in the session's store."""
    editor = User(0, "browser-test", "省大数据局", False)
    engine = open_store()
    add_note(engine, load_catalog(), editor, task=2, noted_on="2022-03-31", text="市县数字化应用场景梳理完成")
    add_note(engine, load_catalog(), editor, task=2, noted_on="2022-06-30", text="智慧医院场景在12个市落地")


@pytest.mark.parametrize("lang, words", [("zh", ("无量化目标", "历史记录(2条)", "未报送")),
                                         ("en", ("No numeric target", "History (2)", "Not reported"))])
def test_tasks_and_a_note_at_390_px(page, noted, lang, words):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base_url + "/ledger" + ("?lang=en" if lang == "en" else ""))
    page.wait_for_selector("#ledger-table, .ledger-empty", timeout=60_000)  # the first page of the session starts the app
    row = page.locator("#ledger-task-2")
    row.wait_for()
    assert page.locator(".ledger-task-row").count() == 10  # tasks 2, 3, 14, 15, 17, 25, 27-30
    no_target, history, not_reported = words
    assert no_target in row.inner_text()
    assert "2022-06-30" in row.locator(".ledger-note-latest").inner_text()
    assert "智慧医院场景在12个市落地" in row.inner_text()
    assert not_reported in page.locator("#ledger-row-t06_urban_roads").inner_text()
    earlier = row.locator(".ledger-note-history li")
    assert not earlier.is_visible()  # folded
    summary = row.locator(".ledger-note-history summary")
    assert summary.inner_text() == history
    summary.focus()
    page.keyboard.press("Enter")
    earlier.wait_for(state="visible")
    assert "2022-03-31" in earlier.inner_text()
    # nothing is wider than the phone: the table scrolls inside its own box
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    assert page.problems == []
