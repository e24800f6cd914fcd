"""The dashboard's snapshot button delivers a real file (headless Chromium via Playwright)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_download_button_delivers_a_pdf_then_a_png(page):
    page.goto(page.base_url + "/?indicator=urban_rail_km&circle=jiaodong")
    page.wait_for_selector("#export-button")
    page.wait_for_selector(".leaflet-overlay-pane path")
    with page.expect_download(timeout=30_000) as info:
        page.click("#export-button")
    download = info.value
    assert download.suggested_filename == download.suggested_filename.encode("ascii").decode()
    assert download.suggested_filename.startswith("shandong-plan_urban_rail_km_jiaodong_")
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"

    page.locator("#export-format").get_by_text("PNG", exact=True).click()
    with page.expect_download(timeout=30_000) as info:
        page.click("#export-button")
    with open(info.value.path(), "rb") as handle:
        assert handle.read(8) == b"\x89PNG\r\n\x1a\n"
    assert info.value.suggested_filename.endswith(".png")
    assert not [p for p in page.problems if "export" in p]
