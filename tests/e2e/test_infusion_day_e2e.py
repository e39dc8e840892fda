"""Zoledronic acid on the infusion day, on the patient's phone: the label's creatinine rule with the baseline
kept in the record, computed by the same core function as the clinician's page (its mirror), and the result
recorded with the infusion it was for."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.test_carnet_e2e import LONGEST, PLAN, TODAY, new_code, open_carnet, stored, watch_requests


def check(page, current: str, baseline: str | None = None, unit: str | None = None):
    form = page.locator("#za-check-form")
    if baseline is not None:
        form.get_by_label("Creatinine before the first infusion (baseline)").fill(baseline)
    if unit is not None:
        form.get_by_label(unit).check()
    form.get_by_label("Creatinine today").fill(current)
    form.get_by_role("button", name="Check").click()


def test_withhold_then_the_baseline_is_kept_and_the_same_answer_as_the_clinicians_page(tab, live_server, client):
    page = tab
    sent = watch_requests(page)
    open_carnet(page, f"{live_server}/en/my-treatment/#p={new_code(page, live_server, LONGEST)}")
    section = page.locator("#za-check")
    expect(section).to_be_visible()
    expect(page.locator("#za-event")).to_contain_text("Zoledronic acid infusion no. 1")

    check(page, "124", baseline="80")  # no unit chosen: asked for, nothing decided
    expect(page.locator("#error-za-unit")).not_to_be_empty()
    expect(page.locator("#za-answer")).to_be_empty()
    assert "checks" not in stored(page)

    check(page, "124", unit="µmol/L")  # a rise of 44 µmol/L: withhold (label)
    api = client.get("/api/v1/creatinine-check?baseline=80&current=124&unit=umol/L").get_json()
    assert api["decision"] == "withhold"
    expect(page.locator("#za-answer")).to_contain_text("Withhold the dose")
    expect(page.locator("#za-answer")).to_contain_text("call the oncology team")
    carnet = stored(page)
    assert carnet["baseline"] == {"value": 80, "unit": "umol/L"}
    assert carnet["checks"]["injection-1"] == {"date": TODAY.isoformat(), "baseline": 80, "current": 124,
                                               "unit": "umol/L", "decision": "withhold"}

    page.reload()  # the next visit: the baseline and its unit come from the record
    page.wait_for_selector("#carnet[data-ready]")
    expect(page.get_by_label("Creatinine before the first infusion (baseline)")).to_have_value("80")
    expect(page.get_by_label("µmol/L")).to_be_checked()
    check(page, "123.9")  # a rise of 43.9: give
    expect(page.locator("#za-answer")).to_contain_text("Give the dose")
    expect(page.locator("#za-answer")).to_contain_text("creatinine 123.9 µmol/L, baseline 80 µmol/L")  # as used
    assert stored(page)["checks"]["injection-1"]["decision"] == "give"
    assert sent and not [entry for entry in sent if "123.9" in entry or "current=" in entry]  # stays on the phone


def test_denosumab_has_no_creatinine_check_until_the_infusion_after_its_stop(tab, live_server):
    page = tab
    without_stop = {key: value for key, value in PLAN.items() if key != "stop"}
    open_carnet(page, f"{live_server}/fr/my-treatment/#p={new_code(page, live_server, without_stop)}")
    expect(page.locator("#za-check")).to_be_hidden()
    page.goto(f"{live_server}/fr/my-treatment/#p={new_code(page, live_server, PLAN)}")
    page.get_by_role("dialog").get_by_role("button", name="Remplacer").click()
    page.wait_for_selector("#carnet[data-ready]")
    expect(page.locator("#za-event")).to_contain_text(re.compile("Perfusion d.acide zolédronique après le dénosumab"))
