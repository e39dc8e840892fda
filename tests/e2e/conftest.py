"""End-to-end fixtures: a phone-sized context and the offline static site."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.e2e.browser import wait_for_service_worker



@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, playwright):
    return {**browser_context_args, **playwright.devices["Pixel 7"]}


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
