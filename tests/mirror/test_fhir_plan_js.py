"""The plan exported as FHIR (static/js/fhir-plan.mjs), for every schedule vector: a Bundle that the
`fhir.resources` models accept (R4B, whose CarePlan, MedicationRequest and Provenance are R4's), with one
activity per event of the core's schedule, the agent's dose, and references that resolve."""
from __future__ import annotations

import json

import pydantic
import pytest
from fhir.resources.R4B.bundle import Bundle

from webapp.clinical import CALCULATORS

from tests.golden import vector_cases

SCHEDULES = [(case_id, case["input"]) for case_id, name, case in vector_cases()
             if name == "schedule" and "expect" in case]
TEXTS = {"title": "24-month plan", "patient": "The patient", "app": "Bone metastases of lung cancer", "agent": "Agent"}

_BUILD = """async ([origin, cases, texts]) => {
  const core = await import(origin + "/js/clinical/index.mjs");
  const plan = await import(origin + "/js/fhir-plan.mjs");
  return JSON.stringify(cases.map((params) => {
    const result = core.run("schedule", params).result;
    return plan.planBundle(result, {...texts, labels: result.events.map((e) => e.kind + " " + e.date)});
  }));
}"""


def test_every_schedule_vector_exports_a_valid_bundle(mirror, static_origin):
    assert len(SCHEDULES) > 10
    bundles = json.loads(mirror.page.evaluate(_BUILD, [static_origin, [p for _, p in SCHEDULES], TEXTS]))
    for (case_id, params), data in zip(SCHEDULES, bundles):
        Bundle.model_validate(data)  # raises on any resource or element FHIR does not allow
        result = CALCULATORS["schedule"](params).as_dict()
        plan, request, provenance = (entry["resource"] for entry in data["entry"])
        urls = [entry["fullUrl"] for entry in data["entry"]]
        assert [a["detail"]["scheduledPeriod"]["start"] for a in plan["activity"]] == \
            [e["date"] for e in result["events"]], case_id
        assert [a["detail"]["code"]["coding"][0]["code"] for a in plan["activity"]] == \
            [e["kind"] for e in result["events"]]
        assert (plan["period"], plan["subject"]) == ({"start": result["start"], "end": result["end"]},
                                                     {"display": "The patient"})
        first = next(e for e in result["events"] if e["kind"] == "injection")
        doses = request["dosageInstruction"][0].get("doseAndRate")
        assert doses == (None if first["dose_mg"] is None else
                         [{"doseQuantity": {"value": first["dose_mg"], "unit": "mg", "system": "http://unitsofmeasure.org",
                                            "code": "mg"}}])
        assert request["basedOn"] == [{"reference": urls[0]}]
        assert provenance["target"] == [{"reference": urls[0]}, {"reference": urls[1]}]
        assert provenance["agent"][0]["who"]["display"] == "Bone metastases of lung cancer"
        assert len(set(urls)) == 3


def test_a_broken_bundle_is_refused_by_the_validator():
    """The validation above can fail: a CarePlan without its intent is not FHIR."""
    broken = {"resourceType": "Bundle", "type": "collection",
              "entry": [{"resource": {"resourceType": "CarePlan", "status": "active", "subject": {"display": "x"}}}]}
    with pytest.raises(pydantic.ValidationError):
        Bundle.model_validate(broken)
