"""The completion map in the browser: each city against its own target (imported sub-targets), cities
without one shown as such, sample marked; chosen by the 显示 control and kept in the address."""

from __future__ import annotations

import pytest
from test_browser_dashboard import open_view, point_inside

from sdplan.i18n import t

pytestmark = pytest.mark.browser

# Jinan's and Qingdao's own rail targets (km): Qingdao's is a sample value. Every other city has none.
SPLIT = "target,region,value,provenance\nt07_urban_rail,济南,200,sourced\nt07_urban_rail,青岛,400,sample\n".encode()


def tooltip_lines(page, name: str) -> list[str]:
    """The lines of the tooltip laid out for the region ``name`` (one that is fading out may linger beside it)."""
    handle = page.wait_for_function("""(name) => Array.from(document.querySelectorAll('.region-tooltip'))
        .map(tip => tip.innerText).find(text => text.startsWith(name + '\\n'))""", arg=name)
    return handle.json_value().splitlines()


@pytest.fixture
def split(live_server):
    """The two cities' own targets imported into the session's store for the test, rolled back after it."""
    import secrets

    from sdplan.store.auth import add_user
    from sdplan.store.batches import rollback_batch
    from sdplan.store.db import open_store
    from sdplan.store.subtarget_imports import apply_subtargets, preview_subtargets

    engine = open_store()
    admin = add_user(engine, "completion-" + secrets.token_hex(4), secrets.token_hex(16), is_admin=True)
    batch = apply_subtargets(engine, preview_subtargets(engine, SPLIT, "split.csv", admin, isolated=False), admin)
    yield
    rollback_batch(engine, batch, admin)


def test_the_completion_map_shows_each_city_against_its_own_target(page, split):
    open_view(page, "?indicator=urban_rail_km")
    page.locator("#measure label", has_text=t("measure.completion")).click()
    page.wait_for_function("location.search.includes('measure=completion')")
    page.wait_for_function(f"(document.querySelector('#legend')?.innerText || '').includes('{t('completion_class.none')}')")
    legend = page.locator("#legend").inner_text()
    assert t("completion_class.done") in legend and t("sample_legend") in legend
    # (west to east: a tooltip opens left of the pointer and would cover a region further west)
    page.mouse.move(*point_inside(page, 2))  # 370300 Zibo: none of its own
    zibo = tooltip_lines(page, "淄博市")
    assert zibo[1] == t("completion_class.none") and "全省目标 ≥ 400公里" in zibo[2]
    page.mouse.move(*point_inside(page, 1))  # 370200 Qingdao: its own (sample) target
    lines = tooltip_lines(page, "青岛市")
    assert lines[0] == "青岛市" and lines[1].startswith("完成本地目标的") and lines[1].endswith("%")
    assert any("本地目标 ≥ 400公里" in line for line in lines) and t("provenance.sample") in "".join(lines)
    # a copied link reopens it; the control goes back to the values
    page.goto(page.base_url + "/" + "?indicator=urban_rail_km&measure=completion&lang=en")
    page.wait_for_function("(document.querySelector('#legend')?.innerText || '').includes('no sub-target')")
    page.locator("#measure label", has_text="Values").click()
    page.wait_for_function("!location.search.includes('measure=')")
    page.wait_for_function("!(document.querySelector('#legend')?.innerText || '').includes('no sub-target')")
    assert page.problems == []


def test_the_ledger_writes_each_light_in_words_and_offers_the_circular(page):
    page.goto(page.base_url + "/ledger")
    page.wait_for_selector(".ledger-light")
    lights = page.locator(".ledger-light").all_inner_texts()
    words = [t(f"schedule_light.{light}") for light in ("green", "yellow", "red")]
    assert lights and all(any(text.startswith(w + " · ") for w in words) for text in lights)
    link = page.locator("#ledger-circular-pdf")
    assert link.inner_text() == t("circular_download_as", fmt="PDF")
    response = page.request.get(page.base_url + link.get_attribute("href"))
    assert response.ok and response.body()[:4] == b"%PDF"
    assert page.problems == []
