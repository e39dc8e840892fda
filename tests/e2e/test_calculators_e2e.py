"""Every calculator scenario gives the same visible answer from the live server and from
the frozen site with the network cut (and with its server stopped)."""
from __future__ import annotations

from urllib.parse import urlencode

import pytest

from tests.e2e.browser import axe_violations, fill_and_leave, fill_form_at_once, result_text
from tests.e2e.scenarios import SCENARIOS
from tests.test_pages import spaced

IDS = [scenario[0] for scenario in SCENARIOS]
# One scenario with a result per page, in each language it is written in.
FIRST_PER_PAGE = list({(s[1], s[2]): s for s in reversed(SCENARIOS) if not s[0].endswith("bad-input")}.values())


def play(page, inputs: dict[str, str], enter=fill_and_leave) -> str:
    page.wait_for_selector("form[data-ready]")
    enter(page, inputs)
    return result_text(page)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_server_and_offline_site_show_the_same(kept_tab, live_server, offline_page, scenario):
    _, slug, lang, inputs, expected = scenario
    online = play(kept_tab(f"{live_server}/{lang}/{slug}/"), inputs, enter=fill_form_at_once)
    for text in expected:
        assert spaced(text) in spaced(online)
    offline = play(offline_page(f"/{lang}/{slug}/"), inputs, enter=fill_form_at_once)
    assert offline == online


@pytest.mark.parametrize("scenario", SCENARIOS[:2], ids=IDS[:2])
def test_offline_with_the_server_stopped(page, go_offline, scenario):
    _, slug, lang, inputs, expected = scenario
    go_offline(f"/{lang}/{slug}/", how="stop_server")
    text = play(page, inputs)
    assert all(spaced(item) in spaced(text) for item in expected)


@pytest.fixture(scope="module")
def no_javascript(browser):
    """One page for the pages read without JavaScript: with no script, nothing is stored on the device
    nor any service worker installed, so the cases share it."""
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_works_without_javascript(no_javascript, live_server, scenario):
    _, slug, lang, inputs, expected = scenario
    page = no_javascript
    page.goto(f"{live_server}/{lang}/{slug}/?{urlencode(inputs)}")
    text = page.locator("main").inner_text()
    for item in expected:
        if not item.startswith("error-"):
            assert spaced(item) in spaced(text)


@pytest.mark.parametrize("scenario", FIRST_PER_PAGE, ids=[s[0] for s in FIRST_PER_PAGE])
def test_no_axe_violation_empty_and_with_result(kept_tab, live_server, scenario):
    _, slug, lang, inputs, _ = scenario
    page = kept_tab(f"{live_server}/{lang}/{slug}/")
    assert axe_violations(page) == []
    play(page, inputs)
    assert axe_violations(page) == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_zoledronic_acid_dose_readable_without_scrolling(kept_tab, live_server, lang):
    """Age, weight, sex and creatinine on a 390 × 844 phone: the dose shows on the first screen."""
    page = kept_tab(f"{live_server}/{lang}/zoledronic-acid/", viewport={"width": 390, "height": 844})
    play(page, {"age": "70", "weight": "70", "sex": "female", "unit": "umol/L", "creatinine": "120"})
    page.evaluate("() => window.scrollTo(0, 0)")
    box = page.locator(".answer").bounding_box()
    assert box and box["y"] + box["height"] <= 844
