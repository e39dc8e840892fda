"""The schedule exported as a FHIR Bundle from the frozen site with the network cut: a valid file, made on
the device, with the events and texts the page shows."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from fhir.resources.R4B.bundle import Bundle

from webapp.clinical import CALCULATORS

from tests.e2e.browser import axe_violations, fill_form, result_text
from tests.test_pages import spaced


def test_zoledronic_acid_plan_downloaded_offline_is_valid_fhir(page, go_offline, static_server):
    start = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    inputs = {"agent": "zoledronic_acid", "start": start, "interval": "4w", "crcl": "45"}
    go_offline("/fr/schedule/")
    page.wait_for_selector("form[data-ready]")
    export = page.locator("[data-fhir-plan]")
    assert export.is_hidden()  # no plan, nothing to export
    fill_form(page, inputs)
    result_text(page)
    assert export.is_visible() and axe_violations(page) == []
    requests_before = len(static_server.requests)
    with page.expect_download() as download:
        page.get_by_role("button", name="Télécharger le plan (FHIR)").click()
    assert download.value.suggested_filename == f"plan-{start}.fhir.json"
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    Bundle.model_validate(data)
    assert static_server.requests[requests_before:] == []

    today = page.evaluate("() => document.querySelector('input[data-today]').value")
    events = CALCULATORS["schedule"]({**inputs, "today": today}).as_dict()["events"]
    plan, request, _ = (entry["resource"] for entry in data["entry"])
    shown = page.locator("#result table.schedule tbody tr td:nth-child(2)").all_inner_texts()
    assert [a["detail"]["description"] for a in plan["activity"]] == [text.strip() for text in shown]
    assert len(plan["activity"]) == len(events) and spaced(plan["title"]) == "Calendrier sur 24 mois"
    assert request["medicationCodeableConcept"]["text"] == "Acide zolédronique"
    assert request["dosageInstruction"][0]["doseAndRate"][0]["doseQuantity"]["value"] == 3.3
