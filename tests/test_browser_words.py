"""Words in the page's language, and whole: the search's placeholder and messages, the tab's title, the
map's buttons, notices one by one; and no English word on the Chinese page but the format names."""

import re

import pytest
from test_browser_access import wait_for_search_box
from test_browser_dashboard import open_view, switch_language, wait_for_url
from test_search import dropdown_matches

from sdplan.i18n import t
from sdplan.search import region_options

pytestmark = pytest.mark.browser

PLACEHOLDER = "#region-search .dash-dropdown-placeholder"
SEARCH_BOX = "input.dash-dropdown-search"
# Latin words a Chinese page may show: the switch to English, file formats, data's own names
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+")
ALLOWED_LATIN = {"English", "PDF", "PNG", "SVG", "Word", "Excel", "XLSX", "CSV", "NB-IoT"}
PAGE_WORDS = """() => {
    let text = document.body.innerText;  // progress notes are the officials' own words, kept as written
    for (const note of document.querySelectorAll('.ledger-notes')) if (note.innerText) text = text.split(note.innerText).join('');
    const out = [document.title, text];
    for (const e of document.querySelectorAll('*'))
        for (const a of ['placeholder', 'title', 'aria-label', 'alt'])
            if (e.getAttribute(a)) out.push(e.getAttribute(a));
    return out.join('\\n');
}"""


def wait_for_fonts(page):
    page.wait_for_function("document.fonts.status === 'loaded'")


@pytest.mark.parametrize("width", [1440, 390])
def test_the_search_placeholder_is_shown_whole(browser, live_server, width):
    page = browser.new_page(viewport={"width": width, "height": 900}, bypass_csp=True)
    try:
        for lang in ("en", "zh"):
            page.goto(f"{live_server}/?lang={lang}")
            words = t("region_search_placeholder", lang)
            page.wait_for_function(f"document.querySelector({PLACEHOLDER!r})?.textContent === {words!r}")
            wait_for_fonts(page)
            scroll, client = page.eval_on_selector(PLACEHOLDER, "e => [e.scrollWidth, e.clientWidth]")
            assert client > 0 and scroll <= client, (lang, width, scroll, client)
    finally:
        page.close()


@pytest.mark.parametrize("how, lang", [("?lang=en", "en"), ("", "zh"), ("switch", "en")])
def test_the_search_speaks_the_pages_language_and_finds_the_same_regions(page, data, how, lang):
    open_view(page, "" if how == "switch" else how)
    if how == "switch":
        switch_language(page)
        wait_for_url(page, "lang=en")
    page.locator("#region-search").click()
    wait_for_search_box(page)
    assert page.locator(SEARCH_BOX).get_attribute("placeholder") == t("dropdown.search", lang)
    page.keyboard.type("zzqqxx")
    page.locator(".dash-dropdown-options", has_text=t("region_search_none", lang)).wait_for()
    assert "No options found" not in page.locator(".dash-dropdown-options").inner_text() or lang == "en"
    # the browser keeps the regions the Python model of its search keeps, the same in both languages
    expected = dropdown_matches(region_options(data, lang), "qingdao")
    assert expected == dropdown_matches(region_options(data, "en" if lang == "zh" else "zh"), "qingdao")
    page.locator(SEARCH_BOX).fill("qingdao")
    page.wait_for_function(f"document.querySelectorAll('[role=option]').length === {len(expected)}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_tab_title_and_the_zoom_buttons_follow_the_language(page, lang):
    other = "en" if lang == "zh" else "zh"
    open_view(page, f"?lang={lang}")
    assert page.title() == t("doc_title", lang)
    page.wait_for_function(f"document.querySelector('.leaflet-control-zoom-in').title === {t('zoom_in', lang)!r}")
    switch_language(page)
    page.wait_for_function(f"document.title === {t('doc_title', other)!r}")
    page.wait_for_function(f"document.querySelector('.leaflet-control-zoom-out').title === {t('zoom_out', other)!r}")
    page.locator("#nav-ledger").click()
    page.wait_for_selector("#ledger-page:not([hidden])")
    assert page.title() == t("doc_title", other)
    assert page.problems == []


def test_the_chinese_pages_show_no_english_words(page):
    open_view(page)
    page.locator("#region-search").click()  # the search's own words too
    wait_for_search_box(page)
    page.keyboard.type("zzqqxx")
    page.locator(".dash-dropdown-options", has_text=t("region_search_none", "zh")).wait_for()
    found = set(re.findall(r"[A-Za-z][A-Za-z'’-]{2,}", page.evaluate(PAGE_WORDS))) - ALLOWED_LATIN
    assert found == set()
    page.keyboard.press("Escape")
    page.locator("#nav-ledger").click()
    page.wait_for_selector(".ledger-table tbody tr")
    found = set(re.findall(r"[A-Za-z][A-Za-z'’-]{2,}", page.evaluate(PAGE_WORDS))) - ALLOWED_LATIN
    assert found == set()


def test_the_english_pages_show_no_chinese_words_but_the_switch_back(page):
    open_view(page)  # drawn in Chinese, then switched
    switch_language(page)
    wait_for_url(page, "lang=en")
    page.wait_for_function("document.querySelector('.legend-title')?.innerText.startsWith('Shandong')")
    assert set(CJK.findall(page.evaluate(PAGE_WORDS))) == {t("language", "en")}
    page.locator("#nav-ledger").click()
    page.wait_for_selector(".ledger-table tbody tr")
    assert set(CJK.findall(page.evaluate(PAGE_WORDS))) == {t("language", "en")}
    assert page.problems == []


def test_english_notices_are_one_line_each(page):
    open_view(page, "?lang=en&indicator=nope&circle=atlantis")
    page.wait_for_selector("#notice:not(:empty)")
    lines = page.locator("#notice > *").all_inner_texts()
    assert len(lines) == 2 and all(line.startswith("The link's") for line in lines)
    assert [line for line in page.locator("#notice").inner_text().split("\n") if line] == lines  # not run together
