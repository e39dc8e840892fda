"""Filling a calculator from a lab file on the frozen site with the network cut: the values are shown
with their date and code, used only once confirmed, and give the answer the same values typed give."""
from __future__ import annotations

import datetime as dt
import json

from playwright.sync_api import expect

from webapp.clinical import fhir

from tests.e2e.browser import axe_violations, fill_form, result_text
from tests.fhir_vectors import bundle
from tests.test_pages import spaced

WRITTEN_ON = dt.date(2026, 12, 1)  # the day the vector Bundles were written for


def as_of_today(stem: str) -> dict:
    """A vector Bundle with its measurement dates moved so that they are as old today as on WRITTEN_ON."""
    shift = dt.date.today() - WRITTEN_ON

    def moved(value):
        if isinstance(value, dict):
            return {key: (str(dt.date.fromisoformat(item[:10]) + shift) + item[10:]
                          if key == "effectiveDateTime" and len(item) >= 10 else moved(item))
                    for key, item in value.items()}
        return [moved(item) for item in value] if isinstance(value, list) else value

    return moved(bundle(stem))


def open_import(page):
    page.wait_for_selector("form[data-ready]")
    page.wait_for_selector("[data-fhir-import][data-ready]")
    page.locator("[data-fhir-import] summary").click()


def form_values(page, names) -> dict[str, str]:
    return page.evaluate("""(names) => Object.fromEntries(names.map((n) => {
        const inputs = [...document.querySelectorAll(`form [name="${n}"]`)];
        const checked = inputs.find((i) => i.type === "radio" && i.checked);
        return [n, inputs[0].type === "radio" ? (checked ? checked.value : "") : inputs[0].value];
    }))""", list(names))


def test_zoledronic_acid_filled_from_a_french_bundle_offline(page, go_offline, static_server):
    resource = as_of_today("french-umol")
    expected = fhir.read_bundle(resource, dt.date.today(), "zoledronic-acid").values
    go_offline("/fr/zoledronic-acid/")
    open_import(page)
    page.set_input_files("#fhir-file", files=[{"name": "bilan.json", "mimeType": "application/fhir+json",
                                                "buffer": json.dumps(resource).encode()}])
    review = page.locator("[data-fhir-review]")
    review.wait_for(state="visible")
    rows = review.locator("tbody tr").all_inner_texts()
    assert len(rows) == 5
    assert rows[0].startswith("Créatininémie\t") and "98 umol/L" in rows[0] and "LOINC 14682-9 · Observation/creat" in rows[0]
    creatinine_day = dt.date.fromisoformat(resource["entry"][1]["resource"]["effectiveDateTime"][:10])
    assert str(creatinine_day.year) in rows[0] and "vieille" not in rows[0]
    ignored = review.locator("[data-fhir-ignored] li").all_inner_texts()
    assert "Practitioner/dr — Seuls les Observation et le Patient sont lus." in ignored
    assert any("LOINC 62292-8" in item and "Non utilisée par ce calculateur." in item for item in ignored)
    assert set(form_values(page, expected).values()) == {""}, "nothing is filled before the user confirms"
    requests_before = len(static_server.requests)

    page.get_by_role("button", name="Utiliser ces valeurs").click()
    assert form_values(page, expected) == expected
    filled = result_text(page)
    assert "4,0 mg" in spaced(filled) and "66,4 mL/min" in spaced(filled)
    assert page.locator("[data-fhir-status]").inner_text().startswith("Valeurs reprises du fichier")
    assert static_server.requests[requests_before:] == []  # read on the device

    page.reload()
    page.wait_for_selector("form[data-ready]")
    page.evaluate("() => history.replaceState(null, '', location.pathname)")
    page.locator("form details.field summary").click()  # the height is in the optional part
    fill_form(page, expected)
    assert result_text(page) == filled


def test_pasted_bundle_lists_what_is_stale_or_ignored_and_cancel_fills_nothing(page, go_offline):
    go_offline("/en/zoledronic-acid/")
    open_import(page)
    page.fill("#fhir-text", json.dumps(as_of_today("stale-and-repeated")))
    page.get_by_role("button", name="Read", exact=True).click()
    review = page.locator("[data-fhir-review]")
    review.wait_for(state="visible")
    weight = review.locator("tbody tr", has_text="Actual body weight").inner_text()
    assert "58.2 kg" in weight and "77 days old: check that it still holds." in weight
    ignored = review.locator("[data-fhir-ignored] li").all_inner_texts()
    assert len(ignored) == 5
    assert any(item.startswith("LOINC 2160-0 · Observation/cr-old") and "The file has a newer value" in item
               for item in ignored)
    assert any("Result status “preliminary”" in item for item in ignored)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Cancel").click()
    assert review.is_hidden()
    assert form_values(page, ["creatinine", "weight", "sex"]) == {"creatinine": "", "weight": "", "sex": ""}


def test_a_file_with_nothing_usable_says_so(page, go_offline):
    go_offline("/en/vitamin-d/")
    open_import(page)
    page.fill("#fhir-text", json.dumps(as_of_today("wrong-unit")))
    page.get_by_role("button", name="Read", exact=True).click()
    expect(page.locator("[data-fhir-status]")).to_have_text("Nothing in this file fills this form.")
    assert page.get_by_role("button", name="Use these values").is_hidden()
    page.fill("#fhir-text", "{not json")
    page.get_by_role("button", name="Read", exact=True).click()
    expect(page.locator("[data-fhir-status]")).to_have_text("This is not a FHIR R4 Bundle, Observation or Patient in JSON.")
    assert page.locator("[data-fhir-review]").is_hidden()
