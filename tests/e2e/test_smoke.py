"""The shell on a phone: both languages, the language switch, axe, and no other origin."""
from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import axe_violations

VIEWPORTS = {"pixel7": None, "320px": {"width": 320, "height": 640}}


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_home_switch_language_axe_same_origin(tab, live_server, viewport):
    page = tab
    if VIEWPORTS[viewport]:
        page.set_viewport_size(VIEWPORTS[viewport])
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))

    page.goto(live_server + "/fr/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(live_server + "/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Français").click()
    expect(page).to_have_url(live_server + "/fr/")

    origin = urlparse(live_server).netloc
    assert requests and all(urlparse(url).netloc == origin for url in requests if not url.startswith("data:"))


@pytest.mark.parametrize("path", ["/fr/", "/en/zoledronic-acid/?crcl=29", "/fr/before-first-dose/", "/en/evidence/"])
def test_dark_mode_passes_axe(tab, live_server, path):
    page = tab
    page.emulate_media(color_scheme="dark")
    page.goto(live_server + path)
    assert page.evaluate("() => matchMedia('(prefers-color-scheme: dark)').matches")
    assert axe_violations(page) == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_about_page_passes_axe_and_fits_a_phone(tab, live_server, lang):
    page = tab
    page.goto(f"{live_server}/{lang}/")
    page.locator("footer").get_by_role("link", name={"fr": "À propos et mode d'emploi",
                                                     "en": "About and instructions for use"}[lang]).click()
    expect(page).to_have_url(f"{live_server}/{lang}/about/")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
