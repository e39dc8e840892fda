"""Every FHIR reading vector through the mirror in Chromium: the same reading as the Python core, exactly,
and junk files read the same way on both sides."""
from __future__ import annotations

import datetime as dt
import json
import random

from webapp.clinical import fhir
from webapp.clinical.parse import InvalidInput

from tests.fhir_vectors import fhir_cases
from tests.golden import assert_subset

from .canonical import canonical, canonical_errors, first_difference

CASES = fhir_cases()

_READ = """async ([url, text]) => {
  const m = await import(url);
  return JSON.stringify(JSON.parse(text).map(([resource, today, name]) => m.readFhir(resource, today, name)));
}"""


def python_reading(resource, today: str, calculator: str) -> dict:
    try:
        return {"result": canonical(fhir.read_bundle(resource, dt.date.fromisoformat(today), calculator).as_dict())}
    except InvalidInput as invalid:
        return {"errors": canonical_errors(invalid.errors)}


def js_readings(mirror, cases: list) -> list[dict]:
    return json.loads(mirror.page.evaluate(_READ, [mirror.url, json.dumps(cases)]))


def test_vectors_read_the_same_in_js_and_python(mirror) -> None:
    answers = js_readings(mirror, [(resource, today, calculator) for _, resource, today, calculator, _ in CASES])
    for (case_id, resource, today, calculator, expect), js in zip(CASES, answers):
        assert_subset(expect, js["result"], f"{case_id} JS $")
        assert first_difference(python_reading(resource, today, calculator), js) is None, case_id


def _mutations(rng: random.Random, base: dict) -> dict:
    """A vector Bundle with one entry's element swapped for junk: the edge cases real exports have."""
    bundle = json.loads(json.dumps(base))
    entries = bundle["entry"]
    resource = rng.choice(entries)["resource"]
    junk = [None, "", 0, -0.0, 1e-5, 1e15, 98.5, True, [], {}, "2026-11-30", "2026-11-30T10:00:00+14:00",
            "2026-02-29", "0000-01-01", "male", "other", "umol/L", "mg/dL", "g/L", "<", "final", "1951-02-28",
            {"system": fhir.LOINC, "code": "2160-0"}, {"value": 1.2, "code": "mg/dL"}]
    key = rng.choice(["status", "effectiveDateTime", "gender", "birthDate", "id", "resourceType", "valueQuantity",
                      "code", "comparator"])
    target = resource.get("valueQuantity") if key == "comparator" and isinstance(resource.get("valueQuantity"), dict) \
        else resource
    target[key] = rng.choice(junk)
    if rng.random() < 0.3:
        entries.append(rng.choice(entries))
    return bundle


def test_mutated_bundles_read_the_same_in_js_and_python(mirror) -> None:
    rng = random.Random(17)
    bases = [resource for _, resource, _, _, _ in CASES]
    cases = [(_mutations(rng, rng.choice(bases)), rng.choice(["2026-12-01", "2026-11-29", "2027-01-15"]),
              rng.choice(sorted(fhir.FILLS) + ["onj"])) for _ in range(600)]
    cases += [(junk, "2026-12-01", "zoledronic-acid") for junk in
              (None, [], "x", 3, {"resourceType": "Bundle", "entry": None}, {"resourceType": "Observation"})]
    for case, js in zip(cases, js_readings(mirror, cases)):
        difference = first_difference(python_reading(*case), js)
        assert difference is None, (difference, case)
