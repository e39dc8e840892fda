"""The static site as an installed app: installable, every page offline, a fallback page for
the others, the page's language stored first, nothing fetched twice, update banner."""
from __future__ import annotations

import json
import os
import re
import threading
from collections import Counter

from playwright.sync_api import expect

from tests.conftest import QuietHandler, serve_build
from tests.e2e.browser import wait_for_service_worker, wait_until_resolved_true
from webapp.pages import PAGES


def precache(frozen_build) -> dict[str, str]:
    sw = (frozen_build / "sw.js").read_text()
    return json.loads(re.search(r"^const FILES = (.*);$", sw, re.M).group(1))


# The paths (relative to the site) that the worker's cache holds.
_STORED = """() => caches.keys().then(async (keys) => {
  const key = keys.find((k) => k.startsWith("bone-mets-"));
  if (!key) return [];
  const requests = await (await caches.open(key)).keys();
  return requests.map((r) => new URL(r.url).pathname.slice(1) || "./");
})"""


def wait_for_whole_precache(page, frozen_build) -> None:
    """Until the cache has every file of the build, the other language included (stored after install)."""
    count = len(precache(frozen_build))
    wait_until_resolved_true(page, f"() => ({_STORED})().then((paths) => paths.length === {count})")


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


def test_every_page_offline_in_both_languages(page, static_server, frozen_build):
    page.goto(static_server.url + "/en/")
    wait_for_service_worker(page)
    wait_for_whole_precache(page, frozen_build)
    page.context.set_offline(True)
    for lang in ("fr", "en"):
        for path in ["", *(f"{slug}/" for slug in PAGES), "references/", "evidence/", "about/", "my-treatment/"]:
            response = page.goto(f"{static_server.url}/{lang}/{path}")
            assert response.ok, path
            expect(page.locator("html")).to_have_attribute("lang", lang)
            expect(page.locator("h1").first).not_to_be_empty()


def test_root_picks_the_browser_language(browser, static_server):
    for locale, lang in (("en-GB", "en"), ("fr-FR", "fr"), ("de-DE", "fr")):
        context = browser.new_context(locale=locale)
        page = context.new_page()
        page.goto(static_server.url + "/")
        page.wait_for_url(re.compile(f"/{lang}/$"))
        context.close()


def test_new_version_offers_a_reload_banner(page, site_copy):
    page.goto(site_copy.url + "/en/")
    wait_for_service_worker(page)
    expect(page.locator("#update-banner")).to_be_hidden()
    sw = site_copy.directory / "sw.js"  # the next build: this one with another cache name
    sw.write_text(re.sub(r'const CACHE = "bone-mets-\w+"', 'const CACHE = "bone-mets-next"', sw.read_text()))
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    expect(page.locator("#update-banner")).to_be_visible(timeout=10_000)
    page.get_by_role("button", name="Reload").click()
    wait_until_resolved_true(page, "() => caches.keys().then(keys => keys.includes('bone-mets-next'))")
    page.wait_for_function("() => navigator.serviceWorker.controller && navigator.serviceWorker.controller.scriptURL.endsWith('/sw.js')")
    expect(page.locator("#update-banner")).to_be_hidden()
    assert page.evaluate("caches.keys()") == ["bone-mets-next"]


def test_offline_every_other_address_gets_the_fallback_page(page, static_server, frozen_build):
    """With the network cut: the root is stored, an address without its final slash opens the page,
    and any address the device does not have shows the fallback page, in its language, not the
    browser's error page."""
    page.goto(static_server.url + "/fr/")
    wait_for_service_worker(page)
    wait_for_whole_precache(page, frozen_build)
    page.context.set_offline(True)
    page.goto(static_server.url + "/")
    page.wait_for_url(re.compile(r"/(en|fr)/$"))
    expect(page.locator("h1")).not_to_be_empty()
    page.goto(static_server.url + "/en/references")
    page.wait_for_url(re.compile(r"/en/references/$"))
    expect(page.locator("h1")).to_have_text("References")
    for path, lang, title in (("/en/no-such-page/", "en", "Not available offline"),
                              ("/fr/nulle/part?q=1", "fr", "Page indisponible hors ligne"),
                              ("/fr/zoledronic-acid/index.php", "fr", "Page indisponible hors ligne"),
                              ("/nowhere", "en", "Not available offline")):  # the device's language
        response = page.goto(static_server.url + path)
        assert response.ok, path
        expect(page.locator("html")).to_have_attribute("lang", lang)
        expect(page.locator("h1")).to_have_text(title)
        expect(page.get_by_role("link", name={"en": "Home", "fr": "Accueil"}[lang])).to_have_attribute("href", f"/{lang}/")


def packs(frozen_build) -> dict[str, list[str]]:
    return json.loads(re.search(r"^const PACKS = (.*);$", (frozen_build / "sw.js").read_text(), re.M).group(1))


def test_first_visit_fetches_each_file_once(page, static_server, frozen_build):
    """The worker takes what the page has just loaded from the HTTP cache (its hash checked): the
    whole first visit, page and both languages' precache, asks the server once per file. The pages
    come in their language's pack (the page visited again)."""
    page.goto(static_server.url + "/en/zoledronic-acid/")
    wait_for_service_worker(page)
    page.locator('[name="age"]').fill("70")  # the calculator's catalog, now from the worker
    expect(page.locator("#result")).not_to_have_attribute("aria-busy", "true")
    wait_for_whole_precache(page, frozen_build)
    asked = Counter(path.split("?")[0] for path in static_server.requests)
    loaded_before = static_server.requests[:static_server.requests.index("/sw.js")]
    assert {"/en/zoledronic-acid/", "/static/css/app.css", "/static/js/app.mjs"} <= set(loaded_before)
    # Chromium fetches the favicon itself, outside the page, while the worker installs: the two
    # requests may cross (without the worker a later request would find it in the HTTP cache).
    favicon = "/icons/any-192.png"
    assert not {path for path, n in asked.items() if n > 1} - {favicon}, "\n".join(static_server.requests)
    packed = {path for members in packs(frozen_build).values() for path in members}
    assert set(asked) == ({"/" + path.removeprefix("./") for path in set(precache(frozen_build)) - packed}
                          | {"/" + pack for pack in packs(frozen_build)} | {"/en/zoledronic-acid/", "/sw.js"})


class HeldHandler(QuietHandler):
    """Holds every request for a French page until `release` is set."""

    release: threading.Event

    def do_GET(self):
        if self.path.startswith("/fr/"):
            self.release.wait(30)
        super().do_GET()


def test_the_page_language_is_ready_first_the_other_after(browser, browser_context_args, frozen_build):
    """Install (what navigator.serviceWorker.ready waits for) stores the English pages and the shared
    files while every French request is held; the French pages follow once it is released."""
    release = threading.Event()
    server = serve_build(frozen_build, type("Held", (HeldHandler,), {"release": release}))
    context = browser.new_context(**browser_context_args)
    try:
        page = context.new_page()
        page.goto(server.url + "/en/references/")
        wait_for_service_worker(page)
        stored = set(page.evaluate(_STORED))
        files = set(precache(frozen_build))
        assert stored == {path for path in files if not path.startswith("fr/")}
        release.set()
        wait_for_whole_precache(page, frozen_build)
    finally:
        release.set()
        context.close()
        server.stop()


def test_a_copy_from_another_build_in_the_http_cache_is_not_stored(page, site_copy):
    """The HTTP cache holds another build's style sheet (kept fresh by its old date): the worker sees
    that its hash is not this build's and fetches the file again, so the two builds never mix."""
    css = site_copy.directory / "static/css/app.css"
    real = css.read_bytes()
    css.write_bytes(real.replace(b"}", b"}\n", 1))  # another build's copy
    long_ago = css.stat().st_mtime - 30 * 86400
    os.utime(css, (long_ago, long_ago))  # a month old: the browser keeps it days without asking
    page.goto(site_copy.url + "/static/css/app.css")
    css.write_bytes(real)
    os.utime(css, (long_ago, long_ago))
    page.goto(site_copy.url + "/en/")
    wait_for_service_worker(page)
    assert site_copy.requests.count("/static/css/app.css") == 2  # the other copy, then this build's
    stored = page.evaluate("""() => caches.keys()
      .then((keys) => caches.open(keys.find((k) => k.startsWith("bone-mets-"))))
      .then((cache) => cache.match("/static/css/app.css")).then((r) => r.text())""")
    assert stored.encode() == real
