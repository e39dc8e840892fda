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


# Each test starts as a first visit would: nothing remembered on the device (e.g. a unit).
FORGET = "localStorage.clear(); sessionStorage.clear();"


def open_afresh(page: Page, url: str, viewport: dict) -> Page:
    """A kept page at url as a test expects a new one: loaded (not only scrolled to a #fragment of the
    address it is at), at the viewport asked for, no permission granted."""
    if page.url.split("#")[0] == url.split("#")[0]:
        page.goto("about:blank")
    page.context.clear_permissions()
    page.set_viewport_size(viewport)
    page.goto(url)
    return page


@pytest.fixture(scope="session")
def offline_contexts(browser, browser_context_args, static_site):
    """page(lang): the static site installed once (a fresh install per test costs seconds and proves
    nothing more), the network cut, and one page kept open per language for the tests that only read."""
    pages = {}

    def get(lang: str) -> Page:
        if not pages:
            context = browser.new_context(**browser_context_args)
            context.add_init_script(FORGET)
            page = context.new_page()
            page.goto(f"{static_site.url}/{lang}/")
            wait_for_service_worker(page)
            # Active is not enough: the other language is stored after. "Ready offline" is said once every
            # file of both is stored (test_offline_ready_e2e).
            page.wait_for_selector("#offline-status.ready", timeout=30_000)
            context.set_offline(True)
            pages[lang] = page
        if lang not in pages:
            pages[lang] = next(iter(pages.values())).context.new_page()
        return pages[lang]

    yield get
    if pages:
        next(iter(pages.values())).context.close()


@pytest.fixture
def offline_page(offline_contexts, static_site, browser_context_args):
    """open(path): the installed static site, offline, at that path, in its language's kept page (a new
    page per test would start a new renderer process: a third of a calculator test's CPU)."""

    def open_offline(path: str) -> Page:
        page = offline_contexts(path.split("/")[1])
        return open_afresh(page, static_site.url + path, browser_context_args["viewport"])

    return open_offline


@pytest.fixture(scope="module")
def kept_page(browser, browser_context_args):
    context = browser.new_context(**browser_context_args, service_workers="block")
    context.add_init_script(FORGET)
    yield context.new_page()
    context.close()


@pytest.fixture
def kept_tab(kept_page, browser_context_args):
    """open(url, viewport=None): `tab`'s phone, without the service worker, but one page kept open for a
    module's tests that only load, fill and read (no listener, route, offline or media change left
    behind): each load starts with nothing stored (local and session storage cleared; the HTTP cache,
    which holds only what the server would send again, is kept), at the phone's viewport unless
    another is asked for."""
    return lambda url, viewport=None: open_afresh(kept_page, url, viewport or browser_context_args["viewport"])
