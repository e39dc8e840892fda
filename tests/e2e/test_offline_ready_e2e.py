"""The header says when the site works offline: "Preparing offline use…" until the service worker has every
file of the site, then "Ready offline" — and then it does work with the network cut."""
from __future__ import annotations

import re
import threading

import pytest
from playwright.sync_api import expect

from tests.conftest import QuietHandler, serve_build
from tests.e2e.browser import axe_violations
from webapp.freeze import PACK

STORED_ALL = """async () => {
  const sw = await (await fetch("/sw.js")).text();
  const files = Object.keys(JSON.parse(sw.match(/const FILES = (\\{.*?\\});/s)[1]));
  const cache = await caches.open((await caches.keys()).find((key) => key.startsWith("bone-mets-")));
  const stored = new Set((await cache.keys()).map((request) => request.url));
  return files.filter((path) => !stored.has(new URL(path, location.origin + "/").href));
}"""


@pytest.mark.parametrize(("lang", "preparing", "ready"), [
    ("en", "Preparing offline use…", "Ready offline"), ("fr", "Préparation de l’usage hors ligne…", "Prêt hors ligne")])
def test_ready_offline_is_said_once_every_file_is_stored(page, static_server, lang, preparing, ready):
    page.goto(f"{static_server.url}/{lang}/")
    mark = page.locator("#offline-status")
    expect(mark).to_have_text(re.compile(f"^({re.escape(preparing)}|{re.escape(ready)})$"))
    expect(mark).to_have_text(ready, timeout=30_000)
    assert page.evaluate(STORED_ALL) == []  # said only when true
    page.context.set_offline(True)
    page.goto(f"{static_server.url}/{lang}/zoledronic-acid/")
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("#offline-status")).to_have_text(ready)


def test_no_mark_where_service_workers_are_off(browser, browser_context_args, static_server):
    context = browser.new_context(**browser_context_args, service_workers="block")
    page = context.new_page()
    page.goto(f"{static_server.url}/en/")
    page.wait_for_load_state("networkidle")
    expect(page.locator("#offline-status")).to_be_hidden()
    context.close()


@pytest.fixture
def held_site(frozen_build):
    """The frozen site whose language packs wait for a gate: offline use stays "preparing" until it opens."""
    gate = threading.Event()

    class Held(QuietHandler):
        def do_GET(self) -> None:
            if self.path.endswith("/" + PACK):
                gate.wait(30)
            super().do_GET()

    server = serve_build(frozen_build, Held)
    yield server.url, gate
    gate.set()
    server.stop()


HEADER_HEIGHT = "document.querySelector('header.top').getBoundingClientRect().height"
# A page of each style sheet: some say `[hidden] { display: none !important }`.
SHEETS = ["zoledronic-acid/", "schedule/", "my-treatment/", "my-treatment/cards/"]


def header_heights(page) -> tuple[float, float]:
    """The header's height with the mark shown, then hidden as where workers are off."""
    shown = page.evaluate(HEADER_HEIGHT)
    page.locator("#offline-status").evaluate("el => { el.hidden = true; }")
    return shown, page.evaluate(HEADER_HEIGHT)


@pytest.mark.parametrize(("lang", "preparing", "ready"), [
    ("en", "Preparing offline use…", "Ready offline"), ("fr", "Préparation de l’usage hors ligne…", "Prêt hors ligne")])
def test_the_mark_is_readable_in_each_state_and_never_moves_the_page(page, held_site, lang, preparing, ready):
    """Every other page is checked with service workers off (the mark then stays hidden): its contrast in
    both colour schemes, and the header keeping one height whether it is hidden, preparing or ready, are
    checked here, on the narrowest phone, on a page of each style sheet."""
    url, gate = held_site
    page.set_viewport_size({"width": 320, "height": 640})
    mark = page.locator("#offline-status")
    heights = {}
    for path in SHEETS:
        page.goto(f"{url}/{lang}/{path}")
        expect(mark).to_have_text(preparing)
        if path == SHEETS[0]:
            for scheme in ("light", "dark"):
                page.emulate_media(color_scheme=scheme)
                assert axe_violations(page, within="header.top") == [], ("preparing", scheme)
        heights[path] = header_heights(page)
    gate.set()
    page.reload()
    expect(mark).to_have_text(ready, timeout=30_000)
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert axe_violations(page, within="header.top") == [], ("ready", scheme)
    heights["ready"] = header_heights(page)
    assert len({height for pair in heights.values() for height in pair}) == 1, heights
