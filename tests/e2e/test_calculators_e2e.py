"""Every calculator scenario gives the same visible answer from the live server and from
the frozen site with the network cut (and with its server stopped)."""
from __future__ import annotations

from urllib.parse import urlencode

import pytest

from tests.e2e.browser import axe_violations, fill_form, result_text
from tests.e2e.scenarios import SCENARIOS

IDS = [scenario[0] for scenario in SCENARIOS]


def play(page, url: str, inputs: dict[str, str]) -> str:
    page.goto(url) if url else None
    page.wait_for_selector("form[data-ready]")
    fill_form(page, inputs)
    return result_text(page)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_server_and_offline_site_show_the_same(page, live_server, go_offline, scenario):
    _, slug, lang, inputs, expected = scenario
    online = play(page, f"{live_server}/{lang}/{slug}/", inputs)
    for text in expected:
        assert text in online
    go_offline(f"/{lang}/{slug}/")
    offline = play(page, "", inputs)
    assert offline == online


@pytest.mark.parametrize("scenario", SCENARIOS[:2], ids=IDS[:2])
def test_offline_with_the_server_stopped(page, go_offline, scenario):
    _, slug, lang, inputs, expected = scenario
    go_offline(f"/{lang}/{slug}/", how="stop_server")
    text = play(page, "", inputs)
    assert all(item in text for item in expected)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_works_without_javascript(browser, live_server, scenario):
    _, slug, lang, inputs, expected = scenario
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server}/{lang}/{slug}/?{urlencode(inputs)}")
    text = page.locator("main").inner_text()
    context.close()
    for item in expected:
        if not item.startswith("error-"):
            assert item in text


@pytest.mark.parametrize("scenario", SCENARIOS[:1], ids=IDS[:1])
def test_no_axe_violation_empty_and_with_result(page, live_server, scenario):
    _, slug, lang, inputs, _ = scenario
    page.goto(f"{live_server}/{lang}/{slug}/")
    assert axe_violations(page) == []
    play(page, "", inputs)
    assert axe_violations(page) == []
