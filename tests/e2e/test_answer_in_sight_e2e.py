"""The answer in sight on a small phone with the on-screen keyboard up (a 360×360 viewport): after the last
field is typed, the headline is on screen — in place, or in the compact bar at the bottom — and the bar never
shows an answer that is being replaced."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import fill_form, wait_for_answer
from tests.e2e.scenarios import SCENARIOS
from webapp.pages import PAGES

# One complete answer per page, from the hand-worked scenarios; the schedule's own.
INPUTS = {slug: inputs for _, slug, _, inputs, texts in reversed(SCENARIOS)
          if not any(text.startswith("error-") for text in texts)}
INPUTS["schedule"] = {"agent": "zoledronic_acid", "start": "2031-01-06", "interval": "4w", "crcl": "55",
                      "vitamin_d": "12", "unit": "ng/mL"}
KEYBOARD_UP = {"width": 360, "height": 360}

IN_SIGHT = """() => {
  const headline = document.querySelector("#result .answer");
  const bar = document.getElementById("result-bar");
  const seen = (el) => { const r = el.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight && r.height > 0; };
  if (!headline) return "no headline";
  if (seen(headline)) return "in place";
  if (!bar.hidden && seen(bar) && bar.textContent.startsWith(headline.textContent)) return "in the bar";
  return "out of sight";
}"""


def test_every_calculator_page_has_a_scenario():
    assert sorted(INPUTS) == sorted(PAGES)


@pytest.mark.parametrize("slug", sorted(PAGES))
def test_the_headline_is_in_sight_after_the_last_field(kept_tab, live_server, slug):
    page = kept_tab(f"{live_server}/en/{slug}/", viewport=KEYBOARD_UP)
    page.wait_for_selector("form[data-ready]")
    fill_form(page, INPUTS[slug])
    wait_for_answer(page)
    page.wait_for_function(f"() => ({IN_SIGHT})() !== 'out of sight'")
    assert page.evaluate(IN_SIGHT) in ("in place", "in the bar")


def test_the_bar_goes_with_a_withdrawn_answer_and_leads_to_the_result(kept_tab, live_server):
    page = kept_tab(f"{live_server}/en/zoledronic-acid/", viewport=KEYBOARD_UP)
    page.wait_for_selector("form[data-ready]")
    fill_form(page, {"age": "70", "weight": "70", "sex": "male", "creatinine": "120", "unit": "umol/L"})
    wait_for_answer(page)
    bar = page.locator("#result-bar")
    expect(bar).to_be_visible()
    expect(bar).to_contain_text("3.5 mg")
    expect(bar).to_contain_text("From: Male, 70 years, 70 kg, creatinine 120 µmol/L")  # the inputs it used
    # Withdrawn (a new answer on its way): the bar is hidden in the same task, before any frame is drawn.
    assert page.evaluate("""() => { document.getElementById("result").setAttribute("aria-busy", "true");
                                   return new Promise((done) => queueMicrotask(() => done(document.getElementById("result-bar").hidden))); }""")
    page.evaluate("document.getElementById('result').removeAttribute('aria-busy')")
    expect(bar).to_be_visible()
    bar.click()
    page.wait_for_function("() => document.querySelector('#result .answer').getBoundingClientRect().top < innerHeight")
    expect(bar).to_be_hidden()


def test_the_bar_works_offline_too(offline_page):
    page = offline_page("/fr/vitamin-d/")
    page.set_viewport_size(KEYBOARD_UP)
    page.wait_for_selector("form[data-ready]")
    fill_form(page, {"level": "8", "unit": "ng/mL", "start": "2024-01-15"})
    page.wait_for_function(f"() => ({IN_SIGHT})() !== 'out of sight'")
    assert page.evaluate(IN_SIGHT) in ("in place", "in the bar")
