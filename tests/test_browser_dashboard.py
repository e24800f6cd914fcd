"""The dashboard in real headless Chromium: what a person sees and does."""


import pytest
from published import RAIL_PERIOD, RAIL_QINGDAO, RAIL_TARGET_KM, percent

from sdplan.classify import MUTED_FILL

pytestmark = pytest.mark.browser

REGION_PATHS = ".leaflet-overlay-pane path"


def open_view(page, query: str = "", count: int = 16):
    page.goto(page.base_url + "/" + query)
    wait_for_regions(page, count)
    page.wait_for_selector("#chart .bars path", state="attached")
    wait_for_map_still(page)


# The map fitted to the scope and still: its panes' positions unchanged over several frames.
MAP_STILL = """() => new Promise(done => {
    let last = null, still = 0;
    const frame = () => {
        const now = Array.from(document.querySelectorAll('.leaflet-map-pane, .leaflet-zoom-animated'))
            .map(e => e.style.transform).join('|');
        still = now === last && !document.querySelector('.leaflet-zoom-anim') ? still + 1 : 0;
        last = now;
        if (still >= 5) { done(true); } else { requestAnimationFrame(frame); }
    };
    frame();
})"""


def wait_for_map_still(page):
    page.evaluate(MAP_STILL)


def wait_for_regions(page, count: int):
    """Until Dash's region layer has drawn ``count`` regions (the first view drawn before it, with the class
    "first-view", is gone: assets/sdplan_first_view.js)."""
    page.wait_for_function(f"document.querySelectorAll('{REGION_PATHS}').length === {count}"
                           " && !document.querySelector('.first-view')")


def wait_for_muted(page, count: int):
    """Until ``count`` regions are drawn muted (outside the chosen scope)."""
    page.wait_for_function(f"""Array.from(document.querySelectorAll('{REGION_PATHS}'))
        .filter(p => p.getAttribute('fill') === '{MUTED_FILL}').length === {count}""")


def fills(page) -> list[str]:
    return page.eval_on_selector_all(REGION_PATHS, "paths => paths.map(p => p.getAttribute('fill'))")


def point_inside(page, index: int) -> tuple[float, float]:
    """Screen coordinates of a point inside the index-th region (features are sorted by adcode)."""
    return page.evaluate(
        """([selector, i]) => {
            const path = document.querySelectorAll(selector)[i];
            const box = path.getBBox(), ctm = path.getScreenCTM();
            for (let fy = 0.5; fy < 1; fy += 0.05) for (const sy of [1, -1]) for (let fx = 0.5; fx < 1; fx += 0.05)
                for (const sx of [1, -1]) {
                    const p = new DOMPoint(box.x + box.width * (0.5 + sx * (fx - 0.5)),
                                           box.y + box.height * (0.5 + sy * (fy - 0.5)));
                    if (path.isPointInFill(p)) { const s = p.matrixTransform(ctm); return [s.x, s.y]; }
                }
            return null;
        }""", [REGION_PATHS, index])


def choose(page, dropdown: str, option: str):
    """Open ``dropdown`` and pick ``option``."""
    page.locator(dropdown).click()
    page.locator(".Select-menu-outer, [role=listbox], .dash-dropdown-options").get_by_text(option, exact=True).click()


def switch_language(page, count: int = 16):
    """Click the language switch: the page is drawn again in the other language, at the same address."""
    with page.expect_navigation():
        page.locator("#lang").click()
    wait_for_regions(page, count)


def wait_for_url(page, pattern: str):
    page.wait_for_function(f"new RegExp({pattern!r}).test(window.location.search)")


def test_page_loads_without_errors_and_draws_the_sixteen_prefectures(page):
    open_view(page)
    assert len(fills(page)) == 16
    assert page.locator(".leaflet-context-pane path").count() == 4  # the neighbouring provinces
    assert page.locator(".legend-title").inner_text() == "山东省 新型智慧城市星级"
    assert page.locator("#sample-banner").is_visible()  # star ratings are sample values
    assert page.problems == []


def test_switching_to_county_level_draws_136(page):
    open_view(page)
    page.locator("#level label", has_text="县(市、区)").click()
    wait_for_regions(page, 136)
    wait_for_url(page, "level=county")
    assert len(fills(page)) == 136
    assert page.problems == []


def test_choosing_jiaodong_mutes_the_eleven_other_cities_and_updates_chart_and_table(page):
    open_view(page, "?indicator=urban_rail_km")
    assert page.locator(".breakdown-table tbody tr").count() == 16
    page.locator("#circle label", has_text="胶东").click()
    wait_for_muted(page, 11)
    assert fills(page).count(MUTED_FILL) == 11
    page.wait_for_function("document.querySelectorAll('.breakdown-table tbody tr').length === 5")
    names = page.locator(".breakdown-table tbody td:first-child").all_inner_texts()
    assert names[0] == "青岛市" and set(names) == {"青岛市", "烟台市", "潍坊市", "威海市", "日照市"}
    assert page.locator("#chart .bars path").count() == 5
    assert "circle=jiaodong" in page.url
    assert page.problems == []


def test_switching_indicators_changes_fills_and_legend(page):
    open_view(page)
    before_fills, before_legend = fills(page), page.locator("#legend").inner_text()
    choose(page, "#indicator", "城市轨道交通运营里程")
    wait_for_url(page, "indicator=urban_rail_km")
    page.wait_for_function("document.querySelector('.legend-title').innerText.includes('城市轨道交通')")
    assert fills(page) != before_fills
    assert page.locator("#legend").inner_text() != before_legend and "公里" in page.locator("#legend").inner_text()
    assert page.problems == []


def test_a_copied_url_reopens_the_same_view(page, browser):
    open_view(page, "?indicator=sewer_retrofit_status", count=136)
    page.locator("#circle label", has_text="鲁南").click()
    wait_for_url(page, "circle=lunan")
    page.wait_for_function("document.querySelector('.legend-title').innerText.includes('鲁南')")
    url, first_fills, legend = page.url, fills(page), page.locator("#legend").inner_text()
    other = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True).new_page()
    other.set_default_timeout(15_000)
    other.goto(url)
    wait_for_regions(other, 136)
    other.wait_for_function("document.querySelector('.legend-title').innerText.includes('鲁南')")
    assert fills(other) == first_fills and other.locator("#legend").inner_text() == legend
    assert other.locator("#circle input:checked").get_attribute("value") == "lunan"
    other.context.close()


def test_a_tampered_url_shows_the_default_view_and_a_notice(page):
    open_view(page, "?indicator=<script>alert(1)</script>&circle=atlantis")
    page.wait_for_selector("#notice:not(:empty)")
    notice = page.locator("#notice").inner_text()
    assert "indicator" in notice and "circle" in notice and "无效" in notice
    assert page.locator(".legend-title").inner_text() == "山东省 新型智慧城市星级"
    assert page.problems == []


def test_the_english_switch_changes_the_labels(page):
    open_view(page, "?indicator=sewer_retrofit_km&circle=jiaodong&prefecture=370200&scheme=quantiles", count=136)
    view = page.evaluate("location.search")
    switch_language(page, count=136)
    page.wait_for_function("document.querySelector('.legend-title')?.innerText.startsWith('Qingdao')")
    assert page.evaluate("location.search") == view + "&lang=en"  # the whole view kept
    assert page.locator("#circle input:checked").get_attribute("value") == "jiaodong"
    switch_language(page, count=136)
    page.wait_for_function("document.querySelector('.legend-title')?.innerText.startsWith('青岛市')")
    assert page.evaluate("location.search") == view
    switch_language(page, count=136)
    page.locator("#back").click()
    page.wait_for_function("document.querySelector('.legend-title')?.innerText.startsWith('Jiaodong')")
    page.wait_for_function("document.querySelector('#title').innerText.startsWith('Shandong')")
    assert page.locator("#nav-ledger").inner_text() == "Targets ledger"
    assert page.locator("#indicator-label").inner_text() == "Indicator"
    assert "Qingdao" in page.locator(".breakdown-table").inner_text()
    assert page.locator("#circle label", has_text="Jiaodong").count() == 1
    assert "lang=en" in page.url and page.problems == []


def test_hover_shows_name_value_the_province_target_as_such_and_the_source(page):
    open_view(page, f"?indicator=urban_rail_km&period={RAIL_PERIOD}")
    page.mouse.move(*point_inside(page, 1))  # 370200 Qingdao
    tooltip = page.wait_for_selector(".region-tooltip")
    lines = tooltip.inner_text().splitlines()
    # the value as the server wrote it, how it was counted, its share of the target, the target said to be
    # the province's (never bare)
    assert lines[:5] == ["青岛市", f"{RAIL_QINGDAO.text}公里", "统计口径:地铁及有轨电车",
                         f"占全省目标的 {percent(RAIL_QINGDAO.value, RAIL_TARGET_KM)}%",
                         f"全省目标:城市轨道交通运营里程 ≥ {RAIL_TARGET_KM:g}公里"]
    assert RAIL_QINGDAO.source_title[:12] in lines[5] and RAIL_QINGDAO.source_date in lines[5]  # the source, dated


def test_hovering_a_prefecture_summed_from_part_of_its_counties_says_it_is_not_a_total(page):
    open_view(page, "?indicator=sewer_retrofit_km&level=prefecture")
    h = "window.sdplan.map.hideout"
    said = page.evaluate(f"{h}.lines[{h}.codes.indexOf('370200')]")  # Qingdao: part of its counties
    part = next(line for line in said if line.startswith("基于"))
    assert part.endswith("仅为已报地区之和,不是合计")
    page.mouse.move(*point_inside(page, 1))  # 370200 Qingdao
    lines = page.wait_for_selector(".region-tooltip").inner_text().splitlines()
    assert lines[0] == "青岛市" and part in lines


def test_clicking_a_prefecture_drills_into_its_counties_and_back(page):
    open_view(page, "?indicator=sewer_retrofit_km&level=prefecture")
    page.mouse.click(*point_inside(page, 1))  # Qingdao
    wait_for_url(page, "prefecture=370200")
    wait_for_regions(page, 136)
    page.wait_for_function("document.querySelectorAll('.breakdown-table tbody tr').length === 10")
    assert fills(page).count(MUTED_FILL) == 126  # every county outside Qingdao
    assert page.locator("#back").is_visible()
    page.locator("#back").click()
    wait_for_url(page, "^(?!.*prefecture=)")
    page.wait_for_function("document.querySelectorAll('.breakdown-table tbody tr').length === 16")
    assert page.problems == []


def test_a_new_view_restyles_the_regions_on_the_map_instead_of_drawing_them_again(page):
    """Only values and styles move: the region paths the geometry made stay, their colours change."""
    open_view(page, "?indicator=urban_rail_km")
    page.eval_on_selector_all(REGION_PATHS, "paths => paths.forEach(p => { p.dataset.drawnOnce = '1'; })")
    page.locator("#circle label", has_text="胶东").click()
    wait_for_muted(page, 11)
    choose(page, "#indicator", "新型智慧城市星级")
    wait_for_url(page, "indicator=smart_city_stars")
    page.wait_for_function("document.querySelector('.legend-title').innerText.includes('新型智慧城市星级')")
    marks = page.eval_on_selector_all(REGION_PATHS, "paths => paths.map(p => p.dataset.drawnOnce || null)")
    assert marks == ["1"] * 16  # the same sixteen paths: restyled, not removed and added again
    assert fills(page).count(MUTED_FILL) == 11
    assert page.problems == []


def test_hovering_a_bar_outlines_its_region_on_the_map(page):
    open_view(page, "?indicator=urban_rail_km")
    box = page.locator("#chart .bars path").last.bounding_box()  # the top bar: Qingdao
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function(
        f"Array.from(document.querySelectorAll('{REGION_PATHS}')).some(p => p.getAttribute('stroke') === '#d62728')")
    outlined = page.evaluate(f"""() => Array.from(document.querySelectorAll('{REGION_PATHS}'))
        .filter(p => p.getAttribute('stroke') === '#d62728')
        .map(p => Object.keys(window.sdplan.map.layers).find(c => window.sdplan.map.layers[c]._path === p))""")
    assert outlined == ["370200"]  # Qingdao, and only Qingdao


@pytest.mark.parametrize("query", ["?indicator=urban_rail_km", "?indicator=sewer_retrofit_km&circle=lunan"])
def test_a_map_opened_from_a_link_is_coloured_by_that_views_values(page, query, data):
    from sdplan.mapview import build_map_model
    from sdplan.viewstate import parse_view

    model = build_map_model(data, parse_view(data, query)[0])
    expected = [MUTED_FILL if code not in model.scope_codes else color
                for code, color in zip(model.values["adcode"], model.values["color"])]
    open_view(page, query, count=len(expected))
    assert fills(page) == expected  # features and values are both sorted by adcode


def test_the_map_page_has_links_to_the_ledger_and_data_management(page):
    open_view(page, "?indicator=urban_rail_km")
    assert page.locator("#nav-admin").get_attribute("href") == "/admin/"
    page.locator("#nav-ledger").click()
    page.wait_for_function("window.location.pathname === '/ledger'")
    page.wait_for_selector("#map-page", state="hidden")
    assert page.locator("#ledger-page").get_attribute("hidden") is None
    page.locator("#nav-map").click()
    page.wait_for_selector("#map-page", state="visible")
    wait_for_regions(page, 16)
    assert page.problems == []


def callback_requests_during(page, action, settled: str) -> list[str]:
    """The callback requests the page sends while ``action`` runs and until ``settled`` holds."""
    sent = []
    listener = lambda request: "_dash-update-component" in request.url and sent.append(request.post_data or "")  # noqa: E731
    page.on("request", listener)
    action()
    page.wait_for_function(settled)
    page.wait_for_load_state("networkidle")
    page.remove_listener("request", listener)
    return sent


def test_each_map_interaction_sends_one_request(page):
    open_view(page, "?indicator=urban_rail_km")
    page.wait_for_load_state("networkidle")
    interactions = [
        (lambda: page.locator("#circle label", has_text="胶东").click(), "location.search.includes('circle=jiaodong')"),
        (lambda: choose(page, "#indicator", "新增海绵城市面积"),
         "location.search.includes('sponge_city_new_km2')"),
        (lambda: page.locator("#period-slider [role=slider]").press("ArrowLeft"),
         "location.search.includes('period=')"),
        (lambda: page.locator("#nav-ledger").click(), "document.querySelectorAll('.ledger-row').length > 0"),
    ]
    for action, settled in interactions[:3]:
        assert len(callback_requests_during(page, action, settled)) == 1, settled
    # Leaving the map for the ledger asks only for the ledger (the map's callback does not fire).
    sent = callback_requests_during(page, *interactions[3])
    assert len(sent) == 1 and "ledger-page" in sent[0]
    assert page.problems == []


TRUNCATED = """() => Array.from(document.querySelectorAll('.header *')).filter(e => {
    const style = getComputedStyle(e);
    return e.textContent.trim() && (style.overflowX !== 'visible' || style.textOverflow === 'ellipsis')
        && e.scrollWidth > e.clientWidth + 1;
}).map(e => e.textContent.trim())"""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_control_label_is_cut_at_1440_px(browser, live_server, data, lang):
    page = browser.new_page(viewport={"width": 1440, "height": 900}, bypass_csp=True)
    try:
        for indicator in data.catalog.map_indicators():
            page.goto(f"{live_server}/?indicator={indicator}&scheme=equal_interval&lang={lang}")
            name = data.catalog.indicator(indicator).name(lang)
            page.wait_for_function(f"document.querySelector('.legend-title')?.innerText.includes({name!r})")
            assert page.evaluate(TRUNCATED) == [], indicator
    finally:
        page.close()


def test_a_drilled_prefecture_fits_the_map_whole(page):
    open_view(page, "?indicator=sewer_retrofit_km&prefecture=371300", count=136)  # Linyi, the far south
    page.wait_for_function("document.querySelector('.legend-title').innerText.includes('临沂市')")
    fit = """(muted) => {
        const map = document.querySelector('.leaflet-container').getBoundingClientRect();
        const boxes = Array.from(document.querySelectorAll('.leaflet-overlay-pane path'))
            .filter(p => p.getAttribute('fill') !== muted).map(p => p.getBoundingClientRect());
        const top = Math.min(...boxes.map(b => b.top)), bottom = Math.max(...boxes.map(b => b.bottom));
        const left = Math.min(...boxes.map(b => b.left)), right = Math.max(...boxes.map(b => b.right));
        return [boxes.length, top >= map.top, bottom <= map.bottom, left >= map.left, right <= map.right,
                Math.max((right - left) / map.width, (bottom - top) / map.height)];
    }"""
    # zoomed to the prefecture (it fills half the map or more; at the whole province, about a third)
    # and Leaflet's zoom animation over
    page.wait_for_function(f"""(muted) => {{ const [count, , , , , filled] = ({fit})(muted);
        return count === 12 && filled >= 0.5 && !document.querySelector('.leaflet-zoom-anim'); }}""", arg=MUTED_FILL)
    inside = page.evaluate(fit, MUTED_FILL)[:5]
    assert inside == [12, True, True, True, True]  # Linyi's 12 counties, every edge inside the map


def test_the_address_follows_every_change(page):
    # how soon it follows is measured by bench/bench_first_view.py, not asserted here: a busy machine is slower
    open_view(page, "?indicator=urban_rail_km")
    for label, circle in [("胶东", "jiaodong"), ("鲁南", "lunan"), ("全省", None)] * 2:
        page.locator("#circle label", has_text=label).click()
        if circle:
            wait_for_url(page, f"[?&]circle={circle}(&|$)")
        else:
            page.wait_for_function("!new URLSearchParams(window.location.search).has('circle')")
        page.wait_for_function("document.querySelector('[data-dash-is-loading=\"true\"]') === null")
    assert page.problems == []


def test_the_map_reached_from_the_english_ledger_is_drawn_in_english(page):
    page.goto(page.base_url + "/ledger")
    page.wait_for_selector(".ledger-row")
    page.locator("#ledger-lang").click()  # the ledger switches in place (no new page)
    page.wait_for_function("new URLSearchParams(location.search).get('lang') === 'en'")
    page.locator("#nav-map").click()  # the map page was drawn in Chinese with the frame: it is drawn again
    page.wait_for_function("document.querySelector('.legend-title')?.innerText.startsWith('Shandong')")
    wait_for_regions(page, 16)
    assert page.locator("#indicator-label").inner_text() == "Indicator"
    assert page.locator("#play").inner_text().endswith("Play") and "lang=en" in page.url
