"""A keystroke redraws only what changed in the answer (render.mjs `drawing`), and what is on screen is always
what a fresh fill of the whole result shows: checked after every keystroke of sequences that cross the rules'
boundaries, offline and on the live server, with the things other code changes in a result (a "Copied."
status, the hand-over link) never carried over to the next answer."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser import fill_form, wait_for_answer

# Page → (fields set first, the field then typed, its values: each sequence crosses a band or a count of rows)
SEQUENCES = {
    "zoledronic-acid": ({"age": "70", "weight": "70", "sex": "male", "unit": "umol/L"}, "creatinine",
                        [str(v) for v in range(60, 260, 9)]),  # CrCl 100 → 24 mL/min: every dose band, then none
    "vitamin-d": ({"unit": "ng/mL"}, "level", [str(v) for v in range(4, 64, 3)]),  # every deficiency band
    "schedule": ({"agent": "denosumab", "start": "2026-03-02", "unit": "ng/mL"}, "vitamin_d",
                 [str(v) for v in range(5, 50, 4)]),  # loading doses: several, fewer, none
}

# In the page: type each value (one synchronous `input` event, the mirror already loaded), then compare the
# region with a fresh fill of the same inputs, and note whether the headline element was kept.
TYPE_AND_COMPARE = """async ([name, values]) => {
  const { outcome } = await import("/static/js/calculator.mjs");
  const mirror = await import("/static/js/clinical/index.mjs");
  const { fill } = await import("/static/js/render.mjs");
  const form = document.querySelector("form[data-calculator]");
  const catalog = await (await fetch(form.dataset.catalog)).json();
  const region = document.getElementById("result");
  const field = form.querySelector(`[name="${name}"]`);
  const primary = form.dataset.primary.split(" ").filter(Boolean);
  const steps = [];
  for (const value of values) {
    const headline = region.querySelector(".answer");
    field.value = value;
    field.dispatchEvent(new Event("input", { bubbles: true }));
    const data = new FormData(form);
    const params = Object.fromEntries(form.dataset.fields.split(" ").filter((n) => data.has(n)).map((n) => [n, data.get(n)]));
    const answer = outcome(mirror, form.dataset.calculator, params, primary, true);
    const fresh = document.createElement("div");
    if (answer.state === "ok") fresh.append(fill(document.getElementById("tpl-result").content.cloneNode(true), answer.result, catalog));
    steps.push({ value, same: fresh.innerHTML === region.innerHTML, kept: headline !== null && headline === region.querySelector(".answer"),
                 shown: answer.state, screen: region.innerHTML, fresh: fresh.innerHTML });
  }
  return steps;
}"""


def set_fields(page: Page, values: dict[str, str]) -> None:
    fill_form(page, values)
    wait_for_answer(page)


def type_and_compare(page: Page, slug: str) -> list[dict]:
    first, name, values = SEQUENCES[slug]
    set_fields(page, {**first, name: values[0]})
    if slug == "schedule":  # the hand-over box built for the plan on screen, as a user sees it before typing on
        expect(page.locator("[data-handover]")).to_be_visible()
    return page.evaluate(TYPE_AND_COMPARE, [name, values[1:]])


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("slug", sorted(SEQUENCES))
def test_every_keystroke_shows_what_a_fresh_fill_shows(offline_page, slug, lang):
    page = offline_page(f"/{lang}/{slug}/")
    page.wait_for_selector("form[data-ready]")
    steps = type_and_compare(page, slug)
    for step in steps:
        assert step["same"], (step["value"], step["screen"], step["fresh"])
    assert all(step["shown"] == "ok" for step in steps)
    kept = [step["kept"] for step in steps[1:]]
    # Both ways are taken: most keystrokes rewrite figures in place, and a crossed boundary redraws the headline.
    assert sum(kept) >= len(kept) // 2, kept
    if slug != "schedule":  # the schedule's headline block keeps its shape; its rows change (compared above)
        assert not all(kept), kept


def test_after_the_server_answer_the_next_keystroke_draws_afresh(tab, live_server):
    page = tab
    page.goto(f"{live_server}/en/zoledronic-acid/")
    page.wait_for_selector("form[data-ready]")
    set_fields(page, {**SEQUENCES["zoledronic-acid"][0], "creatinine": "80"})
    with page.expect_response(lambda response: "creatinine=81" in response.url):
        page.fill('[name="creatinine"]', "81")
    wait_for_answer(page)
    expect(page.locator("#result .answer")).to_contain_text("74.4")  # 6027 / 81
    steps = page.evaluate(TYPE_AND_COMPARE, ["creatinine", ["95", "140"]])
    assert [step["same"] for step in steps] == [True, True], steps


def test_a_copied_status_does_not_stay_beside_a_new_answer(offline_page):
    page = offline_page("/en/zoledronic-acid/")
    page.wait_for_selector("form[data-ready]")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    set_fields(page, {**SEQUENCES["zoledronic-acid"][0], "creatinine": "80"})
    page.locator("#summary-zoledronic-acid ~ button.copy").click()
    status = page.locator("#summary-zoledronic-acid ~ [data-copy-status]")
    expect(status).to_have_text("Copied.")
    page.fill('[name="creatinine"]', "81")
    expect(page.locator("#summary-zoledronic-acid")).to_contain_text("74.4")  # 6027 / 81
    expect(status).to_be_empty()


def test_the_hand_over_link_follows_the_plan_on_screen(offline_page):
    page = offline_page("/en/schedule/")
    page.wait_for_selector("form[data-ready]")
    set_fields(page, {**SEQUENCES["schedule"][0], "vitamin_d": "12"})
    box = page.locator("[data-handover]")
    expect(box).to_be_visible()
    first = page.locator("#handover-link").inner_text()
    hidden_at_once = page.evaluate("""() => {
      const field = document.querySelector('[name="vitamin_d"]');
      field.value = "40";
      field.dispatchEvent(new Event("input", { bubbles: true }));
      return document.querySelector("[data-handover]").hidden;
    }""")
    assert hidden_at_once  # never the previous plan's link beside the new plan
    expect(box).to_be_visible()
    second = page.locator("#handover-link").inner_text()
    assert second != first
    expected = page.evaluate("""async () => {
      const { encode } = await import("/static/js/carnet-code.mjs");
      const form = document.querySelector("form[data-calculator]");
      const data = new FormData(form);
      const values = Object.fromEntries(form.dataset.fields.split(" ").filter((n) => data.has(n)).map((n) => [n, data.get(n)]));
      return encode(values);
    }""")
    assert second.endswith(f"#p={expected}")
    assert page.locator("[data-handover] a[data-link]").get_attribute("href") == second


def test_the_address_and_the_language_link_carry_what_was_just_typed(offline_page):
    """The address bar is written once typing pauses, and at once before any click: switching language right
    after the last keystroke opens the other language with the same inputs."""
    page = offline_page("/en/zoledronic-acid/")
    page.wait_for_selector("form[data-ready]")
    set_fields(page, {**SEQUENCES["zoledronic-acid"][0], "creatinine": "80"})
    expect(page).to_have_url(re.compile(r"creatinine=80"))
    with page.expect_navigation():  # the keystroke and the tap in one task: no timer can write the address between
        page.evaluate("""() => {
          const field = document.querySelector('[name="creatinine"]');
          field.value = "97";
          field.dispatchEvent(new Event("input", { bubbles: true }));
          document.querySelector("a[hreflang=fr]").click();
        }""")
    assert "creatinine=97" in page.url
    expect(page.locator("#result .answer")).to_contain_text("62,1")  # 6027 / 97, written the French way
