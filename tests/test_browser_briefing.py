"""The "生成简报" control delivers a real Word briefing, on the map page and on the ledger (headless Chromium)."""

from __future__ import annotations

import docx
import pytest

from sdplan.i18n import t

pytestmark = pytest.mark.browser


def _paragraphs(path) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in docx.Document(path).paragraphs]


def test_the_map_page_makes_a_briefing_of_its_view(page):
    page.goto(page.base_url + "/?indicator=urban_rail_km&circle=jiaodong")
    page.wait_for_selector("#brief-button")
    page.wait_for_selector(".leaflet-overlay-pane path")
    assert page.inner_text("#brief-button") == t("brief_button")
    with page.expect_download(timeout=60_000) as info:
        page.click("#brief-button")
    download = info.value
    assert download.suggested_filename.startswith("briefing_jiaodong_")
    assert download.suggested_filename.endswith(".docx")
    paragraphs = _paragraphs(download.path())
    assert paragraphs[0] == ("Title", t("brief_title", scope=t("circle.jiaodong")))
    headings = [text for style, text in paragraphs if style == "Heading 2" and text != t("brief_behind")]
    assert headings[0] == "城市轨道交通运营里程"  # the view's indicator first
    document = docx.Document(download.path())
    assert len(headings) == 6
    assert len(document.tables) >= len(headings) and len(document.inline_shapes) == len(headings)
    assert page.is_hidden("#brief-progress")
    assert not [p for p in page.problems if "brief" in p]


def test_the_ledger_makes_a_briefing_of_its_circle(page):
    page.goto(page.base_url + "/ledger?circle=lunan")
    page.wait_for_selector("#ledger-brief-button")
    with page.expect_download(timeout=60_000) as info:
        page.click("#ledger-brief-button")
    assert info.value.suggested_filename.startswith("briefing_lunan_")
    paragraphs = _paragraphs(info.value.path())
    assert paragraphs[0] == ("Title", t("brief_title", scope=t("circle.lunan")))
    assert t("brief_ledger") in [text for style, text in paragraphs if style == "Heading 1"]


def test_the_comparison_mode_is_in_the_address_and_on_the_map(page):
    page.goto(page.base_url + "/?indicator=urbanization_rate&period=2022")
    page.wait_for_selector(".leaflet-overlay-pane path")
    page.click("#compare")
    page.get_by_role("option", name="2020", exact=True).click()
    page.wait_for_function("() => window.location.search.includes('compare=2020')")
    page.wait_for_selector(f"text={t('compare_missing')}")
    assert "2020→2022" in page.inner_text("#legend")
    page.goto(page.base_url + "/?indicator=urbanization_rate&period=2022&compare=2020&lang=en")
    page.wait_for_selector("text=No comparable figures")
    assert not [p for p in page.problems if "compare" in p]
