"""The copied summary is a note for the record: the day, the sentence with its inputs and sources, the rule set,
and a link that reopens the same calculation — from the server's page and from the offline mirror alike."""
from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from webapp.clinical.rules import RULES_DATE, RULES_VERSION
from webapp.formatting import format_date
from tests.test_pages import spaced

RULES_DAY = dt.date.fromisoformat(RULES_DATE)
QUERY = "age=85&weight=48&sex=female&creatinine=100&unit=umol%2FL"
EXPECTED = {
    "en": ("Calculated on {}.", "Zoledronic acid: contraindicated, creatinine clearance 27.4 mL/min",
           f"Rules {RULES_VERSION} ({format_date(RULES_DAY, 'en', 'long')}).", "Reopen this calculation: "),
    "fr": ("Calculé le {}.", "Acide zolédronique : contre-indiqué, clairance de la créatinine 27,4 mL/min",
           f"Règles {RULES_VERSION} ({format_date(RULES_DAY, 'fr', 'long')}).", "Rouvrir ce calcul : "),
}


def copied(page: Page) -> str:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.locator("#summary-zoledronic-acid ~ button.copy").click()
    expect(page.locator("[data-copy-status]").first).not_to_be_empty()
    return page.evaluate("navigator.clipboard.readText()")


def check(note: str, lang: str, url: str) -> None:
    day, sentence, rules, reopen = EXPECTED[lang]
    lines = [spaced(line) for line in note.split("\n")]
    assert len(lines) == 3, note
    assert lines[0] == spaced(day.format(format_date(dt.date.today(), lang)))
    assert lines[1].startswith(sentence) and lines[1].endswith(rules), lines[1]
    assert lines[2] == reopen + url


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_note_from_the_server_page_reopens_the_same_calculation(tab: Page, live_server, lang):
    page = tab
    page.goto(f"{live_server}/{lang}/zoledronic-acid/?{QUERY}")
    page.wait_for_selector("form[data-ready]")
    note = copied(page)
    check(note, lang, page.url)
    summary = note.split("\n")[1]
    page.goto(note.split("\n")[2].split(": ", 1)[1])
    page.wait_for_selector("form[data-ready]")
    assert " ".join(page.locator("#summary-zoledronic-acid").inner_text().split()) == summary


def test_note_from_the_offline_mirror_has_the_typed_query(page: Page, go_offline):
    go_offline("/en/zoledronic-acid/")
    page.wait_for_selector("form[data-ready]")
    for name, value in (("age", "85"), ("weight", "48"), ("creatinine", "100")):
        page.fill(f'[name="{name}"]', value)
    for name, value in (("sex", "female"), ("unit", "umol/L")):  # the visible segment, as a user picks it
        page.locator(f'label:has(input[name="{name}"][value="{value}"])').click()
    expect(page.locator("#summary-zoledronic-acid")).to_contain_text("27.4")
    page.wait_for_function("location.search.includes('sex=female')")
    check(copied(page), "en", page.url)
    assert "sex=female" in page.url and "creatinine=100" in page.url
