"""The header says when the site works offline: "Preparing offline use…" until the service worker has every
file of the site, then "Ready offline" — and then it does work with the network cut."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

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
