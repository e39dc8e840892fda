"""End-to-end fixtures: a phone-sized context and the offline static site."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.e2e.browser import wait_for_service_worker


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, playwright):
    return {**browser_context_args, **playwright.devices["Pixel 7"]}


@pytest.fixture
def tab(browser, browser_context_args):
    """A phone's browser tab without the service worker, for the tests that are not about
    offline use: every request then reaches the server (and is seen), and no background
    precache is cut short when the test ends. A service worker on the live server stores the
    whole site in the background (seconds of browser time per test); only the tests about
    offline use need it. The header's mark then stays hidden, its line kept: its contrast and
    that line are checked once, in test_offline_ready_e2e."""
    context = browser.new_context(**browser_context_args, service_workers="block")
    yield context.new_page()
    context.close()


@pytest.fixture
def go_offline(page: Page, static_server):
    """Open a URL of the static site once online, then cut the network (or stop the server)."""

    def open_offline(path: str, how: str = "set_offline") -> Page:
        page.goto(static_server.url + path)
        wait_for_service_worker(page)
        if how == "set_offline":
            page.context.set_offline(True)
        else:
            static_server.stop()
        page.reload()
        return page

    return open_offline


@pytest.fixture(scope="session")
def offline_contexts(browser, browser_context_args, static_site):
    """One installed service worker per language, network cut, shared by the tests that only read:
    a fresh install per test costs seconds and proves nothing more."""
    contexts = {}

    def get(lang: str):
        if lang not in contexts:
            context = browser.new_context(**browser_context_args)
            # Each test starts as a first visit would: nothing remembered on the device (e.g. a unit).
            context.add_init_script("localStorage.clear(); sessionStorage.clear();")
            page = context.new_page()
            page.goto(f"{static_site.url}/{lang}/")
            wait_for_service_worker(page)
            # Active is not enough: the other language is stored after (a test may switch to it offline).
            # "Ready offline" is said once every file is stored (test_offline_ready_e2e).
            page.wait_for_selector("#offline-status.ready", timeout=30_000)
            context.set_offline(True)
            page.close()
            contexts[lang] = context
        return contexts[lang]

    yield get
    for context in contexts.values():
        context.close()


@pytest.fixture
def offline_page(offline_contexts, static_site):
    """open(path): a new page of the installed static site, offline, at that path."""
    pages = []

    def open_offline(path: str) -> Page:
        page = offline_contexts(path.split("/")[1]).new_page()
        pages.append(page)
        page.goto(static_site.url + path)
        return page

    yield open_offline
    for page in pages:
        page.close()
