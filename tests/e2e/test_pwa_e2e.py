"""The static site as an installed app: installable, every page offline, update banner."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.browser import wait_for_service_worker
from webapp.pages import PAGES


def test_installable_without_errors(playwright, browser_type_launch_args, static_server, tmp_path):
    """Asked of Chrome itself; a persistent profile, since incognito contexts never install."""
    context = playwright.chromium.launch_persistent_context(tmp_path / "profile", **browser_type_launch_args)
    page = context.new_page()
    page.goto(static_server.url + "/fr/")
    wait_for_service_worker(page)
    session = context.new_cdp_session(page)
    errors = session.send("Page.getInstallabilityErrors")["installabilityErrors"]
    context.close()
    assert errors == []


def test_every_page_offline_in_both_languages(page, static_server, go_offline):
    go_offline("/en/")
    for lang in ("fr", "en"):
        for path in ["", *(f"{slug}/" for slug in PAGES)]:
            response = page.goto(f"{static_server.url}/{lang}/{path}")
            assert response.ok, path
            expect(page.locator("html")).to_have_attribute("lang", lang)
            expect(page.locator("h1")).not_to_be_empty()


def test_root_picks_the_browser_language(browser, static_server):
    for locale, lang in (("en-GB", "en"), ("fr-FR", "fr"), ("de-DE", "fr")):
        context = browser.new_context(locale=locale)
        page = context.new_page()
        page.goto(static_server.url + "/")
        page.wait_for_url(re.compile(f"/{lang}/$"))
        context.close()


def test_new_version_offers_a_reload_banner(page, static_server, frozen_build):
    page.goto(static_server.url + "/en/")
    wait_for_service_worker(page)
    expect(page.locator("#update-banner")).to_be_hidden()
    sw = frozen_build / "sw.js"
    original = sw.read_text()
    try:
        sw.write_text(re.sub(r'const CACHE = "bone-mets-\w+"', 'const CACHE = "bone-mets-next"', original))
        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        expect(page.locator("#update-banner")).to_be_visible(timeout=10_000)
        page.get_by_role("button", name="Reload").click()
        page.wait_for_function("() => caches.keys().then(keys => keys.includes('bone-mets-next'))")
        page.wait_for_function("() => navigator.serviceWorker.controller && navigator.serviceWorker.controller.scriptURL.endsWith('/sw.js')")
        expect(page.locator("#update-banner")).to_be_hidden()
        assert page.evaluate("caches.keys()") == ["bone-mets-next"]
    finally:
        sw.write_text(original)
