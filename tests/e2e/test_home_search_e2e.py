"""The home search filters as you type, offline on the static site, and answers its own form there."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.browser import axe_violations


def shown(page) -> list[str]:
    return page.eval_on_selector_all("[data-search]:not([hidden]) a", "links => links.map(a => a.pathname)")


def test_typing_filters_the_pages_offline(offline_page):
    page = offline_page("/fr/")
    every = shown(page)
    page.get_by_label("Trouver un calculateur").fill("Zometa")
    expect(page.locator("#search-count")).to_have_text(re.compile(r"Pages trouvées\s*:\s*4"))
    assert "/fr/zoledronic-acid/" in shown(page) and len(shown(page)) < len(every)
    page.get_by_label("Trouver un calculateur").fill("mronj")
    assert shown(page) == ["/fr/jaw-osteonecrosis/"]
    page.get_by_label("Trouver un calculateur").fill("zzzz")
    expect(page.locator("#search-none")).to_be_visible()
    assert shown(page) == [] and axe_violations(page) == []
    page.get_by_label("Trouver un calculateur").fill("")
    assert shown(page) == every


def test_the_static_site_answers_its_search_link(offline_page):
    page = offline_page("/en/?q=clairance")
    expect(page.get_by_label("Find a calculator")).to_have_value("clairance")
    assert shown(page) == ["/en/zoledronic-acid/"]
