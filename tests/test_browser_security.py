"""The Content-Security-Policy in real Chromium: the dashboard and the admin pages work under it,
with no violation, and a page of another site cannot frame them."""

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def strict_page(browser, live_server):
    """A page in a context of its own that keeps the server's CSP (no bypass, no string predicates)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.problems = []
    page.on("console", lambda msg: msg.type == "error" and page.problems.append(f"console: {msg.text}"))
    page.on("pageerror", lambda exc: page.problems.append(f"pageerror: {exc}"))
    yield page
    context.close()


def test_the_dashboard_draws_its_map_chart_and_ledger_under_the_csp(strict_page, live_server):
    response = strict_page.goto(live_server + "/")
    csp = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "unsafe-eval" not in csp and "script-src 'self' 'sha256-" in csp
    strict_page.locator(".leaflet-overlay-pane path").nth(15).wait_for(state="attached")
    strict_page.locator("#chart .bars path").first.wait_for(state="attached")
    assert strict_page.locator(".leaflet-overlay-pane path").count() == 16
    strict_page.goto(live_server + "/ledger")
    strict_page.locator("table").first.wait_for()
    assert strict_page.problems == []


def test_the_admin_pages_work_under_the_csp_and_refuse_framing(strict_page, live_server):
    response = strict_page.goto(live_server + "/admin/history")
    assert response.headers["x-frame-options"] == "DENY" and response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    strict_page.goto(live_server + "/admin/login")
    strict_page.locator("input[name=username]").wait_for()
    with strict_page.expect_console_message(lambda message: "frame-ancestors" in message.text):  # the refusal
        strict_page.set_content(f'<iframe src="{live_server}/admin/"></iframe>')
    frame = strict_page.frames[-1]
    assert "数据管理" not in (frame.content() if frame != strict_page.main_frame else "")
    assert all("Content Security Policy" not in p or "frame-ancestors" in p for p in strict_page.problems)
