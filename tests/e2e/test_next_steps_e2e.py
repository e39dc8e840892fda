"""A next-step link opens the next calculator with the values already in its fields and computes with
them, on the live server and offline on the static site (where the browser puts them back)."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import fill_and_leave, result_text, wait_for_answer


def follow_to_schedule(page, lang: str):
    page.wait_for_selector("form[data-ready]")
    fill_and_leave(page, {"crcl": "55"})
    wait_for_answer(page)
    page.locator("#result a.next-step").first.click()
    page.wait_for_url(re.compile(r"/schedule/\?agent=zoledronic_acid&crcl=55$"))
    page.wait_for_selector("form[data-ready]")
    expect(page.locator('[name="crcl"]')).to_have_value("55")
    expect(page.locator('input[name="agent"][value="zoledronic_acid"]')).to_be_checked()
    fill_and_leave(page, {"start": "2031-01-06"})
    return result_text(page)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_next_step_carries_the_clearance_live(tab, live_server, lang):
    tab.goto(f"{live_server}/{lang}/zoledronic-acid/")
    assert re.search(r"3[.,]5\s*mg", follow_to_schedule(tab, lang))


def test_next_step_carries_the_clearance_offline(offline_page):
    page = offline_page("/en/zoledronic-acid/")
    assert re.search(r"3\.5\s*mg", follow_to_schedule(page, "en"))
