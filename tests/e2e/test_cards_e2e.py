"""The cards to carry, printed and filled from the record on the phone."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import axe_violations
from tests.e2e.test_carnet_e2e import PLAN, TODAY, new_code, open_carnet, tick

A6_POINTS = (297.6, 419.5)  # 105 × 148 mm


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_each_card_prints_on_one_a6_page(tab, live_server, lang):
    page = tab
    page.goto(f"{live_server}/{lang}/my-treatment/cards/")
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) == 2  # the dentist's card, then the warning signs
    assert all(abs(float(w) - A6_POINTS[0]) < 1 and abs(float(h) - A6_POINTS[1]) < 1 for w, h in boxes), boxes


def test_cards_fill_the_agent_and_last_injection_from_the_record(tab, live_server):
    page = tab
    open_carnet(page, f"{live_server}/en/my-treatment/#p={new_code(page, live_server, PLAN)}")
    tick(page, "injection-1", date=(TODAY.replace(day=1)).isoformat())
    page.get_by_role("link", name="Cards for the dentist and the warning signs").click()
    expect(page.locator("#cards-filled")).to_be_visible()
    expect(page.locator('.box[data-agent="denosumab"]')).to_have_attribute("data-checked", "")
    expect(page.locator('.box[data-agent="zoledronic_acid"]')).not_to_have_attribute("data-checked", "")
    expect(page.locator("[data-fill=last]")).to_have_text(re.compile(rf"\b1\b.*{TODAY.year}"))
    expect(page.locator("[data-fill=agent]")).to_have_text("Denosumab (Xgeva®)")
    assert axe_violations(page) == []


def test_cards_without_a_record_leave_blanks_for_the_pen(tab, live_server):
    page = tab
    page.goto(f"{live_server}/fr/my-treatment/cards/")
    expect(page.get_by_role("button", name="Imprimer les cartes")).to_be_visible()
    expect(page.locator("#cards-filled")).to_be_hidden()
    assert page.locator(".box[data-checked]").count() == 0
    expect(page.locator("[data-fill=last]")).to_have_text("")
    expect(page.locator("[data-agent-only=denosumab]")).to_be_visible()  # either agent: the warning stays
    assert axe_violations(page) == []
